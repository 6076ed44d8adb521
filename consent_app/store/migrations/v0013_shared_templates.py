"""Face templates and voice embeddings shared between the stations of a studio, under per-subject keys.

* ``subject_keys``: the per-subject keys (AES-256) this station made or received; erasure deletes them.
* ``shared_templates``: other stations' templates as they arrived (sealed under the subject's key) and,
  once the key is here, the vector the 1:N index and the voice search use; erasure deletes the rows.
* ``subject_erasures``: subjects whose biometric data was erased at any station (a tombstone, so a
  template or key arriving later is never used), and when this station deleted their keys on the server.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 13
DESCRIPTION = "studio-wide templates: per-subject keys, shared templates, erasure tombstones"

SCHEMA = """
CREATE TABLE subject_keys (
    key_id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL,
    key BLOB NOT NULL,               -- 32 random bytes; the store itself is encrypted
    station TEXT NOT NULL,           -- the station that made it
    created_at TEXT NOT NULL,
    pushed_at TEXT                   -- wrapped under the studio data key on the server (NULL: not yet)
);
CREATE INDEX subject_keys_subject ON subject_keys(subject_id);

CREATE TABLE shared_templates (
    id TEXT PRIMARY KEY,             -- the template id at the station that captured it
    subject_id TEXT NOT NULL,
    key_id TEXT NOT NULL,
    station TEXT NOT NULL,
    modality TEXT NOT NULL CHECK (modality IN ('face', 'voice')),
    model TEXT NOT NULL,
    sealed BLOB NOT NULL,            -- nonce || AES-256-GCM under the subject key, as shared
    vector BLOB,                     -- opened once the key is here (NULL until then)
    display_name TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX shared_templates_subject ON shared_templates(subject_id);

CREATE TABLE subject_erasures (
    subject_id TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL,
    station TEXT NOT NULL,           -- where it was erased
    server_deleted_at TEXT           -- when this station deleted the subject's keys on the server
)
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
