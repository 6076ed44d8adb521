"""Per-subject keys of the studio-wide templates: deletable, apart from the append-only object log.

Each row is one subject key wrapped (AES-256-GCM) under the studio data key, which PostgreSQL never sees:
the server holds neither a key nor a template in clear. Erasure deletes the subject's rows and leaves a
tombstone, so no station can put a key for that subject back.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 2
DESCRIPTION = "per-subject template keys (deletable) and erasure tombstones"

SQL = """
CREATE TABLE subject_keys (
    key_id     TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,
    station    TEXT NOT NULL,                  -- the station that made it
    wrapped    BYTEA NOT NULL,                 -- nonce || AES-256-GCM(studio data key, subject key)
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX subject_keys_subject ON subject_keys (subject);

CREATE TABLE subject_erasures (
    subject    TEXT PRIMARY KEY,
    station    TEXT NOT NULL,
    erased_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""
