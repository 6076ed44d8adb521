"""Consents, their signed events and tokens, replicated between the stations of a studio.

A station shares each row exactly as it stored it (sealed under the studio data key: records and events
name people), and every other station inserts it unchanged into its own tables, so the one computation
of issue 11 (``consent_app.consent.state``) gives every station the same state: withdrawals and
revocations from any station win, because state is a monotonic function of the set of signed events.

- ``station.keys`` objects put the other stations' public keys in ``signing_keys`` (with no private key
  and marked retired, so they verify and are never used to sign).
- An object whose dependencies have not arrived yet (the key that signed it, its consent, an event it
  follows) is *held back*: applied at a later sync, never half applied.
- Each applied row gets the audit entry the local write path gives it, naming the station it came from,
  so the audit cross-check (and ``audit verify``) sees every object with its entry.
- A token issued here that a withdrawal from another station now covers gets its revocation as a signed
  event of this station, and an alert for staff (``studio.token_auto_revoked``).
"""

from __future__ import annotations

import json

from consent_app import audit, clock
from consent_app.messages import define
from consent_app.studio import link as link_mod
from consent_app.studio import objects, sealed

MESSAGES = define({
    "studio.token_auto_revoked": "token {token} was issued at this station before it learnt of a withdrawal "
                                 "of {categories} (consent {consent}); it is now revoked",
})

KEYS, RECORD, TOKEN, EVENT = "station.keys", "consent.record", "token.row", "consent.event"
#: The order in which a batch is applied: what others depend on first.
ORDER = {KEYS: 0, RECORD: 1, TOKEN: 2, EVENT: 3}


def _columns(tx, table: str) -> list[str]:
    return [r[1] for r in tx.execute(f"PRAGMA table_info({table})")]


def _row(tx, table: str, where: str, value: object) -> dict | None:
    cols = _columns(tx, table)
    row = tx.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {where} = ?", (value,)).fetchone()  # noqa: S608
    return None if row is None else {c: (objects.b64(bytes(v)) if isinstance(v, bytes | memoryview) else v)
                                     for c, v in zip(cols, row, strict=True)}


def _insert(tx, table: str, row: dict, blobs: tuple[str, ...] = ()) -> None:
    cols = [c for c in _columns(tx, table) if c in row]
    values = [objects.unb64(row[c]) if c in blobs and row[c] is not None else row[c] for c in cols]
    tx.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",  # noqa: S608
               values)


# --- sharing (this station's rows) ---------------------------------------------------------------------


def unshared_rows(tx, kind: str, sql: str, key: str) -> list[tuple]:
    """Rows of ``sql`` whose ``key`` (an SQL expression over its row) this station has neither shared as
    ``kind`` nor received from another (two index lookups per row)."""
    where = (  # constant SQL of the studio modules; values are bound
        f" {'AND' if ' WHERE ' in sql else 'WHERE'} NOT EXISTS (SELECT 1 FROM studio_outbox o "  # noqa: S608
        f"WHERE o.kind = ? AND o.object_id = {key}) AND NOT EXISTS (SELECT 1 FROM studio_inbox i "
        f"WHERE i.kind = ? AND i.object_id = {key})"
    )
    head, _, order = sql.partition(" ORDER BY ")
    return tx.execute(head + where + (f" ORDER BY {order}" if order else ""), (kind, kind)).fetchall()


def _unshared(tx, table: str, kind: str, order: str) -> list[str]:
    """Ids of ``table`` neither shared by this station nor received from another (index lookups)."""
    sql = f"SELECT id FROM {table} t ORDER BY {order}"  # noqa: S608 - this package's own table names
    return [r[0] for r in unshared_rows(tx, kind, sql, "t.id")]


def collect(tx, lk: link_mod.Link) -> int:
    """Append this station's consents, tokens and events not shared yet; returns how many."""
    added = 0

    def share(kind: str, object_id: str, body: dict) -> None:
        nonlocal added
        link_mod.append(tx, kind, object_id, body)
        added += 1

    shared = {o for (o,) in tx.execute("SELECT object_id FROM studio_outbox WHERE kind = ?", (KEYS,))}
    for kid, public, created, retired in tx.execute(
            "SELECT kid, public_key, created_at, retired_at FROM signing_keys WHERE length(private_key) > 0"):
        if kid not in shared:
            share(KEYS, kid, {"kid": kid, "x": objects.b64(bytes(public)), "created_at": created,
                              "retired_at": retired})
    for cid in _unshared(tx, "consents", RECORD, "created_at"):
        consent = _row(tx, "consents", "id", cid)
        subject = _row(tx, "subjects", "id", consent["subject_id"])
        salts = {f: objects.b64(bytes(s)) for f, s in tx.execute(
            "SELECT field, salt FROM commitment_salts WHERE consent_id = ?", (cid,))}
        share(RECORD, cid, {"subject": consent["subject_id"], "record_hash": consent["record_hash"],
                            "sealed": sealed.seal(lk.keyring, RECORD, cid,
                                                  {"consent": consent, "subject": subject, "salts": salts})})
    for tid in _unshared(tx, "tokens", TOKEN, "issued_at"):
        token = _row(tx, "tokens", "id", tid)
        status_list = _row(tx, "status_lists", "id", token["status_list"])
        share(TOKEN, tid, {"consent": token["consent_id"], "status_list": token["status_list"],
                           "status_index": token["status_index"],
                           "sealed": sealed.seal(lk.keyring, TOKEN, tid,
                                                 {"token": token, "list": status_list})})
    for eid in _unshared(tx, "events", EVENT, "rowid"):
        event = _row(tx, "events", "id", eid)
        share(EVENT, eid, {"consent": event["consent_id"], "kind": event["kind"], "hash": event["hash"],
                           "seen": json.loads(event["seen"]),
                           "sealed": sealed.seal(lk.keyring, EVENT, eid, {"event": event})})
    return added


# --- applying (another station's rows) ------------------------------------------------------------------


def _has(tx, sql: str, *args: object) -> bool:
    return tx.execute(sql, args).fetchone() is not None


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject, touched: set[str]) -> bool:
    """Apply one verified object; False when it must wait for what it depends on."""
    station = obj.station
    if obj.kind == KEYS:
        body = obj.body
        tx.execute("INSERT OR IGNORE INTO signing_keys (kid, algorithm, private_key, public_key, created_at, "
                   "retired_at) VALUES (?, 'Ed25519', x'', ?, ?, ?)",
                   (body["kid"], objects.unb64(body["x"]), body["created_at"],
                    body["retired_at"] or clock.iso()))
        return True
    if lk.data_key is None:
        return False
    opened = sealed.unseal(lk.keyring, obj.kind, obj.object_id, obj.body["sealed"])
    if obj.kind == RECORD:
        consent = opened["consent"]
        if not _has(tx, "SELECT 1 FROM signing_keys WHERE kid = ?", consent["kid"]):
            return False
        if _has(tx, "SELECT 1 FROM consents WHERE id = ?", consent["id"]):
            return True
        _insert(tx, "subjects", opened["subject"])
        for field, salt in opened["salts"].items():
            tx.execute("INSERT OR IGNORE INTO commitment_salts (consent_id, field, salt) VALUES (?, ?, ?)",
                       (consent["id"], field, objects.unb64(salt)))
        _insert(tx, "consents", {**consent, "session_id": None})
        audit.append(tx, f"station:{station}", "consent.create", f"consent:{consent['id']}",
                     {"station": station, "object": obj.hash, "record_hash": consent["record_hash"]})
        return True
    if obj.kind == TOKEN:
        token = opened["token"]
        if not _has(tx, "SELECT 1 FROM consents WHERE id = ?", token["consent_id"]) or not _has(
                tx, "SELECT 1 FROM signing_keys WHERE kid = ?", token["kid"]):
            return False
        if opened["list"] is not None:
            _insert(tx, "status_lists", opened["list"])
        if not _has(tx, "SELECT 1 FROM tokens WHERE id = ?", token["id"]):
            _insert(tx, "tokens", token)
            audit.append(tx, f"station:{station}", "token.issue", f"token:{token['id']}",
                         {"consent_id": token["consent_id"], "station": station, "object": obj.hash})
        return True
    if obj.kind == EVENT:
        event = opened["event"]
        seen = json.loads(event["seen"])
        if not _has(tx, "SELECT 1 FROM consents WHERE id = ?", event["consent_id"]) or not _has(
                tx, "SELECT 1 FROM signing_keys WHERE kid = ?", event["kid"]):
            return False
        if any(not _has(tx, "SELECT 1 FROM events WHERE hash = ?", h) for h in seen):
            return False  # it follows an event not here yet
        if event["token_id"] and event["kind"] == "token_issue" and not _has(
                tx, "SELECT 1 FROM tokens WHERE id = ?", event["token_id"]):
            return False
        if not _has(tx, "SELECT 1 FROM events WHERE hash = ?", event["hash"]):
            _insert(tx, "events", event)
            audit.append(tx, f"station:{station}", "consent.event", f"consent:{event['consent_id']}",
                         {"event": event["hash"], "type": event["kind"], "id": event["id"],
                          "token": event["token_id"], "station": station})
            touched.add(event["consent_id"])
        return True
    return True


def settle(tx, lk: link_mod.Link, touched: set[str]) -> list[str]:
    """After applying: rewrite each touched consent's cached columns from its events, and revoke (as a signed
    event of this station) tokens issued here that a withdrawal made elsewhere now covers."""
    from consent_app.consent import records, state
    from consent_app.tokens.revocation import revoke_tokens

    own_keys = {kid for (kid,) in tx.execute("SELECT kid FROM signing_keys WHERE length(private_key) > 0")}
    revoked: list[str] = []
    for consent_id in sorted(touched):
        records.write_cache(tx, consent_id)
        status = state.of_consent(tx, consent_id)
        explicit = {t for e in status.events if e.kind == "revocation" for t in e.body.get("tokens", [])}
        withdrawn = set(status.withdrawn)
        late = [t for t in status.tokens
                if t.state == "revoked" and t.id not in explicit and t.kid in own_keys
                and withdrawn & set(t.operations)]
        if late:
            revoke_tokens(tx, consent_id, [t.id for t in late], "studio",
                          "withdrawn at another station before this token was issued", cause="withdrawal")
            for t in late:
                link_mod.raise_alert(tx, "studio.token_auto_revoked", token=t.id, consent=consent_id,
                                     categories=sorted(withdrawn & set(t.operations)))
                revoked.append(t.id)
    return revoked
