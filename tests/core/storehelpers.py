"""Small helpers for store tests: snapshots of a folder, a JPEG of our own."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

from consent_app import audit, clock
from consent_app.canonical import sha256_hex


def snapshot(folder: Path) -> dict[str, str]:
    """Name -> SHA-256 of every file below ``folder``."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def make_jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, (200, 120, 40))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def add_subject_with_sample(store, name: str, data: bytes, mime: str = "image/jpeg") -> str:
    subject_id = str(uuid.uuid4())
    with store.transaction() as tx:
        tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                   (subject_id, name, clock.iso(), "op"))
        tx.execute(
            "INSERT INTO samples (id, subject_id, kind, mime, data, sha256, created_at) "
            "VALUES (?, ?, 'face', ?, ?, ?, ?)",
            (str(uuid.uuid4()), subject_id, mime, data, sha256_hex(data), clock.iso()),
        )
        audit.append(tx, "op", "subject.create", f"subject:{subject_id}", {})
    return subject_id
