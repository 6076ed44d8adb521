"""Complaint personal data that an erasure of their subject removes (issue 16).

- ``complaint_event_notes``: the note of a workflow step of schema v2 (the signed step carries only a salted
  commitment to it), deleted when the complaint's subject is erased.
- ``complaint_erasures``: the complaints whose personal fields (contact, URL, notes, attachments' names and
  bytes) were erased with their subject; the signed intake and steps stay.
- ``complaint_sealed``: another studio station's personal fields of a complaint, sealed under the subject's
  key, waiting here until that key arrives (deleted when it opens, or at the subject's erasure).
- Attachments may lose their name and bytes (at an erasure); what was signed about them (kind, MIME type,
  size, SHA-256) stays frozen.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 18
DESCRIPTION = "complaint personal data erased with its subject"

SCHEMA = """
CREATE TABLE complaint_event_notes (
    event_id TEXT PRIMARY KEY,
    complaint_id TEXT NOT NULL,
    note TEXT NOT NULL,
    salt BLOB NOT NULL               -- of the commitment in the signed step
);
CREATE INDEX complaint_event_notes_complaint ON complaint_event_notes(complaint_id);
CREATE TABLE complaint_erasures (
    complaint_id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    erased_at TEXT NOT NULL
);
CREATE TABLE complaint_sealed (
    object_id TEXT PRIMARY KEY,      -- the complaint id (its intake's fields) or a step's id (its note)
    complaint_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('intake', 'event')),
    subject_id TEXT NOT NULL,
    key_id TEXT NOT NULL,
    sealed BLOB NOT NULL
);
CREATE INDEX complaint_sealed_complaint ON complaint_sealed(complaint_id);
DROP TRIGGER complaint_media_no_update;
CREATE TRIGGER complaint_media_frozen
BEFORE UPDATE OF id, complaint_id, kind, mime, size, sha256, created_at ON complaint_media
BEGIN SELECT RAISE(ABORT, 'complaint attachments cannot be changed'); END
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
