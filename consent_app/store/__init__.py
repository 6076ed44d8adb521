"""The encrypted store: one SQLCipher database per data folder, opened by one app instance."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from consent_app import audit, paths
from consent_app.errors import StoreCorruptError, StoreError
from consent_app.messages import define
from consent_app.store import anchor, cipher, keys, migrations, scrub
from consent_app.store.keys import Argon2Params, PassphraseSource
from consent_app.store.lock import FolderLock

log = logging.getLogger(__name__)

MESSAGES = define({
    "store.exists": "{path} already holds a consent_app store; refusing to overwrite it",
    "store.protection_needed": "choose a protection for the database key: a passphrase or the OS keyring",
    "store.missing": "no consent_app store in {path} (run `consent-app init` first)",
    "store.envelope_mismatch": "the database and its key envelope belong to different stores",
    "store.damaged": "{name} is damaged or was tampered with ({reason})",
})


def _is_corruption(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("malformed", "not a database", "corrupt", "hmac"))


class Store:
    """An open, unlocked store. Use ``transaction()`` for changes and ``read()`` for queries."""

    #: Called as ``hook(store, actor)`` after a transaction that withdrew, revoked or erased commits
    #: (set by ``consent_app.tokens.publish``: a fresh status list in the publish folder at once).
    revocation_hook = None

    def __init__(self, data_dir: Path, conn, lock: FolderLock, envelope: dict) -> None:
        self.data_dir = data_dir
        self.path = paths.db_path(data_dir)
        self.envelope = envelope
        self._conn = conn
        self._folder_lock = lock
        self._mutex = threading.RLock()
        self._anchor = anchor.AnchorWriter(self)
        self._anchor_flagged = anchor.flagged(conn)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        data_dir: Path,
        *,
        passphrase: str | None = None,
        use_keyring: bool = False,
        argon2: Argon2Params = keys.RFC9106_LOW_MEMORY,
        schema_version: int | None = None,
        key: bytes | None = None,
    ) -> Store:
        """Make a new, empty store in ``data_dir``.

        The schema is at the latest version unless ``schema_version`` asks for an older one
        (migration tests build stores as earlier releases made them).
        """
        from consent_app.files import check_private_folder

        data_dir = Path(data_dir)
        check_private_folder(data_dir)
        db, env_path = paths.db_path(data_dir), paths.envelope_path(data_dir)
        if db.exists() or env_path.exists():
            raise StoreError(code="store.exists", path=str(data_dir))
        if not use_keyring and not passphrase:
            raise StoreError(code="store.protection_needed")
        if not use_keyring:
            from consent_app.store.passphrase import check_strength

            check_strength(passphrase or "")
        store_id = str(uuid.uuid4())
        key = key or keys.new_database_key()
        envelope = (
            keys.seal_with_keyring(key, store_id) if use_keyring
            else keys.seal_with_passphrase(key, store_id, passphrase or "", argon2)
        )
        created_dir = not data_dir.exists()
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            keys.write_envelope(env_path, envelope)
            lock = FolderLock(env_path)
            lock.acquire()
            try:
                conn = cipher.connect(db, key, create=True)
                os.chmod(db, 0o600)
                migrations.migrate(conn, schema_version)
            except BaseException:
                lock.release()
                raise
        except BaseException:
            for leftover in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), env_path):
                leftover.unlink(missing_ok=True)
            if created_dir:
                shutil.rmtree(data_dir, ignore_errors=True)
            raise
        return cls(data_dir, conn, lock, envelope)

    @classmethod
    def open(cls, data_dir: Path, passphrase: PassphraseSource | str | None = None) -> Store:
        """Unlock and open an existing store, upgrading its schema if needed.

        The key is recovered and checked before the database file is touched, so a wrong
        passphrase or key leaves every file as it was and creates none.
        """
        from consent_app.files import check_private_folder

        data_dir = Path(data_dir)
        check_private_folder(data_dir)
        db, env_path = paths.db_path(data_dir), paths.envelope_path(data_dir)
        from consent_app.store.initdir import check_complete

        check_complete(data_dir)  # a half store left by an interrupted init is never opened
        if not db.is_file() or not env_path.is_file():
            raise StoreError(code="store.missing", path=str(data_dir))
        envelope = keys.read_envelope(env_path)
        key = keys.unseal(envelope, passphrase)
        return cls.open_with_key(data_dir, key, envelope)

    @classmethod
    def open_with_key(cls, data_dir: Path, key: bytes, envelope: dict, *, check_anchor: bool = True) -> Store:
        """Open with an already recovered key (what ``open`` does after unsealing).

        ``check_anchor=False`` is for ``restore`` only: it opens a backup copy in its work folder.
        """
        db, env_path = paths.db_path(data_dir), paths.envelope_path(data_dir)
        lock = FolderLock(env_path)
        lock.acquire()
        try:
            conn = cipher.connect(db, key)
            try:
                cls._check_opened(conn, db, envelope, check_anchor)
                migrations.migrate(conn)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(data_dir, conn, lock, envelope)

    @staticmethod
    def _check_opened(conn, db: Path, envelope: dict, check_anchor: bool = True) -> None:
        import sqlcipher3

        try:
            if migrations.current_version(conn) >= 1:
                row = conn.execute("SELECT value FROM meta WHERE key = 'studio_id'").fetchone()
                if row is not None and row[0] != envelope["store_id"]:
                    raise StoreCorruptError(code="store.envelope_mismatch")
                if check_anchor:
                    anchor.check(conn, db, envelope)  # before anything is written, even a checkpoint
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cipher.check_size(conn, db)
        except sqlcipher3.DatabaseError as exc:
            raise StoreCorruptError(code="store.damaged", name=db.name, reason=str(exc)) from None

    # -- use -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; any exception rolls everything back."""
        import sqlcipher3

        with self._mutex:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.DatabaseError as exc:
                raise self._wrap(exc) from None
            try:
                yield conn
                if not self._anchor_flagged:
                    self._anchor_flagged = anchor.flag_if_anchored(conn, self.data_dir)
                conn.execute("COMMIT")
            except BaseException as exc:
                audit.take_revocation(conn)
                scrub.take(conn)
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlcipher3.DatabaseError) and _is_corruption(exc):
                    raise self._wrap(exc) from None
                raise
            self._anchor.committed()
            if scrub.take(conn):
                self._checkpoint(conn)
            revoked_by = audit.take_revocation(conn)
            if revoked_by is not None and Store.revocation_hook is not None:
                Store.revocation_hook(self, revoked_by)  # e.g. publish a fresh status list at once

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the store file and empty it (after an erasure: ``scrub``)."""
        with self._mutex:
            self._checkpoint(self._conn)

    @staticmethod
    def _checkpoint(conn) -> None:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if busy:
            log.warning("store checkpoint blocked by a reader: erased bytes stay until the next one")

    def relock(self) -> None:
        """Hold the folder lock on the current envelope file (after it was replaced atomically)."""
        with self._mutex:
            fresh = FolderLock(paths.envelope_path(self.data_dir))
            fresh.acquire()
            self._folder_lock.release()
            self._folder_lock = fresh

    def write_anchor(self) -> None:
        """Write the head anchor now (export, checkpoint, backup): never newer than a durable commit."""
        with self._mutex:
            self._anchor.flush(force=True)

    @contextlib.contextmanager
    def read(self) -> Iterator:
        """The connection, held exclusively for a group of queries."""
        import sqlcipher3

        with self._mutex:
            try:
                yield self._conn
            except sqlcipher3.DatabaseError as exc:
                if _is_corruption(exc):
                    raise self._wrap(exc) from None
                raise

    def _wrap(self, exc: Exception) -> StoreCorruptError:
        return StoreCorruptError(f"{self.path.name} is damaged or was tampered with ({exc})")

    @property
    def store_id(self) -> str:
        return self.envelope["store_id"]

    @property
    def schema_version(self) -> int:
        with self.read() as conn:
            return migrations.current_version(conn)

    def integrity_problems(self) -> list[str]:
        with self.read() as conn:
            return cipher.integrity_problems(conn)

    def cipher_settings(self) -> dict[str, str]:
        with self.read() as conn:
            return cipher.settings_report(conn)

    def cipher_setting_problems(self) -> list[str]:
        with self.read() as conn:
            return cipher.check_settings(conn)

    def close(self) -> None:
        with self._mutex:
            self._anchor.cancel()
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._anchor.flush()
                with contextlib.suppress(Exception):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None
            self._folder_lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["Store"]
