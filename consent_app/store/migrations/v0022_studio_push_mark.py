"""What of a studio station's outbox is on the server: one high-water mark, not a time on every row.

Pushing marked every pushed outbox row (``pushed_at``), which rewrote every page of the outbox a second
time (envelopes are most of a row): about 18 ms of the ~35 ms of a 3,000-object push's CPU went to
committing those pages again (bench/studio.py). A push goes in sequence order and marks what the server
took as one run, so what is on the server is always the prefix 1..``pushed_seq`` of the outbox; the time of
the last push stays in ``last_push_at``. The mark is taken from the rows as they are: the sequence before
the first row never marked pushed (a later row marked pushed after it is pushed again, which the server
takes idempotently: same station, sequence and hash). The per-row column is dropped, so nothing reads a
mark that is no longer written.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 22
DESCRIPTION = "studio outbox pushed up to a sequence (one mark), not a time per row"


def upgrade(conn) -> None:
    conn.execute("ALTER TABLE studio_sync ADD COLUMN pushed_seq INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "UPDATE studio_sync SET pushed_seq = COALESCE("
        "(SELECT MIN(seq) - 1 FROM studio_outbox WHERE pushed_at IS NULL), "
        "(SELECT MAX(seq) FROM studio_outbox), 0)")
    conn.execute("ALTER TABLE studio_outbox DROP COLUMN pushed_at")
