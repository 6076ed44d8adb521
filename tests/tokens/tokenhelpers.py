"""Helpers for token tests: real Ed25519 keys, real status lists, tokens built by the app."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app.tokens.credential import issuer_for, plan_token, token_payload
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.signing import jwks, sign_compact
from consent_app.tokens.statuslist import new_bitstring, set_bit, status_list_payload
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify.jose import b64url_encode

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
STUDIO_ID = "5f0c4a52-8a0e-4d6c-9a55-3d1c2b7a9e01"
LIST_ID = "urn:uuid:0b7c52a1-4b9e-4f7e-8d2a-6a1e2f3c4d5e"


def forge(header: dict, payload: dict, key: Ed25519PrivateKey | None) -> str:
    """A compact JWS with an arbitrary header (for attacks the app itself never makes)."""
    h = b64url_encode(json.dumps(header).encode())
    p = b64url_encode(json.dumps(payload).encode())
    sig = key.sign(f"{h}.{p}".encode()) if key is not None else b""
    return f"{h}.{p}.{b64url_encode(sig)}"


def make_grant(**changes: object) -> ConsentGrant:
    fields: dict = {
        "consent_id": str(uuid.uuid4()),
        "subject_id": str(uuid.uuid4()),
        "operations": ("face_swap", "tts_voice_clone", "face_attribute_edit"),
        "project": "Feature film 'Moonrise'",
        "purpose": "De-ageing shots in act 2",
        "territory": ("CN", "worldwide-streaming"),
        "prohibited_uses": ("political content", "advertising"),
        "marking": "AI-generated (人工智能生成) — consent on file",
        "valid_from": NOW - timedelta(days=1),
        "valid_until": NOW + timedelta(days=90),
        "record_hash": "sha256:" + "ab" * 32,
        "evidence": {
            "verificationMethods": ["face_vs_id_document", "liveness_challenge"],
            "faceMatchDistance": 0.41,
            "faceMatchThreshold": 0.6,
            "liveness": "passed",
        },
    }
    fields.update(changes)
    return ConsentGrant(**fields)


class Studio:
    """A studio's keys and status list, in memory (the store-backed path has its own tests)."""

    def __init__(self, demo: bool = False) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.kid = "studio-key-1"
        self.issuer = issuer_for(STUDIO_ID, "Lantern Pictures", demo)
        self.bits = new_bitstring()
        self.next_index = 4242
        self.demo = demo

    @property
    def jwks(self) -> dict:
        return jwks([(self.kid, self.key.public_key())])

    @property
    def keyset(self) -> KeySet:
        return KeySet.from_jwks(self.jwks)

    def payload(self, grant: ConsentGrant | None = None, **plan_args: object) -> dict:
        grant = grant or make_grant(demo=self.demo)
        plan = plan_token(grant, NOW, **plan_args)
        self.next_index += 7
        return token_payload(
            grant,
            plan,
            token_id=str(uuid.uuid4()),
            issuer=self.issuer,
            status_list_id=LIST_ID,
            status_index=self.next_index,
        )

    def token(self, grant: ConsentGrant | None = None, **plan_args: object) -> str:
        return sign_compact(self.payload(grant, **plan_args), self.key, self.kid)

    def status_jwt(
        self,
        valid_from: datetime = NOW - timedelta(hours=1),
        valid_until: datetime = NOW + timedelta(hours=23),
        key: Ed25519PrivateKey | None = None,
        issuer: dict | None = None,
        list_id: str = LIST_ID,
    ) -> str:
        payload = status_list_payload(list_id, issuer or self.issuer, self.bits, valid_from, valid_until)
        return sign_compact(payload, key or self.key, self.kid)

    def revoke(self, token: str) -> None:
        payload = json.loads(_b64d(token.split(".")[1]))
        set_bit(self.bits, int(payload["credentialStatus"]["statusListIndex"]))

    def verifier(self, status: str | None = None) -> Verifier:
        keys = self.keyset
        lists = StatusLists.from_bytes((status or self.status_jwt()).encode(), keys)
        return Verifier(keys, lists)


def _b64d(text: str) -> bytes:
    from consent_app.verify.jose import b64url_decode

    return b64url_decode(text)


def record_consent(store, categories=("face_swap", "tts_voice_clone"), *, days=365, demo=False):
    """A real signed consent record (consent module API) for a new subject; returns (consent_id, subject_id).

    The capture session itself is covered by the session tests; here only the record matters.
    """
    from consent_app import clock
    from consent_app.canonical import sha256_hex
    from consent_app.consent import records
    from consent_app.consent.record import build_record

    consent_id, subject_id = str(uuid.uuid4()), str(uuid.uuid4())
    start = clock.now().replace(microsecond=0)
    terms = "Terms v1 (test): I agree to the edits I ticked."
    details = {
        "project": "Feature film 'Harbour'",
        "purpose": "Digital double for stunt scenes",
        "validFrom": clock.iso(start),
        "validUntil": clock.iso(start + timedelta(days=days)),
        "territory": ["CN", "HK"],
        "channels": ["cinema"],
        "prohibitedUses": ["political advertising"],
        "marking": "AI-generated / 人工智能生成",
        "retentionDays": 180,
        "withdrawalContact": "privacy@studio.example",
        "complaintsContact": "privacy@studio.example",
    }
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
            (subject_id, "Recorded Person", clock.iso(), "admin"),
        )
        body = build_record(
            consent_id=consent_id,
            studio={"id": "urn:uuid:studio", "name": "Test Studio"},
            subject={"id": f"urn:uuid:{subject_id}"},
            attester={"role": "subject"},
            session={"id": None},
            categories=list(categories),
            details=details,
            notice={"version": "v1", "language": "en", "sha256": sha256_hex(terms.encode())},
            evidence={},
            collector={"staff": "op"},
            created_at=clock.iso(start),
            demo=demo,
        )
        records.insert(
            tx, consent_id=consent_id, subject_id=subject_id, session_id=None, body=body,
            terms_text=terms, terms_version="v1", language="en", actor="op",
        )  # fmt: skip
    return consent_id, subject_id
