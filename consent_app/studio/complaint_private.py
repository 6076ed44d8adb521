"""A complaint's personal fields in the studio, sealed under its subject's key so that an erasure ends them.

The signed skeleton of a complaint (intake, steps, links, actions: ``complaints.py``) travels sealed under
the studio data key. Its personal fields travel apart, in the same object: the complainant's contact with
the salt of the intake's commitments, the URL, the note and the attachments' names (intake), each step's note
with its salt (step). They are sealed (AES-256-GCM, bound to the kind, the subject and the object) under the
**subject key** of the complaint's subject (``subjectkeys.py``, shared with the face and voice templates:
wrapped under the data key on the server, destroyed everywhere at the subject's erasure). A complaint that
names no subject (or one already erased when it is shared) uses the studio data key.

A receiving station applies the skeleton at once (the register lists the complaint, its workflow verified);
the fields wait in ``complaint_sealed`` until the subject key is here (fetched with the templates' keys by
``templates.exchange``), then open. After the subject's erasure the key is gone from every station and from
the server: what the object log and the stations' inboxes keep is ciphertext nobody can open, and each
station has erased its own copy (``complaints/personal.py``).
"""

from __future__ import annotations

import json
import secrets

from consent_app.messages import define
from consent_app.studio import link as link_mod
from consent_app.studio import objects, sealed, subjectkeys

MESSAGES = define({
    "studio.complaint_unreadable": "the personal fields of complaint {complaint} shared by station {station} "
                                   "do not open with the subject's key: they are left out",
})

PRIVATE = "complaint.private"


def _aad(kind: str, subject: str, object_id: str) -> bytes:
    return f"{PRIVATE}\x00{kind}\x00{subject}\x00{object_id}".encode()


def _aead(key: bytes):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def pack(tx, lk: link_mod.Link, subject: str | None, kind: str, object_id: str, fields: dict) -> dict:
    """The sealed personal fields of a complaint's ``kind`` ("intake" or "event") object."""
    if not subject or subjectkeys.erased(tx, subject):
        return {"sealed": sealed.seal(lk.keyring, f"{PRIVATE}.{kind}", object_id, fields)}
    key_id, key = subjectkeys.key_for(tx, lk.station_id, subject)
    nonce = secrets.token_bytes(12)
    plain = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode()
    blob = nonce + _aead(key).encrypt(nonce, plain, _aad(kind, subject, object_id))
    return {"key": key_id, "sealed": objects.b64(blob)}


def _open(key: bytes, kind: str, subject: str, object_id: str, blob: bytes) -> dict:
    return json.loads(_aead(key).decrypt(blob[:12], blob[12:], _aad(kind, subject, object_id)))


def receive(tx, lk: link_mod.Link, *, complaint_id: str, subject: str | None, kind: str, object_id: str,
            private: dict | None, station: str) -> None:
    """Apply the personal fields another station shared now, or keep them waiting for the subject key."""
    from cryptography.exceptions import InvalidTag

    if not private:
        return
    if "key" not in private:
        apply(tx, kind, complaint_id, object_id,
              sealed.unseal(lk.keyring, f"{PRIVATE}.{kind}", object_id, private["sealed"]))
        return
    if not subject or subjectkeys.erased(tx, subject) or _erased(tx, complaint_id):
        return  # erased: never opened
    blob = objects.unb64(private["sealed"])
    key = subjectkeys.held(tx, str(private["key"]), subject)
    if key is None:
        tx.execute("INSERT OR IGNORE INTO complaint_sealed (object_id, complaint_id, kind, subject_id, "
                   "key_id, sealed) VALUES (?, ?, ?, ?, ?, ?)",
                   (object_id, complaint_id, kind, subject, str(private["key"]), blob))
        return
    try:
        apply(tx, kind, complaint_id, object_id, _open(key, kind, subject, object_id, blob))
    except (InvalidTag, KeyError, TypeError, ValueError):
        link_mod.raise_alert(tx, "studio.complaint_unreadable", complaint=complaint_id, station=station)


def _erased(conn, complaint_id: str) -> bool:
    return conn.execute("SELECT 1 FROM complaint_erasures WHERE complaint_id = ?",
                        (complaint_id,)).fetchone() is not None


def apply(tx, kind: str, complaint_id: str, object_id: str, fields: dict) -> None:
    if kind == "intake":
        tx.execute("UPDATE complaints SET contact = ?, contact_salt = ?, url = ?, note = ? WHERE id = ?",
                   (fields["contact"], objects.unb64(fields["contact_salt"]), fields["url"], fields["note"],
                    complaint_id))
        tx.executemany("UPDATE complaint_media SET name = ? WHERE id = ? AND complaint_id = ?",
                       [(name, media_id, complaint_id) for media_id, name in fields["media"].items()])
    else:
        tx.execute("INSERT OR IGNORE INTO complaint_event_notes (event_id, complaint_id, note, salt) "
                   "VALUES (?, ?, ?, ?)", (object_id, complaint_id, fields["note"],
                                           objects.unb64(fields["salt"])))


def open_waiting(tx) -> int:
    """Open the waiting personal fields whose subject key is here now; returns how many."""
    from cryptography.exceptions import InvalidTag

    opened = 0
    for object_id, complaint_id, kind, subject, blob, key in tx.execute(
            "SELECT s.object_id, s.complaint_id, s.kind, s.subject_id, s.sealed, k.key "
            "FROM complaint_sealed s JOIN subject_keys k ON k.key_id = s.key_id "
            "AND k.subject_id = s.subject_id").fetchall():
        try:
            fields = _open(bytes(key), kind, subject, object_id, bytes(blob))
        except (InvalidTag, ValueError):
            link_mod.raise_alert(tx, "studio.complaint_unreadable", complaint=complaint_id, station="?")
            continue
        apply(tx, kind, complaint_id, object_id, fields)
        tx.execute("DELETE FROM complaint_sealed WHERE object_id = ?", (object_id,))
        opened += 1
    return opened
