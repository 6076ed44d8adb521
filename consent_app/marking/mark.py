"""``consent-mark``'s core: verify the token, check the bindings, label, sign, write output and receipt.

Order: token (exit codes of ``consent-verify``), tool identity (2 key/cert unreadable or mismatched,
9 tool not trusted), input (2), sources and face/voice bindings (8), then the explicit label, the AIGC
implicit label (signed over the content hash), the C2PA manifest last (nothing changes after
signing). Files are written only when everything succeeded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from consent_app.marking import aigc, c2pa_io, embed, essence, formats, labels, media
from consent_app.marking.errors import MarkError
from consent_app.marking.formats import Format
from consent_app.marking.inputs import read_input
from consent_app.marking.trust import ToolIdentity, TrustBundle, fingerprint
from consent_app.messages import define
from consent_app.verify.claims import Claims

MESSAGES = define(
    {
        "mark.same_file": "--out must differ from --in",
        "mark.out_format": "--out {path} must be a {format} file like the input",
        "mark.out_exists": "{path} already exists; marking never overwrites a file",
        "mark.source_not_approved": "source {path} is not one of the token's approved assets",
        "mark.face_mismatch": "the output's face does not match the token's face binding ({detail})",
        "mark.voice_mismatch": "the output's voice does not match the token's voice binding ({detail})",
        "mark.binding_unchecked": "cannot check the token's {what} binding here: {detail}",
        "mark.bad_producer": "the content producer code {value!r} must be printable ASCII",
    }
)

CREATED_OPERATIONS = {"face_generation", "tts_voice_clone"}


@dataclass
class MarkResult:
    out_path: Path
    receipt_path: Path
    produce_id: str
    format: str
    output_sha256: str
    content_hash: str
    label: dict
    consent: dict
    phashes: list[str] = field(default_factory=list)
    checks: dict = field(default_factory=dict)
    receipt: str = ""

    def as_dict(self) -> dict:
        return {
            "decision": "marked",
            "exitCode": 0,
            "out": str(self.out_path),
            "receipt": str(self.receipt_path),
            "produceId": self.produce_id,
            "format": self.format,
            "sha256": self.output_sha256,
            "contentHash": self.content_hash,
            "aigc": self.label,
            "consent": self.consent,
            "phash": self.phashes,
            "checks": self.checks,
        }


def _sha256_file(path: str) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        raise MarkError(2, code="mark.unreadable", path=path, reason=exc.strerror or str(exc)) from None
    return h.hexdigest()


def _faces_match(spec: dict, frames: list) -> dict:
    """Every sampled frame with exactly one face must match the binding, and at least one must."""
    import numpy as np

    from consent_app.biometrics.face.analysis import MODEL_NAME, encode_single
    from consent_app.errors import InputError
    from consent_app.verify.media import FACE_DIMS, _threshold, _vector

    if spec.get("model") != MODEL_NAME:
        raise MarkError(8, code="mark.face_mismatch", detail=f"binding model {spec.get('model')!r}")
    template, threshold = _vector(spec, "template", FACE_DIMS), _threshold(spec)
    distances = []
    for n, rgb in enumerate(frames):
        try:
            sample = encode_single(np.ascontiguousarray(rgb), label=f"frame {n}")
        except InputError:
            continue
        distances.append(float(np.linalg.norm(np.asarray(sample.encoding, dtype=np.float64) - template)))
    report = {
        "match": bool(distances) and max(distances) <= threshold,
        "frames": len(frames),
        "framesWithFace": len(distances),
        "threshold": threshold,
        "maxDistance": round(max(distances), 4) if distances else None,
    }
    return report


def check_bindings(claims: Claims, fmt: Format, in_path: str, sources: list[str], frames=None) -> dict:
    """Sources against the approved assets, the output's face/voice against the bindings (8)."""
    checks: dict = {}
    if claims.assets:
        approved = {a.get("sha256") for a in claims.assets}
        for src in sources:
            if _sha256_file(src) not in approved:
                raise MarkError(8, code="mark.source_not_approved", path=src)
        checks["assets"] = {"match": True, "sources": len(sources)}
    binding = claims.binding or {}
    try:
        if isinstance(binding.get("face"), dict) and fmt.kind in ("image", "video"):
            if fmt.kind == "image":
                from consent_app.verify.media import check_face

                checks["face"] = check_face(binding["face"], in_path)
            else:
                checks["face"] = _faces_match(binding["face"], frames or [])
            if not checks["face"]["match"]:
                detail = (
                    checks["face"].get("reason")
                    or f"distance {checks['face'].get('distance', checks['face'].get('maxDistance'))}"
                )
                raise MarkError(8, code="mark.face_mismatch", detail=detail)
        if isinstance(binding.get("voice"), dict) and fmt.kind == "audio":
            from consent_app.verify.media import check_voice

            checks["voice"] = check_voice(binding["voice"], in_path)
            if not checks["voice"]["match"]:
                detail = checks["voice"].get("reason") or f"similarity {checks['voice'].get('similarity')}"
                raise MarkError(8, code="mark.voice_mismatch", detail=detail)
    except ImportError as exc:
        raise MarkError(
            8, code="mark.binding_unchecked", what="face/voice", detail=f"{exc.name} is not installed"
        ) from None
    except MarkError:
        raise
    except Exception as exc:  # VerifyError(8) from the verifier's checks
        from consent_app.verify.codes import VerifyError

        if isinstance(exc, VerifyError):
            raise MarkError(8, code="mark.binding_unchecked", what="media", detail=exc.message) from None
        raise
    return checks


def _producer(tool: ToolIdentity) -> str:
    from cryptography.x509.oid import NameOID

    values = tool.cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER)
    code = str(values[0].value) if values else "UNKNOWN"
    if not code.isascii() or not code.isprintable():
        raise MarkError(2, code="mark.bad_producer", value=code)
    return code


def mark(
    *,
    claims: Claims,
    token_text: bytes,
    operation: str,
    tool: ToolIdentity,
    bundle: TrustBundle,
    in_path: str,
    out_path: str,
    sources: list[str],
    now: str,
    size_limit: int | None = None,
) -> MarkResult:
    from consent_app.marking import receipt

    out = Path(out_path)
    if os.path.abspath(in_path) == os.path.abspath(out_path):
        raise MarkError(2, code="mark.same_file")
    data, fmt = read_input(in_path, size_limit)
    named = formats.named_format(out_path)
    if named is None or named.name != fmt.name:
        raise MarkError(2, code="mark.out_format", path=out_path, format=fmt.name.upper())
    if out.exists():
        raise MarkError(2, code="mark.out_exists", path=out_path)
    media.require_av(fmt.name)
    source_hashes = [{"title": os.path.basename(s), "sha256": _sha256_file(s)} for s in sources]
    text = labels.label_text(claims.marking)
    produce_id = str(uuid.uuid4())
    producer = _producer(tool)
    label = aigc.build(producer, produce_id)
    placeholder = aigc.encode({**label, "ReservedCode1": "x" * (len(aigc.PREFIX) + 16 + 86 + 2)})

    phashes: list[str] = []
    if fmt.kind == "video":
        from consent_app.marking import video

        has_face = isinstance((claims.binding or {}).get("face"), dict)
        samples = video.FACE_SAMPLES if has_face else 0
        result = video.label_video(in_path, data, text, placeholder, face_samples=samples)
        checks = check_bindings(claims, fmt, in_path, sources, result.face_frames)
        encoded, phashes = result.data, result.phashes
    else:
        checks = check_bindings(claims, fmt, in_path, sources)
        if fmt.kind == "image":
            from consent_app.marking.phash import dhash

            encoded, image = media.label_image(in_path, fmt.name, data, text)
            phashes = [dhash(image)]
        else:
            encoded = media.label_audio(in_path, fmt.name, data)

    content = essence.content_hash(fmt.name, encoded)
    signed = aigc.sign(label, content, tool.key, fingerprint(tool.cert))
    with_label = embed.WRITERS[fmt.name](encoded, aigc.encode(signed))
    token_sha = hashlib.sha256(token_text.strip()).hexdigest()
    consent = {
        "tokenId": claims.token_id,
        "consentId": claims.consent_id,
        "studioId": claims.issuer_id,
        "operation": operation,
        "tokenSha256": token_sha,
        "produceId": produce_id,
        "contentHash": content,  # what ReservedCode1 signs; the manifest's hard binding covers its bytes
        "validUntil": claims.payload.get("validUntil"),
        "statusListCredential": claims.status_list,
        "statusListIndex": claims.status_index,
        "demo": claims.demo,
        "label": text,
    }
    action = "c2pa.created" if operation in CREATED_OPERATIONS and not sources else "c2pa.edited"
    manifest = c2pa_io.manifest(
        out.name,
        fmt.mime,
        action,
        consent,
        [{**s, "format": "application/octet-stream"} for s in source_hashes],
    )
    final = c2pa_io.sign(with_label, fmt.mime, manifest, tool.chain_pem, tool.key_pem)
    output_sha = hashlib.sha256(final).hexdigest()
    payload = {
        "type": receipt.RECEIPT_TYPE,
        "produceId": produce_id,
        "tokenId": claims.token_id,
        "consentId": claims.consent_id,
        "studioId": claims.issuer_id,
        "operation": operation,
        "tokenSha256": token_sha,
        "output": {"sha256": output_sha, "contentHash": content, "format": fmt.name, "phash": phashes},
        "sources": source_hashes,
        "tool": {
            "name": tool.name,
            "serial": str(tool.cert.serial_number),
            "fingerprint": fingerprint(tool.cert),
        },
        "madeAt": now,
    }
    usage = receipt.sign(payload, tool)
    receipt_path = out.with_name(out.name + ".usage.jwt")
    _write_both(out, final, receipt_path, (usage + "\n").encode("ascii"))
    return MarkResult(
        out, receipt_path, produce_id, fmt.name, output_sha, content, signed, consent, phashes, checks, usage
    )


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Temp file in the same folder, fsync, rename: a crash leaves no half-written file."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _write_both(out: Path, data: bytes, receipt_path: Path, receipt_bytes: bytes) -> None:
    try:
        atomic_write_bytes(receipt_path, receipt_bytes, mode=0o644)
        try:
            atomic_write_bytes(out, data, mode=0o644)
        except BaseException:
            receipt_path.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise MarkError(2, code="mark.unreadable", path=str(out), reason=exc.strerror or str(exc)) from None
