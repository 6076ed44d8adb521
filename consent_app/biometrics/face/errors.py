"""Errors of the face path; each message says what is wrong and what to do."""

from __future__ import annotations

from consent_app.errors import ConsentAppError, InputError


class QualityError(InputError):
    """An image cannot give a usable face: no face, several faces, or a failed quality gate
    (too small, blurred, dark, bright, looking away). ``code`` names the gate."""

    code = "quality"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


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
