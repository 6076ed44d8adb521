"""Store passphrases: a strength rule for new ones, and changing one without changing the key.

A passphrase wraps the database key (Argon2id + AES-256-GCM, see ``keys``). Changing it re-wraps the
same 256-bit key under the new passphrase: the database is not re-encrypted, and backups keep
opening with the passphrase their own envelope was written with.
"""

from __future__ import annotations

from consent_app import audit
from consent_app.errors import InputError, PolicyError
from consent_app.messages import Message, define
from consent_app.store import keys

MIN_CHARACTERS = 12
MIN_WORDS = 4

MESSAGES = define({
    "passphrase.weak": "the store passphrase is too weak: use at least {min_chars} characters or at "
    "least {min_words} words (it protects every biometric sample and signing key in the store)",
    "passphrase.not_passphrase_store": "this store keeps its key in the OS keyring; there is no "
    "passphrase to change",
    "passphrase.same": "the new passphrase is the same as the current one",
})


def problem(passphrase: str) -> Message | None:
    """Why ``passphrase`` is too weak (``passphrase.weak``), or None if ≥ 12 characters or ≥ 4 words."""
    text = (passphrase or "").strip()
    if len(text) >= MIN_CHARACTERS or len(text.split()) >= MIN_WORDS:
        return None
    return Message("passphrase.weak", {"min_chars": MIN_CHARACTERS, "min_words": MIN_WORDS})


def check_strength(passphrase: str) -> None:
    """Raise ``InputError`` (code ``passphrase.weak``) for a weak passphrase."""
    weak = problem(passphrase)
    if weak is not None:
        raise InputError(code=weak.code, **weak.params)


def change(store, old: str, new: str, actor: str) -> None:
    """Re-wrap the store's key under ``new`` (checked for strength); audited, envelope atomic."""
    envelope = store.envelope
    if envelope.get("protection") != "passphrase":
        raise PolicyError(code="passphrase.not_passphrase_store")
    check_strength(new)
    if new == old:
        raise InputError(code="passphrase.same")
    key = keys.unseal(envelope, old)  # WrongKeyError if ``old`` is not the current passphrase
    kdf = envelope["kdf"]
    params = keys.Argon2Params(time_cost=int(kdf["time_cost"]), memory_cost=int(kdf["memory_cost"]),
                               parallelism=int(kdf["parallelism"]), salt_len=int(kdf["salt_len"]))
    sealed = keys.seal_with_passphrase(key, store.store_id, new, params)
    from consent_app import paths

    with store.transaction() as tx:
        audit.append(tx, actor, "store.passphrase_change", f"studio:{store.store_id}",
                     {"kdf": "argon2id", "memory_cost": params.memory_cost,
                      "time_cost": params.time_cost, "database_key": "unchanged"})
        keys.write_envelope(paths.envelope_path(store.data_dir), sealed)  # before COMMIT: no
        # passphrase change without its audit entry (a failed write rolls the entry back)
    store.envelope = sealed
    store.relock()  # the folder lock was held on the replaced envelope file
