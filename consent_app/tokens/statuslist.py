"""Building W3C Bitstring Status List credentials (the verifier side decodes them)."""

from __future__ import annotations

import gzip
from datetime import datetime

from consent_app.verify.jose import b64url_encode
from consent_app.verify.vocab import (
    MIN_STATUS_LIST_BITS,
    STATUS_LIST_CREDENTIAL_TYPE,
    STATUS_LIST_TYPE,
    STATUS_PURPOSE,
    VC_CONTEXT,
)


def iso(moment: datetime) -> str:
    """XML Schema dateTimeStamp in UTC, whole seconds: ``2026-11-23T01:02:03Z``."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    from datetime import UTC

    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_bitstring(size_bits: int = MIN_STATUS_LIST_BITS) -> bytearray:
    if size_bits < MIN_STATUS_LIST_BITS or size_bits % 8:
        raise ValueError(f"a status list needs a multiple of 8 entries, >= {MIN_STATUS_LIST_BITS}")
    return bytearray(size_bits // 8)


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    """Index 0 is the left-most bit of the first byte (as the W3C spec says)."""
    mask = 1 << (7 - (index & 7))
    if value:
        bits[index >> 3] |= mask
    else:
        bits[index >> 3] &= ~mask & 0xFF


def encode_bitstring(bits: bytes) -> str:
    """Multibase base64url ('u' prefix, no padding) of the GZIP-compressed bitstring."""
    return "u" + b64url_encode(gzip.compress(bytes(bits), compresslevel=9, mtime=0))


def status_list_payload(
    list_id: str,
    issuer: dict,
    bits: bytes,
    valid_from: datetime,
    valid_until: datetime,
) -> dict:
    """The unsigned BitstringStatusListCredential for ``bits``."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_id,
        "type": ["VerifiableCredential", STATUS_LIST_CREDENTIAL_TYPE],
        "issuer": issuer,
        "validFrom": iso(valid_from),
        "validUntil": iso(valid_until),
        "credentialSubject": {
            "id": list_id + "#list",
            "type": STATUS_LIST_TYPE,
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode_bitstring(bits),
        },
    }
