"""Binding the subject's identifying data to the signed record with salted commitments.

A new record carries ``dataSubject.commitments = {field: commitment}`` (see
:mod:`consent_app.crypto.commitments`): ``name`` always (the subject's name as stored in ``subjects``), and
any further field another part of the app commits (document number, birth date, ...). The salts stay in the
encrypted store (``commitment_salts``, append-only). Every read of a consent recomputes each commitment from
the value the store holds now, so editing the subjects table (moving a consent to another person) makes the
consent fail verification.

To add a field: ``register_field("document_number", reader)`` once at import time, where
``reader(conn, subject_id) -> str | None`` returns the value the store holds now; then pass the value when the
record is written (``records.insert(..., identity={"document_number": "E12345678"})``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from consent_app.crypto import commitments
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "identity.unknown_field": "identity field {field} has no registered reader; register_field() it first",
    "identity.no_value": "identity field {field} has no value for subject {subject}",
})

Reader = Callable[[object, str], "str | None"]


def _name(conn, subject_id: str) -> str | None:
    row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (subject_id,)).fetchone()
    return row[0] if row else None


_READERS: dict[str, Reader] = {"name": _name}


def register_field(field: str, reader: Reader) -> None:
    """Make ``field`` committable: ``reader(conn, subject_id)`` gives the value the store holds now."""
    if not field.isidentifier():
        raise ValueError(f"identity field {field!r} must be an identifier")
    _READERS[field] = reader


def commit(tx, consent_id: str, subject_id: str, values: Mapping[str, str] | None = None) -> dict[str, str]:
    """Commitments for the record of ``consent_id``: the name plus ``values``; salts stored in ``tx``."""
    chosen: dict[str, str] = {}
    name = _name(tx, subject_id)
    if name is None:
        raise InputError(code="identity.no_value", field="name", subject=subject_id)
    chosen["name"] = name
    for field, value in (values or {}).items():
        if field not in _READERS:
            raise InputError(code="identity.unknown_field", field=field)
        chosen[field] = value
    out = {}
    for field, value in sorted(chosen.items()):
        salt = commitments.new_salt()
        tx.execute("INSERT INTO commitment_salts (consent_id, field, salt) VALUES (?, ?, ?)",
                   (consent_id, field, salt))
        out[field] = commitments.commitment(field, value, salt)
    return out


def problems(conn, consent_id: str, subject_id: str, record: dict) -> list[str]:
    """Why the store's identifying data no longer opens the record's commitments (empty: it does)."""
    committed = (record.get("dataSubject") or {}).get("commitments")
    if committed is None:
        return []  # a record signed before commitments existed
    if not isinstance(committed, dict):
        return ["the record's identity commitments are malformed"]
    salts = dict(conn.execute("SELECT field, salt FROM commitment_salts WHERE consent_id = ?", (consent_id,)))
    out = []
    for field in sorted(committed):
        reader = _READERS.get(field)
        salt = salts.get(field)
        value = reader(conn, subject_id) if reader else None
        if salt is None:
            out.append(f"the salt of the {field} commitment is missing")
        elif value is None or not commitments.opens(str(committed[field]), field, value, bytes(salt)):
            out.append(f"the subject's {field} differs from the one bound to the signed record")
    return out
