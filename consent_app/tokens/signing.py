"""Signing compact JWS (EdDSA / Ed25519) and describing public keys as JWKs."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from consent_app.verify.jose import b64url_encode
from consent_app.verify.vocab import JWS_TYP


def canonical_json(obj: object) -> bytes:
    """Compact UTF-8 JSON with keys in the given order (what gets signed)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sign_compact(payload: dict, private_key: Ed25519PrivateKey, kid: str, typ: str = JWS_TYP) -> str:
    """``base64url(header).base64url(payload).base64url(signature)`` with alg EdDSA."""
    header = {"alg": "EdDSA", "kid": kid, "typ": typ}
    signing_input = b64url_encode(canonical_json(header)) + "." + b64url_encode(canonical_json(payload))
    signature = private_key.sign(signing_input.encode("ascii"))
    return signing_input + "." + b64url_encode(signature)


def raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_jwk(kid: str, public_key: Ed25519PublicKey) -> dict:
    """RFC 8037 OKP JWK of an Ed25519 public key."""
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url_encode(raw_public(public_key)),
        "kid": kid,
        "alg": "EdDSA",
        "use": "sig",
    }


def jwks(keys: list[tuple[str, Ed25519PublicKey]]) -> dict:
    return {"keys": [public_jwk(kid, key) for kid, key in keys]}
