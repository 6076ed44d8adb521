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
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from consent_app.canonical import canonical_json, sha256_hex
from consent_app.messages import define
from consent_app.studio.db import StudioError
from consent_app.verify.jose import ed25519_verify
from consent_app.verify.strictjson import loads

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


class _cached:
    """``functools.cached_property`` without its lock (Python 3.11 takes one lock per property, shared by
    every instance and thread): each value is a pure function of the frozen fields, so computing it twice
    in a race gives the same value."""

    def __init__(self, fn) -> None:
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class StudioObject:
    envelope: bytes          # canonical JSON, exactly as signed
    signature: bytes
    data: dict[str, Any]     # the parsed envelope

    @_cached
    def hash(self) -> str:
        return sha256_hex(self.envelope)

    @_cached
    def station(self) -> str:
        return self.data["station"]

    @_cached
    def seq(self) -> int:
        return self.data["seq"]

    @_cached
    def kind(self) -> str:
        return self.data["kind"]

    @_cached
    def object_id(self) -> str:
        return self.data["id"]

    @_cached
    def body(self) -> dict[str, Any]:
        return self.data["body"]

    def verify_with(self, public: bytes) -> bool:
        """This object's own Ed25519 signature by ``public`` (libsodium: strict, and about twice as fast as
        OpenSSL's here). A success is remembered with the key (the envelope and signature never change), so
        a signature checked in bulk ahead of trust (``sigcheck``) is not checked again for the same key."""
        if self.__dict__.get("_good_key") == public:
            return True
        if not ed25519_verify(public, self.signature, self.envelope):
            return False
        self.__dict__["_good_key"] = bytes(public)
        return True


def make(key: Ed25519PrivateKey, *, studio: str, station: str, seq: int, prev: str, kind: str,
         object_id: str, at: str, body: dict[str, Any]) -> StudioObject:
    data = {"v": FORMAT_VERSION, "studio": studio, "station": station, "seq": seq, "prev": prev,
            "kind": kind, "id": object_id, "at": at, "body": body}
    envelope = canonical_json(data)
    return StudioObject(envelope, key.sign(envelope), json.loads(envelope))


_FIELDS = {"v": int, "studio": str, "station": str, "seq": int, "prev": str, "kind": str, "id": str,
           "at": str, "body": dict}
_NAMES = frozenset(_FIELDS)
_TYPES = tuple(_FIELDS.items())


def parse(envelope: bytes, signature: bytes, *, station: str = "?", seq: int = 0) -> StudioObject:
    """An object from bytes as stored; ObjectError when it is not a well-formed envelope."""
    try:
        data = loads(envelope.decode("utf-8"))  # duplicate members refused: one parse, one meaning
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="not JSON") from None
    if type(data) is not dict or data.keys() != _NAMES:
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="unexpected fields")
    for name, kind in _TYPES:  # exact types: JSON gives no subclasses, and a bool is not an int here
        if type(data[name]) is not kind:
            raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                              reason=f"field {name} has the wrong type")
    if data["station"] != station or data["seq"] != seq:
        raise StudioError(code="studio.object_malformed", station=station, seq=seq,
                          reason="stored under another station or sequence than it names")
    obj = StudioObject(envelope if type(envelope) is bytes else bytes(envelope),
                       signature if type(signature) is bytes else bytes(signature), data)
    fields = obj.__dict__  # what the cached properties would compute on first use, set at once
    fields["station"], fields["seq"], fields["kind"] = data["station"], data["seq"], data["kind"]
    fields["object_id"], fields["body"] = data["id"], data["body"]
    return obj
