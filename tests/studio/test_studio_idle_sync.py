"""A sync that finds nothing new must not read the inbox object by object: the inbox holds every object of
every station and grows for ever, and ``sync --watch`` runs a sync every second. Each station's first
object and newest sequence number are found by key lookups (a skip scan over (station, seq)), and the
signature keys are not read at all when nothing was fetched.

Checked on SQLite's own query plans of the statements an idle sync runs, so a query that reads the whole
inbox fails here however few rows the test has."""

from __future__ import annotations

from studiohelpers import pair, statements

from consent_app.studio import held, link, sync


def _plans(store, run) -> dict[str, list[str]]:
    """The query plan of every statement ``run`` makes on ``store`` (each statement once)."""
    plans = {}
    made = statements(store, run)
    with store.read() as conn:
        for sql in dict.fromkeys(made):
            if sql.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE"):
                continue
            plans[sql] = [row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return plans


def _inbox_scans(plans: dict[str, list[str]]) -> list[str]:
    """Statements that read studio_inbox entry by entry (the partial index of held-back rows is small and
    read to its first entry only)."""
    return [" ".join(sql.split())[:120] for sql, plan in plans.items()
            if any(step.startswith("SCAN studio_inbox") and "studio_inbox_waiting" not in step
                   for step in plan)]


def _pulled_notes(tmp_path, dsn: str, count: int):
    """Two stations; b has pulled ``count`` notes a made."""
    a, b = pair(tmp_path, dsn)
    sync.sync_once(a)
    with a.transaction() as tx:
        for i in range(count):
            link.append(tx, "bench.note", f"n{i}", {"n": i})
    sync.sync_once(a)
    assert sync.sync_once(b).accepted >= count
    return a, b


def test_an_idle_sync_reads_no_inbox_entry_by_entry(tmp_path, studio_dsn) -> None:
    a, b = _pulled_notes(tmp_path, studio_dsn, 5)
    try:
        plans = _plans(b, lambda: sync.sync_once(b))
        assert plans, "the idle sync ran no statement on the store"
        assert _inbox_scans(plans) == []
        assert held.STATIONS_CTE.split()[0] in " ".join(plans)  # the skip scan is what ran
    finally:
        a.close()
        b.close()


def test_the_skip_scans_give_what_the_full_scans_gave(tmp_path, studio_dsn) -> None:
    a, b = _pulled_notes(tmp_path, studio_dsn, 3)
    try:
        with b.read() as conn:
            tops = dict(conn.execute(held.TOPS_SQL).fetchall())
            grouped = dict(conn.execute("SELECT station, MAX(seq) FROM studio_inbox GROUP BY station"))
            keys = held.station_keys(conn)
            firsts = {s for (s,) in conn.execute("SELECT station FROM studio_inbox WHERE seq = 1")}
        assert tops == grouped
        assert len(tops) >= 1
        assert firsts
        assert firsts <= set(keys)
    finally:
        a.close()
        b.close()
