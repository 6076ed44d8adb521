"""What a capture session collects, as plain values the flow can check and the store can keep.

The face and voice cores compute these (through :mod:`consent_app.session.services`); the flow only
reads their verdicts. ``body()`` is the JSON kept as evidence: ids, scores, thresholds, hashes —
never images, audio or templates, which travel separately as :class:`Sample` bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from consent_app import clock
from consent_app.canonical import sha256_hex
from consent_app.messages import Message, define
from consent_app.session.messages import msg

MESSAGES = define({
    "statement.other_speaker": "the statement was not spoken by the voice-sample speaker (similarity "
                               "{similarity:.3f}, threshold {threshold:.3f})",
    "statement.other_words": "the spoken words do not match the statement with this session's phrase "
                             "(score {score})",
    "statement.needs_attestation": "there is no recogniser for {language}: a staff member other than the "
                                   "operator must attest that the subject read this session's words",
    "statement.no_face_frames": "no camera frame was compared with the captured face while the statement "
                                "was spoken: record it with the camera running",
    "statement.face_mismatch": "the face on camera while the statement was spoken is not the captured face "
                               "(distance {distance:.3f}, threshold {threshold:.3f})",
    "statement.two_faces": "{faces} faces were in view while the statement was spoken: only the subject may "
                           "be in front of the camera",
    "statement.no_face": "no face was in view while the statement was spoken",
})


@dataclass(frozen=True)
class Sample:
    """Captured media held in memory until the session is written (kind as in the ``samples`` table)."""

    kind: str  # face | id_document | voice | statement | signature | liveness_frame
    mime: str
    data: bytes = field(repr=False)

    @cached_property
    def sha256(self) -> str:
        """The data's SHA-256, computed once (a 12 MP ID photo's took ~5 ms, and the live-face step
        asked for it three times at each redraw, on the GUI thread)."""
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
        return [m.english() for m in self.problem_messages()]

    def problem_messages(self) -> list[Message]:
        found = []
        if not self.match.match:
            found.append(msg("session.face_mismatch", distance=self.match.distance,
                             threshold=self.match.threshold))
        if self.liveness is None:
            found.append(msg("session.liveness_not_done"))
        elif not self.liveness.passed:
            reason = (Message(self.liveness.code, self.liveness.params) if self.liveness.code
                      else self.liveness.reason)  # coded when the face core gave it a code
            found.append(msg("session.liveness_failed_because", reason=reason)
                         if reason else msg("session.liveness_failed"))
        return found

    def body(self) -> dict:
        return {"passed": self.passed, "id_document": self.id_document.body(), "face": self.face.body(),
                "match": self.match.body(),
                "liveness": self.liveness.body() if self.liveness is not None else None}


@dataclass(frozen=True)
class VoiceCapture(Capture):
    """The enrolment voice sample that passed the quality gates, and its embedding."""


@dataclass(frozen=True)
class Attestation:
    """A staff member other than the operator attests that the subject read this session's words
    (where no recogniser exists for the language). ``via``: ``login`` (their own login at that
    moment) or ``admin_password``."""

    staff_id: int
    username: str
    role: str
    via: str
    at: str = field(default_factory=clock.iso)

    def body(self) -> dict:
        return {"method": "staff_attested", "staff_id": self.staff_id, "staff": self.username,
                "role": self.role, "via": self.via, "at": self.at}


@dataclass(frozen=True)
class Statement:
    """The spoken consent statement with this session's random phrase, and how it was checked.

    It passes when the speaker is the voice sample's, the words were verified (by a recogniser, or
    where none exists by a staff attestation), and the camera showed the captured face while it was
    spoken (``face_check``)."""

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
    face_check: dict[str, Any] | None = None  # the camera's frames while the subject spoke
    replay_check: dict[str, Any] | None = None  # not the voice sample played again
    source: str = "microphone"  # or "file" (demo studios only)
    attestation: Attestation | None = None

    @property
    def words_method(self) -> str | None:
        if self.words_verified is not None:
            return "recogniser"
        return "staff_attested" if self.attestation is not None else None

    @property
    def words_ok(self) -> bool | None:
        """True/False from the recogniser; where none exists, True once attested, else None."""
        if self.words_verified is not None:
            return self.words_verified
        return True if self.attestation is not None else None

    @property
    def face_ok(self) -> bool:
        return bool(self.face_check and self.face_check.get("matched"))

    @property
    def passed(self) -> bool:
        return self.speaker_match and self.words_ok is True and self.face_ok

    def problem_messages(self) -> list[Message]:
        found = []
        if not self.speaker_match:
            found.append(Message("statement.other_speaker", {"similarity": float(self.speaker_similarity),
                                                             "threshold": float(self.speaker_threshold)}))
        if self.words_ok is False:
            found.append(Message("statement.other_words", {"score": "?" if self.transcript_score is None
                                                           else f"{self.transcript_score:.2f}"}))
        elif self.words_ok is None:
            found.append(Message("statement.needs_attestation", {"language": self.language}))
        if self.face_check is None or not self.face_check.get("compared"):
            found.append(Message("statement.no_face_frames"))
        elif not self.face_ok:
            problem = self.face_check.get("problem") or {}
            found.append(Message(problem.get("code", "statement.face_mismatch"), problem.get("params", {})))
        return found

    def problems(self) -> list[str]:
        return [m.english() for m in self.problem_messages()]

    def body(self) -> dict:
        words = (self.attestation.body() if self.attestation is not None
                 else {"method": self.words_method, "recogniser": self.recogniser})
        return {"sample_sha256": self.sample.sha256, "language": self.language,
                "text_sha256": sha256_hex(self.text.encode()), "phrase": self.phrase,
                "speaker_match": self.speaker_match,
                "speaker_similarity": round(float(self.speaker_similarity), 6),
                "speaker_threshold": float(self.speaker_threshold),
                "transcript_score": (None if self.transcript_score is None
                                     else round(float(self.transcript_score), 4)),
                "transcript_threshold": self.transcript_threshold, "recogniser": self.recogniser,
                "words_ok": self.words_ok, "words": words, "face_while_speaking": self.face_check,
                "not_a_replay": self.replay_check, "source": self.source,
                "passed": self.passed, "checked_at": self.checked_at, **self.details}


@dataclass(frozen=True)
class Duplicate:
    """An enrolled subject (other than this one) whose face matches the live capture."""

    subject_id: str
    display_name: str  # shown to staff only; never written to evidence or audit
    distance: float
    station: str | None = None  # the studio station that enrolled them (None: this station)


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
