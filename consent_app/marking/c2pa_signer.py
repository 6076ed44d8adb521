"""The certificate that signed a C2PA manifest: the leaf of its COSE_Sign1 ``x5chain``.

c2pa-python 0.38.1 reports the signer's name, issuer and serial only (``signature_info``), which a forger
picks freely, and its ``trust.allowed_list`` setting (end-entity certificates trusted by hash) does not make
a manifest Trusted (checked: the state stays Valid with ``signingCredential.untrusted``). A tool certificate
the studio issued under a *retired* root (``consent_app/studio/carotate.py``) is trusted by its fingerprint,
so the tracer needs the signing certificate itself: c2pa hands over the manifest store's JUMBF
(``Reader.resource_to_stream``), this module walks its boxes to the active manifest's ``c2pa.signature`` box
and decodes the COSE_Sign1 with cbor2. The signature over the claim is c2pa's to check (a manifest whose
signature does not verify with this leaf is Invalid and never reaches the fingerprint comparison).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

_JUMB, _JUMD, _CBOR = b"jumb", b"jumd", b"cbor"
_X5CHAIN = 33  # COSE header label (RFC 9360)


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of each ISO BMFF-style box in ``data[start:end]``."""
    pos = start
    while pos + 8 <= end:
        size, kind, head = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8], 8
        if size == 1:
            size, head = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < head or pos + size > end:
            raise ValueError("a JUMBF box runs past its parent")
        yield kind, pos + head, pos + size
        pos += size


def _label(data: bytes, start: int, end: int) -> str | None:
    """The label of a ``jumb`` superbox (its first child, the ``jumd`` description box)."""
    for kind, body, stop in _boxes(data, start, end):
        if kind != _JUMD or stop - body < 17:
            return None
        if not data[body + 16] & 0x02:  # no label
            return None
        raw = data[body + 17:stop]
        return raw.split(b"\x00", 1)[0].decode("utf-8", "replace")
    return None


def _children(data: bytes, start: int, end: int) -> Iterator[tuple[str | None, int, int]]:
    for kind, body, stop in _boxes(data, start, end):
        if kind == _JUMB:
            yield _label(data, body, stop), body, stop


def _signature_cbor(store: bytes, manifest: str) -> bytes | None:
    """The COSE_Sign1 bytes of manifest ``manifest`` in a manifest store (or in that manifest alone)."""
    for label, body, stop in _children(store, 0, len(store)):
        if label == "c2pa":  # the store: look inside it
            return _signature_cbor(store[body:stop], manifest)
        if label == manifest or label == "c2pa.signature":
            inner = (body, stop) if label == "c2pa.signature" else next(
                ((b, s) for lab, b, s in _children(store, body, stop) if lab == "c2pa.signature"), None)
            if inner is None:
                return None
            for kind, b, s in _boxes(store, *inner):
                if kind == _CBOR:
                    return store[b:s]
    return None


def leaf_der(reader, manifest: str) -> bytes | None:
    """The DER of the certificate that signed ``manifest`` (the active one); None when it cannot be read."""
    import cbor2

    out = io.BytesIO()
    try:
        reader.resource_to_stream(f"self#jumbf=/c2pa/{manifest}/c2pa.signature", out)
        cose = _signature_cbor(out.getvalue(), manifest)
        if cose is None:
            return None
        item = cbor2.CBORDecoder(io.BytesIO(cose)).decode()
        parts = item.value if isinstance(item, cbor2.CBORTag) else item
        protected = cbor2.loads(parts[0]) if parts[0] else {}
        chain = protected.get(_X5CHAIN) if isinstance(protected, dict) else None
        if chain is None and isinstance(parts[1], dict):
            chain = parts[1].get(_X5CHAIN)
    except Exception:  # any damage means: no certificate to compare (so never trusted by fingerprint)
        return None
    leaf = chain[0] if isinstance(chain, list) and chain else chain
    return bytes(leaf) if isinstance(leaf, (bytes, bytearray)) else None


def leaf_fingerprint(reader, manifest: str) -> str | None:
    der = leaf_der(reader, manifest)
    return hashlib.sha256(der).hexdigest() if der is not None else None
