"""What a capture session collects, as plain values the flow can check and the store can keep.

The face and voice cores compute these (through :mod:`consent_app.session.services`); the flow only
reads their verdicts. ``body()`` is the JSON kept as evidence: ids, scores, thresholds, hashes —
never images, audio or templates, which travel separately as :class:`Sample` bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consent_app import clock
from consent_app.canonical import sha256_hex


@dataclass(frozen=True)
class Sample:
    """Captured media held in memory until the session is written (kind as in the ``samples`` table)."""

    kind: str  # face | id_document | voice | statement | signature | liveness_frame
    mime: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


@dataclass(frozen=True)
class Template:
    """A biometric template (face encoding or voice embedding) as stored bytes."""

    modality: str  # face | voice
    model: str
    vector: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.vector)


@dataclass(frozen=True)
class IdDocument:
    """An ID-document photo on which a portrait was found."""

    sample: Sample
    portrait: Template
    details: dict[str, Any] = field(default_factory=dict)  # e.g. portrait box, detection passes

    def body(self) -> dict:
        return {"sample_sha256": self.sample.sha256, "portrait_template_sha256": self.portrait.sha256,
                "model": self.portrait.model, **self.details}


@dataclass(frozen=True)
class Capture:
    """A biometric sample that passed its quality gates, with the template made from it."""

    sample: Sample
    template: Template
    quality: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict:
        return {"sample_sha256": self.sample.sha256, "template_sha256": self.template.sha256,
                "model": self.template.model, "quality": self.quality}


@dataclass(frozen=True)
class FaceCapture(Capture):
    """A live face capture that passed the quality gates."""


@dataclass(frozen=True)
class FaceMatch:
    """1:1 comparison of the live face with the ID-document portrait."""

    match: bool
    distance: float
    threshold: float
    model: str
    checked_at: str = field(default_factory=clock.iso)
    method: str = "face_vs_id_document"

    def body(self) -> dict:
        return {"method": self.method, "match": self.match, "distance": round(float(self.distance), 6),
                "threshold": float(self.threshold), "model": self.model, "checked_at": self.checked_at}


@dataclass(frozen=True)
class Liveness:
    """The result of the active liveness challenge (drawn per session, checked over live frames).

    ``face_template_sha256`` names the captured face every challenge frame was compared with;
    ``frames`` are the 3-5 challenge frames kept as evidence (JPEG, stored encrypted)."""

    passed: bool
    challenge: tuple[str, ...]
    nonce: str
    details: dict[str, Any] = field(default_factory=dict)  # per-action results, frames, time taken
    checked_at: str = field(default_factory=clock.iso)
    reason: str = ""
    code: str = ""  # message code of the reason (with ``params``), when it has one
    params: dict[str, Any] = field(default_factory=dict)
    face_template_sha256: str = ""
    frames: tuple[Sample, ...] = ()

    @property
    def frame_sha256s(self) -> list[str]:
        return [f.sha256 for f in self.frames]

    def body(self) -> dict:
        return {"passed": self.passed, "challenge": list(self.challenge), "nonce": self.nonce,
                "checked_at": self.checked_at, "reason": self.reason, "reason_code": self.code or None,
                "face_template_sha256": self.face_template_sha256 or None,
                "frame_sha256s": self.frame_sha256s, **self.details}


@dataclass(frozen=True)
class IdentityCheck:
    """Everything that proves one person's identity: ID document, live face, match, liveness."""

    id_document: IdDocument
    face: FaceCapture
    match: FaceMatch
    liveness: Liveness | None = None

    @property
    def passed(self) -> bool:
        return self.match.match and self.liveness is not None and self.liveness.passed

    def problems(self) -> list[str]:
        found = []
        if not self.match.match:
            found.append(f"the live face does not match the ID document (distance "
                         f"{self.match.distance:.3f}, threshold {self.match.threshold:.3f})")
        if self.liveness is None:
            found.append("the liveness challenge has not been done")
        elif not self.liveness.passed:
            found.append("the liveness challenge failed" + (f": {self.liveness.reason}"
                                                            if self.liveness.reason else ""))
        return found

    def body(self) -> dict:
        return {"passed": self.passed, "id_document": self.id_document.body(), "face": self.face.body(),
                "match": self.match.body(),
                "liveness": self.liveness.body() if self.liveness is not None else None}


@dataclass(frozen=True)
class VoiceCapture(Capture):
    """The enrolment voice sample that passed the quality gates, and its embedding."""


@dataclass(frozen=True)
class Statement:
    """The spoken consent statement with this session's random phrase, and how it was checked."""

    sample: Sample
    language: str
    text: str  # the statement the subject was asked to read, random phrase included
    phrase: str
    speaker_match: bool
    speaker_similarity: float
    speaker_threshold: float
    transcript_score: float | None  # 1 - WER; None when no recogniser exists for the language
    transcript_threshold: float | None
    recogniser: str  # model used, or a note that none exists for the language
    words_verified: bool | None  # None: no recogniser for the language (said so, not pretended)
    details: dict[str, Any] = field(default_factory=dict)
    checked_at: str = field(default_factory=clock.iso)

    @property
    def words_ok(self) -> bool | None:
        return self.words_verified

    @property
    def passed(self) -> bool:
        return self.speaker_match and self.words_ok is not False

    def problems(self) -> list[str]:
        found = []
        if not self.speaker_match:
            found.append(f"the statement was not spoken by the voice-sample speaker (similarity "
                         f"{self.speaker_similarity:.3f}, threshold {self.speaker_threshold:.3f})")
        if self.words_ok is False:
            score = "?" if self.transcript_score is None else f"{self.transcript_score:.2f}"
            found.append(f"the spoken words do not match the statement with this session's phrase "
                         f"(score {score})")
        return found

    def body(self) -> dict:
        return {"sample_sha256": self.sample.sha256, "language": self.language,
                "text_sha256": sha256_hex(self.text.encode()), "phrase": self.phrase,
                "speaker_match": self.speaker_match,
                "speaker_similarity": round(float(self.speaker_similarity), 6),
                "speaker_threshold": float(self.speaker_threshold),
                "transcript_score": (None if self.transcript_score is None
                                     else round(float(self.transcript_score), 4)),
                "transcript_threshold": self.transcript_threshold, "recogniser": self.recogniser,
                "words_ok": self.words_ok, "passed": self.passed, "checked_at": self.checked_at,
                **self.details}


@dataclass(frozen=True)
class Duplicate:
    """An enrolled subject (other than this one) whose face matches the live capture."""

    subject_id: str
    display_name: str  # shown to staff only; never written to evidence or audit
    distance: float


@dataclass(frozen=True)
class DuplicateCheck:
    """The 1:N search of the live face over every enrolled face template."""

    threshold: float
    searched: int
    model: str
    matches: tuple[Duplicate, ...] = ()
    checked_at: str = field(default_factory=clock.iso)

    def body(self) -> dict:
        return {"threshold": self.threshold, "templates_searched": self.searched, "model": self.model,
                "checked_at": self.checked_at,
                "matches": [{"subject_id": d.subject_id, "distance": round(float(d.distance), 6)}
                            for d in self.matches]}


@dataclass(frozen=True)
class Override:
    """An admin's decision to let a session continue although the identity check failed."""

    admin: str
    reason: str
    problems: tuple[str, ...]
    at: str = field(default_factory=clock.iso)

    def body(self) -> dict:
        return {"admin": self.admin, "reason": self.reason, "problems": list(self.problems), "at": self.at}
