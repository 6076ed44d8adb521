"""Encrypted backups made by SQLCipher itself (restore: ``consent_app.store.restore``)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.store import migrations
from consent_app.store.atomic import atomic_write_bytes, fsync_dir
from consent_app.store.restore import envelope_beside

MESSAGES = define({"backup.over_live": "the backup cannot overwrite the live database"})


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup(store, out: Path) -> Path:
    """Write an encrypted copy of the store to ``out`` (and its key envelope beside it).

    The copy is exported by SQLCipher into a temp file with the store's own key, fsynced and then
    renamed into place, so ``out`` is either the old file or a complete backup.
    """
    from consent_app.files import check_output_path

    out = check_output_path(out).resolve()
    if out == store.path.resolve():
        raise InputError(code="backup.over_live")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    store.write_anchor()
    try:
        with store.read() as conn:
            version = migrations.current_version(conn)
            conn.execute("ATTACH DATABASE ? AS backup", (str(tmp),))  # same key as main
            try:
                conn.execute("SELECT sqlcipher_export('backup')").fetchall()
                conn.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                conn.execute("DETACH DATABASE backup")
        os.chmod(tmp, 0o600)  # owner-only, like everything the app writes
        _fsync_file(tmp)
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
    atomic_write_bytes(envelope_beside(out),
                       json.dumps(store.envelope, indent=2, sort_keys=True).encode() + b"\n")
    return out
