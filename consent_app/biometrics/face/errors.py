"""Errors of the face path; each message says what is wrong and what to do."""

from __future__ import annotations

from consent_app.errors import ConsentAppError, InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "face.no_portrait": "no portrait found on the ID document; photograph the whole document, flat, without "
                        "glare",
    "face.no_capture": "No capture taken: {reason}",
    "face.no_frames": "No capture taken: no frames were received",
})


class QualityError(InputError):
    """An image cannot give a usable face: no face, several faces, or a failed quality gate
    (too small, blurred, dark, bright, looking away). ``code`` names the gate; ``coded`` is the
    message for people as a code and parameters (``consent_app.messages``)."""

    code = "quality"

    def __init__(self, message: str, code: str | None = None, *, coded: Message | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.coded = coded

    def as_message(self) -> Message | None:
        return getattr(self, "coded", None)


class NoFaceError(QualityError):
    """No face was found in an image."""

    code = "no_face"


class MultipleFacesError(QualityError):
    """More than one face was found where exactly one is required."""

    code = "multiple_faces"


class CameraError(ConsentAppError):
    """A camera cannot be opened or listed."""


class CameraLostError(CameraError):
    """A camera stopped delivering frames in the middle of a session (unplugged, taken by
    another program, driver failure)."""
