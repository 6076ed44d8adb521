"""Issuing consent tokens from a consent grant, inside the caller's transaction (audited)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from consent_app import audit, clock
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.store import meta
from consent_app.tokens import bindings as binding_sources
from consent_app.tokens.credential import issuer_for, plan_token, token_payload
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.signing import sign_compact
from consent_app.tokens.statuslist import iso
from consent_app.tokens.statuslists import allocate_index

MESSAGES = define({
    "token.category_withdrawn": "consent {consent}: category {category} was withdrawn (signed event); "
                                "no token can carry it",
    "token.unknown_bindings": "unknown binding(s) {bindings}; choose from {choices}",
    "token.demo_consent_needed": "this is a demo database: its consents must be marked demo",
})

BINDINGS = ("assets", "face", "voice")


@dataclass(frozen=True)
class IssuedToken:
    token: str  # the compact JWS
    token_id: str  # uuid (the credential id is urn:uuid:<token_id>)
    payload: dict
    demo: bool

    def summary(self) -> dict:
        """A readable account of the token (no template vectors), for the file beside it."""
        subject = self.payload["credentialSubject"]
        binding = subject.get("biometricBinding") or {}
        status = self.payload["credentialStatus"]
        return {
            "token": "consent token (W3C VC 2.0, JWS EdDSA); see docs/token-format.md",
            "demo": self.demo,
            "notice": (
                "DEMO token from a demo database: no real consent stands behind it"
                if self.demo
                else "Signed by the studio; check it with consent-verify before each job"
            ),
            "tokenId": self.payload["id"],
            "consentId": subject["consentId"],
            "issuer": self.payload["issuer"],
            "subject": subject["id"],
            "operations": subject["operations"],
            "project": subject["project"],
            "purpose": subject["purpose"],
            "territory": subject["territory"],
            "prohibitedUses": subject["prohibitedUses"],
            "marking": subject["marking"],
            "validFrom": self.payload["validFrom"],
            "validUntil": self.payload["validUntil"],
            "assets": subject.get("assets", []),
            "biometricBinding": {
                kind: {k: v for k, v in spec.items() if k not in ("template", "embedding")}
                for kind, spec in binding.items()
            },
            "statusList": status["statusListCredential"],
            "statusListIndex": status["statusListIndex"],
            "sha256": hashlib.sha256(self.token.encode("ascii")).hexdigest(),
        }


def _check_bindings(bindings: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(bindings))
    unknown = [b for b in chosen if b not in BINDINGS]
    if unknown:
        raise InputError(code="token.unknown_bindings", bindings=unknown, choices=list(BINDINGS))
    return chosen


def issue(
    tx,
    consent: ConsentGrant | str,
    operations: Iterable[str] | None = None,
    until: datetime | None = None,
    bindings: Iterable[str] = (),
    *,
    actor: str,
    now: datetime | None = None,
) -> IssuedToken:
    """Sign a token for ``consent`` (never more than it allows), record it and audit it.

    What the consent allows is computed again here, in ``tx``, from its signed record and events (a
    grant handed in may be stale): a category a signed event withdrew is refused whatever any column says.
    The token row and its signed ``token_issue`` event are written together.
    """
    from consent_app.consent import events, records

    consent_id = consent if isinstance(consent, str) else consent.consent_id
    consent = records.grant(tx, consent_id)
    chosen_bindings = _check_bindings(bindings)
    ops = list(operations) if operations is not None else None
    withdrawn = [op for op in ops or () if op in consent.withdrawn_operations]
    if withdrawn:
        raise PolicyError(code="token.category_withdrawn", consent=consent_id, category=", ".join(withdrawn))
    erased = [b for b in chosen_bindings if b in ("face", "voice")] if consent.biometrics_erased else []
    if erased:
        raise PolicyError(code="consent.erased_binding", consent=consent_id, binding=erased[0])
    plan = plan_token(consent, now or clock.now(), ops or None, until)
    from consent_app.studio.guard import require_fresh_pull
    from consent_app.tokens.statuslists import validity_hours

    require_fresh_pull(tx, validity_hours(tx))
    studio = meta.issuing_studio(tx)
    if studio.demo and not consent.demo:
        raise PolicyError(code="token.demo_consent_needed")
    key = signing.active_key(tx)
    assets, binding = None, {}
    if "assets" in chosen_bindings:
        assets = binding_sources.assets(tx, consent.subject_id)
    if "face" in chosen_bindings:
        binding["face"] = binding_sources.face(tx, consent.subject_id)
    if "voice" in chosen_bindings:
        binding["voice"] = binding_sources.voice(tx, consent.subject_id)
    list_id, index = allocate_index(tx)
    token_id = str(uuid.uuid4())
    payload = token_payload(
        consent,
        plan,
        token_id=token_id,
        issuer=issuer_for(studio.id, studio.name, studio.demo or consent.demo),
        status_list_id=list_id,
        status_index=index,
        assets=assets,
        binding=binding or None,
    )
    token = sign_compact(payload, key.private, key.kid)
    digest = hashlib.sha256(token.encode("ascii")).hexdigest()
    issued_at = clock.iso()
    tx.execute(
        "INSERT INTO tokens (id, consent_id, kid, issued_at, issued_by, valid_from, valid_until,"
        " operations, bindings, status_list, status_index, sha256)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            token_id,
            consent.consent_id,
            key.kid,
            issued_at,
            actor,
            iso(plan.valid_from),
            iso(plan.valid_until),
            json.dumps(list(plan.operations)),
            json.dumps(list(chosen_bindings)),
            list_id,
            index,
            digest,
        ),
    )
    event = events.append(
        tx, consent.consent_id, "token_issue",
        events.token_fields(token_id, list(plan.operations), list(chosen_bindings), list_id, index, digest,
                            key.kid, iso(plan.valid_from), iso(plan.valid_until)),
        actor=actor, record_hash=consent.record_hash, demo=consent.demo, token_id=token_id, key=key)
    audit.append(
        tx,
        actor,
        "token.issue",
        f"token:{token_id}",
        {
            "consent_id": consent.consent_id,
            "operations": list(plan.operations),
            "valid_from": iso(plan.valid_from),
            "valid_until": iso(plan.valid_until),
            "bindings": list(chosen_bindings),
            "kid": key.kid,
            "status_list": list_id,
            "sha256": digest,
            "demo": studio.demo or consent.demo,
            "event_hash": event.hash,
        },
    )
    return IssuedToken(token, token_id, payload, studio.demo or consent.demo)
