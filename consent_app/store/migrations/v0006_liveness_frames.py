"""Challenge frames kept as liveness evidence (JPEG, in the encrypted store; erased with the other
biometric samples).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 6
DESCRIPTION = "liveness challenge frames kept as evidence"

SCHEMA = """
CREATE TABLE liveness_frames (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    session_id TEXT REFERENCES capture_sessions(id),
    nonce TEXT NOT NULL,            -- the challenge the frame belongs to
    position INTEGER NOT NULL,      -- order within the challenge
    mime TEXT NOT NULL,
    data BLOB,                      -- NULL once erased
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    erased_at TEXT
);
CREATE INDEX liveness_frames_subject ON liveness_frames(subject_id);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
