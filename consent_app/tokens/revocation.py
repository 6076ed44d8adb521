"""Revoking tokens: a signed ``revocation`` event naming the tokens, never a column edit.

The ``tokens`` table is append-only; whether a token is revoked (and why) is computed by
:mod:`consent_app.consent.state` from the consent's signed events.
"""

from __future__ import annotations

from collections.abc import Iterable

from consent_app import audit
from consent_app.consent import events
from consent_app.consent import state as st
from consent_app.messages import define

MESSAGES = define({
    "token.not_found": "no token urn:uuid:{token}",
})


def revoke_tokens(tx, consent_id: str, token_ids: Iterable[str], actor: str, reason: str,
                  cause: str = "revocation") -> events.SignedEvent | None:
    """One signed revocation event for ``token_ids`` of ``consent_id`` (None when there are none)."""
    ids = sorted(dict.fromkeys(token_ids))
    if not ids:
        return None
    event = events.append(tx, consent_id, "revocation", {"tokens": ids, "cause": cause, "reason": reason},
                          actor=actor)
    for token_id in ids:
        audit.append(tx, actor, "token.revoke", f"token:{token_id}",
                     {"consent_id": consent_id, "reason": reason, "cause": cause, "event_hash": event.hash})
    return event


def _named(status: st.ConsentState) -> set[str]:
    return {tid for e in status.events if e.ok and e.kind == "revocation"
            for tid in e.body.get("tokens") or ()}


def tokens_carrying(conn, consent_id: str, operations: Iterable[str] | None) -> list[tuple[str, list, str]]:
    """The live tokens of ``consent_id`` carrying any of ``operations`` (None: all of them), by the
    signed events: ``(id, operations, valid_until)``. These are the tokens a withdrawal of ``operations``
    revokes."""
    withdrawn = set(operations or ())
    return [(t.id, list(t.operations), t.valid_until) for t in st.of_consent(conn, consent_id).tokens
            if t.state == "issued" and (not withdrawn or withdrawn & set(t.operations))]


def revoke_for_consent(tx, consent_id: str, operations: Iterable[str] | None, actor: str,
                       reason: str = "consent withdrawn", cause: str = "withdrawal") -> list[str]:
    """Revoke (one signed event) every token of ``consent_id`` carrying any of ``operations``.

    ``operations`` None (or empty) means the whole consent. A token is revoked as a whole: a token for
    face_swap + tts_voice_clone dies when either is withdrawn. Tokens a revocation event already names are
    left out. Returns the revoked token ids; audited in the caller's transaction.
    """
    withdrawn = set(operations or ())
    status = st.of_consent(tx, consent_id)
    named = _named(status)
    hit = [t.id for t in status.tokens
           if t.id not in named and (not withdrawn or withdrawn & set(t.operations))]
    revoke_tokens(tx, consent_id, hit, actor, reason, cause)
    return hit


def revoke_bound(tx, consent_id: str, modalities: Iterable[str], actor: str, reason: str) -> list[str]:
    """Revoke every token of ``consent_id`` bound to one of ``modalities`` (face / voice): erasure."""
    kinds = set(modalities)
    status = st.of_consent(tx, consent_id)
    named = _named(status)
    hit = [t.id for t in status.tokens if t.id not in named and kinds & set(t.bindings)]
    revoke_tokens(tx, consent_id, hit, actor, reason, "erasure")
    return hit


def revoke_token(tx, token_id: str, actor: str, reason: str) -> bool:
    """Revoke one token (by its uuid); False when it is unknown or already revoked. A signed event."""
    row = tx.execute("SELECT consent_id FROM tokens WHERE id = ?", (token_id,)).fetchone()
    if row is None:
        return False
    token = st.of_consent(tx, row[0]).token(token_id)
    if token is None or token.state == "revoked":
        return False
    revoke_tokens(tx, row[0], [token_id], actor, reason, "revocation")
    return True
