"""Restore: check a backup fully, log an administrator in, refuse to go back behind a witnessed head.

The backup is copied into a private temporary folder inside the data folder and checked there (every
page's HMAC, structure, audit chain, that it belongs to this store). An administrator logs in (against
the current store when it opens, else against the backup). A backup that does not extend the head the
store already witnessed (its head anchor) is refused unless forced with a reason. The restored store
gets an audit entry naming the backup and the head of the store it replaces; the replaced database is
kept aside (still encrypted, owner-only) in ``replaced/``; then the files are renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from consent_app import audit, clock, paths
from consent_app.errors import InputError, StoreCorruptError, StoreError, WrongKeyError
from consent_app.messages import define
from consent_app.store import Store, anchor, cipher, keys, migrations
from consent_app.store.atomic import fsync_dir
from consent_app.store.keys import PassphraseSource
from consent_app.store.lock import FolderLock

REPLACED_DIR = "replaced"

MESSAGES = define({
    "restore.behind_witness": "the backup {backup} is older than a head this store already witnessed "
    "({witness_source}: {witness_count} audit entries; backup: {backup_count}{diverged}): restoring it "
    "would undo recorded changes such as withdrawals. Nothing was replaced. Restore a newer backup, or "
    "give --force --reason TEXT if you must",
    "restore.reason_needed": "--force needs --reason TEXT (it is written into the audit trail)",
    "restore.witness_unreadable": "the store's head anchor cannot be checked ({reason}); nothing was "
    "replaced. Give --force --reason TEXT to restore anyway",
    "restore.key_mismatch": "the backup is damaged or does not match its key ({reason}); nothing was "
                            "replaced",
    "restore.damaged": "the backup is damaged ({reason}); nothing was replaced",
    "restore.integrity": "the backup fails its integrity check ({problem}); nothing was replaced",
    "restore.newer": "the backup comes from a newer consent_app; nothing was replaced",
    "restore.chain_broken": "the backup's audit chain is broken at entry {seq}: {reason}; nothing was "
                            "replaced",
    "restore.other_envelope": "the backup does not match its key envelope; nothing was replaced",
    "restore.no_file": "no backup file at {path}",
    "restore.no_envelope": "no key envelope for {name}: expected {expected}",
    "restore.other_store": "this backup belongs to another store; restore it into an empty data folder",
})


@dataclass(frozen=True)
class RestoreReport:
    entries: int
    schema_version: int
    replaced_existing: bool
    kept_aside: Path | None = None
    forced: bool = False


def envelope_beside(backup_path: Path) -> Path:
    """Where ``backup`` writes a backup's key envelope (``FILE.key.json``)."""
    return backup_path.with_name(backup_path.name + ".key.json")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text[text.find("(") + 1:text.rfind(")")] if "(" in text else text


def _check_candidate(path: Path, key: bytes, store_id: str) -> tuple[int, str, int]:
    """(audit count, head, schema version) of a fully checked backup copy."""
    import sqlcipher3

    try:
        conn = cipher.connect(path, key)
    except (StoreCorruptError, WrongKeyError) as exc:
        raise StoreCorruptError(code="restore.key_mismatch", reason=_reason(exc)) from None
    try:
        try:
            cipher.check_size(conn, path)
            problems = cipher.integrity_problems(conn)
            version = migrations.current_version(conn)
            chain = audit.verify_chain(conn) if version >= 1 else None
            row = conn.execute("SELECT value FROM meta WHERE key = 'studio_id'").fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise StoreCorruptError(code="restore.damaged", reason=str(exc)) from None
        if problems:
            raise StoreCorruptError(code="restore.integrity", problem=problems[0])
        if version > migrations.latest_version():
            raise StoreError(code="restore.newer")
        if chain is not None and not chain.ok:
            raise StoreCorruptError(code="restore.chain_broken", seq=chain.first_bad,
                                    reason=chain.problem or chain.reason)
        if row is None or row[0] != store_id:
            raise StoreCorruptError(code="restore.other_envelope")
        with contextlib.suppress(Exception):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (chain.count, chain.head, version) if chain else (0, audit.GENESIS, version)
    finally:
        conn.close()


def _current_head(data_dir: Path, key: bytes) -> dict | None:
    """The head of the database being replaced, read without the anchor check (it may be old)."""
    db = paths.db_path(data_dir)
    if not db.is_file():
        return None
    try:
        conn = cipher.connect(db, key)
    except StoreError as exc:
        return {"unreadable": _reason(exc)}
    try:
        count, head = audit.head(conn)
        return {"count": count, "head": head}
    except Exception as exc:
        return {"unreadable": str(exc)}
    finally:
        conn.close()


def restore(
    data_dir: Path,
    source: Path,
    passphrase: PassphraseSource | str | None,
    *,
    login: Callable[[Store], object],
    force: bool = False,
    reason: str | None = None,
) -> RestoreReport:
    """Replace (or create) the store in ``data_dir`` from a backup; see the module docstring.

    ``login(store)`` authenticates an administrator and returns the staff member (``.username``).
    """
    from consent_app.files import check_private_folder

    data_dir, source = Path(data_dir), Path(source)
    check_private_folder(data_dir)
    if force and not (reason or "").strip():
        raise InputError(code="restore.reason_needed")
    if not source.is_file():
        raise InputError(code="restore.no_file", path=str(source))
    db, env_path = paths.db_path(data_dir), paths.envelope_path(data_dir)
    existing = env_path.is_file()
    envelope_file = envelope_beside(source) if envelope_beside(source).is_file() else env_path
    if not envelope_file.is_file():
        raise InputError(code="restore.no_envelope", name=source.name, expected=str(envelope_beside(source)))
    envelope = keys.read_envelope(envelope_file)
    current_envelope = keys.read_envelope(env_path) if existing else envelope
    if current_envelope["store_id"] != envelope["store_id"]:
        raise InputError(code="restore.other_store")
    key = keys.unseal(envelope, passphrase)  # the database key never changes, only its wrapping

    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = None
    if existing:
        lock = FolderLock(env_path)
        lock.acquire()
    work = data_dir / f".restore-{uuid.uuid4().hex}"
    work.mkdir(mode=0o700)
    try:
        candidate = paths.db_path(work)
        shutil.copyfile(source, candidate)
        os.chmod(candidate, 0o600)
        _fsync_file(candidate)
        count, head, version = _check_candidate(candidate, key, envelope["store_id"])
        keys.write_envelope(paths.envelope_path(work), current_envelope)
        with Store.open_with_key(work, key, current_envelope, check_anchor=False) as restored, \
                restored.read() as conn:  # the witnessed head, as it was before anyone logged in
            witness = _witness_problem(conn, data_dir, current_envelope, source.name, count, force)
        if lock is not None:
            lock.release()  # opening a Store takes the folder lock itself
            lock = None
        member = _login(data_dir, work, key, current_envelope, login)
        lock = FolderLock(env_path) if existing else None
        if lock is not None:
            lock.acquire()
        replaced = _current_head(data_dir, key) if existing else None
        aside = _aside_name(data_dir) if db.is_file() else None
        with Store.open_with_key(work, key, current_envelope, check_anchor=False) as restored, \
                restored.transaction() as tx:  # closing writes the restored store's anchor
            audit.append(tx, getattr(member, "username", "?"), "store.restore",
                         f"studio:{envelope['store_id']}",
                         {"backup": source.name, "backup_head": {"count": count, "head": head},
                          "replaced": replaced, "witnessed": witness, "forced": bool(force),
                          "reason": (reason or "").strip(),
                          "kept_aside": aside.name if aside else None})
        if aside is not None:
            aside.parent.mkdir(mode=0o700, exist_ok=True)
            os.chmod(aside.parent, 0o700)
            os.chmod(db, 0o600)
            os.replace(db, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{db}{suffix}")
                if side.is_file():
                    os.replace(side, Path(f"{aside}{suffix}"))
            fsync_dir(aside.parent)
        if not existing:
            keys.write_envelope(env_path, current_envelope)
        os.replace(candidate, db)
        os.replace(anchor.anchor_path(work), anchor.anchor_path(data_dir))
        fsync_dir(data_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if lock is not None:
            lock.release()
    return RestoreReport(count, version, existing, aside, bool(force))


def _aside_name(data_dir: Path) -> Path:
    stamp = clock.iso().replace(":", "").replace("-", "")
    return data_dir / REPLACED_DIR / f"consent-replaced-{stamp}-{uuid.uuid4().hex[:8]}.db"


def _login(data_dir: Path, work: Path, key: bytes, envelope: dict, login) -> object:
    """Log in against the current store when it opens cleanly, else against the backup."""
    current = None
    if paths.db_path(data_dir).is_file():
        with contextlib.suppress(StoreError):
            current = Store.open_with_key(data_dir, key, envelope)
    if current is None:
        current = Store.open_with_key(work, key, envelope, check_anchor=False)
    try:
        return login(current)
    finally:
        current.close()


def _witness_problem(conn, data_dir: Path, envelope: dict, backup: str, backup_count: int,
                     force: bool) -> dict | None:
    """The head the store witnessed (its anchor); raise if the backup does not extend it."""
    try:
        newest = anchor.newest(conn, data_dir, envelope)
    except StoreCorruptError as exc:
        if not force:
            raise StoreError(code="restore.witness_unreadable", reason=exc.params.get("reason", str(exc))
                             ) from None
        return {"unreadable": str(exc)}
    if newest is None:
        return None
    problem = anchor.extends(conn, newest.count, newest.head)
    if problem is not None and not force:
        raise StoreError(code="restore.behind_witness", backup=backup,
                         witness_source=f"anchor ({newest.source})", witness_count=newest.count,
                         backup_count=backup_count,
                         diverged="; the history differs" if problem == "diverged" else "")
    return {"count": newest.count, "head": newest.head, "source": newest.source,
            "extended": problem is None}
