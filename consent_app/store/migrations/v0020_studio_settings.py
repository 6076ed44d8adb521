"""Studio-wide settings: the signed ``studio.setting`` objects a station holds (``studio/settings_sync.py``).

Each object names the setting object it follows (``after``) and its depth in that chain; the deepest (then
the larger hash) is the studio's value, copied into ``settings`` (audited) at every station.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 20
DESCRIPTION = "studio-wide settings (signed, synced)"

SCHEMA = """
CREATE TABLE studio_settings (
    hash TEXT PRIMARY KEY,           -- the signed studio.setting object
    key TEXT NOT NULL,
    value TEXT NOT NULL,             -- JSON
    depth INTEGER NOT NULL,          -- 1 + the depth of the object it follows
    after TEXT NOT NULL,             -- the hash of that object ('' for the first)
    station TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX studio_settings_key ON studio_settings(key, depth)
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
