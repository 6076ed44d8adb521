"""Voice data in the encrypted store: enrolment sample + template, statement evidence.

Slow work (quality gates, embedding, FLAC encoding, recognition) happens before a transaction
opens; the ``save_*`` functions only write rows and their audit entries, in the caller's
transaction. Recordings are stored as FLAC bytes in ``samples``, embeddings as float32 bytes in
``templates``; nothing touches the file system.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import numpy as np

from consent_app import audit, clock, settings
from consent_app.biometrics import audio as audio_mod
from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice import evidence, quality, verify
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.errors import PolicyError
from consent_app.messages import define

MESSAGES = define({
    "biometrics.unknown_subject": "unknown subject {subject}",
    "biometrics.erased": "this subject's biometric data was erased; start a new enrolment record",
})

MIME = "audio/flac"


@dataclass(frozen=True)
class Enrolment:
    """A voice sample that passed the gates, with its embedding (not yet stored)."""

    flac: bytes = field(repr=False)
    vector: np.ndarray = field(repr=False)
    report: quality.QualityReport

    @property
    def sha256(self) -> str:
        return sha256_hex(self.flac)


def prepare_enrolment(recording: Audio) -> Enrolment:
    """Gate (>= 8 s of speech, level, clipping, noise) and embed the voice sample."""
    vector, report = verify.embed_checked(recording, quality.MIN_SPEECH_ENROL, "voice sample")
    return Enrolment(audio_mod.encode_flac(recording), vector, report)


def _subject_exists(conn, subject_id: str) -> None:
    row = conn.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?", (subject_id,)).fetchone()
    if row is None:
        raise PolicyError(code="biometrics.unknown_subject", subject=subject_id)
    if row[0] is not None:
        raise PolicyError(code="biometrics.erased")


def save_enrolment(tx, enrolment: Enrolment, *, subject_id: str, session_id: str | None,
                   actor: str) -> tuple[str, str]:
    """Store the recording and its template; returns (sample_id, template_id)."""
    _subject_exists(tx, subject_id)
    now = clock.iso()
    sample_id, template_id = str(uuid.uuid4()), str(uuid.uuid4())
    tx.execute(
        "INSERT INTO samples (id, subject_id, session_id, kind, mime, data, sha256, created_at) "
        "VALUES (?, ?, ?, 'voice', ?, ?, ?, ?)",
        (sample_id, subject_id, session_id, MIME, enrolment.flac, enrolment.sha256, now))
    tx.execute(
        "INSERT INTO templates (id, subject_id, sample_id, modality, model, vector, created_at) "
        "VALUES (?, ?, ?, 'voice', ?, ?, ?)",
        (template_id, subject_id, sample_id, verify.MODEL_NAME, verify.to_bytes(enrolment.vector), now))
    audit.append(tx, actor, "voice.enrol", f"subject:{subject_id}", {
        "sample_id": sample_id, "template_id": template_id, "session_id": session_id,
        "sha256": enrolment.sha256, "model": verify.MODEL_NAME,
        "speech_seconds": round(enrolment.report.speech_seconds, 2)})
    return sample_id, template_id


def voice_template(conn, subject_id: str) -> np.ndarray | None:
    """The subject's latest voice template that has not been erased, if any (this station's, or one another
    station of the studio shared whose subject key is here)."""
    row = conn.execute(
        "SELECT vector, created_at FROM templates WHERE subject_id = ? AND modality = 'voice' AND model = ? "
        "AND vector IS NOT NULL AND erased_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (subject_id, verify.MODEL_NAME)).fetchone()
    shared = conn.execute(
        "SELECT vector, created_at FROM shared_templates WHERE subject_id = ? AND modality = 'voice' "
        "AND model = ? AND vector IS NOT NULL ORDER BY created_at DESC LIMIT 1",
        (subject_id, verify.MODEL_NAME)).fetchone()
    if shared is not None and (row is None or shared[1] > row[1]):
        row = shared
    return None if row is None else verify.from_bytes(row[0])


def voice_templates(conn) -> list[tuple[str, bytes, str | None]]:
    """(subject_id, vector bytes, station) of every live voice template the search sees: this station's
    (station None) and those other stations of the studio shared whose subject key is here."""
    own = conn.execute(
        "SELECT subject_id, vector, NULL FROM templates WHERE modality = 'voice' AND model = ? "
        "AND vector IS NOT NULL AND erased_at IS NULL", (verify.MODEL_NAME,)).fetchall()
    return own + conn.execute(
        "SELECT subject_id, vector, station FROM shared_templates WHERE modality = 'voice' AND model = ? "
        "AND vector IS NOT NULL", (verify.MODEL_NAME,)).fetchall()


def match_threshold(conn) -> float:
    """The studio's voice match threshold (setting ``voice.match_threshold``)."""
    return float(settings.get(conn, verify.SETTING_KEY, verify.DEFAULT_THRESHOLD))


def set_match_threshold(tx, value: object, actor: str) -> float:
    """Change the threshold (validated); ``settings.put`` audits old and new value."""
    threshold = verify.check_threshold(value)
    settings.put(tx, verify.SETTING_KEY, threshold, actor)
    return threshold


def save_statement(tx, check: evidence.StatementCheck, *, subject_id: str, session_id: str | None,
                   actor: str) -> str:
    """Store the statement recording and its evidence; returns the evidence id."""
    _subject_exists(tx, subject_id)
    now = clock.iso()
    sample_id, evidence_id = str(uuid.uuid4()), str(uuid.uuid4())
    tx.execute(
        "INSERT INTO samples (id, subject_id, session_id, kind, mime, data, sha256, created_at) "
        "VALUES (?, ?, ?, 'statement', ?, ?, ?, ?)",
        (sample_id, subject_id, session_id, MIME, check.flac, sha256_hex(check.flac), now))
    body = dict(check.evidence, sample_id=sample_id)
    encoded = canonical_json(body)
    tx.execute(
        "INSERT INTO evidence (id, session_id, subject_id, kind, body, sha256, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (evidence_id, session_id, subject_id, evidence.EVIDENCE_KIND, encoded.decode(),
         sha256_hex(encoded), now))
    audit.append(tx, actor, "voice.statement", f"subject:{subject_id}", {
        "evidence_id": evidence_id, "sample_id": sample_id, "session_id": session_id,
        "evidence_sha256": sha256_hex(encoded), "passed": body["passed"],
        "speaker_similarity": body["speaker_similarity"], "score": body["score"],
        "threshold": body["threshold"], "asr": body["asr"]})
    return evidence_id
