"""Errors of the face path; each message says what is wrong and what to do."""

from __future__ import annotations

from consent_app.errors import ConsentAppError, InputError


class NoFaceError(InputError):
    """No face was found in an image."""


class MultipleFacesError(InputError):
    """More than one face was found where exactly one is required."""


class QualityError(InputError):
    """A face was found but a quality gate failed (too small, blurred, dark, looking away...)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class CameraError(ConsentAppError):
    """A camera cannot be opened or listed."""


class CameraLostError(CameraError):
    """A camera stopped delivering frames in the middle of a session (unplugged, taken by
    another program, driver failure)."""
