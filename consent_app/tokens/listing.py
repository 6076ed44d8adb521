"""Issued tokens with their state, computed from their consents' signed events (never a column)."""

from __future__ import annotations

import json

from consent_app.crypto import keys as signing
from consent_app.errors import InputError


def token_states(conn, consent_id: str | None = None) -> list[dict]:
    """Every token (or those of one consent) as a dict: state ``issued`` / ``revoked`` / ``unverified``.

    A token whose consent fails verification is reported ``unverified`` with the consent's problems.
    """
    from consent_app.consent import records

    sql, params = "SELECT DISTINCT consent_id FROM tokens", ()
    if consent_id:
        sql, params = sql + " WHERE consent_id = ?", (consent_id,)
    keys = signing.public_key_map(conn)
    out = []
    for (cid,) in conn.execute(sql, params).fetchall():
        try:
            consent = records.get(conn, cid, keys)
        except InputError:
            consent = None
        if consent is None:
            rows = conn.execute("SELECT id, kid, issued_at, issued_by, valid_until, operations, bindings "
                                "FROM tokens WHERE consent_id = ?", (cid,)).fetchall()
            out += [_entry(r[0], cid, r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]),
                           "unverified", None, f"consent {cid} is not stored") for r in rows]
            continue
        problem = "; ".join(consent.problems)
        for t in consent.tokens:
            state, reason = t.state, t.revoked_reason
            if problem:
                state, reason = "unverified", problem
            out.append(_entry(t.id, cid, t.kid, t.issued_at, t.issued_by, t.valid_until, list(t.operations),
                              list(t.bindings), state, t.revoked_at, reason))
    out.sort(key=lambda t: (t["issuedAt"], t["tokenId"]))
    return out


def _entry(token_id, consent_id, kid, issued_at, issued_by, valid_until, operations, bindings, state,
           revoked_at, reason) -> dict:
    return {"tokenId": f"urn:uuid:{token_id}", "consentId": consent_id, "issuedAt": issued_at,
            "issuedBy": issued_by, "validUntil": valid_until, "operations": operations, "bindings": bindings,
            "state": state, "revokedAt": revoked_at, "reason": reason, "kid": kid}
