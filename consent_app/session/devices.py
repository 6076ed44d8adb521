"""Capture devices: outside a demo studio, the live face, the voice sample and the spoken statement
come from a real camera and microphone, never from a file.

The wizard says where each capture came from (``camera`` / ``microphone``, or ``file`` for a
file-backed stand-in); the flow refuses a file in a real studio and records the source of every
capture in the signed record. Demo studios keep their file-backed camera and microphone, and the
record says so.
"""

from __future__ import annotations

from consent_app.errors import PolicyError
from consent_app.messages import define

MESSAGES = define({
    "device.file_camera": "the camera is a file ({name}): outside a demo studio the live face is taken "
                          "from a real camera",
    "device.file_microphone": "the microphone is a file ({name}): outside a demo studio the voice sample "
                              "and the spoken statement are recorded from a real microphone",
    "device.unknown_source": "unknown capture source {source!r} (camera, microphone or file)",
})

CAMERA, MICROPHONE, FILE = "camera", "microphone", "file"
_DEVICE_OF = {"face": CAMERA, "voice": MICROPHONE, "statement": MICROPHONE}


def require_device(demo: bool, capture: str, source: str, name: str = "") -> str:
    """``source`` of ``capture`` (face / voice / statement) if allowed, else a coded PolicyError."""
    device = _DEVICE_OF[capture]
    if source not in (device, FILE):
        raise PolicyError(code="device.unknown_source", source=source)
    if source == FILE and not demo:
        raise PolicyError(code="device.file_camera" if device == CAMERA else "device.file_microphone",
                          name=name or "?")
    return source


def require_camera(demo: bool, file_name: str | None) -> None:
    """Opening a camera: a file stands in only in a demo studio."""
    if file_name is not None and not demo:
        raise PolicyError(code="device.file_camera", name=file_name)


def require_microphone(demo: bool, file_name: str | None) -> None:
    if file_name is not None and not demo:
        raise PolicyError(code="device.file_microphone", name=file_name)


def evidence(sources: dict[str, str], demo: bool) -> dict:
    """What the signed record says about the capture devices."""
    return {**{k: sources[k] for k in sorted(sources)}, "demo": demo,
            "fileBacked": any(v == FILE for v in sources.values())}
