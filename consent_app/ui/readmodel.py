"""Read-only views of the store for display (lists and detail pages). No rules live here.

Tables that a core feature adds in a later schema version may be absent on an older store: the
queries then show nothing for them rather than failing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

CONSENT_STATES = ("active", "partially_withdrawn", "withdrawn")


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() \
        is not None


@dataclass(frozen=True)
class SubjectRow:
    id: str
    name: str
    created_at: str
    state: str  # one of CONSENT_STATES, or "none"
    categories: tuple[str, ...]
    consents: int
    sessions: int
    erased: bool


def subjects(conn, text: str = "", state: str = "") -> list[SubjectRow]:
    """Subjects matching ``text`` (in name or id) and, if given, a consent ``state`` ("none" too)."""
    has_consents = _has_table(conn, "consents")
    rows = conn.execute(
        "SELECT id, display_name, created_at, biometrics_erased_at, "
        "(SELECT count(*) FROM capture_sessions s WHERE s.subject_id = subjects.id) "
        "FROM subjects ORDER BY created_at DESC").fetchall()
    consents: dict[str, list[tuple[str, str, str]]] = {}
    if has_consents:
        for subject_id, c_state, cats, withdrawn in conn.execute(
                "SELECT subject_id, state, categories, withdrawn_categories FROM consents "
                "ORDER BY created_at DESC"):
            consents.setdefault(subject_id, []).append((c_state, cats, withdrawn))
    needle = text.strip().lower()
    out = []
    for sid, name, created, erased, n_sessions in rows:
        if needle and needle not in (name or "").lower() and needle not in sid.lower():
            continue
        mine = consents.get(sid, [])
        states = [c[0] for c in mine]
        summary = ("active" if "active" in states
                   else "partially_withdrawn" if "partially_withdrawn" in states
                   else "withdrawn" if states else "none")
        cats: list[str] = []
        for c_state, c_cats, c_withdrawn in mine:
            if c_state != "withdrawn":
                left = [c for c in json.loads(c_cats) if c not in json.loads(c_withdrawn)]
                cats += [c for c in left if c not in cats]
        if state and state != summary:
            continue
        out.append(SubjectRow(sid, name or "", created or "", summary, tuple(cats), len(mine), n_sessions,
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
    consents: list[dict] = field(default_factory=list)
    tokens: list[tuple] = field(default_factory=list)
    withdrawals: list[tuple] = field(default_factory=list)


def _scores(body: dict) -> str:
    """The figures of an evidence body worth showing in a table (scores, thresholds, outcomes)."""
    parts = []
    keys = ("match", "passed", "distance", "threshold", "similarity", "score", "word_score", "result",
            "model", "nonce")
    flat: dict[str, Any] = {}
    stack = [body]
    while stack:
        item = stack.pop()
        for k, v in item.items():
            if isinstance(v, dict):
                stack.append(v)
            elif k in keys and k not in flat and not isinstance(v, list):
                flat[k] = v
    for k in keys:
        if k in flat:
            v = flat[k]
            parts.append(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}")
    return ", ".join(parts)


def subject_detail(conn, subject_id: str) -> SubjectDetail:
    row = conn.execute("SELECT id, display_name, created_at, created_by, biometrics_erased_at FROM subjects "
                       "WHERE id = ?", (subject_id,)).fetchone()
    if row is None:
        from consent_app.errors import InputError

        raise InputError(f"no subject with id {subject_id}")
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
        detail.verifications.append((kind, _scores(parsed) if isinstance(parsed, dict) else "", created))
    if _has_table(conn, "consents"):
        for cid, state, cats, withdrawn, vf, vu, lang, created, by in conn.execute(
                "SELECT id, state, categories, withdrawn_categories, valid_from, valid_until, language, "
                "created_at, created_by FROM consents WHERE subject_id = ? ORDER BY created_at DESC",
                (subject_id,)):
            detail.consents.append({"id": cid, "state": state, "categories": json.loads(cats),
                                    "withdrawn": json.loads(withdrawn), "valid_from": vf, "valid_until": vu,
                                    "language": lang, "created_at": created, "created_by": by})
        if _has_table(conn, "consent_events"):
            detail.withdrawals = conn.execute(
                "SELECT e.consent_id, e.categories, e.at, e.staff, e.body FROM consent_events e "
                "JOIN consents c ON c.id = e.consent_id WHERE c.subject_id = ? ORDER BY e.at",
                (subject_id,)).fetchall()
        if _has_table(conn, "tokens"):
            detail.tokens = conn.execute(
                "SELECT t.id, t.consent_id, t.operations, t.valid_until, t.issued_by, t.issued_at "
                "FROM tokens t JOIN consents c ON c.id = t.consent_id WHERE c.subject_id = ? "
                "ORDER BY t.issued_at DESC", (subject_id,)).fetchall()
    return detail


def revoked_tokens(conn, token_ids: list[str]) -> set[str]:
    """Token ids whose revocation bit is set (per the tokens core's status lists)."""
    if not token_ids or not _has_table(conn, "tokens"):
        return set()
    cols = {r[1] for r in conn.execute("PRAGMA table_info(tokens)")}
    if "revoked_at" in cols:
        marks = ",".join("?" * len(token_ids))
        return {r[0] for r in conn.execute(
            f"SELECT id FROM tokens WHERE revoked_at IS NOT NULL AND id IN ({marks})",  # noqa: S608
            token_ids)}
    return set()
