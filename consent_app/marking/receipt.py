"""Usage receipts: what a tool made under which token, signed by the tool (JWS with ``x5c``).

Header ``{"alg": "EdDSA", "typ": "consent-usage+jwt", "x5c": [leaf DER b64, root DER b64]}``;
payload::

    {"type": "ConsentUsageReceipt", "produceId", "tokenId", "consentId", "studioId", "operation",
     "tokenSha256", "output": {"sha256", "contentHash", "format", "phash": [16-hex ...]},
     "sources": [{"sha256", "title"}], "tool": {"name", "serial", "fingerprint"}, "madeAt"}

``phash`` holds one dHash for an image, one per second for a video, none for audio.
"""

from __future__ import annotations

import base64
import json

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from consent_app.marking.errors import MarkError
from consent_app.marking.trust import ToolIdentity, TrustBundle, fingerprint, tool_name
from consent_app.messages import define
from consent_app.verify.jose import b64url_decode, b64url_encode

TYP = "consent-usage+jwt"
RECEIPT_TYPE = "ConsentUsageReceipt"
MAX_BYTES = 256 * 1024

MESSAGES = define(
    {
        "receipt.malformed": "not a usage receipt ({detail})",
        "receipt.signature": "the receipt's signature does not verify with its tool certificate",
    }
)


def sign(payload: dict, tool: ToolIdentity) -> str:
    header = {
        "alg": "EdDSA",
        "typ": TYP,
        "x5c": [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode() for c in tool.chain],
    }
    head = b64url_encode(json.dumps(header, separators=(",", ":")).encode())
    body = b64url_encode(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    return f"{head}.{body}.{b64url_encode(tool.key.sign(f'{head}.{body}'.encode()))}"


def _bad(detail: str) -> MarkError:
    return MarkError(3, code="receipt.malformed", detail=detail)


def verify(token: str, bundle: TrustBundle) -> tuple[dict, x509.Certificate]:
    """(payload, tool certificate) of a receipt whose tool chains to the studio root and is not revoked.

    ``MarkError``: 3 malformed or bad signature; 9 tool not trusted (not the studio's, expired, revoked).
    """
    if len(token) > MAX_BYTES:
        raise _bad("too large")
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise _bad("not a compact JWS")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError):
        raise _bad("undecodable") from None
    if (
        not isinstance(header, dict)
        or header.get("alg") not in ("EdDSA", "Ed25519")
        or header.get("typ") != TYP
    ):
        raise _bad("wrong alg or typ")
    if set(header) - {"alg", "typ", "x5c"} or not isinstance(header.get("x5c"), list) or not header["x5c"]:
        raise _bad("header must hold alg, typ and x5c only")
    try:
        leaf = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0], validate=True))
    except ValueError:
        raise _bad("x5c is not a certificate") from None
    public = leaf.public_key()
    if not isinstance(public, Ed25519PublicKey):
        raise _bad("the certificate's key is not Ed25519")
    try:
        public.verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"))
    except InvalidSignature:
        raise MarkError(3, code="receipt.signature") from None
    if not isinstance(payload, dict) or payload.get("type") != RECEIPT_TYPE:
        raise _bad("payload is not a ConsentUsageReceipt")
    bundle.check_tool(leaf, _made_at(payload))
    tool = payload.get("tool") or {}
    if tool.get("fingerprint") != fingerprint(leaf) or tool.get("name") != tool_name(leaf):
        raise _bad("tool in the payload differs from the signing certificate")
    return payload, leaf


def _made_at(payload: dict):
    from datetime import UTC, datetime

    from consent_app.verify.timeutil import parse_time

    try:
        return datetime.fromtimestamp(parse_time(payload.get("madeAt", "")), UTC)
    except (ValueError, TypeError):
        raise _bad("madeAt is not a time") from None
