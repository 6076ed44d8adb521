"""Erasing a subject's biometric data while keeping the proof of what was agreed.

Samples (face, ID document, voice, statement recordings, liveness challenge frames) lose their
bytes and templates their vectors (``NULL`` + ``erased_at``); the rows stay with their SHA-256,
so the signed record, the evidence hashes and the audit trail still show what was captured, agreed
and when it ended.
Signature strokes and images are not biometric data in the sense of the edits: they are the
consent's own evidence and are kept.

The personal data of complaints about the subject (contact, URL, notes, attachments) is erased too; their
signed intake and workflow stay (``complaints/personal.py``).

Each of the subject's consents gets a signed ``erasure`` event (its state becomes ``erased``), and every
token bound to the subject's face template or voice embedding is revoked by a signed ``revocation`` event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

from consent_app import audit, clock
from consent_app.complaints import personal as complaint_personal
from consent_app.consent.wipe import BIOMETRIC_KINDS, wipe
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "subject.unknown": "no subject with id {subject}",
})

MODALITIES = ("face", "voice")  # what a token can be bound to


@dataclass(frozen=True)
class Erasure:
    subject_id: str
    samples: int
    templates: int
    at: str
    already_erased: bool = False
    revoked_tokens: tuple[str, ...] = ()


def erase_subject(tx, subject_id: str, *, actor: str, reason: str = "subject's request") -> Erasure:
    """Erase one subject's biometric samples and templates, in ``tx`` (audited)."""
    row = tx.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?", (subject_id,)).fetchone()
    from consent_app.studio import templates as studio_templates

    if row is None:
        if not studio_templates.known(tx, subject_id):
            raise InputError(code="subject.unknown", subject=subject_id)
        return _erase_shared_only(tx, subject_id, actor, reason)
    at = clock.iso()
    wiped = wipe(tx, subject_id, at)
    samples, frames, templates = wiped.samples, wiped.frames, wiped.templates
    already = row[0] is not None and samples == 0 and templates == 0
    revoked = _erasure_events(tx, subject_id, actor, reason)
    studio_templates.erased_here(tx, subject_id, at)  # a studio station: keys gone, the studio told
    complaints = complaint_personal.erase(tx, subject_id, at)
    audit.append(tx, actor, "subject.erase_biometrics", f"subject:{subject_id}",
                 {"samples": samples, "templates": templates, "reason": reason,
                  "kinds": list(BIOMETRIC_KINDS), "liveness_frames": frames, "revoked_tokens": revoked,
                  **({"complaints": complaints} if complaints else {})})
    return Erasure(subject_id, samples, templates, at, already, tuple(revoked))


def _erase_shared_only(tx, subject_id: str, actor: str, reason: str) -> Erasure:
    """A subject this station knows only from templates another station of the studio shared (no consent
    of theirs here yet): the keys and templates go here, and the signed erasure takes it everywhere."""
    from consent_app.studio import templates as studio_templates

    at = clock.iso()
    studio_templates.erased_here(tx, subject_id, at)
    complaints = complaint_personal.erase(tx, subject_id, at)
    audit.append(tx, actor, "subject.erase_biometrics", f"subject:{subject_id}",
                 {"samples": 0, "templates": 0, "reason": reason, "kinds": list(BIOMETRIC_KINDS),
                  "liveness_frames": 0, "revoked_tokens": [], "shared_only": True,
                  **({"complaints": complaints} if complaints else {})})
    return Erasure(subject_id, 0, 0, at)


def _erasure_events(tx, subject_id: str, actor: str, reason: str) -> list[str]:
    """A signed erasure event on each of the subject's consents that has none yet, and a revocation of
    every token bound to the face or voice template. Returns the revoked token ids."""
    from consent_app.consent import events
    from consent_app.tokens.revocation import revoke_bound

    revoked: list[str] = []
    for (consent_id,) in tx.execute("SELECT id FROM consents WHERE subject_id = ? ORDER BY created_at, rowid",
                                    (subject_id,)).fetchall():
        if tx.execute("SELECT 1 FROM events WHERE consent_id = ? AND kind = 'erasure'",
                      (consent_id,)).fetchone() is None:
            events.append(tx, consent_id, "erasure",
                          {"subject": f"urn:uuid:{subject_id}", "modalities": list(MODALITIES),
                           "kinds": list(BIOMETRIC_KINDS), "reason": reason}, actor=actor)
        revoked += revoke_bound(tx, consent_id, MODALITIES, actor, f"biometric data erased: {reason}")
    return revoked


def retention_ends(conn, subject_id: str) -> str | None:
    """When the subject's biometric samples must be erased: the latest end of retention over their
    consents (consent time + retention days); None when they have no consent."""
    ends = []
    for created, record in conn.execute("SELECT created_at, record FROM consents WHERE subject_id = ?",
                                        (subject_id,)):
        days = json.loads(record).get("retention", {}).get("biometricSamplesDays")
        if isinstance(days, int):
            ends.append(clock.parse_iso(created) + timedelta(days=days))
    return clock.iso(max(ends)) if ends else None


def erase_expired(tx, *, actor: str = "system") -> list[Erasure]:
    """Erase every subject whose retention period has ended (in ``tx``; each audited)."""
    now = clock.now()
    done = []
    for (subject_id,) in tx.execute(
            "SELECT DISTINCT c.subject_id FROM consents c JOIN subjects s ON s.id = c.subject_id "
            "WHERE s.biometrics_erased_at IS NULL").fetchall():
        end = retention_ends(tx, subject_id)
        if end is not None and clock.parse_iso(end) <= now:
            done.append(erase_subject(tx, subject_id, actor=actor, reason=f"retention ended {end}"))
    return done
