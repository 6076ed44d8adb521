"""Canonical unpadded base64url (RFC 7515 §2), as the verifier reads and writes it."""

from __future__ import annotations

import binascii

__all__ = ["b64url_decode", "b64url_encode"]

_TO_STD = bytes.maketrans(b"-_", b"+/")
_TO_URL = bytes.maketrans(b"+/", b"-_")


def b64url_encode(data: bytes) -> str:
    """Unpadded base64url (RFC 7515 §2)."""
    return binascii.b2a_base64(data, newline=False).translate(_TO_URL).rstrip(b"=").decode("ascii")


def b64url_decode(text: str | bytes) -> bytes:
    """Decode canonical unpadded base64url; raise ``ValueError`` on anything else.

    Canonical means re-encoding gives back the same text: no padding, no foreign characters,
    no set bits in the unused tail of the last character.
    """
    data = text.encode("ascii") if isinstance(text, str) else bytes(text)
    if len(data) % 4 == 1:
        raise ValueError("impossible base64url length")
    raw = binascii.a2b_base64(data.translate(_TO_STD) + b"=" * (-len(data) % 4), strict_mode=True)
    if binascii.b2a_base64(raw, newline=False).translate(_TO_URL).rstrip(b"=") != data:
        raise ValueError("non-canonical base64url")
    return raw
