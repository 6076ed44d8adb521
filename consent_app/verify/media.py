"""``--media``: does this file match the token's bindings?

* ``assets``: the file's SHA-256 must be one of the approved source media.
* ``biometricBinding.face`` (images): the one face in the image must be within the token's
  distance threshold of the bound template (same model).
* ``biometricBinding.voice`` (audio): the speech must reach the token's cosine-similarity
  threshold against the bound embedding (same model).

Every binding that applies to the file must pass, and at least one must apply. The face and
voice checks load numpy/dlib/onnxruntime lazily, only here.
"""

from __future__ import annotations

from consent_app.verify.claims import Claims
from consent_app.verify.codes import MEDIA_MISMATCH, USAGE, VerifyError

FACE_DIMS = (128,)
FACE_METRIC = "euclidean"
VOICE_DIMS = (256,)
VOICE_METRIC = "cosine"

_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def sniff(head: bytes) -> str:
    """'image', 'audio' or 'other', from the file's first bytes."""
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if (head[:4] == b"RIFF" and head[8:12] == b"WAVE") or head.startswith((b"fLaC", b"OggS")):
        return "audio"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "audio"
    return "other"


def file_digest(path: str) -> tuple[str, bytes]:
    """(sha256 hex, first 16 bytes) of a file, read in chunks."""
    import hashlib
    import os
    import stat

    from consent_app.verify.vocab import MAX_MEDIA_BYTES

    digest = hashlib.sha256()
    total = 0
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise VerifyError(USAGE, f"media {path} is not a regular file",
                                  reason_code="media.not_regular")
            head = fh.read(16)
            digest.update(head)
            total = len(head)
            while chunk := fh.read(1 << 20):
                total += len(chunk)
                if total > MAX_MEDIA_BYTES:
                    raise VerifyError(USAGE, f"media {path} is larger than {MAX_MEDIA_BYTES} bytes",
                                      reason_code="media.too_large")
                digest.update(chunk)
    except OSError as exc:
        raise VerifyError(USAGE, f"cannot read media {path}: {exc.strerror or exc}",
                          reason_code="media.unreadable") from None
    return digest.hexdigest(), head


def _vector(spec: dict, field: str, dims: tuple[int, ...]):
    import numpy as np

    from consent_app.verify.jose import b64url_decode

    try:
        vec = np.frombuffer(b64url_decode(spec[field]), dtype="<f4")
    except (KeyError, TypeError, ValueError):
        raise VerifyError(MEDIA_MISMATCH, f"binding has no usable '{field}'",
                          reason_code="binding.no_vector") from None
    if vec.shape[0] not in dims or not np.all(np.isfinite(vec)):
        raise VerifyError(MEDIA_MISMATCH, f"binding '{field}' has {vec.shape[0]} values",
                          reason_code="binding.bad_vector")
    return vec.astype(np.float64)


def _threshold(spec: dict) -> float:
    value = spec.get("threshold")
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise VerifyError(MEDIA_MISMATCH, "binding has no numeric threshold",
                          reason_code="binding.no_threshold")
    return float(value)


def check_face(spec: dict, path: str) -> dict:
    """Distance of the image's single face to the bound template (adapter to biometrics.face)."""
    import numpy as np

    from consent_app.biometrics.face.analysis import MODEL_NAME, encode_single
    from consent_app.biometrics.images import load_image
    from consent_app.errors import InputError

    if spec.get("model") != MODEL_NAME or spec.get("metric", FACE_METRIC) != FACE_METRIC:
        raise VerifyError(
            MEDIA_MISMATCH,
            f"face binding uses model {spec.get('model')!r}; this verifier has {MODEL_NAME!r}",
            reason_code="binding.face_model",
        )
    template, threshold = _vector(spec, "template", FACE_DIMS), _threshold(spec)
    try:
        sample = encode_single(load_image(path).rgb, label=path)
    except InputError as exc:
        return {"match": False, "reason": exc.message, "threshold": threshold}
    dist = float(np.linalg.norm(np.asarray(sample.encoding, dtype=np.float64) - template))
    return {
        "match": dist <= threshold,
        "distance": round(dist, 4),
        "threshold": threshold,
        "model": MODEL_NAME,
    }


def check_voice(spec: dict, path: str) -> dict:
    """Cosine similarity of the recording's speech to the bound embedding (adapter)."""
    import numpy as np

    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import quality
    from consent_app.biometrics.voice import verify as voice
    from consent_app.errors import InputError

    if spec.get("model") != voice.MODEL_NAME or spec.get("metric", VOICE_METRIC) != VOICE_METRIC:
        raise VerifyError(
            MEDIA_MISMATCH,
            f"voice binding uses model {spec.get('model')!r}; this verifier has {voice.MODEL_NAME!r}",
            reason_code="binding.voice_model",
        )
    template, threshold = _vector(spec, "embedding", VOICE_DIMS), _threshold(spec)
    try:
        vec, _report = voice.embed_checked(audio.load(path), quality.MIN_SPEECH_PROBE, path)
    except InputError as exc:
        return {"match": False, "reason": exc.message, "threshold": threshold}
    score = float(np.dot(template / np.linalg.norm(template), np.asarray(vec, dtype=np.float64)))
    return {
        "match": score >= threshold,
        "similarity": round(score, 4),
        "threshold": threshold,
        "model": voice.MODEL_NAME,
    }


def _biometrics(check, spec: dict, path: str, what: str) -> dict:
    try:
        return check(spec, path)
    except ImportError as exc:  # a verifier installed without the app's biometric stack
        raise VerifyError(
            MEDIA_MISMATCH, f"cannot check the {what} binding here: {exc.name or exc} is not installed",
            reason_code="binding.unsupported_here",
        ) from None


def check_media(claims: Claims, path: str) -> dict:
    """Report of every applicable check; ``VerifyError`` (8) unless all pass (>= 1 applies)."""
    digest, head = file_digest(path)
    kind = sniff(head)
    checks: dict[str, dict] = {}
    if claims.assets:
        approved = {a["sha256"] for a in claims.assets}
        checks["assets"] = {"match": digest in approved}
    binding = claims.binding or {}
    if kind == "image" and isinstance(binding.get("face"), dict):
        checks["face"] = _biometrics(check_face, binding["face"], path, "face")
    if kind == "audio" and isinstance(binding.get("voice"), dict):
        checks["voice"] = _biometrics(check_voice, binding["voice"], path, "voice")
    report = {"file": path, "sha256": digest, "kind": kind, "checks": checks}
    if not checks:
        why = f"the token carries no binding that applies to this {kind} file"
        raise VerifyError(MEDIA_MISMATCH, why, report, reason_code="media.no_binding")
    failed = [name for name, result in checks.items() if not result["match"]]
    if failed:
        why = "; ".join(f"{name}: {checks[name].get('reason', 'does not match')}" for name in failed)
        raise VerifyError(MEDIA_MISMATCH, f"media does not match the token ({why})", report,
                          reason_code="media.mismatch")
    return report
