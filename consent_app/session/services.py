"""What the capture flow asks of the face and voice cores, as one small interface.

The flow never imports dlib, onnxruntime or numpy: it is handed an object with these methods
(the real one is :class:`consent_app.session.biometrics.RealBiometrics`). Every method raises an
``InputError`` subclass with a specific message when the capture is unusable (no face, two faces,
too short, clipped...), and the flow then stays on its step and keeps what it had.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from consent_app.errors import ConsentAppError
from consent_app.messages import define
from consent_app.session.evidence import (
    FaceCapture,
    FaceMatch,
    IdDocument,
    Liveness,
    Statement,
    VoiceCapture,
)

MESSAGES = define({
    "biometrics.helper_stopped": "the face and voice analysis process stopped: capture is off until it "
                                 "runs again",
    "biometrics.helper_not_restarted": "the face and voice analysis process could not be started again: "
                                       "end the session and start the app again",
})


class AnalysisStopped(ConsentAppError, RuntimeError):
    """The process that runs the face and voice analyses (the app's biometrics helper) stopped
    answering: what it was asked was not done. Its English message says how it stopped; the UI shows
    the code's sentence and starts another helper."""

    code = "biometrics.helper_stopped"


@dataclass(frozen=True)
class Challenge:
    """A liveness challenge drawn for one session: actions in order and a nonce binding the result."""

    actions: tuple[str, ...]
    nonce: str
    time_limit_s: float


@dataclass(frozen=True)
class StatementPrompt:
    """The consent statement the subject reads aloud, with this session's random phrase."""

    language: str
    text: str
    phrase: str


class BiometricServices(Protocol):
    def read_id_document(self, data: bytes, mime: str) -> IdDocument:
        """Find the portrait on an ID-document photo and encode it."""

    def capture_face(self, data: bytes, mime: str) -> FaceCapture:
        """Quality-gate and encode a live face capture (exactly one face)."""

    def compare_faces(self, id_document: IdDocument, face: FaceCapture) -> FaceMatch:
        """1:1 comparison at the studio's calibrated threshold."""

    def draw_challenge(self) -> Challenge:
        """A fresh random liveness challenge."""

    def check_liveness(self, challenge: Challenge, frames: object, face: FaceCapture) -> Liveness:
        """Check live frames (a frame source or landmark sequence) against ``challenge``; every
        frame's face must be ``face`` (the session's captured live face)."""

    def capture_voice(self, data: bytes, mime: str) -> VoiceCapture:
        """Quality-gate and embed the enrolment voice sample."""

    def draw_statement(self, language: str) -> StatementPrompt:
        """The statement to read, with a random phrase."""

    def check_statement(self, voice: VoiceCapture, prompt: StatementPrompt, data: bytes, mime: str,
                        frames: object = None, face: FaceCapture | None = None) -> Statement:
        """Not the voice sample again? Same speaker as ``voice``? The expected words (says so when
        no recogniser exists)? The captured ``face`` in the camera ``frames`` taken meanwhile?"""
