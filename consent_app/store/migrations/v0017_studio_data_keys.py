"""Studio data key generations after the first: a station revocation makes a new one (studio/datakeys.py).

Generation 0 stays in ``studio_link.data_key``; each later generation is kept (old objects stay readable).

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 17
DESCRIPTION = "studio data key generations (rotated at a station revocation)"

SCHEMA = """
CREATE TABLE studio_data_keys (
    label TEXT PRIMARY KEY,          -- "N.xxxxxxxx": generation N, first 8 hex of the key's SHA-256
    generation INTEGER NOT NULL,
    key BLOB NOT NULL,
    received_at TEXT NOT NULL
)
"""


def upgrade(conn) -> None:
    conn.execute(SCHEMA)
