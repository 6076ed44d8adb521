"""Face data in the encrypted store: samples, templates, verification and liveness evidence.

Slow work (detection, encoding, liveness) happens before a transaction opens; the ``save_*``
functions only write rows and their audit entries, in the caller's transaction. Photos are stored
as image bytes in ``samples``, encodings as float32 bytes in ``templates``; nothing touches the
file system, and audit details carry ids, hashes and scores only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import numpy as np

from consent_app import audit, clock, settings
from consent_app.biometrics.face.analysis import ENCODING_DIM, MODEL_NAME
from consent_app.biometrics.face.index import TemplateIndex
from consent_app.biometrics.face.liveness import LivenessResult
from consent_app.biometrics.face.matching import (
    DEFAULT_THRESHOLD,
    THRESHOLD_RANGE,
    THRESHOLD_SETTING,
    MatchResult,
    check_threshold,
    verify_against,
)
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define

MESSAGES = define({
    "biometrics.unknown_subject": "unknown subject {subject}",
    "biometrics.erased": "this subject's biometric data was erased; start a new enrolment record",
    "face.empty_image": "empty image: nothing to store",
    "face.nothing_enrolled": "this subject has no enrolled face to verify against",
    "evidence.unknown": "no evidence {evidence}",
    "evidence.hash_mismatch": "evidence {evidence} does not match its hash",
})

EVIDENCE_VERIFY = "face.verification"
EVIDENCE_LIVENESS = "face.liveness"
EVIDENCE_DUPLICATES = "face.duplicate_check"
SAMPLE_KINDS = ("face", "id_document")


def to_bytes(vector: np.ndarray) -> bytes:
    v = np.asarray(vector, dtype="<f4").reshape(-1)
    if v.shape != (ENCODING_DIM,):
        raise ValueError(f"a face template has {ENCODING_DIM} values")
    return v.tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    v = np.frombuffer(blob, dtype="<f4")
    if v.shape != (ENCODING_DIM,):
        raise ValueError("stored face template has the wrong size")
    return v.astype(np.float64)


def _subject_exists(conn, subject_id: str) -> None:
    row = conn.execute(
        "SELECT biometrics_erased_at FROM subjects WHERE id = ?", (subject_id,)
    ).fetchone()
    if row is None:
        raise PolicyError(code="biometrics.unknown_subject", subject=subject_id)
    if row[0] is not None:
        raise PolicyError(code="biometrics.erased")


# -- threshold -----------------------------------------------------------------------------------
def match_threshold(conn) -> float:
    """The studio's face match threshold (setting ``face.match_threshold``)."""
    return float(settings.get(conn, THRESHOLD_SETTING, DEFAULT_THRESHOLD))


def set_match_threshold(tx, value: object, actor: str) -> float:
    """Change the threshold (validated); ``settings.put`` audits old and new value."""
    try:
        threshold = check_threshold(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        low, high = THRESHOLD_RANGE
        raise InputError(code="face.threshold_range", low=low, high=high, value=repr(value)) from None
    settings.put(tx, THRESHOLD_SETTING, threshold, actor)
    return threshold


# -- samples and templates -----------------------------------------------------------------------
def save_sample(tx, image: bytes, *, subject_id: str, session_id: str | None, kind: str,
                mime: str, actor: str) -> str:
    """Store a face photo or an ID-document photo; returns the sample id."""
    if kind not in SAMPLE_KINDS:
        raise ValueError(f"face sample kind must be one of {SAMPLE_KINDS}")
    if not image:
        raise InputError(code="face.empty_image")
    _subject_exists(tx, subject_id)
    sample_id = str(uuid.uuid4())
    digest = sha256_hex(image)
    tx.execute(
        "INSERT INTO samples (id, subject_id, session_id, kind, mime, data, sha256, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (sample_id, subject_id, session_id, kind, mime, image, digest, clock.iso()),
    )
    audit.append(tx, actor, f"face.sample.{kind}", f"subject:{subject_id}",
                 {"sample_id": sample_id, "session_id": session_id, "sha256": digest,
                  "mime": mime, "bytes": len(image)})
    return sample_id


def save_enrolment(tx, image: bytes, encoding: np.ndarray, *, subject_id: str,
                   session_id: str | None, actor: str, mime: str = "image/jpeg",
                   model: str = MODEL_NAME) -> tuple[str, str]:
    """Store the capture photo and its template; returns (sample_id, template_id)."""
    sample_id = save_sample(tx, image, subject_id=subject_id, session_id=session_id,
                            kind="face", mime=mime, actor=actor)
    template_id = str(uuid.uuid4())
    tx.execute(
        "INSERT INTO templates (id, subject_id, sample_id, modality, model, vector, created_at) "
        "VALUES (?, ?, ?, 'face', ?, ?, ?)",
        (template_id, subject_id, sample_id, model, to_bytes(encoding), clock.iso()),
    )
    audit.append(tx, actor, "face.enrol", f"subject:{subject_id}",
                 {"sample_id": sample_id, "template_id": template_id,
                  "session_id": session_id, "model": model})
    return sample_id, template_id


def face_templates(conn, subject_id: str | None = None) -> list[tuple[str, str, np.ndarray]]:
    """(template_id, subject_id, vector) of every live face template (of one subject if given): this
    station's, then those other stations of the studio shared whose subject key is here, by time."""
    sql = ("SELECT t.id, t.subject_id, t.vector, t.created_at FROM templates t JOIN subjects s "
           "ON s.id = t.subject_id WHERE t.modality = 'face' AND t.model = ? "
           "AND t.vector IS NOT NULL AND t.erased_at IS NULL AND s.biometrics_erased_at IS NULL")
    shared = ("SELECT id, subject_id, vector, created_at FROM shared_templates WHERE modality = 'face' "
              "AND model = ? AND vector IS NOT NULL")
    params: tuple = (MODEL_NAME,)
    if subject_id is not None:
        sql += " AND t.subject_id = ?"
        shared += " AND subject_id = ?"
        params += (subject_id,)
    rows = conn.execute(sql + " ORDER BY t.created_at, t.rowid", params).fetchall()
    rows += conn.execute(shared + " ORDER BY created_at, id", params).fetchall()
    rows.sort(key=lambda r: r[3])  # stable: ties keep the order above
    return [(tid, sid, from_bytes(blob)) for tid, sid, blob, _at in rows]


# -- duplicate check (1:N) -------------------------------------------------------------------------
@dataclass(frozen=True)
class DuplicateHit:
    subject_id: str
    display_name: str  # shown to staff only; never audited
    template_id: str
    distance: float
    station: str | None = None       # the studio station that enrolled it (None: this station)
    station_name: str | None = None


def build_index(conn) -> TemplateIndex:
    """All enrolled face templates in one searchable index (keys: (template_id, subject_id))."""
    rows = face_templates(conn)
    if not rows:
        return TemplateIndex()
    return TemplateIndex.from_matrix([(t, s) for t, s, _ in rows],
                                     np.stack([v for _, _, v in rows]))


def find_duplicates(conn, encoding: np.ndarray, *, subject_id: str | None = None,
                    threshold: float | None = None,
                    index: TemplateIndex | None = None) -> list[DuplicateHit]:
    """Enrolled subjects other than ``subject_id`` whose face matches ``encoding`` (closest
    first, one hit per subject): the staff must be warned before enrolling."""
    thr = match_threshold(conn) if threshold is None else threshold
    idx = index if index is not None else build_index(conn)
    seen: dict[str, DuplicateHit] = {}
    for hit in idx.within(encoding, thr):
        template_id, other = hit.key  # type: ignore[misc]
        if other == subject_id or other in seen:
            continue
        row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (other,)).fetchone()
        origin = conn.execute("SELECT station, display_name FROM shared_templates WHERE id = ?",
                              (template_id,)).fetchone()
        name = row[0] if row else (origin[1] if origin and origin[1] else "?")
        station = station_name = None
        if origin is not None:
            from consent_app.studio.templates import station_name as name_of

            station, station_name = origin[0], name_of(conn, origin[0])
        seen[other] = DuplicateHit(other, name, template_id, hit.distance, station, station_name)
    return list(seen.values())


def save_duplicate_check(tx, hits: list[DuplicateHit], *, subject_id: str,
                         session_id: str | None, threshold: float, searched: int,
                         actor: str) -> str:
    """Record that the 1:N check ran, and what it found (subject ids and distances)."""
    body = {
        "kind": EVIDENCE_DUPLICATES, "threshold": threshold, "model": MODEL_NAME,
        "templates_searched": searched, "checked_at": clock.iso(),
        "matches": [{"subject_id": h.subject_id, "template_id": h.template_id,
                     "distance": round(h.distance, 6)} for h in hits],
    }
    evidence_id = _save_evidence(tx, body, kind=EVIDENCE_DUPLICATES, subject_id=subject_id,
                                 session_id=session_id)
    audit.append(tx, actor, "face.duplicate_check", f"subject:{subject_id}",
                 {"evidence_id": evidence_id, "session_id": session_id,
                  "matches": len(hits), "threshold": threshold})
    return evidence_id


# -- verification and liveness evidence -----------------------------------------------------------
def verify_returning(conn, subject_id: str, encoding: np.ndarray,
                     threshold: float | None = None) -> MatchResult:
    """Compare a live capture with the subject's enrolled templates (closest one decides)."""
    rows = face_templates(conn, subject_id)
    if not rows:
        raise PolicyError(code="face.nothing_enrolled")
    thr = match_threshold(conn) if threshold is None else threshold
    return verify_against(encoding, [(t, v) for t, _, v in rows], thr)


def _save_evidence(tx, body: dict, *, kind: str, subject_id: str | None,
                   session_id: str | None) -> str:
    evidence_id = str(uuid.uuid4())
    encoded = canonical_json(body)
    tx.execute(
        "INSERT INTO evidence (id, session_id, subject_id, kind, body, sha256, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (evidence_id, session_id, subject_id, kind, encoded.decode(), sha256_hex(encoded),
         clock.iso()),
    )
    return evidence_id


def save_verification(tx, result: MatchResult, *, subject_id: str, session_id: str | None,
                      actor: str, reference: str, live_sample_id: str | None = None,
                      reference_sample_id: str | None = None) -> str:
    """Store a 1:1 result (``reference``: 'id_document' or 'enrolled') with score, threshold,
    model and time; returns the evidence id."""
    if reference not in ("id_document", "enrolled"):
        raise ValueError("reference must be 'id_document' or 'enrolled'")
    _subject_exists(tx, subject_id)
    body = dict(result.to_dict(), reference=reference, live_sample_id=live_sample_id,
                reference_sample_id=reference_sample_id)
    evidence_id = _save_evidence(tx, body, kind=EVIDENCE_VERIFY, subject_id=subject_id,
                                 session_id=session_id)
    audit.append(tx, actor, "face.verify", f"subject:{subject_id}",
                 {"evidence_id": evidence_id, "session_id": session_id, "reference": reference,
                  "match": result.match, "distance": round(result.distance, 6),
                  "threshold": result.threshold, "model": result.model})
    return evidence_id


def save_liveness(tx, result: LivenessResult, *, subject_id: str, session_id: str | None,
                  actor: str) -> str:
    """Store the challenge, its nonce and the per-step result; returns the evidence id."""
    _subject_exists(tx, subject_id)
    body = dict(result.to_dict(), kind=EVIDENCE_LIVENESS, recorded_at=clock.iso())
    evidence_id = _save_evidence(tx, body, kind=EVIDENCE_LIVENESS, subject_id=subject_id,
                                 session_id=session_id)
    audit.append(tx, actor, "face.liveness", f"subject:{subject_id}",
                 {"evidence_id": evidence_id, "session_id": session_id,
                  "passed": result.passed, "challenge": list(result.challenge),
                  "nonce": result.nonce})
    return evidence_id


def load_evidence(conn, evidence_id: str) -> dict:
    """An evidence body, checked against its stored hash."""
    import json

    row = conn.execute("SELECT body, sha256 FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
    if row is None:
        raise InputError(code="evidence.unknown", evidence=evidence_id)
    if sha256_hex(row[0].encode()) != row[1]:
        raise PolicyError(code="evidence.hash_mismatch", evidence=evidence_id)
    return json.loads(row[0])
