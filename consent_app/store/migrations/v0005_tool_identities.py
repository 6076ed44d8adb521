"""Tool identities (the studio's small X.509 CA) and the usage ledger of marked outputs.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 5
DESCRIPTION = "studio CA, tool certificates and usage receipts"

SCHEMA = """
CREATE TABLE studio_ca (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    private_key BLOB NOT NULL,      -- Ed25519 seed; the database itself is encrypted
    certificate TEXT NOT NULL,      -- PEM of the self-signed root
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE tool_certificates (
    serial TEXT PRIMARY KEY,        -- decimal serial number of the certificate
    name TEXT NOT NULL,
    certificate TEXT NOT NULL,      -- PEM (public); the private key is never kept
    fingerprint TEXT NOT NULL UNIQUE, -- SHA-256 of the DER
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    not_after TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT,
    revoked_reason TEXT
);
CREATE UNIQUE INDEX tool_certificates_live_name ON tool_certificates(name) WHERE revoked_at IS NULL;

CREATE TABLE usage_receipts (
    produce_id TEXT PRIMARY KEY,
    token_id TEXT NOT NULL,         -- uuid of the token the output was made under
    consent_id TEXT NOT NULL,
    operation TEXT NOT NULL,
    tool_serial TEXT NOT NULL,
    tool_name TEXT NOT NULL,
    output_sha256 TEXT NOT NULL,
    phashes TEXT NOT NULL,          -- JSON list of 16-hex perceptual hashes
    made_at TEXT NOT NULL,
    receipt TEXT NOT NULL,          -- the compact JWS as received
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE INDEX usage_receipts_consent ON usage_receipts(consent_id);
CREATE INDEX usage_receipts_token ON usage_receipts(token_id);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
