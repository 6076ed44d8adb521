"""Push this station's outbox, pull everyone's objects, verify before applying, and witness heads.

- **Push** is idempotent on (station, seq): a batch the server holds none of is COPied straight in;
  otherwise it is merged with ``INSERT … ON CONFLICT DO NOTHING``. When the row already exists with
  another hash, a second object was made under a sequence this station already used (a
  restored or cloned store): that is an alarm, recorded in PostgreSQL and on this station, never dropped.
- **Pull** reads what each station added after the newest object held of it, parses it, then evaluates
  trust (``trust.evaluate``): only objects that chain to the pinned genesis and are signed by a trusted
  station (each its own signature) are accepted; forged rows are counted and alerted, never applied. A
  settled station judges only the new objects, against the heads it holds (``held.held_base``). The new
  rows are stored once, after that, marked accepted when applied.
- **Witness**: each push also sends the station's audit head; PostgreSQL keeps the newest one per
  station, and a station whose store no longer extends the head it pushed before (rolled back, or
  restored from an old backup) is refused at sync until an administrator reconciles it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from consent_app import audit, clock
from consent_app.messages import define
from consent_app.studio import (
    apply,
    db,
    held,
    link,
    objects,
    quiet,
    replicate,
    revocation,
    sigcheck,
    templates,
    trust,
)
from consent_app.studio.db import StudioError
from consent_app.studio.held import evaluate_local as evaluate_local  # used as sync.evaluate_local

MESSAGES = define({
    "studio.seq_conflict": "station {station} pushed a second, different object under sequence {seq}: "
                           "this store was restored from an old copy or cloned; an administrator must "
                           "reconcile it",
    "studio.rolled_back": "this station's store no longer extends the audit head it pushed before ({count} "
                          "entries, {head}): it was rolled back or restored; sync is refused until an "
                          "administrator reconciles it (`consent-app studio reconcile --reason TEXT`)",
    "studio.outbox_behind": "the studio database holds objects #{server} of this station but its outbox ends "
                            "at #{local}: the store is an old copy; sync is refused until an administrator "
                            "reconciles it",
    "studio.forged_rows": "{count} row(s) in the studio database carry no valid signature of a station of "
                          "this studio and were refused",
})

#: Rows per fetch: small enough that the first signatures are being checked while the rest arrive.
PULL_BATCH = 1000


@dataclass
class SyncResult:
    pushed: int = 0
    pulled: int = 0
    accepted: int = 0
    refused: int = 0
    alerts: list[str] = field(default_factory=list)
    held_back: int = 0                      # verified, waiting for what they depend on
    auto_revoked: list[str] = field(default_factory=list)
    _report: trust.TrustReport | None = None
    _store: object = None

    @property
    def report(self) -> trust.TrustReport:
        """Trust after the sync (computed on first use when the pull had nothing new to evaluate)."""
        if self._report is None:
            with self._store.read() as conn:
                self._report = held.evaluate_local(conn)
        return self._report


def _head_object(tx) -> None:
    """Append the current audit head to the outbox when it moved since the last one."""
    count, head = audit.head(tx)
    last = tx.execute("SELECT object_id FROM studio_outbox WHERE kind = 'audit.head' "
                      "ORDER BY seq DESC LIMIT 1").fetchone()
    if last is None or last[0] != str(count):
        link.append(tx, "audit.head", str(count), {"count": count, "head": head})


def check_witness(store, pg, station: str) -> None:
    """Refuse a store that no longer extends what it pushed (rolled back, restored, cloned)."""
    row = pg.execute("SELECT count, head FROM studio_heads WHERE station = %s", (station,)).fetchone()
    top = pg.execute("SELECT COALESCE(MAX(seq), 0) FROM studio_objects WHERE station = %s",
                     (station,)).fetchone()[0]
    with store.read() as conn:
        local_top = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM studio_outbox").fetchone()[0]
        open_alert = conn.execute("SELECT 1 FROM studio_alerts WHERE code IN ('studio.rolled_back', "
                                  "'studio.outbox_behind') AND resolved_at IS NULL").fetchone()
        if row is not None:
            count, head = int(row[0]), str(row[1])
            ours = audit.hash_at(conn, count) if count else ""
            local_count = audit.head(conn)[0]
            rolled = local_count < count or (count and ours != head)
        else:
            rolled = False
    if rolled or top > local_top or open_alert:
        code, params = (("studio.rolled_back", {"count": row[0], "head": str(row[1])[:16]}) if rolled
                        else ("studio.outbox_behind", {"server": int(top), "local": int(local_top)}))
        if open_alert is None:
            with store.transaction() as tx:
                link.raise_alert(tx, code, **params)
        raise StudioError(code=code, **params)


PUSH_BATCH = 5000
_PUSH_TYPES = ["text", "text", "int8", "text", "text", "text", "bytea", "bytea"]


_COLUMNS = "studio, station, seq, kind, object_id, hash, envelope, signature"


def _copy(cur, table: str, lk: link.Link, batch: list) -> None:
    with cur.copy(f"COPY {table} ({_COLUMNS}) FROM STDIN (FORMAT BINARY)") as copy:  # bytea as is, not hex
        copy.set_types(_PUSH_TYPES)
        for seq, kind, oid, digest, env, sig in batch:
            copy.write_row((lk.studio_id, lk.station_id, seq, kind, oid, digest, env, sig))


def _copy_new(pg, cur, lk: link.Link, batch: list) -> bool:
    """COPY the batch straight into ``studio_objects`` (the usual case: the server holds none of it); False,
    with nothing written (a savepoint), when it holds one of its (station, seq) already — a push cut short
    after the server's commit, or a clone of this station — and the batch must be merged row by row."""
    import psycopg

    try:
        with pg.transaction():
            _copy(cur, "studio_objects", lk, batch)
    except psycopg.errors.UniqueViolation:
        return False
    return True


def _merge(cur, lk: link.Link, batch: list) -> tuple[list, tuple | None]:
    """COPY into a scratch table, then one INSERT … ON CONFLICT DO NOTHING (idempotent per row); a row the
    server holds with another hash is a clash: recorded in ``studio_conflicts``, the batch cut before it.
    Returns (the rows pushed, the clash or None)."""
    cur.execute("CREATE TEMP TABLE IF NOT EXISTS push_batch (studio TEXT, station TEXT, seq BIGINT, "
                "kind TEXT, object_id TEXT, hash TEXT, envelope BYTEA, signature BYTEA) "
                "ON COMMIT DELETE ROWS")
    _copy(cur, "push_batch", lk, batch)
    cur.execute(f"INSERT INTO studio_objects ({_COLUMNS}) SELECT {_COLUMNS} FROM push_batch "  # noqa: S608
                "ORDER BY seq ON CONFLICT (station, seq) DO NOTHING")
    stored = dict(cur.execute("SELECT seq, hash FROM studio_objects WHERE station = %s AND seq BETWEEN %s "
                              "AND %s", (lk.station_id, batch[0][0], batch[-1][0])).fetchall())
    clash = next((r for r in batch if stored.get(r[0]) != r[3]), None)
    if clash is None:
        return batch, None
    seq, _kind, _oid, digest, env, sig = clash
    cur.execute("INSERT INTO studio_conflicts (station, seq, kept_hash, other_hash, envelope, signature) "
                "VALUES (%s, %s, %s, %s, %s, %s)", (lk.station_id, seq, stored.get(seq, ""), digest, env,
                                                    sig))
    return [r for r in batch if r[0] < seq], clash


def pushed_seq(conn) -> int:
    """The outbox is on the server up to this sequence (``studio_sync.pushed_seq``); the rows after it are
    not pushed yet."""
    row = conn.execute("SELECT pushed_seq FROM studio_sync WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def push(store, pg, *, look: bool = True) -> int:
    """Push the outbox in batches, in sequence order: one PostgreSQL transaction and one local transaction
    per batch, which moves the station's one mark (``pushed_seq``) to the batch's end — no row of the
    outbox is written again.

    A crash between the two leaves rows on the server that the outbox still calls unpushed; the next
    push finds them under the same (station, seq) with the same hash and only moves the mark."""
    with store.transaction() as tx:
        lk = link.require(tx)
        if look:  # not when nothing was written since the last sync (``quiet``)
            apply.collect(tx, lk)
            _head_object(tx)
        rows = tx.execute("SELECT seq, kind, object_id, hash, envelope, signature FROM studio_outbox "
                          "WHERE seq > ? ORDER BY seq", (pushed_seq(tx),)).fetchall()
    pushed = 0
    for start in range(0, len(rows), PUSH_BATCH):
        batch = rows[start:start + PUSH_BATCH]
        with pg.transaction(), pg.cursor() as cur:
            clash = None
            if not _copy_new(pg, cur, lk, batch):  # some of it is there already: merge row by row
                batch, clash = _merge(cur, lk, batch)
            heads = [r for r in batch if r[1] == "audit.head"]
            if heads:
                seq, _kind, _oid, _digest, env, sig = heads[-1]
                body = objects.parse(bytes(env), bytes(sig), station=lk.station_id, seq=seq).body
                cur.execute(
                    "INSERT INTO studio_heads (station, count, head, object_seq, last_push) "
                    "VALUES (%s, %s, %s, %s, now()) ON CONFLICT (station) DO UPDATE SET count = "
                    "excluded.count, head = excluded.head, object_seq = excluded.object_seq, "
                    "last_push = now() WHERE studio_heads.count <= excluded.count",
                    (lk.station_id, body["count"], body["head"], seq))
        with store.transaction() as tx:  # the server holds the outbox up to the batch's end: one mark
            top = batch[-1][0] if batch else 0
            tx.execute("UPDATE studio_sync SET pushed_seq = MAX(pushed_seq, ?), last_push_at = ? "
                       "WHERE id = 1", (top, clock.iso()))
        pushed += len(batch)
        if clash is not None:
            with store.transaction() as tx:
                link.raise_alert(tx, "studio.seq_conflict", station=lk.station_id, seq=clash[0])
            raise StudioError(code="studio.seq_conflict", station=lk.station_id, seq=clash[0])
    return pushed


def _missing(store, pg, studio: str) -> list[tuple[str, int]]:
    """(station, newest seq held here) for every station the server holds more of.

    The cursor is per station, not the server's arrival order: concurrent pushes take ``gid`` numbers
    when they start but become visible when they commit, so a lower gid can appear after a higher one
    was read. A station's own objects become visible in sequence order (it pushes them one batch after
    another), so "seq above the newest held" never skips one."""
    with store.read() as conn:
        have = dict(conn.execute(held.TOPS_SQL).fetchall())
        own = link.require(conn).station_id
        have[own] = pushed_seq(conn)
    tops = pg.execute(_TOPS, (studio,)).fetchall()
    return [(station, have.get(station, 0)) for station, top in tops
            if top is not None and top > have.get(station, 0)]


#: Each station's newest sequence number, from the (station, seq) index alone: one index probe per station
#: (a skip scan), where GROUP BY read every row of the table at every pull.
_TOPS = """WITH RECURSIVE stations(station) AS (
    SELECT MIN(station) FROM studio_objects
    UNION ALL
    SELECT (SELECT MIN(o.station) FROM studio_objects o WHERE o.station > s.station)
    FROM stations s WHERE s.station IS NOT NULL)
SELECT s.station, (SELECT MAX(o.seq) FROM studio_objects o WHERE o.station = s.station AND o.studio = %s)
FROM stations s WHERE s.station IS NOT NULL"""


def _fetch(pg, studio: str, wanted: list[tuple[str, int]]):
    for station, after in wanted:
        while True:
            rows = pg.execute("SELECT gid, station, seq, envelope, signature FROM studio_objects "
                              "WHERE studio = %s AND station = %s AND seq > %s ORDER BY seq LIMIT %s",
                              (studio, station, after, PULL_BATCH), binary=True).fetchall()  # bytea as is
            if not rows:
                break
            yield rows
            after = rows[-1][2]


def pull(store, pg, result: SyncResult) -> None:
    """Fetch what others pushed, then in ONE local transaction: evaluate trust over everything held plus
    the new objects, apply what is trusted (in dependency order) and store the new rows, marked accepted
    when applied. A crash before the commit leaves the inbox as it was; the next pull redoes it. The new
    objects' signatures are checked on worker threads from the moment they are parsed (``sigcheck``)."""
    with store.read() as conn:
        lk = link.require(conn)
        cursor = conn.execute("SELECT cursor FROM studio_sync WHERE id = 1").fetchone()[0]
        waiting = conn.execute(held.WAITING_SQL).fetchone()
    wanted = _missing(store, pg, lk.studio_id)
    keys = {}
    if wanted:  # nothing new (most syncs of ``sync --watch``): no key is needed
        with store.read() as conn:
            keys = held.station_keys(conn)
    forged, fresh = 0, []
    with sigcheck.Checker(keys) as checker:
        for rows in _fetch(pg, lk.studio_id, wanted):
            for gid, station, seq, envelope, signature in rows:
                cursor = max(cursor, gid)
                try:
                    obj = held.parsed(bytes(envelope), bytes(signature), station, seq)
                except StudioError:
                    forged += 1
                    continue
                fresh.append((obj, gid))
                checker.add(obj)
        result.pulled = len(fresh)
        with store.transaction() as tx:
            tx.execute("UPDATE studio_sync SET cursor = ?, last_pull_at = ? WHERE id = 1",
                       (cursor, clock.iso()))
            if fresh or waiting or forged:
                _evaluate_and_apply(tx, lk, fresh, forged, result, checker, settled=not waiting)
    pg.execute("UPDATE studio_heads SET last_pull = now() WHERE station = %s", (lk.station_id,))


def _evaluate_and_apply(tx, lk: link.Link, fresh: list, forged: int, result: SyncResult,
                        checker: sigcheck.Checker, settled: bool = False) -> None:
    objs = [obj for obj, _gid in fresh]
    light = held.held_base(tx, lk, objs) if settled else None  # read before the new rows are stored
    if light is None:
        accepted_before = {h for (h,) in tx.execute("SELECT hash FROM studio_inbox WHERE accepted = 1")}
        accepted_before |= {h for (h,) in tx.execute("SELECT hash FROM studio_outbox")}  # our own
    checker.wait()
    if light is not None:  # only the new objects are checked, against the held chains' heads
        held_trust, heads = light
        accepted_before = {o.hash for o in held_trust}
        report = trust.evaluate([*held_trust, *objs], lk.genesis_hash or "", verified=accepted_before,
                                held=heads)
    else:
        report = held.evaluate_local(tx, accepted_before, extra=objs)
        result._report = report
    newly = [o for o in report.accepted if o.hash not in accepted_before]
    newly.sort(key=lambda o: replicate.ORDER.get(o.kind, -1))  # keys, records, tokens, then events
    applied, touched, pending = set(), set(), newly
    current = lk
    while pending:  # an object may depend on another of the same batch: apply until nothing moves
        waiting = []
        for obj in pending:
            if apply.accept(tx, current, obj, touched):
                applied.add((obj.station, obj.seq))
                if obj.kind in (trust.APPROVE, "studio.rekey"):
                    current = link.require(tx)  # a studio data key (generation) may just have arrived
            else:
                waiting.append(obj)
        if len(waiting) == len(pending):
            break
        pending = waiting
    result.held_back = len(pending)
    # the new rows are stored once, after they were verified and applied, with what became of them (1
    # applied, 0 held back or refused): no second write of every row. Nothing read above saw them as
    # accepted, as before (the accepted = 1 queries of the apply step); rows held back at an earlier pull
    # and applied now are updated.
    now = clock.iso()
    tx.executemany(
        "INSERT OR IGNORE INTO studio_inbox (station, seq, kind, object_id, hash, envelope, signature, gid, "
        "accepted, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(o.station, o.seq, o.kind, o.object_id, o.hash, o.envelope, o.signature, gid,
          1 if (o.station, o.seq) in applied else 0, now) for o, gid in fresh])
    earlier = applied - {(o.station, o.seq) for o in objs}
    tx.executemany("UPDATE studio_inbox SET accepted = 1 WHERE station = ? AND seq BETWEEN ? AND ?",
                   held.runs(earlier))
    if touched:
        result.auto_revoked = replicate.settle(tx, link.require(tx), touched)
    if lk.data_key is None and link.require(tx).data_key is not None:
        from consent_app.studio import directory

        directory.adopt(tx, link.require(tx))  # just approved: the studio's accounts apply here
    result.accepted += len(applied)
    forged += sum(1 for _o, why in report.refused if "not signed" in why or "signature" in why)
    result.refused += len(report.refused)
    if forged:
        link.raise_alert(tx, "studio.forged_rows", count=forged)
        result.alerts.append("studio.forged_rows")
    revocation.settle(tx, report, lk.station_id, result.alerts)  # alerts; a tool CA a revoked station got


def sync_once(store, *, dsn: str | None = None) -> SyncResult:
    with store.read() as conn:
        lk = link.require(conn)
    target = dsn or lk.dsn
    pg = db.reused(target, lk.studio_id)
    result = SyncResult(_store=store)
    try:
        idle = quiet.unchanged(store)  # nothing written since the last sync: nothing new to share
        check_witness(store, pg, lk.station_id)
        result.pushed = push(store, pg, look=not idle)
        pull(store, pg, result)
        if lk.data_key is None:
            with store.read() as conn:
                approved = link.require(conn).data_key is not None
            if approved:  # approved in this pull: share its keys, tools, consents and tokens right away
                result.pushed += push(store, pg)
        exchanged = templates.exchange(store, pg)  # subject keys: the deletable half, apart from the log
        if not (result.pulled or result.accepted or result.auto_revoked or any(exchanged.values())):
            quiet.synced(store)  # it wrote nothing to share (its cursor and times only)
    except BaseException as exc:
        db.forget(target, lk.studio_id)
        import psycopg

        if isinstance(exc, psycopg.Error):  # the server went away mid-sync: retried by the caller
            raise StudioError(code="studio.unreachable", reason=db.failure_reason(exc)) from None
        raise
    return result


def watch(store, interval: float = 1.0, *, rounds: int | None = None, on_result=None,
          stop=lambda: False) -> None:
    """Sync every ``interval`` seconds; on failure retry with exponential backoff (max 30 s)."""
    delay, done = interval, 0
    while not stop() and (rounds is None or done < rounds):
        try:
            result = sync_once(store)
            delay = interval
            if on_result:
                on_result(result, None)
        except StudioError as exc:
            if on_result:
                on_result(None, exc)
            delay = min(max(delay * 2, interval, 1.0), 30.0)  # at least 1 s: never a tight loop
            with store.transaction() as tx:
                tx.execute("UPDATE studio_sync SET last_error = ? WHERE id = 1", (exc.message,))
        done += 1
        end = time.monotonic() + delay
        while time.monotonic() < end and not stop():
            time.sleep(min(0.05, delay))
