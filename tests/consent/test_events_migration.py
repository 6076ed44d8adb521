"""The signed-events migration: a store written before it keeps its withdrawals, tokens and revocations."""

from __future__ import annotations

import json
import uuid

from storesupport import fast_argon2

from consent_app import audit, clock
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.consent import record as rec
from consent_app.consent import records
from consent_app.crypto import keys as signing
from consent_app.store import Store, migrations

PASS = "migrate me please"


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _old_store(data_dir):
    """A store at the schema before signed events, holding a consent with a v1 withdrawal event and two
    tokens (one revoked through the old revoked_at column)."""
    before = _version_of("signed_events") - 1
    store = Store.create(data_dir, passphrase=PASS, argon2=fast_argon2(), schema_version=before)
    consent_id, subject_id = str(uuid.uuid4()), str(uuid.uuid4())
    tokens = [str(uuid.uuid4()), str(uuid.uuid4())]
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('studio_id', ?), ('studio_name', 'Old Studio')",
                     (store.store_id,))
        key = signing.create_key(conn, "admin")
        conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) "
                     "VALUES (?, 'Old', ?, 'a')", (subject_id, clock.iso()))
        terms = "old terms"
        body = {"recordId": f"urn:uuid:{consent_id}", "dataSubject": {"id": f"urn:uuid:{subject_id}"},
                "purposes": [{"processing": ["face_swap", "tts_voice_clone"]}],
                "validity": {"from": "2026-01-01T00:00:00Z", "until": "2099-01-01T00:00:00Z"},
                "notice": {"sha256": sha256_hex(terms.encode())}, "demo": False, "createdAt": clock.iso()}
        proof = rec.make_proof(body, key)
        conn.execute(
            "INSERT INTO consents (id, subject_id, session_id, state, categories, withdrawn_categories, "
            "valid_from, valid_until, language, terms_version, terms_text, terms_sha256, record, "
            "record_hash, "
            "kid, signature, demo, created_at, created_by, withdrawn_at) "
            "VALUES (?, ?, NULL, 'partially_withdrawn', "
            "?, ?, ?, ?, 'en', 'v1', ?, ?, ?, ?, ?, ?, 0, ?, 'a', NULL)",
            (consent_id, subject_id, json.dumps(["face_swap", "tts_voice_clone"]), json.dumps(["face_swap"]),
             body["validity"]["from"], body["validity"]["until"], terms, sha256_hex(terms.encode()),
             canonical_json(body).decode(), proof["hash"], key.kid, proof["signatureValue"],
             body["createdAt"]))
        event_id = str(uuid.uuid4())
        event = rec.build_event(event_id=event_id, consent_id=consent_id, seq=1,
                                previous_hash=proof["hash"],
                                kind="withdrawal", categories=["face_swap"], remaining=["tts_voice_clone"],
                                reason="old withdrawal", staff="op", at=clock.iso(), demo=False)
        eproof = rec.make_proof(event, key)
        conn.execute("INSERT INTO consent_events (id, consent_id, seq, kind, categories, at, staff, body, "
                     "body_hash, kid, signature) VALUES (?, ?, 1, 'withdrawal', ?, ?, 'op', ?, ?, ?, ?)",
                     (event_id, consent_id, json.dumps(["face_swap"]), event["time"],
                      canonical_json(event).decode(), eproof["hash"], key.kid, eproof["signatureValue"]))
        conn.execute("INSERT INTO status_lists (id, purpose, size, created_at) VALUES ('urn:uuid:l', "
                     "'revocation', 131072, ?)", (clock.iso(),))
        for i, (token_id, ops) in enumerate(zip(tokens, (["face_swap"], ["tts_voice_clone"]), strict=True)):
            conn.execute(
                "INSERT INTO tokens (id, consent_id, kid, issued_at, issued_by, valid_from, valid_until, "
                "operations, bindings, status_list, status_index, sha256, revoked_at, revoked_by, "
                "revoked_reason)"
                " VALUES (?, ?, ?, ?, 'op', ?, ?, ?, '[]', 'urn:uuid:l', ?, ?, ?, ?, ?)",
                (token_id, consent_id, key.kid, clock.iso(), body["validity"]["from"],
                 body["validity"]["until"], json.dumps(ops), 100 + i, "ab" * 32,
                 clock.iso() if i == 0 else None,
                 "op" if i == 0 else None, "consent withdrawn" if i == 0 else None))
        audit.append(conn, "op", "consent.withdraw", f"consent:{consent_id}", {})
        conn.execute("COMMIT")
    store.close()
    return consent_id, tokens


def test_old_withdrawals_tokens_and_revocations_survive_as_signed_events(tmp_path):
    consent_id, (revoked, live) = _old_store(tmp_path / "d")
    with Store.open(tmp_path / "d", PASS) as store, store.read() as conn:
        consent = records.get_verified(conn, consent_id)
        assert audit.verify_chain(conn).ok
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'consent_events'").fetchone() is None
    assert consent.state == "partially_withdrawn"
    assert consent.withdrawn_categories == ("face_swap",)
    kinds = [e.kind for e in consent.events]
    assert sorted(kinds) == ["revocation", "token_issue", "token_issue", "withdrawal"]
    legacy = next(e for e in consent.events if e.kind == "withdrawal")
    assert legacy.body["schema"] == rec.EVENT_SCHEMA  # the v1 event, its signed bytes unchanged
    states = {t.id: t.state for t in consent.tokens}
    assert states == {revoked: "revoked", live: "issued"}
    assert all(e.body.get("attestedByMigration") for e in consent.events if e.kind != "withdrawal")
