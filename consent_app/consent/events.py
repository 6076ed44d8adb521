"""Signed events: what happens to a consent and its tokens after the record is signed.

Every withdrawal, token revocation, biometric erasure and token issue is an *event*: a small JSON body,
canonicalised (RFC 8785) and Ed25519-signed with the studio key, stored append-only in ``events`` with one
``consent.event`` audit entry naming its hash. A body names its consent record (``recordId`` and the record's
hash) and ``seen``: the hashes of the consent's events its author had seen (the heads of the event graph at
the time), so the events form a hash-linked graph rooted at the signed record. Two stations that write at
the same time make two events that saw the same heads; both stand, and the state
(:mod:`consent_app.consent.state`) merges them, since events only ever take rights away.

Event body (v2)::

    {"schema": EVENT_SCHEMA, "eventId": "urn:uuid:…", "recordId": "urn:uuid:<consent>",
     "record": "sha256:<record hash>", "seen": ["sha256:…", …], "type": KIND, "time": RFC 3339,
     "actor": staff username, "demo": bool, …fields of the kind}

Fields by kind: ``withdrawal`` categories, remaining, reason; ``revocation`` tokens, cause, reason;
``erasure`` subject, modalities, reason; ``token_issue`` tokenId, operations, bindings, statusList,
statusIndex, sha256, kid, validFrom, validUntil. Withdrawals written before v2 (``consent-event/v1``,
a linear chain with ``seq``/``previous``) are read as they are.

Verification works on the stored bytes: the signature is checked over exactly the text that is kept (no
re-canonicalisation), and the body is parsed from those bytes. One event is checked with ``cryptography``;
many at once (:class:`SignatureCheck`: exports, lists of thousands) with libsodium, the backend of the
standalone verifier (:mod:`consent_app.verify.jose`), which gives the same answers at half the cost.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature

from consent_app import audit, clock
from consent_app.canonical import canonical_json
from consent_app.consent import record as rec
from consent_app.crypto import keys as signing
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.spare_core import IdleMeter

EVENT_SCHEMA = "https://consent-app.invalid/schema/consent-event/v2"
LEGACY_SCHEMA = rec.EVENT_SCHEMA
KINDS = ("withdrawal", "revocation", "erasure", "token_issue")
AUDIT_ACTION = "consent.event"

MESSAGES = define({
    "event.unknown_kind": "unknown event kind {kind}",
    "event.no_consent": "no consent with id {consent}",
})

COLUMNS = "hash, id, consent_id, kind, token_id, at, actor, seen, body, kid, signature"


@dataclass(frozen=True)
class SignedEvent:
    """One stored event; ``problem`` is empty when its signature and stored columns check out."""

    hash: str
    id: str
    consent_id: str
    kind: str
    token_id: str | None
    at: str
    actor: str
    seen: tuple[str, ...]
    body: dict
    kid: str
    signature: str
    problem: str = ""
    seq: int = 0  # 1-based position in the consent's causal event order
    text: str = ""  # the signed bytes exactly as stored (RFC 8785 of ``body``)

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def staff(self) -> str:
        return self.actor

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.body.get("categories") or ())

    @property
    def proof(self) -> dict:
        return {"type": rec.PROOF_TYPE, "kid": self.kid, "hash": self.hash, "signatureValue": self.signature}

    def document(self) -> dict:
        """The event as it can be shown to anyone holding the studio's public keys."""
        return {"event": self.body, "proof": self.proof}


def token_fields(token_id: str, operations: list[str], bindings: list[str], status_list: str,
                 status_index: int, sha256: str, kid: str, valid_from: str, valid_until: str) -> dict:
    """The fields of a ``token_issue`` event (what the token row must keep saying)."""
    return {"tokenId": token_id, "operations": list(operations), "bindings": list(bindings),
            "statusList": status_list, "statusIndex": int(status_index), "sha256": sha256, "kid": kid,
            "validFrom": valid_from, "validUntil": valid_until}


def heads(conn, consent_id: str) -> list[str]:
    """Hashes of the consent's events that no other event has seen yet (sorted)."""
    hashes, seen = set(), set()
    rows = conn.execute("SELECT hash, seen FROM events WHERE consent_id = ?", (consent_id,))
    for digest, seen_json in rows:
        hashes.add(digest)
        seen.update(json.loads(seen_json))
    return sorted(hashes - seen)


def append(tx, consent_id: str, kind: str, fields: Mapping[str, Any], *, actor: str,
           record_hash: str | None = None, demo: bool | None = None, token_id: str | None = None,
           key: signing.SigningKey | None = None) -> SignedEvent:
    """Sign and store one event of ``consent_id`` (in the caller's transaction; audited)."""
    if kind not in KINDS:
        raise InputError(code="event.unknown_kind", kind=kind)
    if record_hash is None or demo is None:
        row = tx.execute("SELECT record_hash, demo FROM consents WHERE id = ?", (consent_id,)).fetchone()
        if row is None:
            raise InputError(code="event.no_consent", consent=consent_id)
        record_hash, demo = row[0], bool(row[1])
    key = key or signing.active_key(tx)
    event_id = str(uuid.uuid4())
    at = clock.iso()
    seen = heads(tx, consent_id)
    body = {"schema": EVENT_SCHEMA, "eventId": f"urn:uuid:{event_id}", "recordId": f"urn:uuid:{consent_id}",
            "record": record_hash, "seen": seen, "type": kind, "time": at, "actor": actor, "demo": bool(demo),
            **fields}
    data = canonical_json(body)
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    signature = rec.b64url(key.sign(data))
    tx.execute(f"INSERT INTO events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
               (digest, event_id, consent_id, kind, token_id, at, actor, json.dumps(seen), data.decode(),
                key.kid, signature))
    audit.append(tx, actor, AUDIT_ACTION, f"consent:{consent_id}",
                 {"event": digest, "type": kind, "id": event_id, "token": token_id})
    return SignedEvent(digest, event_id, consent_id, kind, token_id, at, actor, tuple(seen), body, key.kid,
                       signature, text=data.decode())


def _signature_bytes(signature: str) -> bytes:
    return base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))


def _verified(raw: Mapping[str, bytes], row: tuple, verify) -> bool:
    public = raw.get(row[9])
    try:
        return public is not None and verify(public, _signature_bytes(row[10]), row[8].encode())
    except ValueError:  # not base64
        return False


class SignatureCheck:
    """The Ed25519 check of many rows of ``events`` (``COLUMNS``), for :func:`check_row` (``verified=``):
    does each row's signature verify over its stored body with its key? One verification per row, through
    libsodium (the standalone verifier's backend: the same answers as ``cryptography`` at half the cost
    here); a key this studio does not have or a malformed signature is a no.

    With more than one CPU available (and enough rows) a worker thread starts at once: libsodium lets go of
    the GIL while it verifies, and so does SQLite while it reads, so the caller's queries run meanwhile on
    the other core; :meth:`result` then verifies what is left on both threads at once. (A worker gets the
    GIL back at once from a thread in SQLite, in libsodium or in I/O, but only every switch interval from
    one running Python code: read what you need while it verifies, and call :meth:`result` before the
    Python work.) The worker verifies only when a core is idle *now* (:class:`consent_app.spare_core.
    IdleMeter`: the idle time of the CPUs this process may use, measured from ``idle``'s creation, or over
    50 ms from here): on a busy machine every hand-over of the GIL waits for the other thread to be
    scheduled, and interleaved exports of 10,000 consents at load 5-10 on 2 cores took 3.88x a plain dump
    with the worker against 3.43x without (median of 10 rounds), so then it stops at once and everything
    is verified in :meth:`result`. Whoever verifies a row, every row is verified before :meth:`result`
    answers. :meth:`result` gives the answers by event hash (the same dict when called again);
    :meth:`close` stops the worker early; ``parallel`` says whether the worker verified any."""

    _CHUNK = 128
    _MIN_BACKGROUND = 4 * _CHUNK  # fewer rows: verified in result(), a thread would not pay

    def __init__(self, rows: list[tuple], keys: Mapping[str, Any], *, background: bool | None = None,
                 idle: IdleMeter | None = None) -> None:
        """``background``: True starts the worker whatever the load, False never; None (the default) starts
        it when there are enough rows and more than one CPU, and it verifies only if ``idle`` (a meter
        started before the caller's work, else one started here) finds a core idle."""
        import threading

        self._rows = rows
        self._raw = {kid: public.public_bytes_raw() for kid, public in keys.items()}
        self._ok = [False] * len(rows)
        self._starts = iter(range(0, len(rows), self._CHUNK))
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pool = self._worker = None
        self._answers: dict[str, bool] | None = None
        self._meter: IdleMeter | None = None
        self.parallel = False
        if background is None and len(rows) > self._MIN_BACKGROUND:
            self._meter = idle or IdleMeter()
            background = self._meter.cpus > 1
        if background:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(1, thread_name_prefix="event-signatures")
            self._worker = self._pool.submit(self._background)

    def _background(self) -> None:
        if self._meter is not None and not self._meter.spare(self._stop):
            return  # no idle core: result() verifies every row on the caller's thread
        self._work(worker=True)

    def _work(self, worker: bool = False) -> None:
        from consent_app.verify.jose import ed25519_verify

        rows, ok, raw = self._rows, self._ok, self._raw
        while True:
            with self._lock:
                start = next(self._starts, None)
            if start is None:
                return
            if worker:
                self.parallel = True
            for i in range(start, min(start + self._CHUNK, len(rows))):
                ok[i] = _verified(raw, rows[i], ed25519_verify)

    def result(self) -> dict[str, bool]:
        """Event hash -> does its signature verify (every row given)."""
        if self._answers is not None:
            return self._answers
        try:
            self._work()  # every chunk is taken now: a worker still measuring need not wait
            self._stop.set()
            if self._worker is not None:
                self._worker.result()  # its last chunk; re-raises what went wrong there
        finally:
            self.close()
        self._answers = {row[0]: ok for row, ok in zip(self._rows, self._ok, strict=True)}
        return self._answers

    def close(self) -> None:
        self._stop.set()  # a worker still measuring the idle time stops waiting
        with self._lock:
            self._starts = iter(())
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def check_row(row: tuple, keys: Mapping[str, Any], verified: bool | None = None) -> SignedEvent:
    """One stored event, checked: its hash, its key, its signature (``verified``: the answer of a
    :class:`SignatureCheck` for this row, when the caller checked many at once) and its columns."""
    digest, event_id, consent_id, kind, token_id, at, actor, seen_json, text, kid, signature = row
    data = text.encode()
    problem = ""
    body: dict = {}
    public = keys.get(kid)
    if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
        problem = "its content does not match its hash (it was altered)"
    elif public is None:
        problem = f"signed with key {kid!r}, which is not one of this studio's keys"
    else:
        try:
            if verified is None:
                public.verify(_signature_bytes(signature), data)
            elif not verified:
                raise InvalidSignature
            body = json.loads(text)
        except (InvalidSignature, ValueError):
            problem = "the Ed25519 signature does not verify"
    seen = tuple(json.loads(seen_json)) if seen_json and seen_json != "[]" else ()  # most saw no event
    if not problem:
        problem = _columns_problem(body, event_id, consent_id, kind, token_id, at, actor, seen)
    return SignedEvent(digest, event_id, consent_id, kind, token_id, at, actor, seen, body, kid, signature,
                       problem, text=text)


def _columns_problem(body: dict, event_id: str, consent_id: str, kind: str, token_id: str | None, at: str,
                     actor: str, seen: tuple[str, ...]) -> str:
    """The stored columns (used for lookups) must say what the signed body says."""
    if body.get("schema") == LEGACY_SCHEMA:
        signed = (body.get("eventId"), body.get("recordId"), body.get("type"), None, body.get("time"),
                  body.get("staff"))
    else:
        signed = (body.get("eventId"), body.get("recordId"), body.get("type"), body.get("tokenId")
                  if kind == "token_issue" else None, body.get("time"), body.get("actor"))
        if tuple(body.get("seen") or ()) != seen:
            return "its stored columns differ from its signed body"
    stored = (f"urn:uuid:{event_id}", f"urn:uuid:{consent_id}", kind, token_id, at, actor)
    return "" if signed == stored else "its stored columns differ from its signed body"


def load(conn, consent_id: str, keys: Mapping[str, Any] | None = None) -> list[SignedEvent]:
    """The consent's events, each checked (signature included), in causal order (an event after every
    event it saw; otherwise by time, then hash), ``seq`` set to the position in that order."""
    keys = signing.public_key_map(conn) if keys is None else keys
    rows = conn.execute(f"SELECT {COLUMNS} FROM events WHERE consent_id = ?",  # noqa: S608 - constant
                        (consent_id,)).fetchall()
    return numbered(causal_order([check_row(row, keys) for row in rows]))


def causal_order(items: list[SignedEvent]) -> list[SignedEvent]:
    """Topological order of the event graph (Kahn), ties broken by (time, hash): deterministic for a set."""
    import heapq

    if len(items) < 2:  # most consents have one event: nothing to order
        return list(items)

    by_hash = {e.hash: e for e in items}
    waiting = {e.hash: sum(1 for h in set(e.seen) if h in by_hash) for e in items}
    followers: dict[str, list[str]] = {}
    for e in items:
        for h in set(e.seen):
            if h in by_hash:
                followers.setdefault(h, []).append(e.hash)
    ready = [(e.at, e.hash) for e in items if waiting[e.hash] == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        _, digest = heapq.heappop(ready)
        out.append(by_hash[digest])
        for f in followers.get(digest, ()):
            waiting[f] -= 1
            if waiting[f] == 0:
                heapq.heappush(ready, (by_hash[f].at, f))
    if len(out) < len(items):  # a cycle can only come from forged hashes: keep them, last
        done = {e.hash for e in out}
        out += sorted((e for e in items if e.hash not in done), key=lambda e: (e.at, e.hash))
    return out


def numbered(fresh: list[SignedEvent]) -> list[SignedEvent]:
    """``seq`` set to each event's 1-based position, in place: only for events just built by
    :func:`check_row` and not yet handed out (a copy per event cost a third of a 10,000-consent export)."""
    for i, e in enumerate(fresh, 1):
        object.__setattr__(e, "seq", i)
    return fresh


def with_seq(event: SignedEvent, seq: int) -> SignedEvent:
    from dataclasses import replace

    return replace(event, seq=seq)


def audited_hashes(conn, consent_id: str) -> set[str]:
    """Event hashes the audit trail says were written for this consent."""
    out = set()
    # the literal action lets SQLite use the partial index audit_event_target
    for (details,) in conn.execute("SELECT details FROM audit WHERE target = ? AND action = 'consent.event'",
                                   (f"consent:{consent_id}",)):
        digest = json.loads(details).get("event")
        if isinstance(digest, str):
            out.add(digest)
    return out
