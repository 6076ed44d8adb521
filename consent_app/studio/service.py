"""The studio operations staff run (CLI and Settings › Studio call these; no Qt here)."""

from __future__ import annotations

from consent_app.messages import define
from consent_app.studio import db, link, objects, sync, trust
from consent_app.studio.db import StudioError

MESSAGES = define({
    "studio.no_genesis": "the studio database holds no genesis object for studio {studio}",
})


def create(store, dsn: str, actor: str, station_name: str) -> link.Link:
    """Found a studio on an empty database with this store as the founding station."""
    with store.read() as conn:
        from consent_app.store import meta

        studio_id = meta.studio(conn).id
        if link.get(conn) is not None:
            raise StudioError(code="studio.already_linked", studio=link.get(conn).studio_id)
    pg = db.connect(dsn)
    try:
        state = db.schema_state(pg)
        if state is not None:
            db.open_studio(dsn, None).close()  # a clear refusal for a newer schema
            raise StudioError(code="studio.db_taken", where=db.where(dsn), found=state[1])
        lk = link.create(store, dsn, actor, station_name)
        db.create_schema(pg, studio_id)
    finally:
        pg.close()
    sync.sync_once(store)
    return lk


def join(store, dsn: str, actor: str, station_name: str) -> link.Link:
    """Ask to join the studio served by ``dsn``; prints (returns) this station's id and fingerprint."""
    with store.read() as conn:
        if link.get(conn) is not None:
            raise StudioError(code="studio.already_linked", studio=link.get(conn).studio_id)
    pg = db.open_studio(dsn, None)
    try:
        studio_id = db.schema_state(pg)[1]
        row = pg.execute("SELECT envelope, signature, station FROM studio_objects WHERE kind = %s "
                         "AND object_id = %s AND seq = 1 ORDER BY gid LIMIT 1",
                         (trust.GENESIS, studio_id)).fetchone()
        if row is None:
            raise StudioError(code="studio.no_genesis", studio=studio_id)
        genesis = objects.parse(bytes(row[0]), bytes(row[1]), station=row[2], seq=1)
    finally:
        pg.close()
    lk = link.join(store, dsn, studio_id, str(genesis.body.get("studio_name", "")), genesis.hash, actor,
                   station_name)
    sync.sync_once(store)
    return lk


def after_erasure(store) -> tuple[bool, str | None]:
    """Right after an erasure: sync, so the signed erasure reaches the studio and the subject's keys are
    deleted on the server now. (linked to a studio, None or why it waits for the next sync)."""
    with store.read() as conn:
        if link.get(conn) is None:
            return False, None
    try:
        sync.sync_once(store)
    except StudioError as exc:
        return True, exc.message
    return True, None


def approve(store, station: str, fingerprint: str, admin: str) -> trust.TrustReport:
    first = sync.sync_once(store)
    link.approve(store, first.report, station, fingerprint, admin)
    return sync.sync_once(store).report


def revoke(store, station: str, reason: str, admin: str) -> trust.TrustReport:
    first = sync.sync_once(store)
    link.revoke(store, first.report, station, reason, admin)
    return sync.sync_once(store).report


def _retake(tx, lk: link.Link, lost: list) -> int:
    """This station's own consents, tokens and signed events that the rollback lost, back from the studio's
    copy: a withdrawal made here before the rollback must not come back to life here (the other stations
    hold it; this station's state, its token issue and its status lists must too)."""
    from consent_app.studio import replicate

    pending = sorted((o for o in lost if o.kind in replicate.ORDER), key=lambda o: replicate.ORDER[o.kind])
    touched: set[str] = set()
    done = 0
    while pending:  # an event may follow another of the same batch: apply until nothing moves
        waiting = [o for o in pending if not replicate.accept(tx, lk, o, touched)]
        done += len(pending) - len(waiting)
        if len(waiting) == len(pending):
            break
        pending = waiting
    if touched:
        replicate.settle(tx, lk, touched)
    return done


def reconcile(store, admin: str, reason: str) -> int:
    """An administrator accepts this station's store after a rollback alert (audited); returns how many
    alerts were closed.

    The objects of this station the studio holds beyond the store's outbox (signed by this station's key
    before the rollback) are taken back into the outbox, so the station's chain continues from the studio's
    copy and no sequence is reused; the head PostgreSQL witnesses for this station becomes the store's
    current audit head. What the lost objects recorded is taken back here too: their consents, tokens and
    signed events (a withdrawal made here before the rollback), and an erasure among them is done again (the
    restored store held the subject's biometric data again)."""
    from consent_app import audit, clock

    with store.read() as conn:
        lk = link.require(conn)
        local_top = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM studio_outbox").fetchone()[0]
    pg = db.open_studio(lk.dsn, lk.studio_id)
    try:
        rows = pg.execute("SELECT seq, kind, object_id, hash, envelope, signature FROM studio_objects "
                          "WHERE station = %s AND seq > %s ORDER BY seq",
                          (lk.station_id, local_top)).fetchall()
        ours = [r for r in rows if objects.parse(bytes(r[4]), bytes(r[5]), station=lk.station_id,
                                                 seq=r[0]).verify_with(lk.public)]
        with store.transaction() as tx:
            now = clock.iso()
            tx.executemany("INSERT INTO studio_outbox (seq, kind, object_id, hash, envelope, signature, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(seq, kind, oid, digest, bytes(env), bytes(sig), now)
                            for seq, kind, oid, digest, env, sig in ours])
            if ours:  # they are the server's already: pushed, when every row before them is
                tx.execute("UPDATE studio_sync SET pushed_seq = ? WHERE id = 1 AND pushed_seq = ?",
                           (ours[-1][0], local_top))
            from consent_app.studio import templates

            lost = [objects.parse(bytes(env), bytes(sig), station=lk.station_id, seq=seq)
                    for seq, _k, _o, _d, env, sig in ours]
            erased = templates.redo_erasures(tx, [o for o in lost if o.kind == templates.ERASURE])
            retaken = _retake(tx, lk, lost)
            alerts = tx.execute("SELECT code FROM studio_alerts WHERE resolved_at IS NULL").fetchall()
            tx.execute("UPDATE studio_alerts SET resolved_at = ?, resolved_by = ?, resolution = ? "
                       "WHERE resolved_at IS NULL", (now, admin, reason))
            audit.append(tx, admin, "studio.reconcile", "studio",
                         {"reason": reason, "alerts": [a[0] for a in alerts], "readopted": len(ours),
                          "erasures_redone": erased, "rows_retaken": retaken,
                          "readopted_to": ours[-1][0] if ours else local_top})
            count, head = audit.head(tx)
        pg.execute("UPDATE studio_heads SET count = %s, head = %s WHERE station = %s",
                   (count, head, lk.station_id))
    finally:
        pg.close()
    return len(alerts)


def status(store) -> dict:
    with store.read() as conn:
        lk = link.require(conn)
        sync_row = conn.execute("SELECT cursor, last_push_at, last_pull_at, last_error FROM studio_sync "
                                "WHERE id = 1").fetchone()
        pending = conn.execute("SELECT COUNT(*) FROM studio_outbox WHERE seq > ?",
                               (sync.pushed_seq(conn),)).fetchone()[0]
        report = sync.evaluate_local(conn)
        alerts = link.alerts(conn)
        held = conn.execute("SELECT COUNT(*) FROM studio_inbox WHERE accepted = 0").fetchone()[0]
        from consent_app.studio import carotate, settings_sync, templates

        shared = templates.state(conn)
        studio_settings = settings_sync.held(conn)
        root = carotate.current(conn)
        tool_ca = {"fingerprint": root[0] if root else None, "generation": root[1] if root else None,
                   "retired": len(carotate.retired(conn))}
    stations = [{"station": s.station, "name": s.name, "fingerprint": s.fingerprint, "trusted": s.trusted,
                 "approved_by": s.approved_by, "revoked_after": s.revoked_after,
                 "this_station": s.station == lk.station_id} for s in report.stations.values()]
    if lk.station_id not in report.stations:
        stations.append({"station": lk.station_id, "name": lk.station_name, "fingerprint": lk.fingerprint,
                         "trusted": False, "approved_by": [], "revoked_after": None, "this_station": True})
    return {"studio": lk.studio_id, "studio_name": lk.studio_name, "station": lk.station_id,
            "station_name": lk.station_name, "fingerprint": lk.fingerprint, "role": lk.role,
            "dsn": db.where(lk.dsn), "cursor": sync_row[0], "last_push": sync_row[1],
            "last_pull": sync_row[2], "last_error": sync_row[3], "pending_outbox": pending,
            "held_back": held, "templates": shared, "tool_ca": tool_ca, "stations": stations,
            "alerts": alerts, "settings": studio_settings}


def verify(store) -> dict:
    """Every object in the shared database checked against this station's pinned genesis."""
    with store.read() as conn:
        lk = link.require(conn)
    pg = db.open_studio(lk.dsn, lk.studio_id)
    try:
        rows = pg.execute("SELECT station, seq, envelope, signature FROM studio_objects WHERE studio = %s "
                          "ORDER BY gid", (lk.studio_id,)).fetchall()
        conflicts = pg.execute("SELECT station, seq, kept_hash, other_hash FROM studio_conflicts").fetchall()
        heads = pg.execute("SELECT station, count, head FROM studio_heads").fetchall()
        keys = pg.execute("SELECT key_id, subject FROM subject_keys").fetchall()
    finally:
        pg.close()
    parsed, malformed = [], []
    for station, seq, envelope, signature in rows:
        try:
            parsed.append(objects.parse(bytes(envelope), bytes(signature), station=station, seq=seq))
        except StudioError as exc:
            malformed.append({"station": station, "seq": seq, "reason": exc.message})
    report = trust.evaluate(parsed, lk.genesis_hash or "")
    refused = [{"station": o.station, "seq": o.seq, "kind": o.kind, "reason": why}
               for o, why in report.refused]
    from consent_app.studio import templates

    erased = {str(o.body.get("subject")) for o in report.accepted if o.kind == templates.ERASURE}
    lingering = [{"key": k, "subject": s} for k, s in keys if s in erased]  # a signed erasure, a key back
    return {"objects": len(rows), "accepted": len(report.accepted), "pending": len(report.pending),
            "erased_subject_keys": lingering,
            "refused": malformed + refused,
            "conflicts": [{"station": s, "seq": q, "kept": k, "other": o} for s, q, k, o in conflicts],
            "heads": [{"station": s, "count": c, "head": h} for s, c, h in heads],
            "ok": not malformed and not refused and not conflicts and not lingering}
