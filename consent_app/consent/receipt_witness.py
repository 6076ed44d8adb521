"""The witness a withdrawal receipt carries: the signed withdrawal event and the audit head after it.

It is attached to the receipt PDF as ``withdrawal-witness.json`` (a standard embedded file, which
any PDF reader lists): the subject keeps the one copy of the studio's history the studio does not
control. ``consent-app audit verify --witness RECEIPT.pdf`` checks the store still extends it.
"""

from __future__ import annotations

import io

from consent_app import audit, clock
from consent_app.canonical import canonical_json

RECEIPT_WITNESS_FORMAT = "consent_app.withdrawal-witness"
RECEIPT_ATTACHMENT = "withdrawal-witness.json"


def _entry_of(conn, consent_id: str, event_id: str) -> tuple[int, str] | None:
    """(seq, hash) of the audit entry that recorded the event: the head right after it."""
    row = conn.execute(  # a withdrawal event (event_id) or a signed event (consent.event, id)
        "SELECT seq, hash FROM audit WHERE target = ? AND (json_extract(details, '$.event_id') = ? OR "
        "(action = 'consent.event' AND json_extract(details, '$.id') = ?)) ORDER BY seq LIMIT 1",
        (f"consent:{consent_id}", event_id, event_id)).fetchone()
    return (row[0], row[1]) if row else None


def withdrawal_witness(conn, consent, event) -> dict:
    """The signed witness of one withdrawal event (``records.Event``) of ``consent``."""
    from consent_app.crypto.keys import active_key
    from consent_app.store import meta

    entry = _entry_of(conn, consent.id, event.id)
    count, head = entry if entry is not None else audit.head(conn)
    key = active_key(conn)
    body = {"format": RECEIPT_WITNESS_FORMAT, "version": 1, "studio": meta.studio(conn).id,
            "consent": consent.id, "record_hash": consent.record_hash,
            "event": {"id": event.id, "body": event.body, "proof": event.proof},
            "audit": {"count": count, "head": head}, "created_at": clock.iso(), "kid": key.kid}
    return {**body, "signature": key.sign(canonical_json(body)).hex()}


def attach(pdf: bytes, witness: dict) -> bytes:
    """``pdf`` with the witness embedded as ``withdrawal-witness.json``."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(RECEIPT_ATTACHMENT, canonical_json(witness))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def extract(pdf: bytes) -> dict | None:
    """The witness embedded in a receipt PDF, or None."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from consent_app.verify.strictjson import loads

    try:
        attachments = PdfReader(io.BytesIO(pdf)).attachments
        data = attachments.get(RECEIPT_ATTACHMENT)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None
    if not data:
        return None
    try:
        doc = loads(data[0].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return doc if isinstance(doc, dict) else None
