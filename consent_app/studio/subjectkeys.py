"""A station's subject keys (``templates.py``): the one to seal with, and whether a subject was erased.

Both the shared face and voice templates and the personal fields of complaints about a subject
(``complaint_private.py``) are sealed under that subject's key, so the subject's erasure, which destroys
the key everywhere, ends both.
"""

from __future__ import annotations

import secrets
import uuid

from consent_app import clock


def erased(conn, subject: str) -> bool:
    row = conn.execute("SELECT 1 FROM subject_erasures WHERE subject_id = ?", (subject,)).fetchone()
    return row is not None


def key_for(tx, station_id: str, subject: str) -> tuple[str, bytes]:
    """A key this station holds for ``subject`` (its own first), or a new one."""
    row = tx.execute("SELECT key_id, key FROM subject_keys WHERE subject_id = ? ORDER BY station = ? DESC, "
                     "created_at LIMIT 1", (subject, station_id)).fetchone()
    if row is not None:
        return row[0], bytes(row[1])
    key_id, key = str(uuid.uuid4()), secrets.token_bytes(32)
    tx.execute("INSERT INTO subject_keys (key_id, subject_id, key, station, created_at) "
               "VALUES (?, ?, ?, ?, ?)", (key_id, subject, key, station_id, clock.iso()))
    return key_id, key


def held(conn, key_id: str, subject: str) -> bytes | None:
    row = conn.execute("SELECT key FROM subject_keys WHERE key_id = ? AND subject_id = ?",
                       (key_id, subject)).fetchone()
    return None if row is None else bytes(row[0])
