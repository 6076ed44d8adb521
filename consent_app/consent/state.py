"""The one computation of what a consent and its tokens *are*, from the signed record and signed events.

State is a monotonic function of the set of verified events: withdrawals, revocations and erasures only
take rights away, so any two genuine events (two stations at once included) merge by union:

* withdrawn categories = the union of every withdrawal's categories; all of them withdrawn = ``withdrawn``
  (at the time of the event that withdrew the last one);
* ``erased`` once an erasure event removed the subject's biometric data;
* a token is ``issued`` when a verified ``token_issue`` event names it and its stored row says the same, and
  ``revoked`` when a revocation event names it, a withdrawal covers one of its operations, or an erasure
  removed a modality it is bound to (face template, voice embedding) — whichever came first is the reason.

Anything that does not verify is a *problem*: a bad signature, an event that names another record, an event
whose ``seen`` names a hash that is not stored (a deleted event), a hash the audit trail names that is not
stored, a token row without its signed issue event or differing from it. Callers refuse a consent with
problems (and status lists publish its tokens as revoked: fail closed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from consent_app import clock
from consent_app.consent import events as ev

BIOMETRIC_BINDINGS = ("face", "voice")


@dataclass(frozen=True)
class TokenRow:
    """A row of the ``tokens`` table (what the store says; checked against the issue event)."""

    id: str
    consent_id: str
    kid: str
    issued_at: str
    issued_by: str
    valid_from: str
    valid_until: str
    operations: tuple[str, ...]
    bindings: tuple[str, ...]
    status_list: str
    status_index: int
    sha256: str
    revoked_at: str | None = None  # written only before signed events (v0004); checked, never trusted


@dataclass(frozen=True)
class TokenState:
    id: str
    consent_id: str
    operations: tuple[str, ...]
    bindings: tuple[str, ...]
    status_list: str
    status_index: int
    issued_at: str
    issued_by: str
    valid_until: str
    state: str  # issued | revoked | unverified
    revoked_at: str | None = None
    revoked_by: str | None = None
    revoked_reason: str | None = None
    cause: str | None = None  # revocation | withdrawal | erasure
    event: str | None = None  # hash of the event that revoked it
    kid: str = ""

    @property
    def revoked(self) -> bool:
        """Revoked, or not provably issued: either way a verifier must refuse it."""
        return self.state != "issued"


@dataclass(frozen=True)
class ConsentState:
    consent_id: str
    categories: tuple[str, ...]
    withdrawn: tuple[str, ...]
    withdrawn_at: str | None
    erased_at: str | None
    events: tuple[ev.SignedEvent, ...]
    tokens: tuple[TokenState, ...]
    problems: tuple[str, ...] = field(default=())

    @property
    def remaining(self) -> tuple[str, ...]:
        return tuple(c for c in self.categories if c not in self.withdrawn)

    @property
    def state(self) -> str:
        """active / partially_withdrawn / withdrawn / erased, from the events alone (no clock)."""
        if not self.remaining:
            return "withdrawn"
        if self.erased_at is not None:
            return "erased"
        return "partially_withdrawn" if self.withdrawn else "active"

    @property
    def cache_state(self) -> str:
        """What the ``consents.state`` column must say (it knows only withdrawals)."""
        if not self.remaining:
            return "withdrawn"
        return "partially_withdrawn" if self.withdrawn else "active"

    def effective(self, valid_from: str, valid_until: str, at: datetime | None = None) -> str:
        """With the clock: withdrawn, erased, expired, not_yet_valid, partially_withdrawn, active."""
        base = self.state
        if base in ("withdrawn", "erased"):
            return base
        now = at or clock.now()
        if now >= clock.parse_iso(valid_until):
            return "expired"
        if now < clock.parse_iso(valid_from):
            return "not_yet_valid"
        return base

    def token(self, token_id: str) -> TokenState | None:
        return next((t for t in self.tokens if t.id == token_id), None)

    def withdrawals(self) -> list[ev.SignedEvent]:
        return [e for e in self.events if e.kind == "withdrawal"]


def compute(consent_id: str, record_hash: str, categories: Iterable[str], events: list[ev.SignedEvent],
            tokens: list[TokenRow], audited: set[str]) -> ConsentState:
    """The state of one consent from its verified events (pure; see the module docstring)."""
    categories = tuple(categories)
    problems: list[str] = []
    good: list[ev.SignedEvent] = []
    stored = {e.hash for e in events}
    for e in events:
        if not e.ok:
            problems.append(f"event {e.hash[:23]}: {e.problem}")
            continue
        wrong = _linkage_problem(e, consent_id, record_hash, stored)
        if wrong:
            problems.append(f"event {e.hash[:23]}: {wrong}")
            continue
        good.append(e)
    for missing in sorted(audited - stored):
        problems.append(f"the audit trail names event {missing[:23]}, which is not stored (deleted?)")

    withdrawn: set[str] = set()
    withdrawn_at = erased_at = None
    erased: dict[str, ev.SignedEvent] = {}
    withdrawal_of: dict[str, ev.SignedEvent] = {}
    revocations: dict[str, ev.SignedEvent] = {}
    issues: dict[str, ev.SignedEvent] = {}
    for e in good:  # in (time, hash) order: the first cause is the reason
        body = e.body
        if e.kind == "withdrawal":
            cats = [c for c in body.get("categories") or () if isinstance(c, str)]
            unknown = [c for c in cats if c not in categories]
            if unknown:
                problems.append(f"event {e.hash[:23]} withdraws {', '.join(unknown)}, which the record "
                                "does not cover")
            for c in cats:
                withdrawal_of.setdefault(c, e)
            withdrawn.update(cats)
            if withdrawn_at is None and all(c in withdrawn for c in categories):
                withdrawn_at = e.at
        elif e.kind == "erasure":
            erased_at = erased_at or e.at
            for m in body.get("modalities") or ():
                erased.setdefault(m, e)
        elif e.kind == "revocation":
            for tid in body.get("tokens") or ():
                revocations.setdefault(tid, e)
        elif e.kind == "token_issue":
            if e.token_id in issues:
                problems.append(f"token {e.token_id} has two issue events")
            issues[e.token_id] = e

    states = []
    rows = {t.id: t for t in tokens}
    for tid in sorted(set(issues) - set(rows)):
        problems.append(f"token {tid} has a signed issue event but no stored row (deleted?)")
    for row in tokens:
        issue = issues.get(row.id)
        wrong = _token_problem(row, issue, categories)
        if wrong:
            problems.append(f"token {row.id}: {wrong}")
        state = _token_state(row, issue, wrong, revocations, withdrawal_of, erased)
        if row.revoked_at is not None and state.state == "issued":
            problems.append(f"token {row.id}: stored state disagrees with its signed events "
                            "(a revocation date without a revocation event)")
        states.append(state)
    ordered = tuple(c for c in categories if c in withdrawn)
    return ConsentState(consent_id, categories, ordered, withdrawn_at, erased_at, tuple(events),
                        tuple(states), tuple(problems))


def _linkage_problem(e: ev.SignedEvent, consent_id: str, record_hash: str, stored: set[str]) -> str:
    body = e.body
    if body.get("recordId") != f"urn:uuid:{consent_id}":
        return "it belongs to another consent record"
    if body.get("schema") == ev.LEGACY_SCHEMA:
        previous = body.get("previous")
        expected: tuple[str, ...] = () if previous == record_hash else (previous,)
        if e.seen != expected:
            return "its stored columns differ from its signed body"
    elif body.get("schema") != ev.EVENT_SCHEMA:
        return f"unknown event schema {body.get('schema')!r}"
    elif body.get("record") != record_hash:
        return "it names another version of the consent record"
    missing = [h for h in e.seen if h not in stored]
    if missing:
        return f"it follows event {missing[0][:23]}, which is not stored (deleted?)"
    return ""


def _token_problem(row: TokenRow, issue: ev.SignedEvent | None, categories: tuple[str, ...]) -> str:
    if issue is None:
        return "no signed issue event"
    b = issue.body
    signed = (tuple(b.get("operations") or ()), tuple(b.get("bindings") or ()), b.get("statusList"),
              b.get("statusIndex"), b.get("sha256"), b.get("kid"), b.get("validFrom"), b.get("validUntil"))
    stored = (row.operations, row.bindings, row.status_list, row.status_index, row.sha256, row.kid,
              row.valid_from, row.valid_until)
    if signed != stored:
        return "its stored row differs from its signed issue event"
    beyond = [op for op in row.operations if op not in categories]
    if beyond:
        return f"issued for {', '.join(beyond)}, which the record does not cover"
    return ""


def _token_state(row: TokenRow, issue: ev.SignedEvent | None, wrong: str,
                 revocations: dict[str, ev.SignedEvent], withdrawal_of: dict[str, ev.SignedEvent],
                 erased: dict[str, ev.SignedEvent]) -> TokenState:
    if wrong:
        return _made(row, "unverified", None, None, wrong)
    causes = []
    if row.id in revocations:
        e = revocations[row.id]
        causes.append((e, e.body.get("cause") or "revocation", e.body.get("reason") or "revoked"))
    for op in row.operations:
        if op in withdrawal_of:
            e = withdrawal_of[op]
            causes.append((e, "withdrawal", f"consent withdrawn: {e.body.get('reason', '')}".strip()))
    for kind in row.bindings:
        if kind in erased:
            e = erased[kind]
            causes.append((e, "erasure", f"{kind} data erased: {e.body.get('reason', '')}".strip()))
    if not causes:
        return _made(row, "issued")
    e, cause, reason = min(causes, key=lambda c: (c[0].at, c[0].hash))
    return _made(row, "revoked", e.at, e.actor, reason, cause, e.hash)


def _made(row: TokenRow, state: str, revoked_at: str | None = None, revoked_by: str | None = None,
          reason: str | None = None, cause: str | None = None, event: str | None = None) -> TokenState:
    """The token's state with its row's fields, given by position (a dict of keyword arguments into the
    16-field frozen dataclass cost an eighth of :func:`compute` in an export of 10,000 consents)."""
    return TokenState(row.id, row.consent_id, row.operations, row.bindings, row.status_list, row.status_index,
                      row.issued_at, row.issued_by, row.valid_until, state, revoked_at, revoked_by, reason,
                      cause, event, row.kid)


_ROW_COLS = ("id, consent_id, kid, issued_at, issued_by, valid_from, valid_until, operations, "
                  "bindings, status_list, status_index, sha256, revoked_at")


def token_rows(conn, consent_id: str) -> list[TokenRow]:

    rows = conn.execute(f"SELECT {_ROW_COLS} FROM tokens WHERE consent_id = ? "  # noqa: S608
                        "ORDER BY issued_at, rowid", (consent_id,)).fetchall()
    names = NameLists()
    return [TokenRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], names[r[7]], names[r[8]], r[9], int(r[10]),
                     r[11], r[12]) for r in rows]


class NameLists(dict):
    """JSON lists of names (operations, bindings) parsed once per distinct text: thousands of token rows
    share a handful of them."""

    def __missing__(self, text: str) -> tuple[str, ...]:
        import json

        value = self[text] = tuple(json.loads(text))
        return value


def load(conn, consent_id: str, record_hash: str, categories: Iterable[str], keys=None) -> ConsentState:
    """:func:`compute` over what the store holds for ``consent_id`` (events checked with ``keys``)."""
    return compute(consent_id, record_hash, categories, ev.load(conn, consent_id, keys),
                   token_rows(conn, consent_id), ev.audited_hashes(conn, consent_id))


def of_consent(conn, consent_id: str, keys=None) -> ConsentState:
    """:func:`load` for a stored consent (its events and tokens; the record itself is checked by
    :func:`consent_app.consent.records.get`)."""
    import json

    from consent_app.errors import InputError

    row = conn.execute("SELECT record_hash, record FROM consents WHERE id = ?", (consent_id,)).fetchone()
    if row is None:
        raise InputError(code="consent.unknown", consent=consent_id)
    categories = json.loads(row[1])["purposes"][0]["processing"]
    return load(conn, consent_id, row[0], categories, keys)


def all_token_rows(conn) -> dict[str, list[TokenRow]]:
    """Every token row, by consent id (one query)."""
    names = NameLists()
    out: dict[str, list[TokenRow]] = {}
    rows = conn.execute(f"SELECT {_ROW_COLS}, rowid FROM tokens").fetchall()  # noqa: S608
    rows.sort(key=lambda r: (r[3], r[13]))  # issued_at, rowid (here: SQLite's sort copied whole rows)
    for r in rows:
        out.setdefault(r[1], []).append(TokenRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], names[r[7]],
                                                 names[r[8]], r[9], int(r[10]), r[11], r[12]))
    return out


def audited_events(conn) -> dict[str, set[str]]:
    """Consent id -> the event hashes the audit trail says were written for it (one query)."""
    import json

    audited: dict[str, set[str]] = {}
    for target, details in conn.execute("SELECT target, details FROM audit WHERE action = 'consent.event'"):
        digest = json.loads(details).get("event")  # json.loads: a fifth of json_extract's time here
        if isinstance(digest, str):
            audited.setdefault(target.removeprefix("consent:"), set()).add(digest)
    return audited


def load_many(conn, consents: dict[str, tuple[str, Iterable[str]]], keys=None, *,
              tokens: dict[str, list[TokenRow]] | None = None, events: list[tuple] | None = None,
              checks: ev.SignatureCheck | None = None,
              audited: dict[str, set[str]] | None = None) -> dict[str, ConsentState]:
    """:func:`load` for many consents (``{id: (record hash, categories)}``) in three queries, not three
    per consent: for exports and lists of thousands. ``tokens`` (:func:`all_token_rows`), ``events``
    (every row of ``events``, ``ev.COLUMNS``) and ``audited`` (:func:`audited_events`) when the caller
    already read them. Every event of those consents is verified, each signature once: by ``checks`` when
    the caller started them early (an event they do not cover is verified here), otherwise by a
    :class:`events.SignatureCheck` started here."""

    from consent_app.crypto import keys as signing

    keys = signing.public_key_map(conn) if keys is None else keys
    wanted = set(consents)
    rows: dict[str, list] = {}
    if events is None:
        events = conn.execute(f"SELECT {ev.COLUMNS} FROM events").fetchall()  # noqa: S608 - constant
    for row in events:
        if row[2] in wanted:
            rows.setdefault(row[2], []).append(row)
    if checks is None:
        checks = ev.SignatureCheck([row for cid_rows in rows.values() for row in cid_rows], keys)
    try:
        tokens = all_token_rows(conn) if tokens is None else tokens
        audited = audited_events(conn) if audited is None else audited
        verified = checks.result()
    finally:
        checks.close()
    out = {}
    for cid, (record_hash, categories) in consents.items():
        events = ev.numbered(ev.causal_order([ev.check_row(row, keys, verified.get(row[0]))
                                              for row in rows.get(cid, [])]))
        out[cid] = compute(cid, record_hash, categories, events, tokens.get(cid, []), audited.get(cid, set()))
    return out
