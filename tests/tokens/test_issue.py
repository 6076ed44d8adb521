"""Issuing, revoking and exporting with a real encrypted store."""

from __future__ import annotations

import itertools
import json
from datetime import timedelta

import pytest
from tokenhelpers import NOW

from consent_app import audit, clock
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.store import meta
from consent_app.tokens import export_jwks, export_status_lists, issue, revoke_for_consent
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify import codes as C


@pytest.fixture
def tstore(store):
    clock.set_clock(lambda: NOW)
    yield store
    clock.set_clock(None)


def verifier_for(store, at=NOW) -> Verifier:
    with store.transaction() as tx:
        keys = KeySet.from_jwks(export_jwks(tx, at))
        lists = export_status_lists(tx, "admin", now=at)
    return Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))


def grant_for(store, *, withdrawn_operations=(), withdrawn_at=None, **changes):
    """A real signed consent stored by the app (withdrawals as signed events), as its grant."""
    from storesupport import store_consent

    from consent_app.consent import records

    with store.transaction() as tx:
        consent_id = store_consent(tx, **changes)
        if withdrawn_operations:
            records.withdraw(tx, consent_id, categories=list(withdrawn_operations), reason="test", staff="op")
        if withdrawn_at is not None:
            records.withdraw(tx, consent_id, categories=None, reason="test", staff="op")
        return records.grant(tx, consent_id)


def _subject(tx) -> str:
    import uuid

    sid = str(uuid.uuid4())
    tx.execute(
        "INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
        (sid, "Test Person", clock.iso(), "admin"),
    )
    return sid


def test_issued_token_verifies_and_is_recorded_and_audited(tstore) -> None:
    grant = grant_for(tstore)
    with tstore.transaction() as tx:
        issued = issue(tx, grant, actor="op")
    decision = verifier_for(tstore).decide(issued.token, "face_swap", NOW.timestamp())
    assert decision.code == C.VALID, decision.reason
    assert decision.claims.consent_id == grant.consent_id
    with tstore.read() as conn:
        row = conn.execute(
            "SELECT consent_id, kid, operations, revoked_at FROM tokens WHERE id = ?",
            (issued.token_id,),
        ).fetchone()
        entries = [e for e in audit.entries(conn) if e.action == "token.issue"]
        studio = meta.studio(conn)
        kid = signing.active_key(conn).kid
    assert row[0] == grant.consent_id
    assert row[1] == kid
    assert json.loads(row[2]) == list(issued.payload["credentialSubject"]["operations"])
    assert row[3] is None
    assert len(entries) == 1
    assert entries[0].actor == "op"
    assert entries[0].target == f"token:{issued.token_id}"
    assert "Test Person" not in json.dumps(entries[0].details)
    assert issued.payload["issuer"] == {"id": f"urn:uuid:{studio.id}", "name": "Test Studio"}
    summary = issued.summary()
    assert summary["demo"] is False
    assert summary["consentId"] == grant.consent_id


def test_token_never_carries_more_than_the_consent(tstore) -> None:
    grant = grant_for(tstore, withdrawn_operations=("tts_voice_clone",))
    with tstore.transaction() as tx:
        subset = issue(tx, grant, operations=["face_swap"], actor="op")
        everything = issue(tx, grant, actor="op")
        with pytest.raises(PolicyError, match="does not allow voice_conversion"):
            issue(tx, grant, operations=["face_swap", "voice_conversion"], actor="op")
        with pytest.raises(PolicyError, match="category tts_voice_clone was withdrawn"):
            issue(tx, grant, operations=["tts_voice_clone"], actor="op")
        with pytest.raises(PolicyError, match="cannot outlive its consent"):
            issue(tx, grant, until=grant.valid_until + timedelta(seconds=1), actor="op")
        with pytest.raises(InputError, match="unknown operation"):
            issue(tx, grant, operations=["lip_sync"], actor="op")
        with pytest.raises(InputError, match="unknown binding"):
            issue(tx, grant, bindings=["fingerprint"], actor="op")
        short = issue(tx, grant, until=NOW + timedelta(days=1), actor="op")
    assert subset.payload["credentialSubject"]["operations"] == ["face_swap"]
    assert everything.payload["credentialSubject"]["operations"] == [
        "face_swap",
        "face_attribute_edit",
    ]
    assert short.payload["validUntil"] == "2026-11-24T12:00:00Z"
    assert everything.payload["validUntil"] == "2027-02-21T12:00:00Z"


def test_withdrawn_or_ended_consent_gets_no_token(tstore) -> None:
    withdrawn = grant_for(tstore, withdrawn_at=NOW)
    ended = grant_for(tstore, valid_until=NOW - timedelta(seconds=1))
    with tstore.transaction() as tx:
        with pytest.raises(PolicyError, match="withdrawn"):
            issue(tx, withdrawn, actor="op")
        with pytest.raises(PolicyError, match="ended"):
            issue(tx, ended, actor="op")
    with tstore.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM tokens").fetchone()[0] == 0


def test_status_indexes_are_random_and_distinct(tstore) -> None:
    grant = grant_for(tstore)
    with tstore.transaction() as tx:
        tokens = [issue(tx, grant, actor="op") for _ in range(12)]
    indexes = [int(t.payload["credentialStatus"]["statusListIndex"]) for t in tokens]
    assert len(set(indexes)) == len(indexes)
    steps = {b - a for a, b in itertools.pairwise(indexes)}
    assert steps != {1}
    assert max(indexes) - min(indexes) > 1000  # spread over the 131072 entries


def test_withdrawal_revokes_tokens_of_the_withdrawn_categories(tstore) -> None:
    grant, unrelated = grant_for(tstore), grant_for(tstore)
    with tstore.transaction() as tx:
        face = issue(tx, grant, operations=["face_swap"], actor="op")
        voice = issue(tx, grant, operations=["tts_voice_clone"], actor="op")
        both = issue(tx, grant, operations=["face_swap", "tts_voice_clone"], actor="op")
        other = issue(tx, unrelated, actor="op")
        revoked = revoke_for_consent(tx, grant.consent_id, ["tts_voice_clone"], actor="admin")
    assert sorted(revoked) == sorted([voice.token_id, both.token_id])
    verifier = verifier_for(tstore)
    at = NOW.timestamp()
    assert verifier.decide(face.token, "face_swap", at).code == C.VALID
    assert verifier.decide(voice.token, "tts_voice_clone", at).code == C.REVOKED
    assert verifier.decide(both.token, "face_swap", at).code == C.REVOKED
    assert verifier.decide(other.token, "face_swap", at).code == C.VALID
    with tstore.transaction() as tx:
        rest = revoke_for_consent(tx, grant.consent_id, None, actor="admin")
    assert rest == [face.token_id]
    assert verifier_for(tstore).decide(face.token, "face_swap", at).code == C.REVOKED
    with tstore.read() as conn:
        actions = [e.action for e in audit.entries(conn)]
    assert actions.count("token.revoke") == 3
    assert actions.count("status.export") == 2


def test_rotation_keeps_old_tokens_verifying_until_they_expire(tstore) -> None:
    grant = grant_for(tstore)
    with tstore.transaction() as tx:
        old = issue(tx, grant, until=NOW + timedelta(days=10), actor="op")
        old_kid = signing.active_key(tx).kid
        signing.rotate(tx, "admin")
        new = issue(tx, grant, actor="op")
        new_kid = signing.active_key(tx).kid
    assert old_kid != new_kid
    with tstore.read() as conn:
        kids = [k["kid"] for k in export_jwks(conn, NOW)["keys"]]
        later = [k["kid"] for k in export_jwks(conn, NOW + timedelta(days=11))["keys"]]
    assert sorted(kids) == sorted([old_kid, new_kid])
    assert later == [new_kid]  # the old key signed nothing still valid and retired long ago
    verifier = verifier_for(tstore)
    assert verifier.decide(old.token, "face_swap", NOW.timestamp()).code == C.VALID
    assert verifier.decide(new.token, "face_swap", NOW.timestamp()).code == C.VALID
    assert json.loads(_header(new.token))["kid"] == new_kid


def test_status_list_export_is_fresh_and_short_lived(tstore) -> None:
    grant = grant_for(tstore)
    with tstore.transaction() as tx:
        token = issue(tx, grant, actor="op").token
        keys = KeySet.from_jwks(export_jwks(tx, NOW))
        lists = export_status_lists(tx, "admin", now=NOW)
    verifier = Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))
    in_a_day = (NOW + timedelta(hours=24, seconds=61)).timestamp()
    assert verifier.decide(token, "face_swap", in_a_day).code == C.STATUS_UNAVAILABLE
    with tstore.transaction() as tx, pytest.raises(InputError, match="hours"):
        export_status_lists(tx, "admin", hours=0)


@pytest.fixture
def demo_tstore(demo_store):
    clock.set_clock(lambda: NOW)
    yield demo_store
    clock.set_clock(None)


def test_demo_store_tokens_say_demo(demo_tstore) -> None:
    from storesupport import store_consent

    with demo_tstore.transaction() as tx:
        with pytest.raises(PolicyError, match="demo"):
            issue(tx, store_consent(tx, demo=False), actor="admin")
        issued = issue(tx, store_consent(tx, demo=True), actor="admin", now=NOW)
    assert issued.payload["issuer"]["name"].startswith("[DEMO]")
    assert issued.summary()["demo"] is True
    assert "DEMO" in issued.summary()["notice"]
    decision = verifier_for(demo_tstore).decide(issued.token, "face_swap", NOW.timestamp())
    assert decision.code == C.VALID
    assert decision.as_dict()["demo"] is True


def test_asset_binding_from_the_subjects_samples(tstore, tmp_path) -> None:
    import hashlib
    import uuid

    media = b"\x89PNG\r\n\x1a\n" + b"approved source frame" * 10
    other = b"\x89PNG\r\n\x1a\n" + b"some other frame" * 10
    grant = grant_for(tstore)
    with tstore.transaction() as tx:
        with pytest.raises(PolicyError, match="no captured face or voice sample"):
            issue(tx, grant, bindings=["assets"], actor="op")
        tx.execute(
            "INSERT INTO samples (id, subject_id, kind, mime, data, sha256, created_at)"
            " VALUES (?, ?, 'face', 'image/png', NULL, ?, ?)",
            (str(uuid.uuid4()), grant.subject_id, hashlib.sha256(media).hexdigest(), clock.iso()),
        )
        issued = issue(tx, grant, bindings=["assets"], actor="op")
    assets = issued.payload["credentialSubject"]["assets"]
    assert assets == [{"sha256": hashlib.sha256(media).hexdigest(), "modality": "face"}]
    (tmp_path / "ok.png").write_bytes(media)
    (tmp_path / "no.png").write_bytes(other)
    verifier = verifier_for(tstore)
    at = NOW.timestamp()
    ok = verifier.decide(issued.token, "face_swap", at, str(tmp_path / "ok.png"))
    assert ok.code == C.VALID, ok.reason
    assert ok.media["checks"] == {"assets": {"match": True}}
    bad = verifier.decide(issued.token, "face_swap", at, str(tmp_path / "no.png"))
    assert bad.code == C.MEDIA_MISMATCH
    assert bad.media["checks"]["assets"]["match"] is False


def _header(token: str) -> bytes:
    from consent_app.verify.jose import b64url_decode

    return b64url_decode(token.split(".")[0])


def test_demo_consent_is_marked_demo_even_in_a_real_store(tstore) -> None:
    grant = grant_for(tstore, demo=True)
    with tstore.transaction() as tx:
        issued = issue(tx, grant, actor="op")
    assert issued.payload["issuer"]["name"].startswith("[DEMO]")
    assert issued.demo is True
