"""The audit trail: an append-only, hash-chained log written in the same transaction as each change.

Entry ``n`` stores ``hash_n = SHA-256(JCS({seq, ts, actor, action, target, details, prev}))`` with
``prev = hash_{n-1}`` (``GENESIS`` for the first). Verification recomputes the chain and names the
first entry that does not fit; a signed checkpoint (count + head hash) catches a cut tail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from consent_app import clock
from consent_app.canonical import canonical_json, json_hash, sha256_hex
from consent_app.messages import Message, define, template

# The names people see for audit actions (the UI words them; an action without one shows its code).
ACTION_NAMES = define({
    "audit.action.auth.lockout": "account locked after failed logins",
    "audit.action.auth.login": "signed in",
    "audit.action.auth.login_failed": "failed sign-in",
    "audit.action.auth.login_refused_locked": "sign-in refused: account locked",
    "audit.action.ca.adopt": "studio's tool certificate authority adopted",
    "audit.action.ca.create": "tool certificate authority created",
    "audit.action.ca.former": "former tool certificate authority recorded",
    "audit.action.ca.retire": "this station's own tool certificate authority retired",
    "audit.action.ca.rotate": "new generation of the studio's tool certificate authority",
    "audit.action.ca.rotate_tainted": "tool certificate authority renewed after a station's revocation",
    "audit.action.complaint.action": "complaint action taken",
    "audit.action.complaint.file": "complaint filed",
    "audit.action.complaint.link": "complaint linked",
    "audit.action.complaint.link_decision": "complaint link decided",
    "audit.action.complaint.transition": "complaint state changed",
    "audit.action.consent.create": "consent recorded",
    "audit.action.consent.event": "signed event recorded",
    "audit.action.consent.withdraw": "consent withdrawn",
    "audit.action.duty.failed": "scheduled duty failed",
    "audit.action.duty.run": "scheduled duty run",
    "audit.action.face.duplicate_check": "searched enrolled faces",
    "audit.action.face.enrol": "face enrolled",
    "audit.action.face.liveness": "liveness checked",
    "audit.action.face.sample.face": "live face photo stored",
    "audit.action.face.sample.id_document": "ID document photo stored",
    "audit.action.face.verify": "face compared",
    "audit.action.key.create": "signing key created",
    "audit.action.records.export": "records exported",
    "audit.action.session.cancel": "capture session cancelled",
    "audit.action.session.complete": "capture session completed",
    "audit.action.session.document_override": "ID document check overridden",
    "audit.action.session.identity_override": "identity check overridden",
    "audit.action.session.statement_attested": "spoken statement attested by staff",
    "audit.action.settings.change": "setting changed",
    "audit.action.staff.activate": "staff account activated or deactivated",
    "audit.action.staff.create": "staff account created",
    "audit.action.staff.deactivate": "staff account deactivated",
    "audit.action.staff.password_change": "password changed",
    "audit.action.staff.sync": "staff accounts synchronised",
    "audit.action.staff.unlock": "staff account unlocked",
    "audit.action.status.export": "status list exported",
    "audit.action.store.init": "studio created",
    "audit.action.store.passphrase_change": "passphrase changed",
    "audit.action.store.restore": "store restored from a backup",
    "audit.action.studio.approve": "station approved",
    "audit.action.studio.create": "studio database created",
    "audit.action.studio.join": "station joined the studio",
    "audit.action.studio.reconcile": "studio reconciled",
    "audit.action.studio.revoke": "station revoked",
    "audit.action.subject.create": "subject registered",
    "audit.action.subject.erase_biometrics": "biometric data erased",
    "audit.action.template.shared": "biometric template shared with the studio",
    "audit.action.token.issue": "token issued",
    "audit.action.token.revoke": "token revoked",
    "audit.action.tool.register": "generation tool registered",
    "audit.action.tool.revoke": "generation tool revoked",
    "audit.action.usage.import": "usage receipts imported",
    "audit.action.voice.enrol": "voice enrolled",
    "audit.action.voice.statement": "spoken statement checked",
})


def action_message(action: str) -> Message | None:
    """The name of an audit action as a coded message, or None when it has none."""
    code = f"audit.action.{action}"
    return Message(code) if template(code) is not None else None

GENESIS = "0" * 64

# Why the chain is broken at an entry (``ChainReport.code``; ``reason`` is the English text).
CHAIN_MESSAGES = define({
    "audit.chain.missing": "entry {missing} is missing (next is {next})",
    "audit.chain.not_json": "its details are not valid JSON",
    "audit.chain.altered": "its details were altered",
    "audit.chain.unlinked": "it does not link to the entry before it (removed, moved or inserted)",
    "audit.chain.hash": "its content does not match its hash",
})


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(seq: int, ts: str, actor: str, action: str, target: str, details: Any, prev: str) -> str:
    return json_hash(
        {"seq": seq, "ts": ts, "actor": actor, "action": action, "target": target,
         "details": details, "prev": prev}
    )


#: Audit actions (and signed event types) that take rights away: once such a transaction commits, the
#: store publishes a fresh status list at once (``Store.revocation_hook``).
REVOKING_ACTIONS = frozenset({"consent.withdraw", "token.revoke", "subject.erase_biometrics"})
REVOKING_EVENT_TYPES = frozenset({"withdrawal", "revocation", "erasure"})
_revoking: dict[int, str] = {}  # id(connection) -> actor, for transactions that revoked something


def take_revocation(conn) -> str | None:
    """The actor of a revocation recorded in ``conn``'s transaction (and forget it), or None."""
    return _revoking.pop(id(conn), None)


def append(tx, actor: str, action: str, target: str = "", details: dict[str, Any] | None = None) -> Entry:
    """Append one entry. Call inside the transaction that makes the change it records."""
    details = details or {}
    if action in REVOKING_ACTIONS or (action == "consent.event"
                                      and details.get("type") in REVOKING_EVENT_TYPES):
        _revoking[id(tx)] = actor
    row = tx.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    ts = clock.now().isoformat(timespec="microseconds").replace("+00:00", "Z")
    digest = entry_hash(seq, ts, actor, action, target, details, prev)
    tx.execute(
        "INSERT INTO audit (seq, ts, actor, action, target, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, ts, actor, action, target, canonical_json(details).decode(), prev, digest),
    )
    return Entry(seq, ts, actor, action, target, details, prev, digest)


def entries(conn, *, after: int = 0, limit: int | None = None, target: str | None = None):
    sql = "SELECT seq, ts, actor, action, target, details, prev_hash, hash FROM audit WHERE seq > ?"
    params: list[Any] = [after]
    if target is not None:
        sql += " AND target = ?"
        params.append(target)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    for row in conn.execute(sql, params):
        yield Entry(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str
    first_bad: int | None = None
    reason: str = ""
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def problem(self) -> Message | None:
        """Why the chain is broken, coded (None when it is intact)."""
        return Message(self.code, self.params) if self.code else None

    def summary(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.count} entries, head {self.head[:16]}"
        return f"audit chain broken at entry {self.first_bad}: {self.reason}"


def verify_chain(conn) -> ChainReport:
    """Recompute every hash; report the first entry that is changed, missing, moved or inserted."""
    prev, expected_seq, count = GENESIS, 1, 0
    rows = conn.execute(
        "SELECT seq, ts, actor, action, target, details, prev_hash, hash FROM audit ORDER BY seq"
    )
    for seq, ts, actor, action, target, details_text, prev_hash, digest in rows:
        if seq != expected_seq:
            return _broken(count, prev, expected_seq, "audit.chain.missing", missing=expected_seq, next=seq)
        try:
            details = json.loads(details_text)
        except ValueError:
            return _broken(count, prev, seq, "audit.chain.not_json")
        if canonical_json(details).decode() != details_text:
            return _broken(count, prev, seq, "audit.chain.altered")
        if prev_hash != prev:
            return _broken(count, prev, seq, "audit.chain.unlinked")
        if entry_hash(seq, ts, actor, action, target, details, prev) != digest:
            return _broken(count, prev, seq, "audit.chain.hash")
        prev, expected_seq, count = digest, expected_seq + 1, count + 1
    return ChainReport(True, count, prev)


def _broken(count: int, head: str, seq: int, code: str, **params: Any) -> ChainReport:
    return ChainReport(False, count, head, seq, Message(code, params).english(), code, params)


def head(conn) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def hash_at(conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


__all__ = ["GENESIS", "ChainReport", "Entry", "append", "entries", "hash_at", "head", "sha256_hex",
           "verify_chain"]
