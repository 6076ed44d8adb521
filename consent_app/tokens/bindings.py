"""What a token may bind to: the approved source media and the subject's face/voice templates.

Vectors travel as base64url of little-endian float32 so any language can read them.
"""

from __future__ import annotations

from consent_app import settings
from consent_app.errors import PolicyError
from consent_app.verify.jose import b64url_encode

FACE_SETTING = "face.match_threshold"
VOICE_SETTING = "voice.match_threshold"


def assets(conn, subject_id: str) -> list[dict]:
    """``[{sha256, modality}]`` of the subject's captured face and voice samples."""
    rows = conn.execute(
        "SELECT sha256, kind FROM samples WHERE subject_id = ? AND kind IN ('face', 'voice')"
        " ORDER BY created_at, id",
        (subject_id,),
    ).fetchall()
    if not rows:
        raise PolicyError("no captured face or voice sample of this subject to bind as assets")
    return [{"sha256": digest, "modality": kind} for digest, kind in rows]


def _template(conn, subject_id: str, modality: str) -> tuple[str, bytes]:
    row = conn.execute(
        "SELECT model, vector FROM templates WHERE subject_id = ? AND modality = ?"
        " AND vector IS NOT NULL AND erased_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (subject_id, modality),
    ).fetchone()
    if row is None:
        raise PolicyError(
            f"no {modality} template of this subject (never enrolled, or erased): cannot bind {modality}"
        )
    return row[0], bytes(row[1])


def _float32(blob: bytes, dims: tuple[int, ...]) -> bytes:
    """The stored vector as little-endian float32 (stored as float32 or float64)."""
    import numpy as np

    for dtype in ("<f4", "<f8"):
        if len(blob) in (np.dtype(dtype).itemsize * d for d in dims):
            return np.frombuffer(blob, dtype=dtype).astype("<f4").tobytes()
    raise PolicyError(f"stored template has an unexpected size ({len(blob)} bytes)")


def face(conn, subject_id: str) -> dict:
    from consent_app.verify.media import FACE_DIMS, FACE_METRIC

    model, blob = _template(conn, subject_id, "face")
    threshold = settings.get(conn, FACE_SETTING, _face_default())
    return {
        "model": model,
        "metric": FACE_METRIC,
        "threshold": float(threshold),
        "template": b64url_encode(_float32(blob, FACE_DIMS)),
    }


def voice(conn, subject_id: str) -> dict:
    from consent_app.biometrics.voice import verify as voice_verify
    from consent_app.verify.media import VOICE_DIMS, VOICE_METRIC

    model, blob = _template(conn, subject_id, "voice")
    threshold = settings.get(conn, VOICE_SETTING, voice_verify.DEFAULT_THRESHOLD)
    return {
        "model": model,
        "metric": VOICE_METRIC,
        "threshold": float(threshold),
        "embedding": b64url_encode(_float32(blob, VOICE_DIMS)),
    }


def _face_default() -> float:
    from consent_app.biometrics.face.matching import DEFAULT_THRESHOLD

    return float(DEFAULT_THRESHOLD)
