"""Signed events: a consent's and its tokens' state comes from signed events, not mutable columns.

* ``events``: every withdrawal, revocation, erasure and token issue, Ed25519-signed, naming its consent
  record and the events its author had seen (by hash). Append-only.
* ``commitment_salts``: the salts of the identity commitments in signed records. Append-only.
* ``tokens`` becomes append-only (a revocation is an event; ``revoked_*`` are no longer written).
* The withdrawal events of ``consent_events`` (v1, linearly chained) move into ``events`` unchanged (their
  signed bytes verify as before); tokens issued before get a signed issue event (and a revocation event
  when they were revoked), made now with the active key and audited, so every token has one.

Frozen: a migration never changes once released; later changes arrive as new versions.
"""

from __future__ import annotations

import json

VERSION = 9
DESCRIPTION = "signed events for consent and token state; identity commitment salts"

SCHEMA = """
CREATE TABLE events (
    hash TEXT PRIMARY KEY,          -- sha256:<hex> of `body`
    id TEXT NOT NULL UNIQUE,        -- uuid (eventId urn:uuid:<id>)
    consent_id TEXT NOT NULL REFERENCES consents(id),
    kind TEXT NOT NULL CHECK (kind IN ('withdrawal', 'revocation', 'erasure', 'token_issue')),
    token_id TEXT,                  -- the token of a token_issue event
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    seen TEXT NOT NULL,             -- JSON list of the event hashes the author had seen (for heads)
    body TEXT NOT NULL,             -- RFC 8785 JSON of the signed event: what is signed
    kid TEXT NOT NULL REFERENCES signing_keys(kid),
    signature TEXT NOT NULL         -- base64url Ed25519 over `body`
);
CREATE INDEX events_consent ON events(consent_id);
CREATE INDEX events_token ON events(token_id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'signed events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'signed events are append-only'); END;

CREATE TABLE commitment_salts (
    consent_id TEXT NOT NULL,       -- written just before the consent row, in the same transaction
    field TEXT NOT NULL,
    salt BLOB NOT NULL,
    PRIMARY KEY (consent_id, field)
);
CREATE TRIGGER commitment_salts_no_update BEFORE UPDATE ON commitment_salts
BEGIN SELECT RAISE(ABORT, 'commitment salts cannot be changed'); END;
CREATE TRIGGER commitment_salts_no_delete BEFORE DELETE ON commitment_salts
BEGIN SELECT RAISE(ABORT, 'commitment salts cannot be changed'); END;

CREATE INDEX audit_target ON audit(target);
"""

TOKENS_APPEND_ONLY = """
CREATE TRIGGER tokens_no_update BEFORE UPDATE ON tokens
BEGIN SELECT RAISE(ABORT, 'tokens are append-only; a revocation is a signed event'); END;
CREATE TRIGGER tokens_no_delete BEFORE DELETE ON tokens
BEGIN SELECT RAISE(ABORT, 'tokens are append-only; a revocation is a signed event'); END;
DROP TRIGGER consent_events_no_update;
DROP TRIGGER consent_events_no_delete;
DROP TABLE consent_events;
"""


def _run(conn, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def upgrade(conn) -> None:
    _run(conn, SCHEMA)
    _move_v1_withdrawals(conn)
    _sign_existing_tokens(conn)
    _run(conn, TOKENS_APPEND_ONLY)


def _audit(conn, actor: str, consent_id: str, event_hash: str, kind: str, event_id: str,
           token_id: str | None) -> None:
    from consent_app import audit

    audit.append(conn, actor, "consent.event", f"consent:{consent_id}",
                 {"event": event_hash, "type": kind, "id": event_id, "token": token_id})


def _move_v1_withdrawals(conn) -> None:
    rows = conn.execute("SELECT e.id, e.consent_id, e.at, e.staff, e.body, e.body_hash, e.kid, e.signature, "
                        "c.record_hash FROM consent_events e JOIN consents c ON c.id = e.consent_id "
                        "ORDER BY e.consent_id, e.seq").fetchall()
    for event_id, consent_id, at, staff, body, body_hash, kid, signature, record_hash in rows:
        previous = json.loads(body).get("previous")
        seen = [] if previous == record_hash else [previous]
        conn.execute("INSERT INTO events (hash, id, consent_id, kind, token_id, at, actor, seen, body, kid, "
                     "signature) VALUES (?, ?, ?, 'withdrawal', NULL, ?, ?, ?, ?, ?, ?)",
                     (body_hash, event_id, consent_id, at, staff, json.dumps(seen), body, kid, signature))
        _audit(conn, "migration", consent_id, body_hash, "withdrawal", event_id, None)


def _sign_existing_tokens(conn) -> None:
    """Tokens issued before signed events: attest them (and their revocations) now, with the active key."""
    from consent_app.consent import events

    rows = conn.execute(
        "SELECT t.id, t.consent_id, t.issued_by, t.operations, t.bindings, t.status_list, t.status_index, "
        "t.sha256, t.kid, t.valid_from, t.valid_until, t.revoked_at, t.revoked_by, t.revoked_reason, "
        "c.record_hash, c.demo FROM tokens t JOIN consents c ON c.id = t.consent_id ORDER BY t.rowid"
    ).fetchall()
    for (token_id, consent_id, issued_by, ops, binds, list_id, index, digest, kid, vfrom, vuntil, revoked_at,
         revoked_by, reason, record_hash, demo) in rows:
        fields = events.token_fields(token_id, json.loads(ops), json.loads(binds), list_id, index, digest,
                                     kid, vfrom, vuntil)
        events.append(conn, consent_id, "token_issue", {**fields, "attestedByMigration": True},
                      actor=issued_by, record_hash=record_hash, demo=bool(demo), token_id=token_id)
        if revoked_at is not None:
            events.append(conn, consent_id, "revocation",
                          {"tokens": [token_id], "cause": "revocation", "reason": reason or "revoked",
                           "revokedAt": revoked_at, "attestedByMigration": True},
                          actor=revoked_by or "migration", record_hash=record_hash, demo=bool(demo))
