"""Helpers for tests that need a real store (importable from any test: tests/ is on sys.path)."""

from __future__ import annotations

from pathlib import Path

ADMIN_PASSWORD = "correct horse battery"
OPERATOR_PASSWORD = "operator password 1"
PASSPHRASE = "test passphrase"


def fast_argon2():
    """Cheap Argon2id for tests; production parameters are covered by test_keys.py."""
    from consent_app.store.keys import Argon2Params

    return Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def make_store(data_dir: Path, *, demo: bool = False):
    """A real encrypted store with an admin ``admin`` and an operator ``op``."""
    from consent_app import staff
    from consent_app.setup import initialize

    store = initialize(data_dir, studio_name="Test Studio", admin_username="admin",
                       admin_password=ADMIN_PASSWORD, passphrase=PASSPHRASE, demo=demo,
                       argon2=fast_argon2())
    with store.transaction() as tx:
        staff.create(tx, "op", OPERATOR_PASSWORD, staff.Role.OPERATOR, actor="admin")
    return store


def store_consent(tx, *, operations=("face_swap", "tts_voice_clone", "face_attribute_edit"),
                  valid_from=None, valid_until=None, demo=None, subject_id=None, name="Test Person",
                  project="Feature film 'Moonrise'", purpose="De-ageing shots in act 2",
                  marking="AI-generated (人工智能生成) — consent on file") -> str:
    """A minimal signed consent record stored by the app itself (no capture session), in ``tx``.

    For tests that need a real consent to issue tokens from: the same ``records.insert`` the capture
    session uses, so the record, its commitments, events and tokens are all real. Returns the consent id.
    """
    import uuid
    from datetime import timedelta

    from consent_app import clock
    from consent_app.canonical import sha256_hex
    from consent_app.consent import records
    from consent_app.consent.record import build_record
    from consent_app.store import meta

    studio = meta.studio(tx)
    demo = studio.demo if demo is None else demo
    now = clock.now().replace(microsecond=0)
    valid_from = valid_from or now - timedelta(days=1)
    valid_until = valid_until or now + timedelta(days=90)
    if subject_id is None:
        subject_id = str(uuid.uuid4())
        tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                   (subject_id, name, clock.iso(), "admin"))
    consent_id = str(uuid.uuid4())
    text = f"Terms for {project}: {', '.join(operations)}"
    details = {"project": project, "purpose": purpose, "validFrom": clock.iso(valid_from),
               "validUntil": clock.iso(valid_until), "territory": ["CN", "worldwide-streaming"],
               "channels": ["cinema"], "prohibitedUses": ["political content", "advertising"],
               "marking": marking, "retentionDays": 30, "withdrawalContact": "privacy@studio.test",
               "complaintsContact": "complaints@studio.test"}
    body = build_record(
        consent_id=consent_id, studio={"id": f"urn:uuid:{studio.id}", "name": studio.label},
        subject={"id": f"urn:uuid:{subject_id}", "minor": False, "language": "en"},
        attester={"role": "subject", "verified": True}, session={"id": None}, categories=list(operations),
        details=details, notice={"version": "test-1", "language": "en", "sha256": sha256_hex(text.encode())},
        evidence={}, collector={"staff": "op"}, created_at=clock.iso(), demo=demo)
    records.insert(tx, consent_id=consent_id, subject_id=subject_id, session_id=None, body=body,
                   terms_text=text, terms_version="test-1", language="en", actor="op")
    return consent_id
