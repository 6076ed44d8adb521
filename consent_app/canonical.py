"""Canonical JSON (RFC 8785, JCS) and hashes over it: one way to hash a structure, everywhere."""

from __future__ import annotations

import hashlib
from typing import Any


def canonical_json(value: Any) -> bytes:
    import rfc8785

    return rfc8785.dumps(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def json_hash(value: Any) -> str:
    """SHA-256 (hex) of the RFC 8785 form of ``value``."""
    return sha256_hex(canonical_json(value))
