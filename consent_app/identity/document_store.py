"""Identity documents in the encrypted store: write one with its commitment salts, find a number on
other subjects (the document duplicate check, like the 1:N face search)."""

from __future__ import annotations

import json
import uuid

from consent_app import clock
from consent_app.identity.document import DocumentData


def write(tx, document: DocumentData, *, subject_id: str, session_id: str) -> str:
    row_id = str(uuid.uuid4())
    f = document.fields
    tx.execute(
        "INSERT INTO identity_documents (id, subject_id, session_id, source, format, document_type, "
        "issuing_state, document_number, surname, given_names, birth_date, expiry_date, nationality, sex, "
        "checksum_ok, salts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row_id, subject_id, session_id, document.source, document.format, f.get("documentType", ""),
         f.get("issuingState", ""), f.get("documentNumber", ""), f.get("surname", ""),
         f.get("givenNames", ""), f.get("birthDate", ""), f.get("expiryDate", ""), f.get("nationality", ""),
         f.get("sex", ""), int(document.checksum_ok),
         json.dumps({k: v.hex() for k, v in document.salts.items()}, sort_keys=True), clock.iso()))
    return row_id


def subjects_with_number(conn, document: DocumentData, *, exclude: str | None = None) -> tuple[str, ...]:
    """Other subjects on whom the same document (issuing state and number) was recorded."""
    rows = conn.execute(
        "SELECT DISTINCT subject_id FROM identity_documents WHERE document_number = ? AND issuing_state = ?",
        (document.fields.get("documentNumber", ""), document.fields.get("issuingState", ""))).fetchall()
    return tuple(sorted(r[0] for r in rows if r[0] != exclude))


def salts_of(conn, subject_id: str) -> list[dict[str, bytes]]:
    rows = conn.execute("SELECT salts FROM identity_documents WHERE subject_id = ? ORDER BY created_at",
                        (subject_id,)).fetchall()
    return [{k: bytes.fromhex(v) for k, v in json.loads(r[0]).items()} for r in rows]
