"""Whether a station's store was written since its last sync: an unchanged store has nothing new to share.

Finding the rows a station has not shared yet reads every row of its consents, tokens, events, complaints
and tool certificates (``apply.collect``), about 30 ms at 10,000 consents, and ``sync --watch`` syncs every
second. The mark is SQLite's own: the rows changed through the store's connection (``total_changes``,
every write, in a transaction or not, even one rolled back) and the database's ``data_version`` (moved by
any other connection's commit, another process's too). Equal marks mean nothing was written in between,
so the sync skips looking (it still pushes whatever is in the outbox); any write, of any table, brings
the look back. A sync records the mark only when it wrote nothing but its cursor and times: one whose pull
fetched or applied anything, or revoked a token, or exchanged a subject key, may have made rows to share
(a revocation of this station's, say), and the next sync looks.
"""

from __future__ import annotations

import weakref

#: Per store, its mark at the end of its last successful sync.
_MARKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _mark(store) -> tuple[int, int]:
    with store.read() as conn:
        return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]


def unchanged(store) -> bool:
    """True when nothing was written to ``store`` since its last successful sync in this process."""
    previous = _MARKS.get(store)
    return previous is not None and previous == _mark(store)


def synced(store) -> None:
    """Remember the store's mark: after a sync that succeeded and wrote nothing to share."""
    _MARKS[store] = _mark(store)
