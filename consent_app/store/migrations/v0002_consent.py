"""Signed consent records and their withdrawal events.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 2
DESCRIPTION = "signed consent records and their withdrawal events"

SCHEMA = """
CREATE TABLE IF NOT EXISTS consents (
    id TEXT PRIMARY KEY,            -- uuid; the record id is urn:uuid:<id>
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    session_id TEXT REFERENCES capture_sessions(id),
    state TEXT NOT NULL CHECK (state IN ('active', 'partially_withdrawn', 'withdrawn')),
    categories TEXT NOT NULL,       -- JSON list of edit categories consented to
    withdrawn_categories TEXT NOT NULL DEFAULT '[]',
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    language TEXT NOT NULL,
    terms_version TEXT NOT NULL,
    terms_text TEXT NOT NULL,       -- exactly what the subject was shown
    terms_sha256 TEXT NOT NULL,
    record TEXT NOT NULL,           -- RFC 8785 JSON of the signed record
    record_hash TEXT NOT NULL,      -- sha256 of `record`
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL,        -- base64url Ed25519 over `record`
    demo INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX IF NOT EXISTS consents_subject ON consents(subject_id);

CREATE TABLE IF NOT EXISTS consent_events (
    id TEXT PRIMARY KEY,
    consent_id TEXT NOT NULL REFERENCES consents(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('withdrawal')),
    categories TEXT NOT NULL,       -- JSON list withdrawn by this event
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    body TEXT NOT NULL,             -- RFC 8785 JSON of the signed event
    body_hash TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL,
    UNIQUE (consent_id, seq)
);
CREATE TRIGGER IF NOT EXISTS consents_record_frozen
BEFORE UPDATE OF record, record_hash, signature, kid, terms_text ON consents
BEGIN SELECT RAISE(ABORT, 'a signed consent record cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS consents_no_delete BEFORE DELETE ON consents
BEGIN SELECT RAISE(ABORT, 'consent records are kept; withdraw instead'); END;
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
