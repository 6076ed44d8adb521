"""The GB 45438-2025 implicit label (``AIGC``) and the tool's signature in ``ReservedCode1``.

``ReservedCode1`` = ``cm1.<first 16 hex of the tool certificate's SHA-256>.<base64url Ed25519 signature>``
over ``consent-mark AIGC v1`` + the canonical JSON of Label, ContentProducer and ProduceID + the
content hash of the output (``essence.content_hash``). A label copied onto another file, or a file
changed after marking, fails the check. ContentPropagator, PropagateID and ReservedCode2 stay free
for platforms that re-share the file and are not signed.
"""

from __future__ import annotations

import json
import re

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from consent_app.verify.jose import b64url_decode, b64url_encode, ed25519_verify

FIELDS = (
    "Label",
    "ContentProducer",
    "ProduceID",
    "ReservedCode1",
    "ContentPropagator",
    "PropagateID",
    "ReservedCode2",
)
SIGNED = ("Label", "ContentProducer", "ProduceID")
PREFIX = "cm1"
_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")


def signing_input(label: dict, content_hash: str) -> bytes:
    head = json.dumps({k: label.get(k, "") for k in SIGNED}, separators=(",", ":"), sort_keys=True)
    return b"consent-mark AIGC v1\n" + head.encode("ascii") + b"\n" + content_hash.encode("ascii")


def build(producer: str, produce_id: str) -> dict:
    if not _PRINTABLE.match(producer) or not producer:
        raise ValueError("ContentProducer must be printable ASCII")
    return {
        "Label": "1",
        "ContentProducer": producer,
        "ProduceID": produce_id,
        "ReservedCode1": "",
        "ContentPropagator": "",
        "PropagateID": "",
        "ReservedCode2": "",
    }


def sign(label: dict, content_hash: str, key: Ed25519PrivateKey, cert_fingerprint: str) -> dict:
    signature = key.sign(signing_input(label, content_hash))
    return {**label, "ReservedCode1": f"{PREFIX}.{cert_fingerprint[:16]}.{b64url_encode(signature)}"}


def encode(label: dict) -> str:
    """The label as the one-line ASCII JSON written into the file."""
    return json.dumps({k: label.get(k, "") for k in FIELDS}, separators=(",", ":"), ensure_ascii=True)


def decode(text: str | bytes) -> dict | None:
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) and "Label" in value else None


def signer_fingerprint(label: dict) -> str | None:
    parts = str(label.get("ReservedCode1", "")).split(".")
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def verify(label: dict, content_hash: str, public: Ed25519PublicKey) -> bool:
    """The tool's signature in ``ReservedCode1`` over the label and ``content_hash``."""
    return verify_raw(label, content_hash, public.public_bytes(Encoding.Raw, PublicFormat.Raw))


def verify_raw(label: dict, content_hash: str, public: bytes | None) -> bool:
    """:func:`verify` with the tool's raw 32-byte Ed25519 key (None: not an Ed25519 key, so never valid),
    through libsodium as the token verifier checks Ed25519 (half the time of OpenSSL's)."""
    parts = str(label.get("ReservedCode1", "")).split(".")
    if public is None or len(parts) != 3 or parts[0] != PREFIX:
        return False
    try:
        signature = b64url_decode(parts[2])
        message = signing_input(label, content_hash)
    except (ValueError, TypeError, UnicodeEncodeError):
        return False
    return ed25519_verify(public, signature, message)
