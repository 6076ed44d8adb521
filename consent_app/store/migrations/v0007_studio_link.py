"""A station's link to a multi-station studio: its station key, the pinned genesis, outbox and inbox.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 7
DESCRIPTION = "studio link: station key, outbox, inbox, sync state and alerts"

SCHEMA = """
CREATE TABLE studio_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    studio_id TEXT NOT NULL,
    studio_name TEXT NOT NULL,
    genesis_hash TEXT,               -- pinned when the studio is created or joined
    station_id TEXT NOT NULL,
    station_name TEXT NOT NULL,
    station_key BLOB NOT NULL,       -- Ed25519 seed; the database itself is encrypted
    data_key BLOB,                   -- studio data key (AES-256), once approved
    dsn TEXT NOT NULL,               -- connection string without its password
    dsn_password TEXT,               -- kept here, encrypted with the store (or NULL: in the keyring)
    role TEXT NOT NULL CHECK (role IN ('founder', 'member')),
    created_at TEXT NOT NULL
);

CREATE TABLE studio_outbox (
    seq INTEGER PRIMARY KEY,         -- this station's sequence, 1, 2, 3 ...
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    envelope BLOB NOT NULL,
    signature BLOB NOT NULL,
    created_at TEXT NOT NULL,
    pushed_at TEXT
);
CREATE UNIQUE INDEX studio_outbox_object ON studio_outbox(kind, object_id);
CREATE TRIGGER studio_outbox_no_delete BEFORE DELETE ON studio_outbox
BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
CREATE TRIGGER studio_outbox_frozen BEFORE UPDATE OF seq, kind, object_id, hash, envelope, signature
ON studio_outbox BEGIN SELECT RAISE(ABORT, 'outbox entries are append-only'); END;

CREATE TABLE studio_inbox (
    station TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    envelope BLOB NOT NULL,
    signature BLOB NOT NULL,
    gid INTEGER NOT NULL,            -- the shared database's cursor
    accepted INTEGER NOT NULL,       -- 1 verified and applied, 0 held back (station not trusted yet)
    received_at TEXT NOT NULL,
    PRIMARY KEY (station, seq)
);
CREATE INDEX studio_inbox_kind ON studio_inbox(kind, object_id);

CREATE TABLE studio_sync (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cursor INTEGER NOT NULL DEFAULT 0,
    last_push_at TEXT,
    last_pull_at TEXT,
    last_error TEXT
);

CREATE TABLE studio_alerts (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    code TEXT NOT NULL,
    params TEXT NOT NULL,            -- JSON
    resolved_at TEXT,
    resolved_by TEXT,
    resolution TEXT
);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
