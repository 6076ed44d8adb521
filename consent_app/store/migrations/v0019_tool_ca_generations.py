"""Tool CA generations: ``studio revoke`` rotates the studio's tool CA (``studio/carotate.py``).

``studio_ca.generation`` numbers the studio's current root (0: the founding station's first one); every
root the studio used before is kept, public only (its private key is destroyed), in ``retired_tool_cas``:
the tools it issued stay trusted one by one (the studio's signed registry of them), never the root itself.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 19
DESCRIPTION = "tool CA generations: the retired roots of the studio's tool CA"

SCHEMA = """
ALTER TABLE studio_ca ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
CREATE TABLE retired_tool_cas (
    fingerprint TEXT PRIMARY KEY,    -- SHA-256 of the retired root's DER
    certificate TEXT NOT NULL,       -- PEM of the self-signed root (no private key is kept)
    generation INTEGER NOT NULL,
    retired_at TEXT NOT NULL,
    retired_by TEXT NOT NULL
)
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
