"""What a token may bind to: the approved source media and the subject's face/voice templates.

Templates come from the face and voice modules' store records; they travel in the token as
base64url of little-endian float32, so a verifier in any language can read them.
"""

from __future__ import annotations

from consent_app.errors import PolicyError
from consent_app.messages import define
from consent_app.verify.jose import b64url_encode
from consent_app.verify.media import FACE_METRIC, VOICE_METRIC

MESSAGES = define({
    "binding.unknown_subject": "unknown subject {subject}",
    "binding.erased": "this subject's biometric data was erased; a token cannot bind to it",
    "binding.no_assets": "no captured face or voice sample of this subject to bind as assets",
    "binding.no_face": "no face template of this subject (never enrolled, or erased): cannot bind face",
    "binding.no_voice": "no voice template of this subject (never enrolled, or erased): cannot bind voice",
})


def _live_subject(conn, subject_id: str) -> None:
    row = conn.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?", (subject_id,)).fetchone()
    if row is None:
        raise PolicyError(code="binding.unknown_subject", subject=subject_id)
    if row[0] is not None:
        raise PolicyError(code="binding.erased")


def assets(conn, subject_id: str) -> list[dict]:
    """``[{sha256, modality}]`` of the subject's captured face and voice samples."""
    _live_subject(conn, subject_id)
    rows = conn.execute(
        "SELECT sha256, kind FROM samples WHERE subject_id = ? AND kind IN ('face', 'voice')"
        " ORDER BY created_at, rowid",
        (subject_id,),
    ).fetchall()
    if not rows:
        raise PolicyError(code="binding.no_assets")
    return [{"sha256": digest, "modality": kind} for digest, kind in rows]


def face(conn, subject_id: str) -> dict:
    """The subject's latest face template, with the studio's face threshold."""
    import numpy as np

    from consent_app.biometrics.face import records
    from consent_app.biometrics.face.analysis import MODEL_NAME

    _live_subject(conn, subject_id)
    templates = records.face_templates(conn, subject_id)
    if not templates:
        raise PolicyError(code="binding.no_face")
    vector = templates[-1][2]
    return {
        "model": MODEL_NAME,
        "metric": FACE_METRIC,
        "threshold": records.match_threshold(conn),
        "template": b64url_encode(np.asarray(vector, dtype="<f4").tobytes()),
    }


def voice(conn, subject_id: str) -> dict:
    """The subject's latest voice template, with the studio's voice threshold."""
    import numpy as np

    from consent_app.biometrics.voice import records
    from consent_app.biometrics.voice.verify import MODEL_NAME

    _live_subject(conn, subject_id)
    vector = records.voice_template(conn, subject_id)
    if vector is None:
        raise PolicyError(code="binding.no_voice")
    return {
        "model": MODEL_NAME,
        "metric": VOICE_METRIC,
        "threshold": records.match_threshold(conn),
        "embedding": b64url_encode(np.asarray(vector, dtype="<f4").tobytes()),
    }
