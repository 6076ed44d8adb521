"""The studio's state is one computation over every station's signed events: a withdrawal recorded at
any station reaches every station, revokes tokens issued elsewhere (with a signed event of the issuing
station and an alert), and shows in the status lists any station publishes."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pytest
from studiohelpers import pair as _pair
from studiohelpers import revoked_bits

from consent_app.consent import records
from consent_app.studio import publish, service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent


def test_a_withdrawal_anywhere_wins_everywhere(tmp_path, studio_dsn) -> None:
    from consent_app.consent.records import grant
    from consent_app.tokens import issue

    a, b = _pair(tmp_path, studio_dsn)
    try:
        consent_id, _ = record_consent(a, categories=("face_swap", "tts_voice_clone"))
        sync.sync_once(a)
        sync.sync_once(b)
        with b.transaction() as tx:  # the subject withdraws face_swap at the other station
            records.withdraw(tx, consent_id, categories=["face_swap"], reason="asked at stage", staff="admin")
        with a.transaction() as tx:  # meanwhile a, not yet knowing, issues a token covering it
            token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        sync.sync_once(b)
        result = sync.sync_once(a)
        assert token.token_id in result.auto_revoked
        with a.read() as conn:
            consent = records.get_verified(conn, consent_id)
            alerts = [x["code"] for x in service.status(a)["alerts"]]
        assert consent.state == "partially_withdrawn"
        assert consent.withdrawn_categories == ("face_swap",)
        assert "studio.token_auto_revoked" in alerts
        revoked = next(t for t in consent.tokens if t.id == token.token_id)
        assert revoked.state == "revoked"
        sync.sync_once(b)
        from consent_app.audit_crosscheck import cross_check

        with b.read() as conn:
            seen_at_b = records.get_verified(conn, consent_id)
            assert cross_check(conn) == []  # every replicated row has its audit entry at b
        with a.read() as conn:
            assert cross_check(conn) == []
        assert next(t for t in seen_at_b.tokens if t.id == token.token_id).state == "revoked"
        # b publishes for the whole studio while a is off: the token's bit is set in a's list
        folder = tmp_path / "farm"
        folder.mkdir(mode=0o700)
        publish.publish(b, folder, "admin")
        bits = revoked_bits((folder / publish.STATUS_FILE).read_text())
        assert revoked.status_index in bits[revoked.status_list]
        jwks = json.loads((folder / publish.JWKS_FILE).read_text())
        header = json.loads(base64.urlsafe_b64decode(token.token.split(".")[0] + "=="))
        assert header["kid"] in {k["kid"] for k in jwks["keys"]}  # a's key, in the JWKS b published
    finally:
        a.close()
        b.close()


def test_one_issuer_and_a_stale_station_issues_nothing(tmp_path, studio_dsn) -> None:
    from consent_app.consent.records import grant
    from consent_app.errors import PolicyError
    from consent_app.store import meta
    from consent_app.tokens import issue
    from consent_app.verify.jose import KeySet
    from consent_app.verify.statuslist import StatusLists
    from consent_app.verify.verifier import Verifier

    a, b = _pair(tmp_path, studio_dsn)
    try:
        consent_id, _ = record_consent(b)  # recorded at the joined station, whose own store id differs
        with b.transaction() as tx:
            assert meta.studio(tx).id != meta.issuing_studio(tx).id
            token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        sync.sync_once(b)
        sync.sync_once(a)
        folder = tmp_path / "farm"
        folder.mkdir(mode=0o700)
        publish.publish(a, folder, "admin")  # the founder publishes; b's token must verify with it
        keys = KeySet.from_bytes((folder / publish.JWKS_FILE).read_bytes())
        status = StatusLists.from_bytes((folder / publish.STATUS_FILE).read_bytes(), keys)
        claims = Verifier(keys, status).verify(token.token, "face_swap")
        assert claims.consent_id == consent_id
        with b.transaction() as tx:  # a station that has not pulled for longer than a list is valid
            tx.execute("UPDATE studio_sync SET last_pull_at = '2020-01-01T00:00:00Z'")
        with pytest.raises(PolicyError, match="longer ago than a status list"), b.transaction() as tx:
            issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        sync.sync_once(b)
        with b.transaction() as tx:
            issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")  # fresh again
    finally:
        a.close()
        b.close()
