"""Salted hash commitments: bind a person's identifying data to a signed record without putting it there.

A signed consent record carries ``commitment(field, value, salt)`` for the subject's name, document number,
birth date and so on; the value and its 32-byte random salt stay in the encrypted store. Editing the
subjects table (moving a consent to another person) then breaks the commitment, while the record itself
(shown to verifiers, exported to regulators) reveals nothing: without the salt a commitment cannot be tested
against guessed names.

``commitment = "hmac-sha256:" + hex(HMAC-SHA256(key=salt, msg=field || 0x00 || NFC(value)))``
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata

PREFIX = "hmac-sha256:"
SALT_BYTES = 32


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def normalise(value: str) -> str:
    """NFC, surrounding white space removed, inner runs of white space folded to one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def commitment(field: str, value: str, salt: bytes) -> str:
    if len(salt) != SALT_BYTES:
        raise ValueError(f"a commitment salt has {SALT_BYTES} bytes, not {len(salt)}")
    message = field.encode("ascii") + b"\x00" + normalise(value).encode("utf-8")
    return PREFIX + hmac.new(salt, message, hashlib.sha256).hexdigest()


def opens(committed: str, field: str, value: str, salt: bytes) -> bool:
    """True when ``value`` (with ``salt``) is what ``committed`` commits to."""
    return hmac.compare_digest(committed, commitment(field, value, salt))
