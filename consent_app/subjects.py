"""Subjects as staff see them: a searchable list with each subject's consent state, and a detail view.

Read-only. Consent states come from the consent core's verified records (``effective_state``), so
an expired consent shows as expired and a record that no longer verifies shows as unverified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from consent_app.errors import InputError
from consent_app.messages import Message, define, template

# What the staff see of each evidence record: its kind and its figures, as coded messages.
MESSAGES = define({
    "subject.unknown": "no subject with id {subject}",
    "evidence.face.id_document": "ID document portrait",
    "evidence.face.verification": "live face vs ID document",
    "evidence.face.duplicate_check": "search among enrolled faces",
    "evidence.face.liveness": "liveness challenge",
    "evidence.guardian.verification": "guardian vs the guardian's ID",
    "evidence.session.identity_override": "administrator's override of the identity check",
    "evidence.session.document_override": "administrator's override of the ID document check",
    "evidence.voice.enrolment": "voice sample",
    "evidence.voice.statement": "spoken statement",
    "evidence.identity.document": "ID document data",
    "evidence.signature.subject": "subject's signature",
    "evidence.signature.staff": "staff countersignature",
    "evidence.figure.match_yes": "match",
    "evidence.figure.match_no": "no match",
    "evidence.figure.passed_yes": "passed",
    "evidence.figure.passed_no": "not passed",
    "evidence.figure.distance": "distance {value}",
    "evidence.figure.threshold": "threshold {value}",
    "evidence.figure.similarity": "similarity {value}",
    "evidence.figure.score": "score {value}",
    "evidence.figure.word_score": "word score {value}",
    "evidence.figure.result": "result {value}",
    "evidence.figure.model": "model {value}",
    "evidence.figure.nonce": "nonce {value}",
})

# Most relevant first: the subject's summary state is the first of these any consent has.
CONSENT_STATES = ("unverified", "active", "partially_withdrawn", "not_yet_valid", "expired", "erased",
                  "withdrawn")
LIVE_STATES = ("active", "partially_withdrawn")


@dataclass(frozen=True)
class SubjectRow:
    id: str
    name: str
    created_at: str
    state: str  # one of CONSENT_STATES, or "none"
    categories: tuple[str, ...]  # categories agreed and still in force
    consents: int
    sessions: int
    erased: bool


def _consent_states(conn, subject_id: str | None = None) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    from consent_app.consent import records

    by_subject: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for consent in records.list_consents(conn, subject_id):
        state = "unverified" if consent.problems else records.effective_state(consent)
        by_subject.setdefault(consent.subject_id, []).append((state, consent.remaining_categories))
    return by_subject


def summary_state(states: list[str]) -> str:
    for state in CONSENT_STATES:
        if state in states:
            return state
    return "none"


def subjects(conn, text: str = "", state: str = "") -> list[SubjectRow]:
    """Subjects whose name or id contains ``text``, optionally only those in summary ``state``."""
    consents = _consent_states(conn)
    needle = text.strip().lower()
    out = []
    for sid, name, created, erased, n_sessions in conn.execute(
            "SELECT id, display_name, created_at, biometrics_erased_at, "
            "(SELECT count(*) FROM capture_sessions s WHERE s.subject_id = subjects.id) "
            "FROM subjects ORDER BY created_at DESC"):
        if needle and needle not in (name or "").lower() and needle not in sid.lower():
            continue
        mine = consents.get(sid, [])
        summary = summary_state([s for s, _ in mine])
        if state and state != summary:
            continue
        live: list[str] = []
        for s, cats in mine:
            if s in LIVE_STATES:
                live += [c for c in cats if c not in live]
        out.append(SubjectRow(sid, name or "", created or "", summary, tuple(live), len(mine), n_sessions,
                              bool(erased)))
    return out


@dataclass
class SubjectDetail:
    id: str
    name: str
    created_at: str
    created_by: str
    erased_at: str | None
    sessions: list[tuple] = field(default_factory=list)
    verifications: list[tuple] = field(default_factory=list)
    # the same rows for people: (kind, figures) as coded messages, and the time
    verification_rows: list[tuple[Message | str, list[Message], str]] = field(default_factory=list)
    consents: list[dict] = field(default_factory=list)
    tokens: list[tuple] = field(default_factory=list)
    withdrawals: list[tuple] = field(default_factory=list)
    uses: list[dict] = field(default_factory=list)  # outputs marked under the subject's consents


_SCORE_KEYS = ("match", "passed", "distance", "threshold", "similarity", "score", "word_score", "result",
               "model", "nonce")


def evidence_kind_message(kind: str) -> Message | str:
    """An evidence kind's name as a coded message (the kind itself when it has none)."""
    code = f"evidence.{kind}"
    return Message(code) if template(code) is not None else kind


def evidence_figure_messages(body: dict) -> list[Message]:
    """:func:`evidence_figures` as coded messages (booleans as words, numbers to three decimals)."""
    out = []
    for key, value in _figures(body).items():
        if isinstance(value, bool) and key in ("match", "passed"):
            out.append(Message(f"evidence.figure.{key}_{'yes' if value else 'no'}"))
        else:
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            out.append(Message(f"evidence.figure.{key}", {"value": shown}))
    return out


def evidence_figures(body: dict) -> str:
    """The figures of an evidence body worth showing (scores, thresholds, outcomes)."""
    flat = _figures(body)
    return ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in flat.items())


def _figures(body: dict) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    stack = [body]
    while stack:
        item = stack.pop()
        for k, v in item.items():
            if isinstance(v, dict):
                stack.append(v)
            elif k in _SCORE_KEYS and k not in flat and not isinstance(v, list):
                flat[k] = v
    return {k: flat[k] for k in _SCORE_KEYS if k in flat}


def subject_detail(conn, subject_id: str) -> SubjectDetail:
    from consent_app.consent import records

    row = conn.execute("SELECT id, display_name, created_at, created_by, biometrics_erased_at FROM subjects "
                       "WHERE id = ?", (subject_id,)).fetchone()
    if row is None:
        raise InputError(code="subject.unknown", subject=subject_id)
    detail = SubjectDetail(*row)
    detail.sessions = conn.execute(
        "SELECT id, state, operator, started_at, ended_at FROM capture_sessions WHERE subject_id = ? "
        "ORDER BY started_at DESC", (subject_id,)).fetchall()
    for kind, body, created in conn.execute(
            "SELECT kind, body, created_at FROM evidence WHERE subject_id = ? ORDER BY created_at",
            (subject_id,)):
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = {}
        detail.verifications.append((kind, evidence_figures(parsed) if isinstance(parsed, dict) else "",
                                     created))
        detail.verification_rows.append((evidence_kind_message(kind), evidence_figure_messages(parsed)
                                         if isinstance(parsed, dict) else [], created))
    consents = records.list_consents(conn, subject_id)
    for consent in reversed(consents):
        state = "unverified" if consent.problems else records.effective_state(consent)
        detail.consents.append({
            "id": consent.id, "state": state, "categories": list(consent.categories),
            "withdrawn": list(consent.withdrawn_categories), "valid_from": consent.valid_from,
            "valid_until": consent.valid_until, "language": consent.language,
            "created_at": consent.created_at, "created_by": consent.created_by,
            "problems": list(consent.problems)})
    detail.withdrawals = sorted(
        ((c.id, json.dumps(list(e.categories)), e.at, e.staff, json.dumps(e.body))
         for c in consents for e in c.events if e.kind == "withdrawal" and e.ok), key=lambda w: w[2])
    detail.tokens = conn.execute(
        "SELECT t.id, t.consent_id, t.operations, t.valid_until, t.issued_by, t.issued_at "
        "FROM tokens t JOIN consents c ON c.id = t.consent_id WHERE c.subject_id = ? "
        "ORDER BY t.issued_at DESC", (subject_id,)).fetchall()
    from consent_app.provenance.ledger import uses_for_subject

    detail.uses = [u.as_dict() for u in uses_for_subject(conn, subject_id)]
    return detail


def revoked_tokens(conn, token_ids: list[str]) -> set[str]:
    """The ids among ``token_ids`` that are revoked — by their consents' signed events — or that cannot be
    shown to be live (their consent fails verification)."""
    from consent_app.tokens.listing import token_states

    if not token_ids:
        return set()
    wanted = set(token_ids)
    marks = ",".join("?" * len(wanted))
    consents = [r[0] for r in conn.execute(
        f"SELECT DISTINCT consent_id FROM tokens WHERE id IN ({marks})", list(wanted))]  # noqa: S608
    out = set()
    for consent_id in consents:
        for t in token_states(conn, consent_id):
            tid = t["tokenId"].removeprefix("urn:uuid:")
            if tid in wanted and t["state"] != "issued":
                out.add(tid)
    return out
