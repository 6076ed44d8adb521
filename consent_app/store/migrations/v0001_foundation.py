"""Foundation: studio meta, settings, staff, audit chain, signing keys, subjects and samples."""

VERSION = 1
DESCRIPTION = "foundation tables"

SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,            -- JSON
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    last_login_at TEXT
);

CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL,          -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;

CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
    private_key BLOB NOT NULL,      -- raw 32-byte seed; the database itself is encrypted
    public_key BLOB NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT
);

CREATE TABLE subjects (
    id TEXT PRIMARY KEY,            -- uuid; also the pseudonym used outside the studio
    display_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    biometrics_erased_at TEXT
);

CREATE TABLE capture_sessions (
    id TEXT PRIMARY KEY,
    subject_id TEXT REFERENCES subjects(id),
    operator TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);

CREATE TABLE samples (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    session_id TEXT REFERENCES capture_sessions(id),
    kind TEXT NOT NULL CHECK (kind IN ('face', 'id_document', 'voice', 'statement', 'signature')),
    mime TEXT NOT NULL,
    data BLOB,                      -- NULL once erased
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    erased_at TEXT
);
CREATE INDEX samples_subject ON samples(subject_id);

CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    sample_id TEXT REFERENCES samples(id),
    modality TEXT NOT NULL CHECK (modality IN ('face', 'voice')),
    model TEXT NOT NULL,
    vector BLOB,                    -- NULL once erased
    created_at TEXT NOT NULL,
    erased_at TEXT
);
CREATE INDEX templates_subject ON templates(subject_id);

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    session_id TEXT REFERENCES capture_sessions(id),
    subject_id TEXT REFERENCES subjects(id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,             -- canonical JSON
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX evidence_session ON evidence(session_id);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
