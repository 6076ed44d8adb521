"""A complaint's personal data, kept apart from what is signed, so that erasing its subject removes it.

Since schema v2 (intake ``complaint/v2``, steps ``complaint-event/v2``) the signed intake carries salted
commitments (``crypto/commitments.py``, one salt per complaint) to the complainant's contact, the URL and the
note, and each signed step one to its note (a salt per step); the values and salts stay in the encrypted
store (``complaints`` columns, ``complaint_event_notes``). Erasing a subject (``consent.erasure``, and at a
studio station the erasure of another station) erases the personal data of every complaint about them: the
contact, URL and notes with their salts, the attachments' names and bytes. What stays is what a regulator's
record needs and still verifies: the signed intake (claim, complainant role, channel, dates, the attachments'
kind, size and SHA-256, the subject's id, commitments nobody can test any more), every signed step (state,
time, staff) and the actions taken. Complaints of schema v1 (filed before) keep their URL and step notes:
they are inside the signed documents; their contact, intake note and attachments are erased.

A complaint's personal data is ``here``, ``waiting`` (another studio station's, sealed under the subject's
key, which has not reached this station yet: ``studio/complaint_private.py``) or ``erased``.
"""

from __future__ import annotations

from consent_app.complaints import model as m
from consent_app.crypto import commitments
from consent_app.store import scrub

HERE, WAITING, ERASED = "here", "waiting", "erased"


def intake_fields(contact: str, url: str | None, note: str, salt: bytes) -> dict:
    """The commitments a v2 intake signs instead of the values."""
    return {"contact": commitments.commitment("contact", contact, salt),
            "url": commitments.commitment("url", url, salt) if url else None,
            "note": commitments.commitment("note", note, salt)}


def status(conn, complaint_id: str) -> str:
    row = conn.execute("SELECT 'erased' FROM complaint_erasures WHERE complaint_id = ? UNION ALL "
                       "SELECT 'waiting' FROM complaint_sealed WHERE object_id = ? AND kind = 'intake'",
                       (complaint_id, complaint_id)).fetchone()
    return row[0] if row else HERE


def check_intake(intake: dict, *, contact: str, salt: bytes, url: str | None, note: str,
                 state: str) -> list[str]:
    """What in the stored personal fields disagrees with the signed intake (nothing to check unless here)."""
    if state != HERE:
        return []
    committed = intake.get("complainant", {}).get("contact", "")
    if intake.get("schema") == m.INTAKE_SCHEMA_V2:
        agrees = (intake.get("url") is None if url is None
                  else commitments.opens(str(intake.get("url")), "url", url, salt)) \
            and commitments.opens(str(intake.get("note")), "note", note, salt)
    else:
        agrees = intake.get("url") == url
    if not agrees:
        return ["the stored complaint differs from its signed intake"]
    if not commitments.opens(committed, "contact", contact, salt):
        return ["the stored contact differs from the one committed in the signed intake"]
    return []


def new_event_note(tx, event_id: str, complaint_id: str, note: str) -> str:
    """Keep a v2 step's note (with its salt) apart; returns the commitment the step signs."""
    salt = commitments.new_salt()
    tx.execute("INSERT INTO complaint_event_notes (event_id, complaint_id, note, salt) VALUES (?, ?, ?, ?)",
               (event_id, complaint_id, note, salt))
    return commitments.commitment("note", note, salt)


def event_notes(conn, complaint_id: str) -> dict[str, tuple[str, bytes]]:
    return {eid: (note, bytes(salt)) for eid, note, salt in conn.execute(
        "SELECT event_id, note, salt FROM complaint_event_notes WHERE complaint_id = ?", (complaint_id,))}


def event_note(event_id: str, body: dict, notes: dict[str, tuple[str, bytes]], problems: list[str]) -> str:
    """A step's note: in the signed body (v1), or kept apart and checked against its commitment (v2; empty
    when erased or still waiting for the subject's key)."""
    if body.get("schema") != m.EVENT_SCHEMA_V2:
        return str(body.get("note", ""))
    kept = notes.get(event_id)
    if kept is None:
        return ""
    if not commitments.opens(str(body.get("note")), "note", kept[0], kept[1]):
        problems.append(f"event {body.get('seq')}: the stored note differs from the one committed in the "
                        "signed step")
    return kept[0]


def erase(tx, subject_id: str, at: str) -> int:
    """Erase the personal data of every complaint about ``subject_id`` (in ``tx``); returns how many."""
    ids = [r[0] for r in tx.execute(
        "SELECT id FROM complaints c WHERE subject_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM complaint_erasures e WHERE e.complaint_id = c.id) ORDER BY rowid", (subject_id,))]
    for complaint_id in ids:
        erase_one(tx, complaint_id, subject_id, at)
    return len(ids)


def erase_one(tx, complaint_id: str, subject_id: str, at: str) -> None:
    scrub.request(tx)  # the old values leave the store file's pages once the transaction commits
    tx.execute("UPDATE complaints SET contact = '', contact_salt = x'', note = '', "
               "url = CASE WHEN json_extract(intake, '$.schema') = ? THEN url ELSE NULL END WHERE id = ?",
               (m.INTAKE_SCHEMA, complaint_id))  # a v1 intake signed its URL: it stays with it
    tx.execute("UPDATE complaint_media SET name = '', data = x'' WHERE complaint_id = ?", (complaint_id,))
    tx.execute("DELETE FROM complaint_event_notes WHERE complaint_id = ?", (complaint_id,))
    tx.execute("DELETE FROM complaint_sealed WHERE complaint_id = ?", (complaint_id,))
    tx.execute("INSERT OR IGNORE INTO complaint_erasures (complaint_id, subject_id, erased_at) "
               "VALUES (?, ?, ?)", (complaint_id, subject_id, at))
