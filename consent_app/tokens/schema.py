"""Tables for issued tokens and their status lists (applied by store/migrations/v0003_tokens.py)."""

from __future__ import annotations

VERSION = 3
DESCRIPTION = "consent tokens and revocation status lists"

SCHEMA = """
CREATE TABLE status_lists (
    id TEXT PRIMARY KEY,            -- urn:uuid: of the BitstringStatusListCredential
    purpose TEXT NOT NULL CHECK (purpose = 'revocation'),
    size INTEGER NOT NULL CHECK (size >= 131072 AND size % 8 = 0),
    created_at TEXT NOT NULL
);

CREATE TABLE tokens (
    id TEXT PRIMARY KEY,            -- uuid; the token's id is urn:uuid:<id>
    consent_id TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    operations TEXT NOT NULL,       -- JSON list of edit categories
    bindings TEXT NOT NULL,         -- JSON list: assets / face / voice
    status_list TEXT NOT NULL REFERENCES status_lists(id),
    status_index INTEGER NOT NULL,
    sha256 TEXT NOT NULL,           -- of the compact token as issued
    revoked_at TEXT,
    revoked_by TEXT,
    revoked_reason TEXT,
    UNIQUE (status_list, status_index)
);
CREATE INDEX tokens_consent ON tokens(consent_id);
CREATE INDEX tokens_kid ON tokens(kid);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def require(conn) -> None:
    """Refuse clearly when the store has no token tables (its schema predates version 5)."""
    from consent_app.errors import StoreError

    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").fetchone()
    if row is None:
        raise StoreError("this store has no token tables yet (schema version 3); update consent_app")
