"""Complaint events without ``UNIQUE (complaint_id, seq)``: two stations of a studio may take the same step.

Each workflow event names the one before it (``previous``, a hash), so a complaint's events form a tree
rooted at its signed intake. On one station it is a single chain; when two stations of a studio move the
same complaint before syncing, both branches are kept and the later signed step decides the state
(``consent_app.complaints.register``; docs/studio.md). The rows are copied as they are and the append-only
triggers are made again; an index on ``(complaint_id, seq)`` keeps the reads by complaint fast.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 16
DESCRIPTION = "complaint events may branch (concurrent steps at two studio stations)"

SCHEMA = """
CREATE TABLE complaint_events_rebuild (
    id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL REFERENCES complaints(id),
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL,
    staff TEXT NOT NULL,
    body TEXT NOT NULL,             -- RFC 8785 JSON of the signed event
    body_hash TEXT NOT NULL,
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL
);
INSERT INTO complaint_events_rebuild
    (id, complaint_id, seq, state, at, staff, body, body_hash, kid, signature)
SELECT id, complaint_id, seq, state, at, staff, body, body_hash, kid, signature FROM complaint_events
ORDER BY rowid;
DROP TABLE complaint_events;
ALTER TABLE complaint_events_rebuild RENAME TO complaint_events;
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, seq);
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
