"""Signatures checked in bulk on worker threads during a pull (sigcheck): nothing gets through that trust
would refuse — a garbage signature with intact links is refused on the threaded path too, and a check is
only ever reused for the exact key it succeeded with."""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from studiohelpers import station

from consent_app.studio import db, link, objects, service, sigcheck, sync, trust


def _chain(key, n: int, *, station_id: str = "f") -> list[objects.StudioObject]:
    chain, prev = [], ""
    for seq in range(1, n + 1):
        kind, body = (trust.GENESIS, {"station_key": objects.b64(objects.public_raw(key))}) if seq == 1 \
            else ("bench.note", {"n": seq})
        obj = objects.make(key, studio="s", station=station_id, seq=seq, prev=prev, kind=kind,
                           object_id=str(seq), at="2026-01-01T00:00:00Z", body=body)
        chain.append(obj)
        prev = obj.hash
    return chain


def test_bulk_checks_run_on_threads_are_remembered_per_key_and_failures_are_not(monkeypatch) -> None:
    monkeypatch.setattr(sigcheck, "CHUNK", 8)
    workers: set[str] = set()
    real_check = sigcheck._check

    def check(chunk):
        workers.add(threading.current_thread().name)
        return real_check(chunk)

    monkeypatch.setattr(sigcheck, "_check", check)
    key = Ed25519PrivateKey.generate()
    chain = _chain(key, 40)
    garbage = objects.StudioObject(chain[20].envelope, bytes(64), chain[20].data)  # links intact
    objs = [*chain[:20], garbage, *chain[21:]]
    with sigcheck.Checker({}, workers=2) as checker:  # the key comes from the genesis in the same batch
        for obj in objs:
            checker.add(obj)
    assert workers
    assert all(name.startswith("studio-sigcheck") for name in workers)
    assert checker.checked == 39  # every good signature, not the garbage one
    public = objects.public_raw(key)
    assert all(o.__dict__.get("_good_key") == public for o in objs if o is not garbage)
    assert "_good_key" not in garbage.__dict__
    other = objects.public_raw(Ed25519PrivateKey.generate())
    assert not chain[5].verify_with(other)  # remembered for its key only
    report = trust.evaluate(objs, chain[0].hash)
    assert [(o.seq, why) for o, why in report.refused] == [(21, "signature or studio does not verify")]
    assert [o.seq for o in report.accepted] == [s for s in range(1, 41) if s != 21]


def test_a_station_claiming_another_key_gets_nothing_from_the_bulk_checks(monkeypatch) -> None:
    """Objects checked against the key a request claims are accepted only if trust gives that station that
    key: a chain whose genesis names key A but whose objects are signed by key B is refused past #1."""
    monkeypatch.setattr(sigcheck, "CHUNK", 4)
    key_a, key_b = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    chain = _chain(key_b, 12)
    with sigcheck.Checker({"f": objects.public_raw(key_a)}) as checker:  # held: f's key is A
        for obj in chain[1:]:
            checker.add(obj)
    assert checker.checked == 0
    real_genesis = _chain(key_a, 1)[0]
    report = trust.evaluate([real_genesis, *chain[1:]], real_genesis.hash)
    assert [o.seq for o in report.accepted] == [1]


def test_a_pull_large_enough_for_the_threads_refuses_a_garbage_signature(tmp_path, studio_dsn,
                                                                         monkeypatch) -> None:
    monkeypatch.setattr(sigcheck, "CHUNK", 4)
    checked = []
    real_exit = sigcheck.Checker.__exit__

    def exit_(self, *exc):
        real_exit(self, *exc)
        checked.append(self.checked)

    monkeypatch.setattr(sigcheck.Checker, "__exit__", exit_)
    a = station(tmp_path, "a")
    b = station(tmp_path, "b")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        sync.sync_once(b)
        sync.sync_once(a)
        sync.sync_once(b)
        with a.transaction() as tx:
            notes = [link.append(tx, "bench.note", f"n{i}", {"n": i}) for i in range(30)]
        sync.sync_once(a)
        with a.read() as conn:
            top, prev = conn.execute("SELECT seq, hash FROM studio_outbox ORDER BY seq DESC "
                                     "LIMIT 1").fetchone()
        real = objects.make(Ed25519PrivateKey.generate(), studio=notes[0].data["studio"],
                            station=notes[0].station, seq=top + 1, prev=prev, kind="bench.note",
                            object_id="garbage", at="2026-01-01T00:00:00Z", body={"n": 99})
        pg = db.connect(studio_dsn)
        pg.execute("INSERT INTO studio_objects (studio, station, seq, kind, object_id, hash, envelope, "
                   "signature) VALUES (%s, %s, %s, 'bench.note', 'garbage', %s, %s, %s)",
                   (real.data["studio"], real.station, top + 1, real.hash, real.envelope, bytes(64)))
        pg.close()
        checked.clear()
        statements: list[str] = []
        with b.read() as conn:
            conn.set_trace_callback(statements.append)
        try:
            result = sync.sync_once(b)
        finally:
            with b.read() as conn:
                conn.set_trace_callback(None)
        # each new row is written once, with what became of it: never stored, then updated row by row
        assert sum(1 for s in statements if s.startswith("INSERT OR IGNORE INTO studio_inbox")) == 31
        assert not [s for s in statements if s.startswith("UPDATE studio_inbox")]
        assert len(checked) == 1
        assert checked[0] >= 30  # the notes' signatures were checked on the worker threads
        assert "studio.forged_rows" in result.alerts
        assert result.refused == 1
        with b.read() as conn:
            states = dict(conn.execute("SELECT object_id, accepted FROM studio_inbox "
                                       "WHERE kind = 'bench.note'"))
        assert states == {**{f"n{i}": 1 for i in range(30)}, "garbage": 0}
    finally:
        a.close()
        b.close()
