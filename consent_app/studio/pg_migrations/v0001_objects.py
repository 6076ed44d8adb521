"""The shared studio database: signed objects relayed between stations, and the witness of their heads.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 1
DESCRIPTION = "signed objects, station heads, alerts"

SQL = """
CREATE TABLE studio_schema (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    studio     TEXT NOT NULL,                  -- the studio id this database serves
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE studio_objects (
    gid        BIGSERIAL PRIMARY KEY,          -- pull cursor (arrival order)
    studio     TEXT NOT NULL,
    station    TEXT NOT NULL,
    seq        BIGINT NOT NULL CHECK (seq >= 1),
    kind       TEXT NOT NULL,
    object_id  TEXT NOT NULL,
    hash       TEXT NOT NULL,                  -- sha256 of the canonical envelope
    envelope   BYTEA NOT NULL,                 -- canonical JSON (personal data inside is encrypted)
    signature  BYTEA NOT NULL,                 -- Ed25519 by the station key
    pushed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (station, seq)
);
CREATE INDEX studio_objects_kind ON studio_objects (kind);

CREATE TABLE studio_conflicts (                 -- a second object under a taken (station, seq)
    id         BIGSERIAL PRIMARY KEY,
    station    TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    kept_hash  TEXT NOT NULL,
    other_hash TEXT NOT NULL,
    envelope   BYTEA NOT NULL,
    signature  BYTEA NOT NULL,
    seen_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE studio_heads (                     -- witness: the newest audit head each station pushed
    station     TEXT PRIMARY KEY,
    count       BIGINT NOT NULL,
    head        TEXT NOT NULL,
    object_seq  BIGINT NOT NULL,
    last_push   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_pull   TIMESTAMPTZ
);
"""
