"""The usage ledger: signed usage receipts from tools, attached to the consent they were made under.

A receipt is accepted when its tool certificate chains to the studio's root and is not revoked,
its signature verifies, the token it names is one this studio issued (same id, consent and SHA-256),
and its ProduceID is new. Each receipt is imported in its own transaction with its audit entry;
bad ones are refused one by one with a coded reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography import x509

from consent_app import audit, clock
from consent_app.marking.errors import MarkError
from consent_app.marking.trust import TrustBundle, fingerprint
from consent_app.messages import Message, define
from consent_app.provenance import ca

MESSAGES = define(
    {
        "usage.imported": "imported: {operation} output {produce} under token {token}",
        "usage.unknown_token": "token {token} was not issued by this studio",
        "usage.token_mismatch": "the receipt's token details do not match token {token} as issued",
        "usage.duplicate": "a receipt for output {produce} is already in the ledger",
        "usage.no_ca": "this studio has no tool CA: no receipt can be trusted yet",
        "usage.unreadable": "cannot read {path}: {reason}",
    }
)


@dataclass(frozen=True)
class ImportResult:
    source: str
    ok: bool
    message: Message
    produce_id: str | None = None
    consent_id: str | None = None

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "ok": self.ok,
            "produceId": self.produce_id,
            "consentId": self.consent_id,
            **self.message.as_dict(),
        }


def studio_bundle(conn) -> TrustBundle | None:
    """The trust bundle straight from the store (root, former CAs, the allowed tools of retired roots, revoked
    serials, every tool certificate)."""
    root = ca.root_certificate(conn)
    if root is None:
        return None
    from consent_app.provenance import former

    bundle = TrustBundle(root)
    for old_root, cross in former.formers(conn):
        bundle.add_former(old_root, cross)
    bundle.allowed = {fingerprint(c): c for c in former.allowed_certificates(conn)}  # a rotated CA's tools
    for tool in ca.list_tools(conn):
        bundle.tools.append(x509.load_pem_x509_certificate(tool.certificate_pem.encode()))
        if tool.revoked_at:
            bundle.revoked.add(int(tool.serial))
    return bundle


def _check(conn, text: str, bundle: TrustBundle) -> tuple[dict, x509.Certificate]:
    from consent_app.marking import receipt

    payload, cert = receipt.verify(text, bundle)
    token = str(payload.get("tokenId", ""))
    row = conn.execute(
        "SELECT consent_id, sha256 FROM tokens WHERE id = ?", (token.removeprefix("urn:uuid:"),)
    ).fetchone()
    if row is None:
        raise MarkError(3, code="usage.unknown_token", token=token)
    if row[0] != payload.get("consentId") or row[1] != payload.get("tokenSha256"):
        raise MarkError(3, code="usage.token_mismatch", token=token)
    produce = str(payload.get("produceId", ""))
    if conn.execute("SELECT 1 FROM usage_receipts WHERE produce_id = ?", (produce,)).fetchone():
        raise MarkError(3, code="usage.duplicate", produce=produce)
    return payload, cert


def import_receipt(store, source: str, text: str, actor: str) -> ImportResult:
    """Verify one receipt and record it (one transaction with its audit entry)."""
    try:
        with store.transaction() as tx:
            bundle = studio_bundle(tx)
            if bundle is None:
                raise MarkError(3, code="usage.no_ca")
            payload, cert = _check(tx, text.strip(), bundle)
            output = payload.get("output") or {}
            token = str(payload["tokenId"]).removeprefix("urn:uuid:")
            phashes = [h for h in output.get("phash", []) if isinstance(h, str) and len(h) == 16]
            tx.execute(
                "INSERT INTO usage_receipts (produce_id, token_id, consent_id, operation, tool_serial,"
                " tool_name,"
                " output_sha256, phashes, made_at, receipt, imported_at, imported_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    payload["produceId"],
                    token,
                    payload["consentId"],
                    str(payload.get("operation", "")),
                    str(cert.serial_number),
                    payload["tool"]["name"],
                    str(output.get("sha256", "")),
                    json.dumps(phashes),
                    str(payload.get("madeAt", "")),
                    text.strip(),
                    clock.iso(),
                    actor,
                ),
            )
            audit.append(
                tx,
                actor,
                "usage.import",
                f"consent:{payload['consentId']}",
                {
                    "produceId": payload["produceId"],
                    "token": token,
                    "tool": fingerprint(cert),
                    "operation": payload.get("operation"),
                    "output": output.get("sha256"),
                },
            )
    except MarkError as exc:
        return ImportResult(
            source,
            False,
            exc.as_message() or Message("usage.unreadable", {"path": source, "reason": exc.message}),
        )
    return ImportResult(
        source,
        True,
        Message(
            "usage.imported",
            {
                "operation": payload.get("operation"),
                "produce": payload["produceId"],
                "token": payload["tokenId"],
            },
        ),
        payload["produceId"],
        payload["consentId"],
    )


@dataclass(frozen=True)
class Use:
    produce_id: str
    consent_id: str
    token_id: str
    operation: str
    tool: str
    output_sha256: str
    made_at: str
    phashes: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "produceId": self.produce_id,
            "consentId": self.consent_id,
            "tokenId": f"urn:uuid:{self.token_id}",
            "operation": self.operation,
            "tool": self.tool,
            "outputSha256": self.output_sha256,
            "madeAt": self.made_at,
        }


_USE = (
    "SELECT u.produce_id, u.consent_id, u.token_id, u.operation, u.tool_name, u.output_sha256, u.made_at,"
    " u.phashes FROM usage_receipts u"
)


def _uses(rows) -> list[Use]:
    return [Use(*r[:7], tuple(json.loads(r[7]))) for r in rows]


def uses_for_subject(conn, subject_id: str) -> list[Use]:
    return _uses(
        conn.execute(
            _USE + " JOIN consents c ON c.id = u.consent_id WHERE c.subject_id = ? ORDER BY u.made_at DESC",
            (subject_id,),
        )
    )


def uses_for_consent(conn, consent_id: str, operations: list[str] | None = None) -> list[Use]:
    uses = _uses(conn.execute(_USE + " WHERE u.consent_id = ? ORDER BY u.made_at", (consent_id,)))
    return [u for u in uses if operations is None or u.operation in operations]


def all_uses(conn) -> list[Use]:
    return _uses(conn.execute(_USE + " ORDER BY u.made_at"))
