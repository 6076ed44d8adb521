"""The signed consent record: ISO/IEC TS 27560 shape, RFC 8785 + Ed25519, verified on every read."""

from __future__ import annotations

import json

import pytest
from consenthelpers import tamper

from consent_app import audit
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.consent import records
from consent_app.crypto import keys
from consent_app.errors import InputError, PolicyError


def test_the_record_is_canonical_signed_and_shaped_after_27560(consent_store, completed):
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
        stored = conn.execute("SELECT record, kid, signature FROM consents WHERE id = ?",
                              (completed.consent_id,)).fetchone()
        public = keys.public_key_map(conn)
    body = consent.record
    assert stored[0] == canonical_json(body).decode()
    assert consent.record_hash == "sha256:" + sha256_hex(stored[0].encode())
    # an independent check of the Ed25519 signature over the RFC 8785 bytes
    from consent_app.consent.record import b64url_decode

    public[stored[1]].verify(b64url_decode(stored[2]), stored[0].encode())
    for field in ("recordId", "dataController", "dataSubject", "purposes", "collectionMethod", "validity",
                  "retention", "withdrawal", "jurisdiction", "events", "notice", "evidence", "territory",
                  "channels", "prohibitedUses", "marking", "attester", "collector"):
        assert field in body, field
    assert body["recordId"] == f"urn:uuid:{completed.consent_id}"
    assert body["collectionMethod"] == "in_person_session"
    assert body["jurisdiction"] == "CN"
    assert body["purposes"][0]["processing"] == ["face_generation", "face_swap"]
    assert body["events"][0]["state"] == "given"
    assert body["retention"]["biometricSamplesDays"] == 180
    assert body["notice"]["language"] == "en"
    assert body["notice"]["sha256"] == sha256_hex(consent.terms_text.encode())
    evidence = body["evidence"]
    assert {"identityVerification", "liveness", "subjectSignature", "staffCountersignature", "terms",
            "idDocument"} <= set(evidence)
    assert "Mei Lin" not in json.dumps(body, ensure_ascii=False)


def test_records_keep_verifying_after_a_key_rotation(consent_store, completed):
    with consent_store.transaction() as tx:
        new = keys.rotate(tx, "admin")
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
        assert consent.proof["kid"] != new.kid
    with consent_store.transaction() as tx:  # a withdrawal signed with the new key
        records.withdraw(tx, completed.consent_id, categories=["face_swap"], reason="rotation test",
                         staff="op")
    with consent_store.read() as conn:
        consent = records.get_verified(conn, completed.consent_id)
    assert consent.events[0].proof["kid"] == new.kid


@pytest.mark.parametrize(("sql", "problem"), [
    ("UPDATE consents SET record = replace(record, '\"face_swap\"', '\"voice_conversion\"')",
     "record's content does not match its hash"),
    ("UPDATE consents SET categories = '[\"face_generation\",\"face_swap\",\"tts_voice_clone\"]'",
     "stored categories differs from the signed record"),
    ("UPDATE consents SET valid_until = '2099-01-01T00:00:00Z'", "stored validity differs"),
    ("UPDATE consents SET terms_text = terms_text || ' (amended)'", "terms text differs"),
    ("UPDATE consents SET signature = 'AAAA' || substr(signature, 5)", "signature does not verify"),
])
def test_a_record_that_no_longer_verifies_is_refused(consent_store, completed, sql, problem):
    tamper(consent_store, sql)
    with consent_store.read() as conn:
        consent = records.get(conn, completed.consent_id)
        assert not consent.verified
        assert any(problem in p for p in consent.problems), consent.problems
        with pytest.raises(PolicyError, match=f"consent {completed.consent_id} failed verification"):
            records.get_verified(conn, completed.consent_id)
        with pytest.raises(PolicyError, match="failed verification"):
            records.grant(conn, completed.consent_id)
    with pytest.raises(PolicyError, match="failed verification"), consent_store.transaction() as tx:
        records.withdraw(tx, completed.consent_id, categories=None, reason="x", staff="op")


def test_a_record_signed_by_another_studio_is_refused(consent_store, completed):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.consent import record as rec
    from consent_app.crypto.keys import SigningKey

    with consent_store.read() as conn:
        consent = records.get(conn, completed.consent_id)
        studio_keys = keys.public_key_map(conn)
    foreign = SigningKey("foreign-kid", Ed25519PrivateKey.generate(), "2026-01-01T00:00:00Z")
    proof = rec.make_proof(consent.record, foreign)
    check = rec.verify(consent.record, proof, studio_keys)
    assert not check.ok
    assert "not one of this studio's keys" in check.reason
    forged = rec.make_proof(consent.record, foreign)
    forged["kid"] = consent.proof["kid"]  # claims the studio's key, signed by another
    assert rec.verify(consent.record, forged, studio_keys).reason == "the Ed25519 signature does not verify"
    with pytest.raises(PolicyError, match="record failed verification and is refused: the Ed25519"):
        rec.require_valid("record", rec.verify(consent.record, forged, studio_keys))


def test_signed_columns_and_events_cannot_be_changed_through_sql(consent_store, completed):
    with pytest.raises(Exception, match="cannot be changed"), consent_store.transaction() as tx:
        tx.execute("UPDATE consents SET record = '{}'")
    with pytest.raises(Exception, match="withdraw instead"), consent_store.transaction() as tx:
        tx.execute("DELETE FROM consents")
    with consent_store.transaction() as tx:
        records.withdraw(tx, completed.consent_id, categories=["face_swap"], reason="r", staff="op")
    with pytest.raises(Exception, match="append-only"), consent_store.transaction() as tx:
        tx.execute("DELETE FROM events")
    with pytest.raises(Exception, match="append-only"), consent_store.transaction() as tx:
        tx.execute("UPDATE events SET body = '{}'")


def test_a_removed_withdrawal_event_breaks_the_graph(consent_store, completed):
    with consent_store.transaction() as tx:
        first = records.withdraw(tx, completed.consent_id, categories=["face_swap"], reason="one", staff="op")
        records.withdraw(tx, completed.consent_id, categories=["face_generation"], reason="two", staff="op")
    tamper(consent_store, "DELETE FROM events WHERE hash = ?", (first.hash,))
    with consent_store.read() as conn:
        consent = records.get(conn, completed.consent_id)
    assert any("which is not stored (deleted?)" in p for p in consent.problems)


def test_unknown_consent_ids_are_input_errors(consent_store):
    with consent_store.read() as conn, pytest.raises(InputError, match="no consent with id nope"):
        records.get(conn, "nope")


def test_the_grant_carries_what_tokens_may_carry(consent_store, completed):
    with consent_store.read() as conn:
        grant = records.grant(conn, completed.consent_id)
    assert grant.operations == ("face_generation", "face_swap")
    assert grant.subject_id == completed.subject_id
    assert grant.record_hash == completed.record_hash
    assert grant.marking == "AI-generated / 人工智能生成"
    assert grant.evidence["faceMatch"]["match"] is True
    assert grant.evidence["liveness"]["passed"] is True
    assert grant.demo is False
    with consent_store.read() as conn:
        actions = [(e.action, e.target) for e in audit.entries(conn)]
    assert ("consent.create", f"consent:{completed.consent_id}") in actions
