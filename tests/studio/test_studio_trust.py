"""A studio of stations on a real PostgreSQL: found, join, approve by fingerprint, forged rows refused."""

from __future__ import annotations

import json

import pytest
from studiohelpers import station

from consent_app.studio import db, link, service, sync
from consent_app.studio.db import StudioError


def test_found_join_approve_and_share(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    b = station(tmp_path, "b")
    try:
        founder = service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        assert joined.studio_id == founder.studio_id
        # the new station is not trusted until approved with its real fingerprint
        with pytest.raises(StudioError, match="fingerprint"):
            service.approve(a, joined.station_id, "0000-0000-0000-0000-0000-0000-0000-0000", "admin")
        report = service.approve(a, joined.station_id, joined.fingerprint, "admin")
        assert report.stations[joined.station_id].trusted
        result = sync.sync_once(b)
        assert result.report.stations[joined.station_id].trusted
        with b.read() as conn:
            assert link.require(conn).data_key is not None  # the studio data key reached it, sealed
        status = service.status(b)
        assert {s["station"] for s in status["stations"]} == {founder.station_id, joined.station_id}
        assert service.verify(a)["ok"]
    finally:
        a.close()
        b.close()


def test_forged_row_is_refused_by_every_station(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    try:
        lk = service.create(a, studio_dsn, "admin", "front desk")
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from consent_app.studio import objects

        forged = objects.make(Ed25519PrivateKey.generate(), studio=lk.studio_id, station="intruder", seq=1,
                              prev="", kind="token.revoke", object_id="t", at="2026-01-01T00:00:00Z", body={})
        pg = db.connect(studio_dsn)
        pg.execute("INSERT INTO studio_objects (studio, station, seq, kind, object_id, hash, envelope, "
                   "signature) VALUES (%s, 'intruder', 1, 'token.revoke', 't', %s, %s, %s)",
                   (lk.studio_id, forged.hash, forged.envelope, forged.signature))
        pg.close()
        result = sync.sync_once(a)
        assert ("intruder", 1) not in {(o.station, o.seq) for o in result.report.accepted}
        assert "studio.forged_rows" in result.alerts
        report = service.verify(a)
        assert not report["ok"]
        assert [r["station"] for r in report["refused"]] == ["intruder"]
    finally:
        a.close()


def test_bad_dsns_and_foreign_databases_leave_the_store_untouched(tmp_path, studio_dsn, pg_server) -> None:
    a = station(tmp_path, "a")
    try:
        with pytest.raises(StudioError, match="not a PostgreSQL connection string"):
            service.create(a, "this is not a dsn", "admin", "x")
        with pytest.raises(StudioError, match="cannot reach"):
            service.create(a, f"postgresql://studio:wrong@127.0.0.1:{pg_server.port}/postgres", "admin", "x")
        pg = db.connect(studio_dsn)
        pg.execute("CREATE TABLE unrelated (x int)")
        pg.close()
        with pytest.raises(StudioError, match="not a consent_app studio database"):
            service.create(a, studio_dsn, "admin", "x")
        with a.read() as conn:
            assert link.get(conn) is None
    finally:
        a.close()


def test_other_studio_and_newer_schema_are_refused(tmp_path, studio_dsn) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        service.create(a, studio_dsn, "admin", "desk")
        with pytest.raises(StudioError, match="belongs to another studio"):
            service.create(b, studio_dsn, "admin", "desk")
        pg = db.connect(studio_dsn)
        pg.execute("UPDATE studio_schema SET version = 99")
        pg.close()
        with pytest.raises(StudioError, match="newer than this app knows"):
            sync.sync_once(a)
        with b.read() as conn:
            assert link.get(conn) is None
    finally:
        a.close()
        b.close()


def test_cli_create_join_approve_sync_publish(tmp_path, studio_dsn, monkeypatch, capsys) -> None:
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    from consent_app.cli import main

    for name in ("a", "b"):
        station(tmp_path, name).close()
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    assert main(["--data-dir", a, "studio", "create", studio_dsn, "--name", "front desk"]) == 0
    assert main(["--data-dir", b, "studio", "join", studio_dsn, "--name", "stage"]) == 0
    out = capsys.readouterr().out
    station_id = out.split("station:")[1].split()[0]
    fingerprint = out.split("fingerprint:")[1].split()[0]
    assert main(["--data-dir", a, "studio", "approve", station_id, "--fingerprint", "0" * 39]) == 1
    assert "do not approve it" in capsys.readouterr().err
    assert main(["--data-dir", a, "studio", "approve", station_id, "--fingerprint", fingerprint]) == 0
    assert "trusted" in capsys.readouterr().out
    assert main(["--data-dir", b, "sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["accepted"] > 0
    assert main(["--data-dir", b, "studio", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert all(s["trusted"] for s in status["stations"])
    farm = tmp_path / "farm"
    farm.mkdir(mode=0o700)
    assert main(["--data-dir", b, "studio", "publish", str(farm)]) == 0
    assert (farm / "studio.jwks").is_file()
    assert (farm / "status.jwt").is_file()
    assert main(["--data-dir", a, "studio", "verify"]) == 0
    assert main(["--data-dir", a, "sync", "--data-dir", a]) == 0


def test_every_signature_of_a_chain_is_checked() -> None:
    """Trust is computed offline from objects alone: each object's own signature is checked, not only the
    newest of a chain (hash links prove the envelopes, but a row whose signature was swapped for garbage is
    still refused, alone), and a replaced object breaks the chain after it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.studio import objects, trust

    key = Ed25519PrivateKey.generate()
    chain, prev = [], ""
    for seq in range(1, 6):
        kind, body = ("studio.genesis", {"station_key": objects.b64(objects.public_raw(key))}) if seq == 1 \
            else ("bench.note", {"n": seq})
        obj = objects.make(key, studio="s", station="f", seq=seq, prev=prev, kind=kind, object_id=str(seq),
                           at="2026-01-01T00:00:00Z", body=body)
        chain.append(obj)
        prev = obj.hash
    report = trust.evaluate(chain, chain[0].hash)
    assert [o.seq for o in report.accepted] == [1, 2, 3, 4, 5]
    forged_tail = objects.StudioObject(chain[-1].envelope, bytes(64), chain[-1].data)
    report = trust.evaluate([*chain[:-1], forged_tail], chain[0].hash)
    assert [o.seq for o in report.accepted] == [1, 2, 3, 4]
    assert [(o.seq, why) for o, why in report.refused] == [(5, "signature or studio does not verify")]
    bad_middle = objects.StudioObject(chain[2].envelope, bytes(64), chain[2].data)  # links intact
    report = trust.evaluate([*chain[:2], bad_middle, *chain[3:]], chain[0].hash)
    assert [(o.seq, why) for o, why in report.refused] == [(3, "signature or studio does not verify")]
    assert 3 not in [o.seq for o in report.accepted]
    report = trust.evaluate([*chain[:2], bad_middle, *chain[3:]], chain[0].hash, verified={chain[2].hash})
    assert [o.seq for o in report.accepted] == [1, 2, 3, 4, 5]  # checked before at this station
    altered = objects.make(Ed25519PrivateKey.generate(), studio="s", station="f", seq=3, prev=chain[1].hash,
                           kind="bench.note", object_id="3", at="2026-01-01T00:00:00Z", body={"n": 333})
    report = trust.evaluate([*chain[:2], altered, *chain[3:]], chain[0].hash)
    assert [o.seq for o in report.accepted] == [1, 2]  # a replaced middle object breaks the chain after it
