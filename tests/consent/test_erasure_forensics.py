"""An erased face is gone from the store file itself, free pages included, not only from its rows.

Erasure sets the sample's bytes to NULL; without SQLite's ``secure_delete`` the old bytes stay in the
freed overflow pages, which the store key still decrypts. The test decrypts every page of the file
(SQLCipher 4: AES-256-CBC per page under the raw key, the IV in the page's reserved tail) and looks
for a piece of the erased sample; it first finds that piece before the erasure, so the page reader is
known to work.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from consent_app import paths
from consent_app.consent import erasure
from consent_app.store import cipher, keys

RESERVE = 16 + 64  # IV + HMAC-SHA512, SQLCipher 4's defaults (enforced by cipher.CIPHER_SETTINGS)


def _plain_pages(path: Path, key: bytes) -> list[bytes]:
    raw = path.read_bytes()
    size = cipher.PAGE_SIZE
    pages = []
    for number in range(len(raw) // size):
        page = raw[number * size:(number + 1) * size]
        start = 16 if number == 0 else 0  # page 1 begins with the file's salt
        iv = page[size - RESERVE:size - RESERVE + 16]
        plain = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor().update(page[start:size - RESERVE])
        pages.append(plain)
    assert pages
    assert pages[0][:2] == size.to_bytes(2, "big"), "page 1 decrypts to SQLite's header"
    return pages


def _files(data_dir: Path) -> list[Path]:
    db = paths.db_path(data_dir)
    return [p for p in (db, db.with_name(db.name + "-wal")) if p.exists()]


def _holds(data_dir: Path, key: bytes, piece: bytes) -> bool:
    return any(piece in page for path in _files(data_dir) if path.stat().st_size
               for page in _plain_pages(path, key))


def test_erased_face_is_not_left_in_free_pages(consent_store, completed, data_dir):
    key = keys.unseal(keys.read_envelope(paths.envelope_path(data_dir)), "test passphrase")
    with consent_store.read() as conn:
        face = conn.execute("SELECT data FROM samples WHERE subject_id = ? AND kind = 'face'",
                            (completed.subject_id,)).fetchone()[0]
    piece = bytes(face[len(face) // 2:len(face) // 2 + 48])  # from an overflow page, not the row's cell
    consent_store.checkpoint()
    assert _holds(data_dir, key, piece), "the page reader finds the sample before the erasure"

    with consent_store.transaction() as tx:
        erasure.erase_subject(tx, completed.subject_id, actor="admin")
    # no checkpoint here: the erasure's own commit scrubs the file
    assert not _holds(data_dir, key, piece), "the erased face's bytes are still in the store file"
