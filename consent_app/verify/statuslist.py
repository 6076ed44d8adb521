"""W3C Bitstring Status List v1.0: decoding and checking revocation lists, failing closed."""

from __future__ import annotations

import zlib

from consent_app.verify.codes import STATUS_UNAVAILABLE, VerifyError
from consent_app.verify.jose import KeySet, b64url_decode, decode_compact
from consent_app.verify.timeutil import parse_time
from consent_app.verify.vocab import (
    JWS_TYP,
    MIN_STATUS_LIST_BITS,
    STATUS_LIST_CREDENTIAL_TYPE,
    STATUS_LIST_TYPE,
    STATUS_PURPOSE,
    VC_CONTEXT,
)

#: The member of a status list credential that carries its sequence number and the audit head.
WITNESS_MEMBER = "studioWitness"
#: A decompressed list larger than this is refused (a zip bomb, not a status list).
MAX_LIST_BYTES = 16 * 1024 * 1024
MAX_STATUS_FILE_BYTES = 4 * 1024 * 1024


def decode_bitstring(encoded: str) -> bytes:
    """``encodedList`` -> raw bitstring: multibase base64url ('u') of a GZIP stream."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url (no 'u' prefix)")
    compressed = b64url_decode(encoded[1:])
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # GZIP framing only
    raw = inflater.decompress(compressed, MAX_LIST_BYTES + 1)
    if len(raw) > MAX_LIST_BYTES or inflater.unconsumed_tail:
        raise ValueError("encodedList decompresses to more than 16 MiB")
    if not inflater.eof or inflater.unused_data:
        raise ValueError("encodedList is not exactly one complete GZIP stream")
    if len(raw) * 8 < MIN_STATUS_LIST_BITS:
        raise ValueError(f"list has {len(raw) * 8} entries; {MIN_STATUS_LIST_BITS} is the minimum")
    return raw


def bit_at(bitstring: bytes, index: int) -> int:
    """Status bit ``index``; index 0 is the left-most (most significant) bit of the first byte."""
    return (bitstring[index >> 3] >> (7 - (index & 7))) & 1


class StatusList:
    """One verified status list credential.

    ``sequence``, ``audit_count`` and ``audit_head`` come from its ``studioWitness`` (None in lists
    exported before it existed): the export's sequence number, which only grows, and the signed audit
    head of the exporting store.
    """

    __slots__ = ("audit_count", "audit_head", "bits", "id", "issuer", "sequence", "valid_from",
                 "valid_until")

    def __init__(self, id: str, issuer: str, valid_from: float, valid_until: float, bits: bytes,
                 witness: dict | None = None):
        self.id = id
        self.issuer = issuer
        self.valid_from = valid_from
        self.valid_until = valid_until
        self.bits = bits
        witness = witness or {}
        self.sequence: int | None = witness.get("sequence")
        self.audit_count: int | None = witness.get("auditCount")
        self.audit_head: str | None = witness.get("auditHead")

    def revoked_indices(self) -> list[int]:
        """Every index whose bit is set (1 = revoked)."""
        out = []
        for byte_index, byte in enumerate(self.bits):
            if byte:
                out.extend(byte_index * 8 + bit for bit in range(8) if byte & (0x80 >> bit))
        return out

    def status(self, index: int) -> int:
        if index >= len(self.bits) * 8:
            raise VerifyError(STATUS_UNAVAILABLE, f"status index {index} is beyond the list's end",
                              reason_code="status.index_beyond_end")
        return bit_at(self.bits, index)


def _fail(message: str, reason_code: str) -> VerifyError:
    return VerifyError(STATUS_UNAVAILABLE, "status list " + message, reason_code=reason_code)


def parse_status_credential(token: bytes, keys: KeySet) -> StatusList:
    """Verify one status list credential (signature, shape, list) without checking its time."""
    try:
        _header, cred = decode_compact(token, keys, JWS_TYP)
    except VerifyError as exc:
        raise _fail(f"refused: {exc.message}", reason_code="status.signature") from None
    ctx, types = cred.get("@context"), cred.get("type")
    if not isinstance(ctx, list) or not ctx or ctx[0] != VC_CONTEXT:
        raise _fail("is not a VC 2.0 credential (@context)", reason_code="status.not_credential")
    if not isinstance(types, list) or STATUS_LIST_CREDENTIAL_TYPE not in types:
        raise _fail(f"is not a {STATUS_LIST_CREDENTIAL_TYPE}", reason_code="status.wrong_type")
    issuer = cred.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = cred.get("credentialSubject")
    if not isinstance(issuer_id, str) or not isinstance(cred.get("id"), str):
        raise _fail("has no id or issuer", reason_code="status.no_issuer")
    if not isinstance(subject, dict) or subject.get("type") != STATUS_LIST_TYPE:
        raise _fail(f"subject is not a {STATUS_LIST_TYPE}", reason_code="status.wrong_subject")
    purpose = subject.get("statusPurpose")
    purposes = purpose if isinstance(purpose, list) else [purpose]
    if STATUS_PURPOSE not in purposes:
        raise _fail(f"purpose is {purpose!r}, not {STATUS_PURPOSE!r}", reason_code="status.wrong_purpose")
    try:
        valid_from = parse_time(cred.get("validFrom"))
        valid_until = parse_time(cred.get("validUntil"))
    except ValueError as exc:
        raise _fail(f"has no usable validity: {exc}", reason_code="status.no_validity") from None
    try:
        bits = decode_bitstring(subject.get("encodedList"))
    except (ValueError, zlib.error) as exc:
        raise _fail(f"encodedList is invalid: {exc}", reason_code="status.bad_list") from None
    return StatusList(cred["id"], issuer_id, valid_from, valid_until, bits, _witness(cred))


def _witness(cred: dict) -> dict | None:
    """The ``studioWitness`` member, checked for shape; None when the list has none."""
    witness = cred.get(WITNESS_MEMBER)
    if witness is None:
        return None
    ok = isinstance(witness, dict)
    for name in ("sequence", "auditCount"):
        value = witness.get(name) if ok else None
        ok = ok and isinstance(value, int) and not isinstance(value, bool) and value >= 0
    head = witness.get("auditHead") if ok else None
    if not ok or not isinstance(head, str) or len(head) != 64:
        raise _fail(f"{WITNESS_MEMBER} is malformed (sequence, auditCount, auditHead)",
                    reason_code="status.bad_witness")
    return witness


class StatusLists:
    """The status list credentials a verifier was given (one compact JWS per line).

    Each is verified on first use, so a bad list only matters to tokens that point at it.
    """

    __slots__ = ("_errors", "_keys", "_raw", "_state", "_verified")

    def __init__(self, tokens: list[bytes], keys: KeySet, state=None) -> None:
        self._raw = tokens
        self._keys = keys
        self._state = state  # a verify.state.VerifierState: refuses a list older than one seen
        self._verified: dict[str, StatusList] | None = None
        self._errors: list[str] = []

    @classmethod
    def from_bytes(cls, data: bytes, keys: KeySet, state=None) -> StatusLists:
        if len(data) > MAX_STATUS_FILE_BYTES:
            raise _fail("file is larger than 4 MiB", reason_code="status.too_large")
        return cls([t for t in data.split() if t], keys, state)

    def _all(self) -> dict[str, StatusList]:
        if self._verified is None:
            verified: dict[str, StatusList] = {}
            errors: list[str] = []
            for raw in self._raw:
                try:
                    lst = parse_status_credential(raw, self._keys)
                except VerifyError as exc:
                    errors.append(exc.message)
                    continue
                known = verified.get(lst.id)
                if known is None or lst.valid_from > known.valid_from:
                    verified[lst.id] = lst  # several exports of one list: the newest counts
            self._verified = verified
            self._errors = errors
        return self._verified

    def get(self, list_id: str, issuer_id: str, now: float, skew: float) -> StatusList:
        """The verified, current list ``list_id`` of ``issuer_id``; ``VerifyError`` (7) else."""
        lists = self._all()
        lst = lists.get(list_id)
        if lst is None:
            why = f" ({'; '.join(self._errors)})" if self._errors else ""
            raise _fail(f"{list_id} was not given or did not verify{why}", reason_code="status.missing")
        if lst.issuer != issuer_id:
            raise _fail(f"{list_id} is from another issuer ({lst.issuer}, token: {issuer_id})",
                        reason_code="status.other_issuer")
        if now + skew < lst.valid_from:
            raise _fail(f"{list_id} is not valid yet", reason_code="status.not_yet_valid")
        if now - skew > lst.valid_until:
            raise _fail(f"{list_id} is stale (expired); export a fresh one", reason_code="status.stale")
        if self._state is not None:
            self._state.check_and_record(lst)
        return lst
