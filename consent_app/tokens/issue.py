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
from consent_app.store import meta
from consent_app.tokens import bindings as binding_sources
from consent_app.tokens.credential import issuer_for, plan_token, token_payload
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.signing import sign_compact
from consent_app.tokens.statuslist import iso
from consent_app.tokens.statuslists import allocate_index

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
        raise InputError(f"unknown binding(s) {', '.join(unknown)}; choose from {', '.join(BINDINGS)}")
    return chosen


def issue(
    tx,
    consent: ConsentGrant,
    operations: Iterable[str] | None = None,
    until: datetime | None = None,
    bindings: Iterable[str] = (),
    *,
    actor: str,
    now: datetime | None = None,
) -> IssuedToken:
    """Sign a token for ``consent`` (never more than it allows), record it and audit it."""
    chosen_bindings = _check_bindings(bindings)
    ops = list(operations) if operations is not None else None
    plan = plan_token(consent, now or clock.now(), ops or None, until)
    studio = meta.studio(tx)
    if studio.demo and not consent.demo:
        raise PolicyError("this is a demo database: its consents must be marked demo")
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
    tx.execute(
        "INSERT INTO tokens (id, consent_id, kid, issued_at, issued_by, valid_from, valid_until,"
        " operations, bindings, status_list, status_index, sha256)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            token_id,
            consent.consent_id,
            key.kid,
            clock.iso(),
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
        },
    )
    return IssuedToken(token, token_id, payload, studio.demo or consent.demo)


def tokens_carrying(conn, consent_id: str, operations: Iterable[str] | None) -> list[tuple[str, list, str]]:
    """The live tokens of ``consent_id`` carrying any of ``operations`` (None: all of them).

    These are exactly the tokens a withdrawal of ``operations`` revokes: ``(id, operations, valid_until)``.
    """
    withdrawn = set(operations or ())
    rows = conn.execute(
        "SELECT id, operations, valid_until FROM tokens WHERE consent_id = ? AND revoked_at IS NULL "
        "ORDER BY issued_at",
        (consent_id,),
    ).fetchall()
    return [(tid, json.loads(ops), until) for tid, ops, until in rows
            if not withdrawn or withdrawn & set(json.loads(ops))]


def revoke_for_consent(
    tx,
    consent_id: str,
    operations: Iterable[str] | None,
    actor: str,
    reason: str = "consent withdrawn",
) -> list[str]:
    """Revoke every live token of ``consent_id`` that carries any of ``operations``.

    ``operations`` None (or empty) means the whole consent. A token is revoked as a whole: a
    token for face_swap + tts_voice_clone dies when either is withdrawn (issue a new one for
    what remains). Returns the revoked token ids; audited in the caller's transaction.
    """
    withdrawn = set(operations or ())
    hit = [token_id for token_id, _ops, _until in tokens_carrying(tx, consent_id, operations)]
    now = clock.iso()
    for token_id in hit:
        tx.execute(
            "UPDATE tokens SET revoked_at = ?, revoked_by = ?, revoked_reason = ? WHERE id = ?",
            (now, actor, reason, token_id),
        )
        audit.append(
            tx,
            actor,
            "token.revoke",
            f"token:{token_id}",
            {"consent_id": consent_id, "operations": sorted(withdrawn), "reason": reason},
        )
    return hit


def revoke_token(tx, token_id: str, actor: str, reason: str) -> bool:
    """Revoke one token (by its uuid); False when it is unknown or already revoked. Audited."""
    row = tx.execute(
        "SELECT consent_id FROM tokens WHERE id = ? AND revoked_at IS NULL", (token_id,)
    ).fetchone()
    if row is None:
        return False
    tx.execute(
        "UPDATE tokens SET revoked_at = ?, revoked_by = ?, revoked_reason = ? WHERE id = ?",
        (clock.iso(), actor, reason, token_id),
    )
    audit.append(tx, actor, "token.revoke", f"token:{token_id}", {"consent_id": row[0], "reason": reason})
    return True
