"""Encrypted backups made by SQLCipher itself, and a restore that checks before it replaces."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from consent_app import audit, paths
from consent_app.errors import InputError, StoreCorruptError, StoreError, WrongKeyError
from consent_app.store import cipher, keys, migrations
from consent_app.store.atomic import atomic_write_bytes, fsync_dir
from consent_app.store.keys import PassphraseSource
from consent_app.store.lock import FolderLock


def envelope_beside(backup_path: Path) -> Path:
    return backup_path.with_name(backup_path.name + ".key.json")


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
    out = Path(out).resolve()
    if not out.parent.is_dir():
        raise InputError(f"the folder {out.parent} does not exist")
    if out == store.path.resolve():
        raise InputError("the backup cannot overwrite the live database")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    try:
        with store.read() as conn:
            version = migrations.current_version(conn)
            conn.execute("ATTACH DATABASE ? AS backup", (str(tmp),))  # same key as main
            try:
                conn.execute("SELECT sqlcipher_export('backup')").fetchall()
                conn.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                conn.execute("DETACH DATABASE backup")
        _fsync_file(tmp)
        os.replace(tmp, out)
        fsync_dir(out.parent)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
    atomic_write_bytes(envelope_beside(out),
                       json.dumps(store.envelope, indent=2, sort_keys=True).encode() + b"\n")
    return out


@dataclass(frozen=True)
class RestoreReport:
    entries: int
    schema_version: int
    replaced_existing: bool


def restore(data_dir: Path, source: Path, passphrase: PassphraseSource | str | None) -> RestoreReport:
    """Replace (or create) the store in ``data_dir`` from a backup, after checking it fully."""
    data_dir, source = Path(data_dir), Path(source)
    if not source.is_file():
        raise InputError(f"no backup file at {source}")
    db, env_path = paths.db_path(data_dir), paths.envelope_path(data_dir)
    existing = env_path.is_file()
    envelope_file = envelope_beside(source) if envelope_beside(source).is_file() else env_path
    if not envelope_file.is_file():
        raise InputError(f"no key envelope for {source.name}: expected {envelope_beside(source)}")
    envelope = keys.read_envelope(envelope_file)
    if existing:
        current = keys.read_envelope(env_path)
        if current["store_id"] != envelope["store_id"]:
            raise InputError("this backup belongs to another store; restore it into an empty data folder")
    key = keys.unseal(envelope, passphrase)

    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = None
    if existing:
        lock = FolderLock(env_path)
        lock.acquire()
    tmp = data_dir / f".restore-{uuid.uuid4().hex}.tmp"
    try:
        shutil.copyfile(source, tmp)
        _fsync_file(tmp)
        report = _check_candidate(tmp, key, envelope["store_id"], existing)
        if not existing:
            keys.write_envelope(env_path, envelope)
        for stale in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(tmp, db)
        fsync_dir(data_dir)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
        if lock is not None:
            lock.release()
    return report


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1:text.rfind(")")] if "(" in text else text


def _check_candidate(path: Path, key: bytes, store_id: str, existing: bool) -> RestoreReport:
    import sqlcipher3

    try:
        conn = cipher.connect(path, key)
    except (StoreCorruptError, WrongKeyError) as exc:
        raise StoreCorruptError(f"the backup is damaged or does not match its key ({_reason(exc)}); "
                                "nothing was replaced") from None
    try:
        try:
            cipher.check_size(conn, path)
            problems = cipher.integrity_problems(conn)
            version = migrations.current_version(conn)
            chain = audit.verify_chain(conn) if version >= 1 else None
            row = conn.execute("SELECT value FROM meta WHERE key = 'studio_id'").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreCorruptError(f"the backup is damaged ({exc}); nothing was replaced") from None
        if problems:
            raise StoreCorruptError(f"the backup fails its integrity check ({problems[0]}); "
                                    "nothing was replaced")
        if version > migrations.latest_version():
            raise StoreError("the backup comes from a newer consent_app; nothing was replaced")
        if chain is not None and not chain.ok:
            raise StoreCorruptError(f"the backup's {chain.summary()}; nothing was replaced")
        if row is None or row[0] != store_id:
            raise StoreCorruptError("the backup does not match its key envelope; nothing was replaced")
        with contextlib.suppress(Exception):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return RestoreReport(chain.count if chain else 0, version, existing)
    finally:
        conn.close()
