"""Signed consent records in the store: write, read, verify, list; and the token grant.

What a consent *is* (active, partially withdrawn, withdrawn, erased; its tokens issued or revoked) is
computed by :mod:`consent_app.consent.state` from the signed record and its signed events, on every read.
The ``consents.state`` / ``withdrawn_categories`` / ``withdrawn_at`` columns are a cache for queries: each
read checks them against the events and a mismatch makes the consent fail verification ("stored state
disagrees with its signed events"). Every read that serves a decision (show, receipt, token grant,
withdrawal) uses :func:`get_verified`, which refuses a consent with any problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from consent_app import audit, clock
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.consent import categories as cats
from consent_app.consent import events as ev
from consent_app.consent import identity
from consent_app.consent import record as rec
from consent_app.consent import state as st
from consent_app.consent.events import SignedEvent
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.store import meta

MESSAGES = define({
    "consent.unknown": "no consent with id {consent}",
    "consent.unverified": "consent {consent} failed verification and is refused: {problems}",
    "consent.state_mismatch": "consent {consent}: stored state disagrees with its signed events ({detail})",
    "consent.demo_mismatch": "this consent is not marked demo but the database is a demo database",
    "consent.erased_binding": "consent {consent}: the subject's biometric data was erased; "
                              "a token cannot be bound to the {binding} template any more",
    "withdraw.reason_missing": "give the reason for the withdrawal",
    "withdraw.reason_too_long": "the reason is longer than {limit} characters",
    "withdraw.already_all": "consent {consent} is already fully withdrawn",
    "withdraw.not_covered": "consent {consent} does not cover {categories} (it covers {covered})",
    "withdraw.already": "{categories} already withdrawn from consent {consent}",
})

MAX_REASON = 1000
MISMATCH = "stored state disagrees with its signed events"

Event = SignedEvent  # the name earlier callers used


@dataclass(frozen=True)
class Consent:
    id: str
    subject_id: str
    session_id: str | None
    state: str  # from the signed events (no clock): active / partially_withdrawn / withdrawn / erased
    categories: tuple[str, ...]
    withdrawn_categories: tuple[str, ...]
    valid_from: str
    valid_until: str
    language: str
    terms_version: str
    terms_text: str
    terms_sha256: str
    record: dict
    record_hash: str
    proof: dict
    demo: bool
    created_at: str
    created_by: str
    withdrawn_at: str | None
    events: tuple[SignedEvent, ...] = ()
    verification: rec.Verification | None = None
    problems: tuple[str, ...] = field(default=())
    status: st.ConsentState | None = None

    @property
    def remaining_categories(self) -> tuple[str, ...]:
        return tuple(c for c in self.categories if c not in self.withdrawn_categories)

    @property
    def verified(self) -> bool:
        return not self.problems

    @property
    def tokens(self) -> tuple[st.TokenState, ...]:
        return self.status.tokens if self.status else ()

    def signed_document(self) -> dict:
        return {"record": self.record, "proof": self.proof, "events": [e.document() for e in self.events]}


_COLUMNS = ("id, subject_id, session_id, state, categories, withdrawn_categories, valid_from, valid_until, "
            "language, terms_version, terms_text, terms_sha256, record, record_hash, kid, signature, demo, "
            "created_at, created_by, withdrawn_at")


def insert(tx, *, consent_id: str, subject_id: str, session_id: str | None, body: dict, terms_text: str,
           terms_version: str, language: str, actor: str, identity_values: dict[str, str] | None = None
           ) -> Consent:
    """Sign ``body`` with the studio's active key and store it (caller's transaction; audited).

    The subject's name (and ``identity_values``, see :mod:`consent_app.consent.identity`) are bound to
    the record as salted commitments in ``dataSubject.commitments`` before it is signed.
    """
    committed = identity.commit(tx, consent_id, subject_id, identity_values)
    body = {**body, "dataSubject": {**body["dataSubject"], "commitments": committed}}
    key = signing.active_key(tx)
    proof = rec.make_proof(body, key)
    record_json = canonical_json(body).decode()
    categories = body["purposes"][0]["processing"]
    tx.execute(
        f"INSERT INTO consents ({_COLUMNS}) VALUES "  # noqa: S608 - constant column list
        "(?, ?, ?, 'active', ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (consent_id, subject_id, session_id, json.dumps(categories), body["validity"]["from"],
         body["validity"]["until"], language, terms_version, terms_text, sha256_hex(terms_text.encode()),
         record_json, proof["hash"], proof["kid"], proof["signatureValue"], int(bool(body["demo"])),
         body["createdAt"], actor),
    )
    audit.append(tx, actor, "consent.create", f"consent:{consent_id}",
                 {"subject_id": subject_id, "session_id": session_id, "categories": categories,
                  "valid_from": body["validity"]["from"], "valid_until": body["validity"]["until"],
                  "record_hash": proof["hash"], "kid": proof["kid"], "terms_version": terms_version,
                  "language": language, "demo": bool(body["demo"]),
                  "commitments": sorted(committed)})
    return get(tx, consent_id)


def _row(conn, consent_id: str):
    row = conn.execute(f"SELECT {_COLUMNS} FROM consents WHERE id = ?",  # noqa: S608 - constant columns
                       (consent_id,)).fetchone()
    if row is None:
        raise InputError(code="consent.unknown", consent=consent_id)
    return row


def get(conn, consent_id: str, keys: dict | None = None) -> Consent:
    """The consent with its state computed from its signed events, each verified (any key rotation)."""
    (cid, subject_id, session_id, state_col, categories, withdrawn_col, valid_from, valid_until, language,
     terms_version, terms_text, terms_sha256, record_json, record_hash, kid, signature, demo, created_at,
     created_by, withdrawn_at_col) = _row(conn, consent_id)
    keys = signing.public_key_map(conn) if keys is None else keys
    problems: list[str] = []
    try:
        body = json.loads(record_json)
    except ValueError:
        body = {}
        problems.append("the stored record is not valid JSON")
    proof = {"type": rec.PROOF_TYPE, "kid": kid, "hash": record_hash, "signatureValue": signature}
    verification = rec.verify(body, proof, keys)
    if not verification.ok:
        problems.append(f"record signature: {verification.reason}")
    elif canonical_json(body).decode() != record_json:
        problems.append("the record is not stored in canonical form")
    stored_categories = json.loads(categories)
    if verification.ok:
        problems.extend(_record_mismatch(body, consent_id, subject_id, stored_categories, valid_from,
                                         valid_until, terms_sha256, terms_text, bool(demo)))
        problems.extend(identity.problems(conn, consent_id, subject_id, body))
    signed_categories = (body.get("purposes") or [{}])[0].get("processing") or stored_categories
    status = st.load(conn, consent_id, record_hash, signed_categories, keys)
    problems.extend(status.problems)
    problems.extend(_cache_mismatch(status, state_col, withdrawn_col, withdrawn_at_col))
    return Consent(cid, subject_id, session_id, status.state, tuple(signed_categories), status.withdrawn,
                   valid_from, valid_until, language, terms_version, terms_text, terms_sha256, body,
                   record_hash, proof, bool(demo), created_at, created_by, status.withdrawn_at, status.events,
                   verification, tuple(problems), status)


def _cache_mismatch(status: st.ConsentState, state_col: str, withdrawn_col: str,
                    withdrawn_at_col: str | None) -> list[str]:
    try:
        cached = set(json.loads(withdrawn_col))
    except (TypeError, ValueError):
        cached = None
    computed = (status.cache_state, set(status.withdrawn), status.withdrawn_at)
    if (state_col, cached, withdrawn_at_col) == computed:
        return []
    return [f"{MISMATCH} (columns say {state_col}, withdrawn {sorted(cached or ())}; the events say "
            f"{status.cache_state}, withdrawn {list(status.withdrawn)})"]


def write_cache(tx, consent_id: str) -> st.ConsentState:
    """Recompute the consent's state from its events and store the cached columns (after an event)."""
    status = st.of_consent(tx, consent_id)
    tx.execute("UPDATE consents SET state = ?, withdrawn_categories = ?, withdrawn_at = ? WHERE id = ?",
               (status.cache_state, json.dumps(list(status.withdrawn)), status.withdrawn_at, consent_id))
    return status


def _record_mismatch(body: dict, consent_id: str, subject_id: str, categories: list[str], valid_from: str,
                     valid_until: str, terms_sha256: str, terms_text: str, demo: bool) -> list[str]:
    """The table's columns must say what the signed record says (they are what lists show)."""
    out = []
    expected = {
        "record id": (body.get("recordId"), f"urn:uuid:{consent_id}"),
        "subject": (body.get("dataSubject", {}).get("id"), f"urn:uuid:{subject_id}"),
        "categories": (body.get("purposes", [{}])[0].get("processing"), categories),
        "validity": ((body.get("validity", {}).get("from"), body.get("validity", {}).get("until")),
                     (valid_from, valid_until)),
        "terms hash": (body.get("notice", {}).get("sha256"), terms_sha256),
        "demo flag": (body.get("demo"), demo),
    }
    for name, (signed, stored) in expected.items():
        if signed != stored:
            out.append(f"the stored {name} differs from the signed record")
    if sha256_hex(terms_text.encode()) != terms_sha256:
        out.append("the stored terms text differs from the text the subject was shown")
    return out


def get_verified(conn, consent_id: str) -> Consent:
    """:func:`get`, refusing a consent whose record, events or cached state do not verify."""
    consent = get(conn, consent_id)
    if consent.problems:
        mismatch = next((p for p in consent.problems if p.startswith(MISMATCH)), None)
        if mismatch is not None:
            raise PolicyError(code="consent.state_mismatch", consent=consent_id,
                              detail=mismatch.removeprefix(MISMATCH).strip(" ()"))
        raise PolicyError(code="consent.unverified", consent=consent_id, problems="; ".join(consent.problems))
    return consent


def list_consents(conn, subject_id: str | None = None) -> list[Consent]:
    sql, params = "SELECT id FROM consents", ()
    if subject_id is not None:
        sql, params = sql + " WHERE subject_id = ?", (subject_id,)
    ids = [r[0] for r in conn.execute(sql + " ORDER BY created_at, rowid", params)]
    keys = signing.public_key_map(conn)
    return [get(conn, cid, keys) for cid in ids]


def effective_state(consent: Consent, at: datetime | None = None) -> str:
    """withdrawn / erased / expired / not_yet_valid / partially_withdrawn / active (events + clock)."""
    if consent.status is None:
        return consent.state
    return consent.status.effective(consent.valid_from, consent.valid_until, at)


# -- withdrawal ----------------------------------------------------------------------------------------
def withdraw(tx, consent_id: str, *, categories: list[str] | tuple[str, ...] | None, reason: str,
             staff: str, revoke=None) -> SignedEvent:
    """Withdraw the whole consent (``categories`` None/empty) or single categories, in ``tx``.

    Writes a signed ``withdrawal`` event (naming the record and the events seen), a signed ``revocation``
    event for every live token carrying a withdrawn category (``revoke`` defaults to
    :func:`consent_app.tokens.revoke_for_consent`), refreshes the cached columns from the events, and
    audits it — all in the caller's transaction. Returns the withdrawal event (``seq`` set).
    """
    consent = get_verified(tx, consent_id)
    reason = reason.strip()
    if not reason:
        raise InputError(code="withdraw.reason_missing")
    if len(reason) > MAX_REASON:
        raise InputError(code="withdraw.reason_too_long", limit=MAX_REASON)
    remaining = consent.remaining_categories
    if not remaining:
        raise PolicyError(code="withdraw.already_all", consent=consent_id)
    if categories:
        chosen = cats.normalise(categories)
        not_in = [c for c in chosen if c not in consent.categories]
        if not_in:
            raise InputError(code="withdraw.not_covered", consent=consent_id, categories=not_in,
                             covered=list(consent.categories))
        already = [c for c in chosen if c in consent.withdrawn_categories]
        if already:
            raise PolicyError(code="withdraw.already", categories=already, consent=consent_id)
    else:
        chosen = remaining
    left = [c for c in remaining if c not in chosen]
    event = ev.append(tx, consent_id, "withdrawal",
                      {"categories": list(chosen), "remaining": left, "reason": reason},
                      actor=staff, record_hash=consent.record_hash, demo=consent.demo)
    if revoke is None:
        from consent_app.tokens.revocation import revoke_for_consent as revoke
    revoked = revoke(tx, consent_id, None if not left else list(chosen), staff,
                     f"consent withdrawn: {reason}")
    status = write_cache(tx, consent_id)
    audit.append(tx, staff, "consent.withdraw", f"consent:{consent_id}",
                 {"event_id": event.id, "categories": list(chosen), "remaining": left,
                  "state": status.cache_state, "event_hash": event.hash, "kid": event.kid,
                  "revoked_tokens": list(revoked)})
    return next(e for e in status.events if e.hash == event.hash)


# -- what tokens may carry ------------------------------------------------------------------------------
def grant(conn, consent_id: str):
    """The :class:`consent_app.tokens.ConsentGrant` of a consent whose record verifies."""
    from consent_app.tokens.grant import ConsentGrant

    consent = get_verified(conn, consent_id)
    body = consent.record
    studio = meta.studio(conn)
    if studio.demo and not consent.demo:
        raise PolicyError(code="consent.demo_mismatch")
    evidence = body.get("evidence", {})
    idv = evidence.get("identityVerification") or {}
    liveness = evidence.get("liveness") or {}
    summary = {
        "verificationMethods": [m for m, present in (
            ("face_vs_id_document", bool(idv)), ("active_liveness", bool(liveness)),
            ("speaker_verification", bool(evidence.get("statement")))) if present],
        "faceMatch": ({k: idv.get(k) for k in ("match", "distance", "threshold", "model")}
                      if idv else None),
        "liveness": {k: liveness.get(k) for k in ("passed", "challenge")} if liveness else None,
        "identityOverride": bool(evidence.get("identityOverride")),
    }
    statement = evidence.get("statement")
    if statement:
        summary["voiceMatch"] = {k: statement.get(k) for k in ("speaker_similarity", "speaker_threshold",
                                                               "transcript_score", "passed")}
    return ConsentGrant(
        consent_id=consent.id,
        subject_id=consent.subject_id,
        operations=consent.categories,
        project=body["purposes"][0]["project"],
        purpose=body["purposes"][0]["purpose"],
        territory=tuple(body["territory"]),
        prohibited_uses=tuple(body["prohibitedUses"]),
        marking=body["marking"]["explicitLabel"],
        valid_from=clock.parse_iso(consent.valid_from),
        valid_until=clock.parse_iso(consent.valid_until),
        record_hash=consent.record_hash,
        evidence=summary,
        withdrawn_operations=consent.withdrawn_categories,
        withdrawn_at=clock.parse_iso(consent.withdrawn_at) if consent.withdrawn_at else None,
        demo=consent.demo,
        biometrics_erased=consent.status is not None and consent.status.erased_at is not None,
    )
