"""Faults a studio of stations must survive: crashes mid-push, server restarts and outages, rolled-back
and cloned stores — on a real PostgreSQL server."""

from __future__ import annotations

import shutil
import sys
import threading
from pathlib import Path

import pytest
from storesupport import PASSPHRASE
from studiohelpers import station

from consent_app.store import Store
from consent_app.studio import db, link, service, sync
from consent_app.studio.db import StudioError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent

UNPUSHED = "SELECT COUNT(*) FROM studio_outbox WHERE seq > (SELECT pushed_seq FROM studio_sync WHERE id = 1)"


def _server_rows(dsn: str) -> list[tuple[str, int, str]]:
    pg = db.connect(dsn)
    try:
        rows = pg.execute("SELECT station, seq, hash FROM studio_objects ORDER BY gid")
        return [(s, q, h) for s, q, h in rows]
    finally:
        pg.close()


def test_records_reach_other_stations_sealed_and_nothing_is_doubled(tmp_path, studio_dsn) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        consent_id, _subject = record_consent(a)
        sync.sync_once(a)
        sync.sync_once(a)  # a second sync pushes nothing twice
        sync.sync_once(b)
        rows = _server_rows(studio_dsn)
        assert len(rows) == len(set(rows))
        assert len({(s, q) for s, q, _ in rows}) == len(rows)
        pg = db.connect(studio_dsn)
        stored = pg.execute("SELECT envelope FROM studio_objects WHERE kind = 'consent.record'").fetchone()[0]
        pg.close()
        assert b"Recorded Person" not in bytes(stored)  # personal data is sealed: PostgreSQL never sees it
        from consent_app.consent import records

        with b.read() as conn:
            consent = records.get_verified(conn, consent_id)  # record, key, commitments all verify at b
        assert consent.state == "active"
    finally:
        a.close()
        b.close()


def test_a_push_cut_short_resumes_without_loss_or_doubles(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    try:
        service.create(a, studio_dsn, "admin", "desk")
        record_consent(a)
        # the crash: the server took the next object, the station died before marking it pushed
        with a.transaction() as tx:
            lk = link.require(tx)
            from consent_app.studio import apply

            apply.collect(tx, lk)
        with a.read() as conn:
            seq, kind, oid, digest, env, sig = conn.execute(
                "SELECT seq, kind, object_id, hash, envelope, signature FROM studio_outbox "
                "WHERE seq > (SELECT pushed_seq FROM studio_sync WHERE id = 1) "
                "ORDER BY seq LIMIT 1").fetchone()
        pg = db.connect(studio_dsn)
        pg.execute("INSERT INTO studio_objects (studio, station, seq, kind, object_id, hash, envelope, "
                   "signature) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                   (lk.studio_id, lk.station_id, seq, kind, oid, digest, bytes(env), bytes(sig)))
        pg.close()
        result = sync.sync_once(a)
        assert result.alerts == []
        with a.read() as conn:
            local = conn.execute("SELECT COUNT(*) FROM studio_outbox").fetchone()[0]
            unpushed = conn.execute(UNPUSHED).fetchone()[0]
        rows = _server_rows(studio_dsn)
        assert unpushed == 0
        assert len(rows) == local
        assert len({(s, q) for s, q, _ in rows}) == local
    finally:
        a.close()


def test_server_restart_and_outage_are_retried_and_caught_up(tmp_path, studio_dsn, pg_server) -> None:
    a = station(tmp_path, "a")
    try:
        service.create(a, studio_dsn, "admin", "desk")
        pg_server.stop()
        record_consent(a)  # the station keeps working while the server is down
        with pytest.raises(StudioError, match="cannot reach"):
            sync.sync_once(a)
        outcomes: list[str] = []
        done, give_up = threading.Event(), threading.Event()

        def on_result(result, error) -> None:
            outcomes.append("error" if error else "ok")
            if result is not None:
                done.set()

        def stop() -> bool:
            return done.is_set() or give_up.is_set()

        worker = threading.Thread(target=sync.watch, args=(a, 0.2),
                                  kwargs={"on_result": on_result, "stop": stop})
        worker.start()
        try:
            pg_server.restart(down_for=0.5)
            # the retries back off to 30 s: a server slow to start on a loaded machine can cost one more
            done.wait(240)
        finally:
            give_up.set()  # never leave the watch running (and the store open) if it did not catch up
            worker.join(timeout=60)
        assert done.is_set()
        assert outcomes[0] == "error" or outcomes == ["ok"]
        assert outcomes[-1] == "ok"
        with a.read() as conn:
            assert conn.execute(UNPUSHED).fetchone()[0] == 0
    finally:
        a.close()


def test_a_rolled_back_store_is_refused_at_sync_until_reconciled(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    folder = tmp_path / "a"
    service.create(a, studio_dsn, "admin", "desk")
    a.close()
    shutil.copytree(folder, tmp_path / "old-copy")
    a = Store.open(folder, PASSPHRASE)
    record_consent(a)
    sync.sync_once(a)
    a.close()
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "old-copy", folder)  # the whole folder rolled back (anchor included)
    a = Store.open(folder, PASSPHRASE)
    try:
        with pytest.raises(StudioError, match=r"rolled back|old copy"):
            sync.sync_once(a)
        assert [x["code"] for x in service.status(a)["alerts"]] in (["studio.rolled_back"],
                                                                     ["studio.outbox_behind"])
        with pytest.raises(StudioError):
            sync.sync_once(a)  # still refused: an administrator must decide
        assert service.reconcile(a, "admin", "restored from the old copy after a disk failure") >= 1
        record_consent(a)
        result = sync.sync_once(a)  # the chain continues from the studio's copy: no sequence reused
        assert result.pushed >= 1
        assert service.verify(a)["ok"]
        assert service.status(a)["alerts"] == []
    finally:
        a.close()


def test_a_cloned_store_reusing_a_sequence_is_an_alarm(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    service.create(a, studio_dsn, "admin", "desk")
    a.close()
    shutil.copytree(tmp_path / "a", tmp_path / "clone")
    a = Store.open(tmp_path / "a", PASSPHRASE)
    clone = Store.open(tmp_path / "clone", PASSPHRASE)
    try:
        record_consent(a)
        sync.sync_once(a)
        record_consent(clone)
        pg = db.open_studio(studio_dsn, None)
        try:
            with pytest.raises(StudioError, match="second, different object"):
                sync.push(clone, pg)  # the clone's own next object collides with the original's
            conflicts = pg.execute("SELECT COUNT(*) FROM studio_conflicts").fetchone()[0]
        finally:
            pg.close()
        assert conflicts == 1
        assert any(x["code"] == "studio.seq_conflict" for x in service.status(clone)["alerts"])
        assert not service.verify(a)["ok"]  # shown by studio verify
    finally:
        a.close()
        clone.close()
