"""What a station shares, and what it does with what others shared.

``collect`` appends to the outbox every local signed object not shared yet (the token-signing public
keys, consent records and their events, tokens issued and revoked), in the same transaction as the
sync that pushes them; ``accept`` applies a verified object from another station. Raw biometric
samples never leave the station: records travel as their signed JSON (sealed: they name the subject),
tokens as their public facts (no template vectors).
"""

from __future__ import annotations

import json

from consent_app.studio import link as link_mod
from consent_app.studio import objects, sealed, trust


def _shared(tx, kind: str) -> set[str]:
    return {r[0] for r in tx.execute("SELECT object_id FROM studio_outbox WHERE kind = ?", (kind,))}


def _remote(tx, kind: str) -> set[str]:
    return {r[0] for r in tx.execute("SELECT object_id FROM studio_inbox WHERE kind = ?", (kind,))}


def _revocations(tx) -> dict[str, tuple[str, str | None]]:
    """token id -> (revoked at, reason) for every token its consent's signed events revoke."""
    from consent_app.consent import state
    from consent_app.errors import InputError

    out = {}
    for (consent_id,) in tx.execute("SELECT DISTINCT consent_id FROM tokens").fetchall():
        try:
            tokens = state.of_consent(tx, consent_id).tokens
        except InputError:  # a token whose consent is gone is not shared as revoked here
            continue
        out.update({t.id: (t.revoked_at, t.revoked_reason) for t in tokens if t.state == "revoked"})
    return out


def collect(tx, lk: link_mod.Link) -> int:
    """Append every not-yet-shared local object to the outbox; returns how many."""
    if lk.role == "member" and lk.data_key is None:
        return 0  # not approved yet: nothing but the join request leaves the station
    from consent_app.studio import directory

    added = directory.collect(tx, lk)
    done = _shared(tx, "station.keys")
    for kid, public, created, retired in tx.execute(
            "SELECT kid, public_key, created_at, retired_at FROM signing_keys ORDER BY created_at"):
        if kid not in done:
            link_mod.append(tx, "station.keys", kid, {"kid": kid, "x": objects.b64(bytes(public)),
                                                      "created_at": created, "retired_at": retired})
            added += 1
    done, remote = _shared(tx, "consent.record"), _remote(tx, "consent.record")
    for cid, subject, record, record_hash, kid, signature in tx.execute(
            "SELECT id, subject_id, record, record_hash, kid, signature FROM consents ORDER BY created_at"):
        if cid in done or cid in remote:
            continue
        name = tx.execute("SELECT display_name FROM subjects WHERE id = ?", (subject,)).fetchone()
        link_mod.append(tx, "consent.record", cid, {
            "subject": subject, "record_hash": record_hash, "kid": kid, "signature": signature,
            "sealed": sealed.seal(lk.data_key, "consent.record", cid,
                                  {"record": record, "subject_name": name[0] if name else ""}),
        })
        added += 1
    done, remote = _shared(tx, "consent.event"), _remote(tx, "consent.event")
    for eid, cid, kind, at, body, body_hash, kid, signature in tx.execute(
            "SELECT id, consent_id, kind, at, body, hash, kid, signature FROM events ORDER BY rowid"):
        if eid in done or eid in remote:
            continue
        categories = json.dumps(json.loads(body).get("categories") or [])
        link_mod.append(tx, "consent.event", eid, {
            "consent": cid, "event": kind, "categories": categories, "at": at, "body": body,
            "body_hash": body_hash, "kid": kid, "signature": signature})
        added += 1
    done, remote = _shared(tx, "token.issue"), _remote(tx, "token.issue")
    revoked_done = _shared(tx, "token.revoke")
    revoked = _revocations(tx)  # from the signed events (consent_app.consent.state), never a column
    for row in tx.execute(
            "SELECT id, consent_id, kid, issued_at, valid_from, valid_until, operations, status_list, "
            "status_index, sha256 FROM tokens ORDER BY issued_at"):
        tid = row[0]
        if tid not in done and tid not in remote:
            link_mod.append(tx, "token.issue", tid, {
                "consent": row[1], "kid": row[2], "issued_at": row[3], "valid_from": row[4],
                "valid_until": row[5], "operations": row[6], "status_list": row[7], "status_index": row[8],
                "sha256": row[9]})
            added += 1
        if tid in revoked and tid not in revoked_done:
            at, reason = revoked[tid]
            link_mod.append(tx, "token.revoke", tid, {"consent": row[1], "at": at,
                                                      "status_list": row[7], "status_index": row[8],
                                                      "reason": reason or ""})
            added += 1
    return added


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject) -> None:
    """Apply one verified object of the studio to this station's store."""
    if obj.kind == trust.APPROVE and obj.body.get("station") == lk.station_id and lk.data_key is None:
        from cryptography.hazmat.primitives import serialization

        seed = lk.key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
        data_key = sealed.open_for_station(obj.body["data_key"], seed)
        tx.execute("UPDATE studio_link SET data_key = ? WHERE id = 1", (data_key,))
    elif obj.kind == "staff" and lk.data_key is not None:
        from consent_app.studio import directory

        directory.accept(tx, lk, obj)
