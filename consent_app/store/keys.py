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
    "envelope.missing": "no key envelope at {path}; is this a consent_app data folder?",
    "envelope.damaged": "the key envelope {path} is damaged: {reason}; restore it from a backup "
                        "(its .key.json file)",
})

ENVELOPE_FORMAT = "consent_app.key-envelope"
KEYRING_SERVICE = "consent_app"
ENV_PASSPHRASE = "CONSENT_APP_PASSPHRASE"  # noqa: S105 - a variable name
KEY_BYTES = 32


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


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


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


def read_envelope(path: Path) -> dict:
    from consent_app.errors import InputError
    from consent_app.files import read_bounded
    from consent_app.verify.strictjson import loads

    if not Path(path).exists():
        raise StoreError(code="envelope.missing", path=str(path))
    try:
        raw = read_bounded(path, 64 * 1024, "key envelope")
    except InputError as exc:
        raise StoreCorruptError(code="envelope.damaged", path=str(path), reason=exc.message) from None
    try:
        envelope = loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise StoreCorruptError(code="envelope.damaged", path=str(path), reason=f"not JSON ({exc})") from None
    problem = envelope_problem(envelope)
    if problem:
        raise StoreCorruptError(code="envelope.damaged", path=str(path), reason=problem)
    return envelope


def _b64_field(section: dict, name: str, length: int | None) -> str | None:
    value = section.get(name)
    if not isinstance(value, str):
        return f"{name} is missing"
    try:
        raw = _unb64(value)
    except (ValueError, UnicodeEncodeError):
        return f"{name} is not base64"
    if length is not None and len(raw) != length:
        return f"{name} has {len(raw)} bytes, expected {length}"
    return None


def envelope_problem(envelope: object) -> str | None:
    """What is wrong with a parsed key envelope (None when it is well formed)."""
    if not isinstance(envelope, dict) or envelope.get("format") != ENVELOPE_FORMAT:
        return "not a consent_app key envelope"
    if not isinstance(envelope.get("store_id"), str) or not envelope["store_id"]:
        return "store_id is missing"
    protection = envelope.get("protection")
    if protection == "keyring":
        info = envelope.get("keyring")
        names = ("service", "username")
        if not isinstance(info, dict) or not all(isinstance(info.get(k), str) for k in names):
            return "keyring entry is missing"
        return _b64_field(envelope, "check", 32)
    if protection != "passphrase":
        return f"unknown protection {protection!r}"
    kdf, wrap = envelope.get("kdf"), envelope.get("wrap")
    if not isinstance(kdf, dict) or kdf.get("alg") != "argon2id":
        return "kdf is missing or not argon2id"
    if not isinstance(wrap, dict) or wrap.get("alg") != "A256GCM":
        return "wrap is missing or not A256GCM"
    limits = {"time_cost": (1, 64), "memory_cost": (8 * 1024, 4 * 1024 * 1024), "parallelism": (1, 64),
              "salt_len": (16, 64)}
    for name, (low, high) in limits.items():
        value = kdf.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            return f"kdf.{name} {value!r} is outside {low}..{high}"
    return (_b64_field(kdf, "salt", kdf["salt_len"]) or _b64_field(wrap, "nonce", 12)
            or _b64_field(wrap, "ciphertext", KEY_BYTES + 16))


def write_envelope(path: Path, envelope: dict) -> None:
    """Write atomically: temp file, fsync, rename, fsync the folder."""
    from consent_app.store.atomic import atomic_write_bytes

    atomic_write_bytes(path, json.dumps(envelope, indent=2, sort_keys=True).encode() + b"\n")
