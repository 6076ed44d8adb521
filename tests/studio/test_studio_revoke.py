"""Revoking a station cuts its chain where the revoker had seen it: what it signed up to the cut stays
accepted everywhere (a station joining later too, and through the settled fast path), what its key signs
after the cut is refused by every station, alerted and listed by ``studio verify``; farms keep accepting the
tokens it issued up to the cut and refuse a token minted with its key afterwards, whatever its ``iat``."""

from __future__ import annotations

import base64
import json
import sys
import time
import uuid
from pathlib import Path

import pytest
from studiohelpers import cli_stations, station

from consent_app.studio import db, link, publish, service, sync
from consent_app.studio.db import StudioError
from consent_app.verify import KeySet, Verifier
from consent_app.verify.codes import MALFORMED, USAGE, VALID, VerifyError
from consent_app.verify.issuers import MEMBER

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import forge, record_consent


def _b64(text: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def _farm(tmp_path: Path, store, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir(mode=0o700)
    publish.publish(store, folder, "admin")
    return folder


def _cli(folder: Path, token: str, tmp_path: Path) -> int:
    from consent_app.verify import cli

    path = tmp_path / f"{uuid.uuid4().hex}.jwt"
    path.write_text(token)
    return cli.main([str(path), "--keys", str(folder / publish.JWKS_FILE), "--status",
                     str(folder / publish.STATUS_FILE), "--operation", "face_swap"])


def _issue(store, consent_id: str):
    from consent_app.consent.records import grant
    from consent_app.tokens import issue

    with store.transaction() as tx:
        return issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")


def _accepted(store, station_id: str) -> set[int]:
    with store.read() as conn:
        return {o.seq for o in sync.evaluate_local(conn).accepted if o.station == station_id}


def _join(store, founder, dsn: str, name: str) -> str:
    joined = service.join(store, dsn, "admin", name)
    service.approve(founder, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(store)
    sync.sync_once(founder)
    return joined.station_id


def test_a_revoked_station_keeps_what_it_signed_before_the_cut_and_nothing_after(tmp_path,
                                                                                 studio_dsn) -> None:
    a, b, c = station(tmp_path, "a"), station(tmp_path, "b"), station(tmp_path, "c")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        b_id = _join(b, a, studio_dsn, "stage")
        consent_id, _ = record_consent(b)
        before = _issue(b, consent_id)
        sync.sync_once(b)
        sync.sync_once(a)
        with a.read() as conn:
            assert conn.execute("SELECT 1 FROM tokens WHERE id = ?", (before.token_id,)).fetchone()
        b_before = _accepted(a, b_id)

        report = service.revoke(a, b_id, "laptop stolen", "admin")
        cut = report.stations[b_id].revoked_after
        assert cut == max(b_before)
        with a.read() as conn:  # the revocation names the cut by sequence and by hash
            body = sync.evaluate_local(conn)
            revoke = next(o for o in body.accepted if o.kind == "station.revoke")
            assert revoke.body["after_seq"] == cut
            assert revoke.body["after_hash"] == next(o.hash for o in body.accepted
                                                     if o.station == b_id and o.seq == cut)
        assert _accepted(a, b_id) == b_before  # a full evaluation keeps everything up to the cut
        sync.sync_once(a)
        assert _accepted(a, b_id) == b_before

        # c joins after the revocation: it holds b's consent and token (a full evaluation at c)
        c_id = _join(c, a, studio_dsn, "annex")
        sync.sync_once(c)
        assert _accepted(c, b_id) == b_before
        with c.read() as conn:
            assert conn.execute("SELECT 1 FROM consents WHERE id = ?", (consent_id,)).fetchone()
            assert conn.execute("SELECT 1 FROM tokens WHERE id = ?", (before.token_id,)).fetchone()
            assert not sync.evaluate_local(conn).stations[c_id].revoked
        sync.sync_once(a)  # a settles (c's objects), so the thief's object meets the fast path there
        with a.read() as conn:
            assert not conn.execute("SELECT 1 FROM studio_inbox WHERE accepted = 0").fetchone()

        # a thief with b's key and store signs a new token and pushes it straight to the server
        after = _issue(b, consent_id)
        with b.read() as conn:
            lk = link.require(conn)
        pg = db.reused(studio_dsn, lk.studio_id)
        assert sync.push(b, pg) > 0
        for st in (a, c):
            result = sync.sync_once(st)
            assert "studio.after_revocation" in result.alerts
            assert _accepted(st, b_id) == b_before
            with st.read() as conn:
                assert not conn.execute("SELECT 1 FROM tokens WHERE id = ?", (after.token_id,)).fetchone()
                assert any(al["code"] == "studio.after_revocation" and al["params"]["station"] == b_id
                           for al in link.alerts(conn))
        checked = service.verify(a)
        assert not checked["ok"]
        assert {r["station"] for r in checked["refused"]} == {b_id}
        assert all(r["seq"] > cut and "revoked" in r["reason"] for r in checked["refused"])
        sync.sync_once(c)  # a second, full evaluation still keeps b's earlier objects
        assert _accepted(c, b_id) == b_before

        # farms: b's earlier token verifies with the publish folder of any approved station
        farm = _farm(tmp_path, c, "farm")
        jwks = json.loads((farm / publish.JWKS_FILE).read_text())
        b_kid = _b64(before.token.split(".")[0])["kid"]
        assert b_kid not in {k["kid"] for k in jwks["keys"]}  # nothing else verifies with b's key
        declared = _b64(jwks[MEMBER].split(".")[1])
        [entry] = declared["revoked"]
        assert (entry["station"], entry["cut"]) == (b_id, cut)
        assert [k["kid"] for k in entry["keys"]] == [b_kid]
        assert _cli(farm, before.token, tmp_path) == VALID
        # ... and refuses what b's key signed after the cut, the app's own issue and a backdated forgery
        assert _cli(farm, after.token, tmp_path) == MALFORMED
        with b.read() as conn:
            from consent_app.crypto import keys as signing

            b_key = signing.active_key(conn)
        claims = _b64(before.token.split(".")[1])
        for iat in (claims.get("iat", int(time.time())) - 86400, int(time.time())):
            minted = forge({"alg": "EdDSA", "kid": b_key.kid, "typ": "vc+jwt"},
                           {**claims, "id": f"urn:uuid:{uuid.uuid4()}", "iat": iat}, b_key.private)
            assert _cli(farm, minted, tmp_path) == MALFORMED
        same_id = forge({"alg": "EdDSA", "kid": b_key.kid, "typ": "vc+jwt"},
                        {**claims, "operations_extra": 1}, b_key.private)  # a listed id, other claims
        assert _cli(farm, same_id, tmp_path) == MALFORMED
        keys = KeySet.from_bytes((farm / publish.JWKS_FILE).read_bytes())
        with pytest.raises(VerifyError, match="revoked") as refused:
            Verifier(keys).authenticate(after.token)
        assert refused.value.exit_code == MALFORMED

        # editing the publication's list (adding the thief's token) makes the key set unusable
        header, _payload, sig = jwks[MEMBER].split(".")
        import hashlib

        edited = {**declared, "revoked": [{**entry, "tokens": [*entry["tokens"],
                                                              hashlib.sha256(after.token.encode()).hexdigest()]}]}
        forged_decl = ".".join([header, base64.urlsafe_b64encode(json.dumps(edited).encode()).decode()
                                .rstrip("="), sig])
        with pytest.raises(VerifyError) as bad:
            KeySet.from_bytes(json.dumps({**jwks, MEMBER: forged_decl}).encode())
        assert bad.value.exit_code == USAGE
        (farm / publish.JWKS_FILE).write_text(json.dumps({**jwks, MEMBER: forged_decl}))
        assert _cli(farm, after.token, tmp_path) == USAGE
        assert _cli(farm, before.token, tmp_path) == USAGE  # the whole edited set is refused
    finally:
        a.close()
        b.close()
        c.close()


def test_a_revoked_station_approves_revokes_and_publishes_nothing(tmp_path, studio_dsn) -> None:
    a, b, c = station(tmp_path, "a"), station(tmp_path, "b"), station(tmp_path, "c")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        b_id = _join(b, a, studio_dsn, "stage")
        service.revoke(a, b_id, "laptop stolen", "admin")
        sync.sync_once(b)
        joined = service.join(c, studio_dsn, "admin", "annex")
        with pytest.raises(StudioError, match="was revoked"):
            service.approve(b, joined.station_id, joined.fingerprint, "admin")
        folder = tmp_path / "farm"
        folder.mkdir(mode=0o700)
        with pytest.raises(StudioError, match="was revoked"):
            publish.publish(b, folder, "admin")
        assert not list(folder.iterdir())
        with b.read() as conn, pytest.raises(StudioError, match="was revoked"):
            publish.jwks_for_farms(conn)  # what `keys export` writes
    finally:
        a.close()
        b.close()
        c.close()


def test_an_object_after_the_cut_that_arrived_before_the_revocation_is_refused_once_it_does(tmp_path,
                                                                                          studio_dsn) -> None:
    a, b, c = station(tmp_path, "a"), station(tmp_path, "b"), station(tmp_path, "c")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        b_id = _join(b, a, studio_dsn, "stage")
        _join(c, a, studio_dsn, "annex")
        consent_id, _ = record_consent(b)
        before = _issue(b, consent_id)
        sync.sync_once(b)
        seen = sync.sync_once(a).report  # what a's administrator sees when deciding to revoke
        sync.sync_once(c)
        late = _issue(b, consent_id)  # b's key signs on, pushed before the revocation
        sync.sync_once(b)
        sync.sync_once(c)
        with c.read() as conn:  # c took it: b was not revoked yet
            assert conn.execute("SELECT 1 FROM tokens WHERE id = ?", (late.token_id,)).fetchone()
        link.revoke(a, seen, b_id, "laptop stolen", "admin")
        assert "studio.after_revocation" in sync.sync_once(a).alerts
        result = sync.sync_once(c)
        assert "studio.after_revocation" in result.alerts
        cut = result.report.stations[b_id].revoked_after
        assert {o.seq for o in result.report.accepted if o.station == b_id} == set(range(1, cut + 1))
        for folder in (_farm(tmp_path, a, "farm-a"), _farm(tmp_path, c, "farm-c")):
            assert _cli(folder, before.token, tmp_path) == VALID
            assert _cli(folder, late.token, tmp_path) == MALFORMED
    finally:
        a.close()
        b.close()
        c.close()


def test_cli_revoke_alerts_verify_and_the_farm(tmp_path, studio_dsn, monkeypatch, capsys) -> None:
    from storesupport import PASSPHRASE

    from consent_app.cli import main
    from consent_app.store import Store
    from consent_app.verify import cli as verify_cli

    a, b = cli_stations(tmp_path, monkeypatch, "a", "b")
    assert main(["--data-dir", a, "studio", "create", studio_dsn, "--name", "front desk"]) == 0
    assert main(["--data-dir", b, "studio", "join", studio_dsn, "--name", "stage"]) == 0
    out = capsys.readouterr().out
    b_id, fingerprint = out.split("station:")[1].split()[0], out.split("fingerprint:")[1].split()[0]
    assert main(["--data-dir", a, "studio", "approve", b_id, "--fingerprint", fingerprint]) == 0
    assert main(["--data-dir", b, "sync"]) == 0
    store_b = Store.open(tmp_path / "b", PASSPHRASE)
    try:
        consent_id, _ = record_consent(store_b)
        before = _issue(store_b, consent_id)
    finally:
        store_b.close()
    assert main(["--data-dir", b, "sync"]) == 0
    assert main(["--data-dir", a, "sync"]) == 0
    assert main(["--data-dir", a, "studio", "revoke", b_id, "--reason", "laptop stolen"]) == 0
    capsys.readouterr()

    store_b = Store.open(tmp_path / "b", PASSPHRASE)  # the thief: b's store and key
    try:
        after = _issue(store_b, consent_id)
        with store_b.read() as conn:
            studio_id = link.require(conn).studio_id
        assert sync.push(store_b, db.reused(studio_dsn, studio_id)) > 0
    finally:
        store_b.close()
    assert main(["--data-dir", a, "sync"]) == 1
    assert f"revoked station {b_id}" in capsys.readouterr().err
    assert main(["--data-dir", a, "studio", "verify"]) == 1
    assert f"REFUSED {b_id}#" in capsys.readouterr().out
    farm = tmp_path / "farm"
    farm.mkdir(mode=0o700)
    assert main(["--data-dir", b, "sync"]) == 1  # b learns it was revoked
    capsys.readouterr()
    assert main(["--data-dir", b, "studio", "publish", str(farm)]) == 1
    assert "was revoked" in capsys.readouterr().err
    assert main(["--data-dir", a, "studio", "publish", str(farm)]) == 0
    capsys.readouterr()
    for token, code, reason in ((before.token, VALID, "valid"),
                                (after.token, MALFORMED, "token.revoked_station_key")):
        path = tmp_path / "t.jwt"
        path.write_text(token)
        argv = [str(path), "--keys", str(farm / publish.JWKS_FILE), "--status",
                str(farm / publish.STATUS_FILE), "--operation", "face_swap", "--json"]
        assert verify_cli.main(argv) == code
        assert json.loads(capsys.readouterr().out)["reasonCode"] == reason
