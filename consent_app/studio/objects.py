"""Signed studio objects: the unit every station pushes, pulls and verifies.

An object is a canonical-JSON *envelope* signed by the station that made it (Ed25519, its station
key)::

    {"v": 1, "studio": S, "station": ST, "seq": n, "prev": HASH_OF_SEQ_n-1 | "", "kind": K,
     "id": OBJECT_ID, "at": ISO-8601, "body": {...}}

``hash = sha256(canonical envelope)``. ``seq`` counts 1, 2, 3 … per station and ``prev`` names the
station's previous object, so a station's objects form one hash chain: an object cannot be dropped,
reordered or replaced without breaking it. PostgreSQL stores envelopes as bytes and never needs to
understand them; personal data inside a body is sealed under the studio data key (``sealed.py``).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from consent_app.canonical import canonical_json, sha256_hex
from consent_app.messages import define
from consent_app.verify.jose import ed25519_verify

MESSAGES = define({
    "studio.object_malformed": "studio object {station}#{seq} is malformed: {reason}",
    "studio.object_bad_signature": "studio object {station}#{seq} ({kind}) has no valid signature by "
                                   "its station's key",
    "studio.object_chain_broken": "station {station}'s objects do not chain at #{seq}: {reason}",
})

FORMAT_VERSION = 1
_RAW = serialization.Encoding.Raw


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(_RAW, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """What two administrators read aloud to each other: 8 groups of 4 hex digits of SHA-256."""
    digest = sha256_hex(public)[:32].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 32, 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as an administrator typed it (any case; groups split by dashes, spaces or colons, or
    none) in the form :func:`fingerprint` prints; anything else is returned stripped, to be refused."""
    digits = "".join(ch for ch in text if not ch.isspace() and ch not in "-:").upper()
    if len(digits) != 32 or any(ch not in "0123456789ABCDEF" for ch in digits):
        return text.strip()
    return "-".join(digits[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class StudioObject:
    envelope: bytes          # canonical JSON, exactly as signed
    signature: bytes
    data: dict[str, Any]     # the parsed envelope

    @cached_property
    def hash(self) -> str:
        return sha256_hex(self.envelope)

    @property
    def station(self) -> str:
        return self.data["station"]

    @property
    def seq(self) -> int:
        return self.data["seq"]

    @property
    def kind(self) -> str:
        return self.data["kind"]

    @property
    def object_id(self) -> str:
        return self.data["id"]

    @property
    def body(self) -> dict[str, Any]:
        return self.data["body"]

    def verify_with(self, public: bytes) -> bool:
        """This object's own Ed25519 signature by ``public`` (libsodium through PyNaCl: strict, and about
        twice as fast as OpenSSL's here)."""
        return ed25519_verify(public, self.signature, self.envelope)


def make(key: Ed25519PrivateKey, *, studio: str, station: str, seq: int, prev: str, kind: str,
         object_id: str, at: str, body: dict[str, Any]) -> StudioObject:
    data = {"v": FORMAT_VERSION, "studio": studio, "station": station, "seq": seq, "prev": prev,
            "kind": kind, "id": object_id, "at": at, "body": body}
    envelope = canonical_json(data)
    return StudioObject(envelope, key.sign(envelope), json.loads(envelope))


_FIELDS = {"v": int, "studio": str, "station": str, "seq": int, "prev": str, "kind": str, "id": str,
           "at": str, "body": dict}


def parse(envelope: bytes, signature: bytes, *, station: str = "?", seq: int = 0) -> StudioObject:
    """An object from bytes as stored; ObjectError when it is not a well-formed envelope."""
    from consent_app.studio.db import StudioError
    from consent_app.verify.strictjson import loads

    try:
        data = loads(envelope.decode("utf-8"))  # duplicate members refused: one parse, one meaning
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="not JSON") from None
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="unexpected fields")
    for name, kind in _FIELDS.items():
        if not isinstance(data[name], kind) or isinstance(data[name], bool):
            raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                              reason=f"field {name} has the wrong type")
    if data["station"] != station or data["seq"] != seq:
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="stored under another station or sequence than it names")
    return StudioObject(bytes(envelope), bytes(signature), data)
