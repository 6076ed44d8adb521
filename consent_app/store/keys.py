"""The database key and its envelope.

The SQLCipher key is 256 random bits. It is never written in the clear: the envelope file beside the
database holds it either wrapped (AES-256-GCM) under a key derived from a passphrase with Argon2id
(RFC 9106), or only a check value while the key itself sits in the OS keyring.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from consent_app.errors import StoreCorruptError, StoreError, WrongKeyError
from consent_app.key_envelope import ENVELOPE_FORMAT, KEY_BYTES
from consent_app.key_envelope import envelope_problem as envelope_problem  # callers name it here too
from consent_app.key_envelope import read_envelope as read_envelope
from consent_app.key_envelope import unb64 as _unb64
from consent_app.messages import define

MESSAGES = define({
    "key.passphrase_needed": "this store is protected by a passphrase; give it (or set {env})",
    "key.passphrase_empty": "the passphrase is empty",
    "key.wrong_passphrase": "wrong passphrase: it does not unlock this store",
    "key.keyring_empty": "the OS keyring holds no key for this store (was it made on another account or "
                         "machine?); restore the keyring entry or use a backup",
    "key.keyring_wrong": "the key in the OS keyring does not unlock this store",
    "key.no_keyring": "no OS keyring is available on this machine; protect the store with a passphrase "
                      "instead",
    "envelope.unknown_protection": "the key envelope names an unknown protection {protection}",
})

KEYRING_SERVICE = "consent_app"
ENV_PASSPHRASE = "CONSENT_APP_PASSPHRASE"  # noqa: S105 - a variable name


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost; the default is RFC 9106's second recommended option (64 MiB, t=3, p=4)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 4
    salt_len: int = 16


RFC9106_LOW_MEMORY = Argon2Params()


class KeyringUnavailableError(StoreError):
    """No usable OS keyring backend exists on this machine."""


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def derive_kek(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """Argon2id key-encryption key from a passphrase."""
    from argon2.low_level import Type, hash_secret_raw

    if not passphrase:
        raise WrongKeyError(code="key.passphrase_empty")
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _aad(store_id: str) -> bytes:
    return f"{ENVELOPE_FORMAT}:{store_id}".encode()


def key_check(key: bytes, store_id: str) -> str:
    """A value that tells a right key from a wrong one without revealing the key."""
    return _b64(hmac.new(key, b"key-check:" + store_id.encode(), hashlib.sha256).digest())


def seal_with_passphrase(
    key: bytes, store_id: str, passphrase: str, params: Argon2Params = RFC9106_LOW_MEMORY
) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(params.salt_len)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(derive_kek(passphrase, salt, params)).encrypt(nonce, key, _aad(store_id))
    return {
        "format": ENVELOPE_FORMAT,
        "version": 1,
        "store_id": store_id,
        "protection": "passphrase",
        "kdf": {"alg": "argon2id", "salt": _b64(salt), **asdict(params)},
        "wrap": {"alg": "A256GCM", "nonce": _b64(nonce), "ciphertext": _b64(wrapped)},
    }


def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise KeyringUnavailableError(code="key.no_keyring")
    return keyring


def seal_with_keyring(key: bytes, store_id: str) -> dict:
    kr = _keyring()
    kr.set_password(KEYRING_SERVICE, f"store:{store_id}", _b64(key))
    return {
        "format": ENVELOPE_FORMAT,
        "version": 1,
        "store_id": store_id,
        "protection": "keyring",
        "keyring": {"service": KEYRING_SERVICE, "username": f"store:{store_id}"},
        "check": key_check(key, store_id),
    }


def keyring_available() -> bool:
    try:
        _keyring()
    except KeyringUnavailableError:
        return False
    return True


PassphraseSource = Callable[[], str]


def unseal(envelope: dict, passphrase: PassphraseSource | str | None) -> bytes:
    """Recover the database key, or raise ``WrongKeyError`` without touching anything."""
    store_id = envelope["store_id"]
    protection = envelope.get("protection")
    if protection == "passphrase":
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        secret = passphrase() if callable(passphrase) else passphrase
        if secret is None:
            secret = os.environ.get(ENV_PASSPHRASE)
        if not secret:
            raise WrongKeyError(code="key.passphrase_needed", env=ENV_PASSPHRASE)
        kdf = envelope["kdf"]
        params = Argon2Params(
            time_cost=int(kdf["time_cost"]),
            memory_cost=int(kdf["memory_cost"]),
            parallelism=int(kdf["parallelism"]),
            salt_len=int(kdf["salt_len"]),
        )
        wrap = envelope["wrap"]
        kek = derive_kek(secret, _unb64(kdf["salt"]), params)
        try:
            key = AESGCM(kek).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["ciphertext"]), _aad(store_id))
        except InvalidTag:
            raise WrongKeyError(code="key.wrong_passphrase") from None
        return key
    if protection == "keyring":
        kr = _keyring()
        info = envelope["keyring"]
        stored = kr.get_password(info["service"], info["username"])
        if stored is None:
            raise WrongKeyError(code="key.keyring_empty")
        key = _unb64(stored)
        if not hmac.compare_digest(key_check(key, store_id), envelope["check"]):
            raise WrongKeyError(code="key.keyring_wrong")
        return key
    raise StoreCorruptError(code="envelope.unknown_protection", protection=repr(protection))


def write_envelope(path: Path, envelope: dict) -> None:
    """Write atomically: temp file, fsync, rename, fsync the folder."""
    from consent_app.store.atomic import atomic_write_bytes

    atomic_write_bytes(path, json.dumps(envelope, indent=2, sort_keys=True).encode() + b"\n")
