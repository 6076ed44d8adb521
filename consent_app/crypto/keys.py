"""The studio's Ed25519 signing keys, kept inside the encrypted database.

The newest unretired key signs; older keys stay available for verification so that tokens and
records signed before a rotation keep verifying.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from consent_app import audit, clock
from consent_app.errors import StoreError
from consent_app.messages import define

MESSAGES = define({
    "key.no_active": "this store has no active signing key",
})

_RAW = serialization.Encoding.Raw


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def thumbprint_kid(public_raw: bytes) -> str:
    """RFC 7638 JWK thumbprint of the OKP key: a stable, public key id."""
    x = base64.urlsafe_b64encode(public_raw).rstrip(b"=").decode()
    canonical = f'{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}'.encode()
    return base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey
    created_at: str

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def public_raw(self) -> bytes:
        return _raw_public(self.public)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


@dataclass(frozen=True)
class PublicKeyInfo:
    kid: str
    public: Ed25519PublicKey
    created_at: str
    retired_at: str | None

    @property
    def public_raw(self) -> bytes:
        return _raw_public(self.public)


def create_key(tx, actor: str) -> SigningKey:
    """Make a new signing key, retire the previous one (still valid for verification), audit it."""
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    public_raw = _raw_public(private.public_key())
    kid = thumbprint_kid(public_raw)
    now = clock.iso()
    retired = [r[0] for r in tx.execute("SELECT kid FROM signing_keys WHERE retired_at IS NULL")]
    tx.execute("UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL", (now,))
    tx.execute(
        "INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at) "
        "VALUES (?, 'Ed25519', ?, ?, ?)",
        (kid, seed, public_raw, now),
    )
    audit.append(tx, actor, "key.create", f"key:{kid}", {"kid": kid, "retired": retired})
    return SigningKey(kid, private, now)


rotate = create_key


def active_key(conn) -> SigningKey:
    row = conn.execute(
        "SELECT kid, private_key, created_at FROM signing_keys WHERE retired_at IS NULL "
        "ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    if row is None:
        raise StoreError(code="key.no_active")
    return SigningKey(row[0], Ed25519PrivateKey.from_private_bytes(bytes(row[1])), row[2])


def all_public_keys(conn) -> list[PublicKeyInfo]:
    rows = conn.execute(
        "SELECT kid, public_key, created_at, retired_at FROM signing_keys ORDER BY rowid"
    )
    return [
        PublicKeyInfo(kid, Ed25519PublicKey.from_public_bytes(bytes(pub)), created, retired)
        for kid, pub, created, retired in rows
    ]


def public_key_map(conn) -> dict[str, Ed25519PublicKey]:
    return {info.kid: info.public for info in all_public_keys(conn)}


def verify_signature(public: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """Ed25519 through the verifier's backend (libsodium: ~48 µs here, ``cryptography`` ~100 µs; every
    store open checks its head anchor with it)."""
    from consent_app.verify.jose import ed25519_verify

    return ed25519_verify(public.public_bytes_raw(), signature, data)
