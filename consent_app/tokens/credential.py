"""The consent token's payload: a W3C VC 2.0 ``BiometricEditConsent`` credential."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.statuslist import iso
from consent_app.verify.claims import DEMO_MARK
from consent_app.verify.vocab import (
    OPERATIONS,
    STATUS_ENTRY_TYPE,
    STATUS_PURPOSE,
    TOKEN_TYPE,
    VC_CONTEXT,
)

MESSAGES = define({
    "token.consent_withdrawn": "consent {consent} has been withdrawn; no token can be issued",
    "token.consent_ended": "consent {consent} ended at {end}",
    "token.unknown_operations": "unknown operation(s) {unknown}; known: {known}",
    "token.not_allowed": "consent {consent} does not allow {operations} (it allows: {allowed})",
    "token.end_no_zone": "the token's end time needs a time zone",
    "token.outlives_consent": "a token cannot outlive its consent: {end} is after {consent_end}",
    "token.reversed": "the token would end ({end}) before it starts ({start})",
})


@dataclass(frozen=True)
class TokenPlan:
    """What one token will carry, already checked against its consent."""

    operations: tuple[str, ...]
    valid_from: datetime
    valid_until: datetime


def plan_token(
    grant: ConsentGrant,
    now: datetime,
    operations: list[str] | tuple[str, ...] | None = None,
    until: datetime | None = None,
) -> TokenPlan:
    """Operations and validity for a new token: never more than ``grant`` allows."""
    allowed = grant.allowed_operations
    if not allowed:
        raise PolicyError(code="token.consent_withdrawn", consent=grant.consent_id)
    if now >= grant.valid_until:
        raise PolicyError(code="token.consent_ended", consent=grant.consent_id, end=iso(grant.valid_until))
    if operations:
        unknown = [op for op in operations if op not in OPERATIONS]
        if unknown:
            raise InputError(code="token.unknown_operations", unknown=", ".join(unknown),
                             known=", ".join(OPERATIONS))
        refused = [op for op in operations if op not in allowed]
        if refused:
            raise PolicyError(code="token.not_allowed", consent=grant.consent_id, operations=refused,
                              allowed=list(allowed))
        chosen = tuple(op for op in OPERATIONS if op in operations)
    else:
        chosen = tuple(op for op in OPERATIONS if op in allowed)
    valid_from = max(now, grant.valid_from)
    if until is None:
        valid_until = grant.valid_until
    else:
        if until.tzinfo is None:
            raise InputError(code="token.end_no_zone")
        if until > grant.valid_until:
            raise PolicyError(code="token.outlives_consent", end=iso(until),
                              consent_end=iso(grant.valid_until))
        valid_until = until
    if valid_until <= valid_from:
        raise PolicyError(code="token.reversed", end=iso(valid_until), start=iso(valid_from))
    return TokenPlan(chosen, valid_from.replace(microsecond=0), valid_until.replace(microsecond=0))


def issuer_for(studio_id: str, studio_name: str, demo: bool) -> dict:
    """``{"id", "name"}``; a demo studio's name says so, so no demo token passes for real."""
    name = f"{DEMO_MARK} {studio_name} (demo database, not a real consent)" if demo else studio_name
    return {"id": f"urn:uuid:{studio_id}", "name": name}


def token_payload(
    grant: ConsentGrant,
    plan: TokenPlan,
    *,
    token_id: str,
    issuer: dict,
    status_list_id: str,
    status_index: int,
    assets: list[dict] | None = None,
    binding: dict | None = None,
) -> dict:
    """The unsigned credential. ``assets``/``binding`` only when the studio chose them."""
    subject: dict = {
        "id": f"urn:uuid:{grant.subject_id}",
        "consentId": grant.consent_id,
        "operations": list(plan.operations),
        "project": grant.project,
        "purpose": grant.purpose,
        "territory": list(grant.territory),
        "prohibitedUses": list(grant.prohibited_uses),
        "marking": grant.marking,
    }
    if assets:
        subject["assets"] = assets
    if binding:
        subject["biometricBinding"] = binding
    evidence = {
        "type": ["BiometricConsentEvidence"],
        **grant.evidence,
        "consentRecordHash": grant.record_hash,
        "demo": grant.demo,
    }
    return {
        "@context": [VC_CONTEXT],
        "id": f"urn:uuid:{token_id}",
        "type": ["VerifiableCredential", TOKEN_TYPE],
        "issuer": issuer,
        "validFrom": iso(plan.valid_from),
        "validUntil": iso(plan.valid_until),
        "credentialSubject": subject,
        "evidence": [evidence],
        "credentialStatus": {
            "id": f"{status_list_id}#{status_index}",
            "type": STATUS_ENTRY_TYPE,
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_id,
        },
    }
