"""The audit trail: an append-only, hash-chained log written in the same transaction as each change.

Entry ``n`` stores ``hash_n = SHA-256(JCS({seq, ts, actor, action, target, details, prev}))`` with
``prev = hash_{n-1}`` (``GENESIS`` for the first). Verification recomputes the chain and names the
first entry that does not fit; a signed checkpoint (count + head hash) catches a cut tail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from consent_app import clock
from consent_app.canonical import canonical_json, json_hash, sha256_hex

GENESIS = "0" * 64


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
            return ChainReport(False, count, prev, expected_seq,
                               f"entry {expected_seq} is missing (next is {seq})")
        try:
            details = json.loads(details_text)
        except ValueError:
            return ChainReport(False, count, prev, seq, "its details are not valid JSON")
        if canonical_json(details).decode() != details_text:
            return ChainReport(False, count, prev, seq, "its details were altered")
        if prev_hash != prev:
            return ChainReport(False, count, prev, seq,
                               "it does not link to the entry before it (removed, moved or inserted)")
        if entry_hash(seq, ts, actor, action, target, details, prev) != digest:
            return ChainReport(False, count, prev, seq, "its content does not match its hash")
        prev, expected_seq, count = digest, expected_seq + 1, count + 1
    return ChainReport(True, count, prev)


def head(conn) -> tuple[int, str]:
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def hash_at(conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return row[0] if row else None


__all__ = ["GENESIS", "ChainReport", "Entry", "append", "entries", "hash_at", "head", "sha256_hex",
           "verify_chain"]
