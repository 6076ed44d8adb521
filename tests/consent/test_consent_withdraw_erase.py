"""Withdrawal (whole or per category: signed, audited, tokens revoked) and erasure of biometrics."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from consent_app import audit, clock
from consent_app.consent import erasure, records
from consent_app.errors import InputError, PolicyError


@pytest.fixture
def with_tokens(consent_store, completed):
    """The consent with two real tokens: one for face_swap, one for face_generation."""
    from consent_app.tokens import issue
    with consent_store.transaction() as tx:
        grant = records.grant(tx, completed.consent_id)
        swap = issue(tx, grant, ["face_swap"], actor="op")
        gen = issue(tx, grant, ["face_generation"], actor="op")
    return swap.token_id, gen.token_id


def _revoked(store) -> dict[str, bool]:
    """Which tokens are revoked, as computed from the signed events (the one computation)."""
    from consent_app.tokens.listing import token_states

    with store.read() as conn:
        return {t["tokenId"].removeprefix("urn:uuid:"): t["state"] == "revoked" for t in token_states(conn)}


def test_withdrawing_one_category_revokes_only_its_tokens(consent_store, completed, with_tokens):
    swap, gen = with_tokens
    with consent_store.transaction() as tx:
        event = records.withdraw(tx, completed.consent_id, categories=["face_swap"],
                                 reason="does not want face swaps", staff="op")
    assert _revoked(consent_store) == {swap: True, gen: False}
    assert event.body["remaining"] == ["face_generation"]
    assert event.body["record"] == completed.record_hash
    assert event.kind == "withdrawal"
    assert event.ok
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
        grant = records.grant(conn, completed.consent_id)
        entry = [e for e in audit.entries(conn) if e.action == "consent.withdraw"][-1]
    assert consent.state == "partially_withdrawn"
    assert consent.remaining_categories == ("face_generation",)
    assert grant.allowed_operations == ("face_generation",)
    assert entry.actor == "op"
    assert entry.details["revoked_tokens"] == [swap]
    assert entry.details["event_hash"] == event.proof["hash"]

    with consent_store.transaction() as tx:
        last = records.withdraw(tx, completed.consent_id, categories=None, reason="all of it", staff="admin")
    assert last.body["remaining"] == []
    with consent_store.read() as conn:
        revocation = [e for e in records.get(conn, completed.consent_id).events if e.kind == "revocation"]
    assert last.body["seen"] == [revocation[0].hash]  # it names the heads its author had seen
    assert _revoked(consent_store) == {swap: True, gen: True}
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
        assert consent.withdrawn_at is not None
        assert records.effective_state(consent) == "withdrawn"
        grant = records.grant(conn, completed.consent_id)
        from consent_app.tokens import issue

        with pytest.raises(PolicyError, match="withdrawn; no token can be issued"):
            issue(conn, grant, actor="op")


def test_bad_withdrawals_are_refused_and_change_nothing(consent_store, completed):
    def attempt(**kw):
        with consent_store.transaction() as tx:
            records.withdraw(tx, completed.consent_id, **{"categories": None, "reason": "r", "staff": "op",
                                                          **kw})

    with pytest.raises(InputError, match="reason"):
        attempt(reason="  ")
    with pytest.raises(InputError, match="does not cover tts_voice_clone"):
        attempt(categories=["tts_voice_clone"])
    with pytest.raises(InputError, match="unknown edit category"):
        attempt(categories=["everything"])
    attempt(categories=["face_swap"])
    with pytest.raises(PolicyError, match="face_swap already withdrawn"):
        attempt(categories=["face_swap"])
    attempt()
    with pytest.raises(PolicyError, match="already fully withdrawn"):
        attempt()
    with consent_store.read() as conn:
        assert len(records.get_verified(conn, completed.consent_id).events) == 2


def test_expiry_and_not_yet_valid_come_from_the_clock(consent_store, completed):
    with consent_store.read() as conn:
        consent = records.get(conn, completed.consent_id)
    until = clock.parse_iso(consent.valid_until)
    assert records.effective_state(consent, until - timedelta(seconds=1)) == "active"
    assert records.effective_state(consent, until) == "expired"
    assert records.effective_state(consent, clock.parse_iso(consent.valid_from) - timedelta(seconds=1)) == \
        "not_yet_valid"


def test_erasure_keeps_the_proof_but_not_the_biometrics(consent_store, completed):
    with consent_store.transaction() as tx:
        done = erasure.erase_subject(tx, completed.subject_id, actor="admin")
    assert done.samples == 6  # ID document, live face and 4 liveness challenge frames
    assert done.templates == 1
    with consent_store.read() as conn:
        rows = conn.execute("SELECT kind, data IS NULL, erased_at IS NOT NULL, sha256 FROM samples "
                            "WHERE subject_id = ?", (completed.subject_id,)).fetchall()
        templates = conn.execute("SELECT vector IS NULL FROM templates WHERE subject_id = ?",
                                 (completed.subject_id,)).fetchall()
        consent = records.get_verified(conn, completed.consent_id)  # still verifies
        subject = conn.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?",
                               (completed.subject_id,)).fetchone()
        entry = [e for e in audit.entries(conn) if e.action == "subject.erase_biometrics"][-1]
        assert audit.verify_chain(conn).ok
    for kind, gone, marked, sha in rows:
        assert (gone, marked) == ((True, True) if kind != "signature" else (False, False)), kind
        assert len(sha) == 64  # the hash the record cites stays
    assert templates == [(True,)]
    assert subject[0] == done.at
    assert consent.record["evidence"]["identityVerification"]["faceSampleSha256"] in {r[3] for r in rows}
    assert entry.details == {"samples": 6, "templates": 1, "reason": "subject's request",
                             "kinds": ["face", "id_document", "voice", "statement"], "liveness_frames": 4,
                             "revoked_tokens": []}
    assert "Mei" not in json.dumps(entry.details)
    with consent_store.transaction() as tx:
        again = erasure.erase_subject(tx, completed.subject_id, actor="admin")
    assert again.already_erased
    with pytest.raises(InputError, match="no subject"), consent_store.transaction() as tx:
        erasure.erase_subject(tx, "missing", actor="admin")


def test_erasure_when_retention_ends(consent_store, completed):
    with consent_store.read() as conn:
        end = clock.parse_iso(erasure.retention_ends(conn, completed.subject_id))
        created = clock.parse_iso(records.get(conn, completed.consent_id).created_at)
    assert end - created == timedelta(days=180)
    with consent_store.transaction() as tx:
        assert erasure.erase_expired(tx) == []
    try:
        clock.set_clock(lambda: end + timedelta(seconds=1))
        with consent_store.transaction() as tx:
            done = erasure.erase_expired(tx, actor="system")
    finally:
        clock.set_clock(None)
    assert [d.subject_id for d in done] == [completed.subject_id]
    with consent_store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM samples WHERE subject_id = ? AND kind = 'face' "
                            "AND data IS NOT NULL", (completed.subject_id,)).fetchone()[0] == 0
