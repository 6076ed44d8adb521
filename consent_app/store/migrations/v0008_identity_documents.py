"""Identity documents read in a session: the subject's document number, name and birth date, kept
encrypted in the store; the signed record carries only salted commitments to them (salts here).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 8
DESCRIPTION = "identity documents (MRZ or resident ID number) with commitment salts"

SCHEMA = """
CREATE TABLE identity_documents (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    session_id TEXT REFERENCES capture_sessions(id),
    source TEXT NOT NULL,           -- mrz | prc_id
    format TEXT NOT NULL,           -- TD1 | TD2 | TD3 | PRC_ID
    document_type TEXT NOT NULL,
    issuing_state TEXT NOT NULL,
    document_number TEXT NOT NULL,
    surname TEXT NOT NULL,
    given_names TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    expiry_date TEXT NOT NULL,
    nationality TEXT NOT NULL,
    sex TEXT NOT NULL,
    checksum_ok INTEGER NOT NULL,
    salts TEXT NOT NULL,            -- JSON: field -> hex salt of the record's commitment
    created_at TEXT NOT NULL
);
CREATE INDEX identity_documents_number ON identity_documents(document_number);
CREATE INDEX identity_documents_subject ON identity_documents(subject_id);
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
