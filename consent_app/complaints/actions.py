"""Actions taken because of a complaint: the existing withdrawal and revocation flows, linked back.

Each runs in the caller's transaction together with a ``complaint_actions`` row naming what was done
(the withdrawal event, the revoked tokens), so the complaint shows its outcome and the consent's or token's
audit entries name the complaint.
"""

from __future__ import annotations

from consent_app.complaints import register
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "complaint.token_not_revocable": "token {token} is unknown or already revoked",
    "complaint.reason_missing": "give the reason for this action",
})


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InputError(code="complaint.reason_missing")
    return reason


def withdraw(tx, complaint_id: str, consent_id: str, operations, reason: str, staff: str) -> dict:
    from consent_app.consent import records

    register.get_verified(tx, complaint_id)
    reason = _reason(reason)
    event = records.withdraw(tx, consent_id, categories=operations,
                             reason=f"complaint {complaint_id}: {reason}", staff=staff)
    details = {"event_id": event.id, "categories": list(event.categories), "event_hash": event.proof["hash"],
               "remaining": event.body["remaining"]}
    action_id = register.record_action(tx, complaint_id, kind="withdrawal", target=consent_id, staff=staff,
                                       details=details)
    return {"action": action_id, "kind": "withdrawal", "target": consent_id, **details}


def revoke_token(tx, complaint_id: str, token_id: str, reason: str, staff: str) -> dict:
    from consent_app.tokens import revoke_token as revoke

    register.get_verified(tx, complaint_id)
    reason = _reason(reason)
    token_id = token_id.removeprefix("urn:uuid:")
    if not revoke(tx, token_id, staff, f"complaint {complaint_id}: {reason}"):
        raise InputError(code="complaint.token_not_revocable", token=token_id)
    action_id = register.record_action(tx, complaint_id, kind="token_revocation", target=token_id,
                                       staff=staff, details={"reason": reason})
    return {"action": action_id, "kind": "token_revocation", "target": token_id}


def revoke_tool(tx, complaint_id: str, name: str, reason: str, staff: str) -> dict:
    """Revoke a generation tool's certificate (it goes into the exported revocation list); linked back."""
    from consent_app.provenance import ca

    register.get_verified(tx, complaint_id)
    reason = _reason(reason)
    cert = ca.revoke(tx, name, staff, f"complaint {complaint_id}: {reason}")
    action_id = register.record_action(tx, complaint_id, kind="tool_revocation", target=name, staff=staff,
                                       details={"serial": str(cert.serial), "reason": reason})
    return {"action": action_id, "kind": "tool_revocation", "target": name, "serial": str(cert.serial)}
