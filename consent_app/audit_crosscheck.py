"""Cross-check stored objects against the audit trail, both ways.

Every consent record, consent event, token and biometric sample must have the audit entry written in
its transaction, and every audit entry that created one must still find it. A row slipped in behind
the app's back (no entry), or one deleted (entry left alone), shows here even when the hash chain is
intact. Erasure empties a sample's data but keeps its row, so erased samples still match.
"""

from __future__ import annotations

from dataclasses import dataclass

from consent_app.messages import define

MESSAGES = define({
    "crosscheck.unaudited": "{kind} {id} has no audit entry (written behind the app's back?)",
    "crosscheck.orphaned": "audit entry {seq} ({action}) names {kind} {id}, which is gone",
})

# (kind, table, SQL of object ids without an audit entry, SQL of (seq, action, id) whose object is gone)
_RULES: tuple[tuple[str, str, str, str], ...] = (
    ("consent", "consents",
     "SELECT c.id FROM consents c WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'consent.create' "
     "AND a.target = 'consent:' || c.id)",
     "SELECT a.seq, a.action, substr(a.target, 9) FROM audit a WHERE a.action = 'consent.create' "
     "AND NOT EXISTS (SELECT 1 FROM consents c WHERE 'consent:' || c.id = a.target)"),
    ("consent event", "consent_events",
     "SELECT e.id FROM consent_events e WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
     "a.target = 'consent:' || e.consent_id AND json_extract(a.details, '$.event_id') = e.id)",
     "SELECT a.seq, a.action, json_extract(a.details, '$.event_id') FROM audit a WHERE "
     "a.target LIKE 'consent:%' AND json_extract(a.details, '$.event_id') IS NOT NULL AND NOT EXISTS "
     "(SELECT 1 FROM consent_events e WHERE e.id = json_extract(a.details, '$.event_id'))"),
    ("signed event", "events",  # state from signed events: audited as consent.event with the event id
     "SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'consent.event' "
     "AND a.target = 'consent:' || e.consent_id AND json_extract(a.details, '$.id') = e.id)",
     "SELECT a.seq, a.action, json_extract(a.details, '$.id') FROM audit a WHERE a.action = 'consent.event' "
     "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.consent_id = substr(a.target, 9) "
     "AND e.id = json_extract(a.details, '$.id'))"),
    ("token", "tokens",
     "SELECT t.id FROM tokens t WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'token.issue' "
     "AND a.target = 'token:' || t.id)",
     "SELECT a.seq, a.action, substr(a.target, 7) FROM audit a WHERE a.action = 'token.issue' "
     "AND NOT EXISTS (SELECT 1 FROM tokens t WHERE 'token:' || t.id = a.target)"),
    ("sample", "samples",
     "SELECT s.id FROM samples s WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE "
     "json_extract(a.details, '$.sample_id') = s.id) AND NOT (s.session_id IS NOT NULL AND EXISTS "
     "(SELECT 1 FROM audit a WHERE a.action IN ('session.complete', 'session.cancel') "
     "AND a.target = 'session:' || s.session_id))",
     "SELECT a.seq, a.action, json_extract(a.details, '$.sample_id') FROM audit a WHERE "
     "a.target LIKE 'subject:%' AND json_extract(a.details, '$.sample_id') IS NOT NULL AND NOT EXISTS "
     "(SELECT 1 FROM samples s WHERE s.id = json_extract(a.details, '$.sample_id'))"),
)


@dataclass(frozen=True)
class Finding:
    code: str  # crosscheck.unaudited / crosscheck.orphaned
    params: dict

    def english(self) -> str:
        from consent_app.messages import Message

        return Message(self.code, self.params).english()


def _tables(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def cross_check(conn, limit: int = 1000) -> list[Finding]:
    """Every object without its audit entry, then every creating entry whose object is gone."""
    tables = _tables(conn)
    found: list[Finding] = []
    for kind, table, unaudited, orphaned in _RULES:
        if table not in tables:
            continue
        found += [Finding("crosscheck.unaudited", {"kind": kind, "id": row[0]})
                  for row in conn.execute(unaudited + f" LIMIT {int(limit)}")]
        found += [Finding("crosscheck.orphaned", {"kind": kind, "seq": row[0], "action": row[1],
                                                  "id": row[2]})
                  for row in conn.execute(orphaned + f" LIMIT {int(limit)}")]
    return found
