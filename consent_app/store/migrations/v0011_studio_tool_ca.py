"""One tool CA per studio: a joining station's own CA is retired (kept public, certified by the studio's
root until the last tool it issued expires), and tool names are no longer unique per station (two stations
may register the same name concurrently; both certificates are recorded).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 11
DESCRIPTION = "retired (former) tool CAs of joined stations; tool names not unique"

SCHEMA = """
CREATE TABLE former_tool_cas (
    fingerprint TEXT PRIMARY KEY,    -- SHA-256 of the former root's DER
    certificate TEXT NOT NULL,       -- PEM of the self-signed former root (its private key is destroyed)
    cross_certificate TEXT NOT NULL, -- PEM: the same name and key certified by the studio's root
    station TEXT NOT NULL,           -- the station whose CA it was
    valid_until TEXT NOT NULL,       -- the last expiry of a tool certificate it issued
    retired_at TEXT NOT NULL
);
DROP INDEX IF EXISTS tool_certificates_live_name;
CREATE INDEX tool_certificates_name ON tool_certificates(name)
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
