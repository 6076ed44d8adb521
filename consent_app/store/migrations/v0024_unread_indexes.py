"""Four indexes no query reads, dropped: every store open parses each index of the schema.

Opening a store parses the whole schema, and under ``cipher_memory_security`` each of SQLite's allocations
for it is ``mlock()``ed (and its temporaries wiped and ``munlock()``ed): 12-13 system calls per one-column
index, ~2.5 µs each. These four are read by no statement the app runs (EXPLAIN QUERY PLAN of every
statement of the store's test suites), and none serves a foreign key check (their tables' parents are
never deleted and their keys never change); each insert or update also paid for them:

- ``complaints_state``: complaints are listed all at once, in order of receipt (``state`` is a cache
  checked against the signed steps, never searched);
- ``evidence_session``: evidence is read by id or by subject, never by session;
- ``usage_receipts_token``: receipts are read by consent (or through a consent's subject), never by token;
- ``duty_runs_duty``: the duties' last runs are read in order of ``id``, all of them.

Nothing else changes: every table, column, constraint, unique index and trigger stays as it was.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

VERSION = 24
DESCRIPTION = "four indexes no query reads dropped (each costs the store's open its parse)"

DROPPED = ("complaints_state", "evidence_session", "usage_receipts_token", "duty_runs_duty")


def upgrade(conn) -> None:
    for name in DROPPED:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
