"""An index of the studio inbox rows held back (``accepted = 0``), usually none.

Every pull asks whether any row waits (``sync.pull``, ``held.held_base``), and ``studio status`` counts
them; without an index each question read the whole inbox, envelopes and all (about 1 ms per 10,000 rows,
twice per pull, growing with the studio's history). A partial index holds only the waiting rows, so the
answer costs the same at any size and rows stored accepted never touch it.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 23
DESCRIPTION = "index of the studio inbox rows held back"


def upgrade(conn) -> None:
    conn.execute("CREATE INDEX studio_inbox_waiting ON studio_inbox(station, seq) WHERE accepted = 0")
