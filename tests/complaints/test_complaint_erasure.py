"""Erasing a subject erases the personal data of the complaints about them (contact, URL, notes, the
attachments' names and bytes) while the complaint's signed intake and workflow stay and still verify: the
register lists it with its steps, the records export keeps its signed skeleton, nothing personal is left."""

from __future__ import annotations

import json

import pytest
from storesupport import store_consent

from consent_app.complaints import register
from consent_app.complaints.media import Attachment
from consent_app.consent import erasure
from consent_app.errors import InputError

CONTACT = "jane.doe@example.org"
URL = "https://video.example/watch?v=42"
NOTE = "seen on a video site"
STEP_NOTE = "called her back on +44 20 7946 0000"
PNG = b"\x89PNG disputed bytes"


def _complaint(tx, consent_id: str | None, *, contact: str = CONTACT) -> str:
    cid = register.file(tx, claim="no_consent", role="subject", contact=contact, url=URL, note=NOTE,
                        consent_id=consent_id, staff="admin",
                        attachments=[Attachment("her-face.png", "image", "image/png", PNG)])
    register.transition(tx, cid, "acknowledged", note=STEP_NOTE, staff="admin")
    return cid


def test_erasing_the_subject_erases_the_complaint_personal_data_and_keeps_its_signed_workflow(store) -> None:
    with store.transaction() as tx:
        consent_id = store_consent(tx)
        subject = tx.execute("SELECT subject_id FROM consents WHERE id = ?", (consent_id,)).fetchone()[0]
        cid = _complaint(tx, consent_id)
        other = _complaint(tx, None, contact="someone.else@example.org")
    with store.read() as conn:
        before = register.get(conn, cid)
    assert before.personal == "here"
    assert not before.problems
    assert before.subject_id == subject
    assert [e.note for e in before.events] == ["complaint received", STEP_NOTE]
    signed = json.dumps([before.intake, [e.body for e in before.events]])
    for secret in (CONTACT, URL, NOTE, STEP_NOTE):  # the signed documents hold commitments only
        assert secret not in signed

    with store.transaction() as tx:
        erasure.erase_subject(tx, subject, actor="admin", reason="subject's request")

    with store.read() as conn:
        after = register.get(conn, cid)
        untouched = register.get(conn, other)
        row = conn.execute("SELECT contact, contact_salt, url, note FROM complaints WHERE id = ?",
                           (cid,)).fetchone()
        media = conn.execute("SELECT name, data, sha256 FROM complaint_media WHERE complaint_id = ?",
                             (cid,)).fetchone()
        notes = conn.execute("SELECT COUNT(*) FROM complaint_event_notes WHERE complaint_id = ?",
                             (cid,)).fetchone()[0]
        listed = [c.id for c in register.list_complaints(conn)]
        with pytest.raises(InputError) as refused:
            register.attachment_data(conn, cid, after.media[0].id)
        from consent_app.records import sections
        from consent_app.records.export import Period

        exported = {item["complaint"]: item for item in
                    sections.complaints(conn, Period.parse("2000-01-01", "2100-01-01"), False)}
    assert refused.value.code == "complaint.attachment_erased"
    assert row == ("", b"", None, "")
    assert media[:2] == ("", b"")
    assert media[2] == before.media[0].sha256
    assert notes == 0
    # the skeleton: listed, verified, same state and signed steps, nothing personal
    assert listed == [cid, other]
    assert after.personal == "erased"
    assert not after.problems
    assert after.state == "acknowledged"
    assert [(e.state, e.proof) for e in after.events] == [(e.state, e.proof) for e in before.events]
    assert [e.note for e in after.events] == ["", ""]
    assert (after.contact, after.url, after.note) == ("", None, "")
    assert after.intake == before.intake
    assert after.proof == before.proof
    item = exported[cid]
    assert item["summary"]["personalData"] == "erased"
    assert item["summary"]["state"] == "acknowledged"
    assert item["problems"] == []
    assert [e["proof"]["hash"] for e in item["events"]] == [e.proof["hash"] for e in before.events]
    text = json.dumps(item, ensure_ascii=False)
    for secret in (CONTACT, URL, NOTE, STEP_NOTE, "her-face.png"):
        assert secret not in text
    # a complaint about no subject (or another one) keeps its data
    assert untouched.personal == "here"
    assert untouched.contact == "someone.else@example.org"
    assert [e.note for e in untouched.events] == ["complaint received", STEP_NOTE]
    assert exported[other]["contact"] == "someone.else@example.org"


def test_an_edited_step_note_or_url_is_caught(store) -> None:
    with store.transaction() as tx:
        cid = _complaint(tx, None)
    with store.transaction() as tx:
        tx.execute("UPDATE complaint_event_notes SET note = 'nothing happened' WHERE complaint_id = ?",
                   (cid,))
        tx.execute("UPDATE complaints SET url = 'https://elsewhere.example/' WHERE id = ?", (cid,))
    with store.read() as conn:
        problems = register.get(conn, cid).problems
    assert any("stored note differs" in p for p in problems)
    assert "the stored complaint differs from its signed intake" in problems


def _v1_complaint(tx, subject: str) -> str:
    """A complaint as filed before schema v2: the URL and the step note inside the signed documents."""
    import uuid

    from consent_app import clock
    from consent_app.canonical import canonical_json, sha256_hex
    from consent_app.complaints import model as m
    from consent_app.consent import record as rec
    from consent_app.crypto import commitments
    from consent_app.crypto import keys as signing
    from consent_app.store import meta

    cid, eid, now, salt = str(uuid.uuid4()), str(uuid.uuid4()), clock.iso(), commitments.new_salt()
    intake = {"schema": m.INTAKE_SCHEMA, "complaintId": f"urn:uuid:{cid}", "studio": meta.studio(tx).id,
              "receivedAt": now, "channel": "staff",
              "complainant": {"role": "subject", "contact": commitments.commitment("contact", CONTACT, salt)},
              "claim": "other", "url": URL, "subject": f"urn:uuid:{subject}", "consent": None,
              "note": "sha256:" + sha256_hex(NOTE.encode()), "media": [], "staff": "admin"}
    key = signing.active_key(tx)
    proof = rec.make_proof(intake, key)
    tx.execute("INSERT INTO complaints (id, received_at, channel, complainant_role, contact, contact_salt, "
               "claim, url, subject_id, consent_id, note, intake, intake_hash, kid, signature, state, "
               "created_by) VALUES (?, ?, 'staff', 'subject', ?, ?, 'other', ?, ?, NULL, ?, ?, ?, ?, ?, "
               "'received', 'admin')", (cid, now, CONTACT, salt, URL, subject, NOTE,
                                        canonical_json(intake).decode(), proof["hash"], proof["kid"],
                                        proof["signatureValue"]))
    body = {"schema": m.EVENT_SCHEMA, "eventId": f"urn:uuid:{eid}", "complaintId": f"urn:uuid:{cid}",
            "seq": 1, "previous": proof["hash"], "type": "complaint.transition", "from": None,
            "state": "received", "note": "complaint received", "staff": "admin", "time": now}
    ep = rec.make_proof(body, key)
    tx.execute("INSERT INTO complaint_events (id, complaint_id, seq, state, at, staff, body, body_hash, kid, "
               "signature) VALUES (?, ?, 1, 'received', ?, 'admin', ?, ?, ?, ?)",
               (eid, cid, now, canonical_json(body).decode(), ep["hash"], ep["kid"], ep["signatureValue"]))
    return cid


def test_a_complaint_filed_before_v2_keeps_verifying_and_loses_what_is_not_signed(store) -> None:
    with store.transaction() as tx:
        consent_id = store_consent(tx)
        subject = tx.execute("SELECT subject_id FROM consents WHERE id = ?", (consent_id,)).fetchone()[0]
        cid = _v1_complaint(tx, subject)
        register.transition(tx, cid, "acknowledged", note=STEP_NOTE, staff="admin")  # a v2 step on it
    with store.read() as conn:
        before = register.get(conn, cid)
    assert not before.problems
    assert (before.contact, before.url, before.note) == (CONTACT, URL, NOTE)
    with store.transaction() as tx:
        erasure.erase_subject(tx, subject, actor="admin")
    with store.read() as conn:
        after = register.get(conn, cid)
    assert not after.problems
    assert after.personal == "erased"
    assert after.state == "acknowledged"
    assert (after.contact, after.note) == ("", "")
    assert after.url == URL  # signed into the v1 intake: it stays with it
    assert [e.note for e in after.events] == ["complaint received", ""]  # a v1 step's note is signed too
