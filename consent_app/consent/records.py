"""Signed consent records in the store: write, read, verify, list, withdraw; and the token grant.

Every read that serves a decision (show, receipt, token grant, withdrawal) verifies the record's
signature and every event's first and refuses a record that no longer verifies.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from consent_app import audit, clock
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.consent import categories as cats
from consent_app.consent import record as rec
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.store import meta

MESSAGES = define({
    "consent.unknown": "no consent with id {consent}",
    "consent.unverified": "consent {consent} failed verification and is refused: {problems}",
    "withdraw.reason_missing": "give the reason for the withdrawal",
    "withdraw.reason_too_long": "the reason is longer than {limit} characters",
    "withdraw.already_all": "consent {consent} is already fully withdrawn",
    "withdraw.not_covered": "consent {consent} does not cover {categories} (it covers {covered})",
    "withdraw.already": "{categories} already withdrawn from consent {consent}",
})

MAX_REASON = 1000


@dataclass(frozen=True)
class Event:
    id: str
    seq: int
    kind: str
    categories: tuple[str, ...]
    at: str
    staff: str
    body: dict
    proof: dict
    verification: rec.Verification | None = None


@dataclass(frozen=True)
class Consent:
    id: str
    subject_id: str
    session_id: str | None
    state: str
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
    events: tuple[Event, ...] = ()
    verification: rec.Verification | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def remaining_categories(self) -> tuple[str, ...]:
        return tuple(c for c in self.categories if c not in self.withdrawn_categories)

    @property
    def verified(self) -> bool:
        return not self.problems

    def signed_document(self) -> dict:
        return {"record": self.record, "proof": self.proof,
                "events": [{"event": e.body, "proof": e.proof} for e in self.events]}


_COLUMNS = ("id, subject_id, session_id, state, categories, withdrawn_categories, valid_from, valid_until, "
            "language, terms_version, terms_text, terms_sha256, record, record_hash, kid, signature, demo, "
            "created_at, created_by, withdrawn_at")


def insert(tx, *, consent_id: str, subject_id: str, session_id: str | None, body: dict, terms_text: str,
           terms_version: str, language: str, actor: str) -> Consent:
    """Sign ``body`` with the studio's active key and store it (caller's transaction; audited)."""
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
                  "language": language, "demo": bool(body["demo"])})
    return get(tx, consent_id)


def _row(conn, consent_id: str):
    row = conn.execute(f"SELECT {_COLUMNS} FROM consents WHERE id = ?",  # noqa: S608 - constant columns
                       (consent_id,)).fetchone()
    if row is None:
        raise InputError(code="consent.unknown", consent=consent_id)
    return row


def _events(conn, consent_id: str, keys: dict) -> list[Event]:
    out = []
    for eid, seq, kind, categories, at, staff_name, body, kid, signature in conn.execute(
            "SELECT id, seq, kind, categories, at, staff, body, kid, signature FROM consent_events "
            "WHERE consent_id = ? ORDER BY seq", (consent_id,)):
        parsed = json.loads(body)
        proof = {"type": rec.PROOF_TYPE, "kid": kid, "hash": "sha256:" + sha256_hex(body.encode()),
                 "signatureValue": signature}
        check = rec.verify(parsed, proof, keys)
        if check.ok and canonical_json(parsed).decode() != body:
            check = rec.Verification(False, kid, "the event is not stored in canonical form")
        out.append(Event(eid, seq, kind, tuple(json.loads(categories)), at, staff_name, parsed, proof, check))
    return out


def get(conn, consent_id: str) -> Consent:
    """The consent with its events, each verified against the studio's keys (any rotation)."""
    (cid, subject_id, session_id, state, categories, withdrawn, valid_from, valid_until, language,
     terms_version, terms_text, terms_sha256, record_json, record_hash, kid, signature, demo, created_at,
     created_by, withdrawn_at) = _row(conn, consent_id)
    keys = signing.public_key_map(conn)
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
    if verification.ok:
        problems.extend(_record_mismatch(body, consent_id, subject_id, json.loads(categories), valid_from,
                                         valid_until, terms_sha256, terms_text, bool(demo)))
    events = _events(conn, consent_id, keys)
    previous = record_hash
    for e in events:
        if e.verification is not None and not e.verification.ok:
            problems.append(f"event {e.seq}: {e.verification.reason}")
        elif e.body.get("previous") != previous or e.body.get("recordId") != f"urn:uuid:{consent_id}":
            problems.append(f"event {e.seq} is not chained to this record (removed, moved or inserted)")
        previous = e.proof["hash"]
    return Consent(cid, subject_id, session_id, state, tuple(json.loads(categories)),
                   tuple(json.loads(withdrawn)), valid_from, valid_until, language, terms_version, terms_text,
                   terms_sha256, body, record_hash, proof, bool(demo), created_at, created_by, withdrawn_at,
                   tuple(events), verification, tuple(problems))


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
    """:func:`get`, refusing a consent whose record or events no longer verify."""
    consent = get(conn, consent_id)
    if consent.problems:
        raise PolicyError(code="consent.unverified", consent=consent_id, problems="; ".join(consent.problems))
    return consent


def list_consents(conn, subject_id: str | None = None) -> list[Consent]:
    sql, params = "SELECT id FROM consents", ()
    if subject_id is not None:
        sql, params = sql + " WHERE subject_id = ?", (subject_id,)
    ids = [r[0] for r in conn.execute(sql + " ORDER BY created_at, rowid", params)]
    return [get(conn, cid) for cid in ids]


def effective_state(consent: Consent, at: datetime | None = None) -> str:
    """active / partially_withdrawn / withdrawn, or expired / not_yet_valid by the clock."""
    if consent.state == "withdrawn":
        return "withdrawn"
    now = at or clock.now()
    if now >= clock.parse_iso(consent.valid_until):
        return "expired"
    if now < clock.parse_iso(consent.valid_from):
        return "not_yet_valid"
    return consent.state


# -- withdrawal ----------------------------------------------------------------------------------------
def withdraw(tx, consent_id: str, *, categories: list[str] | tuple[str, ...] | None, reason: str,
             staff: str, revoke=None) -> Event:
    """Withdraw the whole consent (``categories`` None/empty) or single categories, in ``tx``.

    Writes a signed event chained to the record (or the previous event), marks the consent, revokes
    every token carrying a withdrawn category (``revoke`` defaults to the tokens module's
    ``revoke_for_consent``), and audits it — all in the caller's transaction.
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
    at = clock.iso()
    seq = len(consent.events) + 1
    previous = consent.events[-1].proof["hash"] if consent.events else consent.record_hash
    event_id = str(uuid.uuid4())
    body = rec.build_event(event_id=event_id, consent_id=consent_id, seq=seq, previous_hash=previous,
                           kind="withdrawal", categories=list(chosen), remaining=left, reason=reason,
                           staff=staff, at=at, demo=consent.demo)
    key = signing.active_key(tx)
    proof = rec.make_proof(body, key)
    tx.execute(
        "INSERT INTO consent_events (id, consent_id, seq, kind, categories, at, staff, body, body_hash, kid, "
        "signature) VALUES (?, ?, ?, 'withdrawal', ?, ?, ?, ?, ?, ?, ?)",
        (event_id, consent_id, seq, json.dumps(list(chosen)), at, staff, canonical_json(body).decode(),
         proof["hash"], proof["kid"], proof["signatureValue"]),
    )
    withdrawn = [c for c in consent.categories if c in consent.withdrawn_categories or c in chosen]
    state = "withdrawn" if not left else "partially_withdrawn"
    tx.execute("UPDATE consents SET state = ?, withdrawn_categories = ?, withdrawn_at = ? WHERE id = ?",
               (state, json.dumps(withdrawn), at if not left else None, consent_id))
    if revoke is None:
        from consent_app.tokens import revoke_for_consent as revoke
    revoked = revoke(tx, consent_id, None if not left else list(chosen), staff,
                     f"consent withdrawn: {reason}") if _has_tokens_table(tx) else []
    audit.append(tx, staff, "consent.withdraw", f"consent:{consent_id}",
                 {"event_id": event_id, "seq": seq, "categories": list(chosen), "remaining": left,
                  "state": state, "event_hash": proof["hash"], "kid": proof["kid"],
                  "revoked_tokens": list(revoked)})
    return Event(event_id, seq, "withdrawal", tuple(chosen), at, staff, body, proof,
                 rec.Verification(True, key.kid))


def _has_tokens_table(conn) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").fetchone() \
        is not None


# -- what tokens may carry ------------------------------------------------------------------------------
def grant(conn, consent_id: str):
    """The :class:`consent_app.tokens.ConsentGrant` of a consent whose record verifies."""
    from consent_app.tokens.grant import ConsentGrant

    consent = get_verified(conn, consent_id)
    body = consent.record
    studio = meta.studio(conn)
    if studio.demo and not consent.demo:
        raise PolicyError("this consent is not marked demo but the database is a demo database")
    evidence = body.get("evidence", {})
    identity = evidence.get("identityVerification") or {}
    liveness = evidence.get("liveness") or {}
    summary = {
        "verificationMethods": [m for m, present in (
            ("face_vs_id_document", bool(identity)), ("active_liveness", bool(liveness)),
            ("speaker_verification", bool(evidence.get("statement")))) if present],
        "faceMatch": ({k: identity.get(k) for k in ("match", "distance", "threshold", "model")}
                      if identity else None),
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
    )
