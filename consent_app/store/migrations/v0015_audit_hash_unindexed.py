"""The audit table without the unique index on ``hash``: one random-key index page less per audit entry.

``hash TEXT NOT NULL UNIQUE`` kept an index nobody reads (entries are found by ``seq``: the chain check, the
head anchor, checkpoints and witnesses all compare the hash *at a count*), and a hash already covers its
``seq``, so two entries cannot share one. Every append still paid for it: an insert at a random place of
that index, so most commits dirtied (and SQLCipher encrypted and authenticated) one more page per entry —
about 3 % of the CPU of a write through the app's path (callgrind, bench/store.py's workload). The rows are
copied as they are (same ``seq``, same bytes), and the partial index and the append-only triggers are made
again.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 15
DESCRIPTION = "audit entries without the unread unique index on their hash"

SCHEMA = """
CREATE TABLE audit_rebuild (
    seq INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    details TEXT NOT NULL,          -- canonical JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_rebuild (seq, ts, actor, action, target, details, prev_hash, hash)
SELECT seq, ts, actor, action, target, details, prev_hash, hash FROM audit ORDER BY seq;
DROP TABLE audit;
ALTER TABLE audit_rebuild RENAME TO audit;
CREATE INDEX audit_event_target ON audit(target) WHERE action = 'consent.event';
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END
"""


def upgrade(conn) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
