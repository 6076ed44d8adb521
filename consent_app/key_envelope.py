"""The key envelope of a store (``consent.key.json``): its format, and reading it with every field checked.

Kept outside ``consent_app.store`` so that what only looks at the envelope (the app's first screen
asks whether the store wants a passphrase or opens from the OS keyring) does not import the store
itself: SQLCipher, the audit trail and the migrations are ~25 ms of imports before the first paint.
Sealing and unsealing the key are in ``consent_app.store.keys``.
"""

from __future__ import annotations

import base64
from pathlib import Path

from consent_app.errors import StoreCorruptError, StoreError
from consent_app.messages import define

MESSAGES = define({
    "envelope.missing": "no key envelope at {path}; is this a consent_app data folder?",
    "envelope.damaged": "the key envelope {path} is damaged: {reason}; restore it from a backup "
                        "(its .key.json file)",
})

ENVELOPE_FORMAT = "consent_app.key-envelope"
KEY_BYTES = 32


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


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
        raw = unb64(value)
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
