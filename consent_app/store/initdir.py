"""Atomic ``init``: a store is built in a private work folder and renamed into place.

When the data folder does not exist yet, the work folder is a sibling
(``.NAME.init-XXXX``) and one ``rename`` puts the finished store in place: a crash leaves no store or
a complete one. When the data folder already holds other files, the work folder is inside it and the
finished files are moved in, the key envelope last: a crash in between leaves a database without its
envelope, which is recognised as an incomplete store (never opened, never reported healthy) and is
removed by ``consent-app db discard-incomplete``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from consent_app import paths
from consent_app.errors import StoreError
from consent_app.messages import define
from consent_app.store.anchor import ANCHOR_NAME
from consent_app.store.atomic import fsync_dir

INNER_PREFIX = ".init-"

MESSAGES = define({
    "store.incomplete": "{folder} holds an incomplete store ({what}), left by an interrupted "
    "`consent-app init`; it holds no consent. Remove it with `consent-app db discard-incomplete`, "
    "then run `consent-app init` again",
    "store.not_incomplete": "{folder} holds a complete store; discard-incomplete removes only what an "
    "interrupted init left behind",
    "store.db_missing": "{folder} has the key envelope of a store in use ({count} audit entries) but no "
    "{db}: restore the database with `consent-app restore FILE`; nothing was created",
    "store.lost_envelope": "{folder} holds a used database ({count} audit entries) without its key "
    "envelope: that is not an interrupted init. Nothing was removed; put back {envelope} from a backup "
    "(FILE.key.json beside it) to open it",
})
#: Audit entries a freshly initialised store has (store.init, the first admin, the signing key).
INIT_ENTRIES = 3


def _anchored_count(data_dir: Path) -> int:
    """The entry count the (unverified) anchor names; 0 when there is none or it is unreadable."""
    import json

    try:
        count = json.loads((data_dir / ANCHOR_NAME).read_text()).get("count", 0)
    except (OSError, ValueError, AttributeError):
        return 0
    return count if isinstance(count, int) else 0


def _sibling_prefix(data_dir: Path) -> str:
    return f".{data_dir.name}.init-"


def work_folder(data_dir: Path) -> Path:
    """A fresh private folder to build the store in (see the module docstring)."""
    data_dir = Path(data_dir)
    if not data_dir.exists():  # an existing folder (even empty) is used in place: no rights on its parent
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        work = data_dir.parent / f"{_sibling_prefix(data_dir)}{uuid.uuid4().hex[:12]}"
    else:
        work = data_dir / f"{INNER_PREFIX}{uuid.uuid4().hex[:12]}"
    work.mkdir(mode=0o700)
    return work


def commit(work: Path, data_dir: Path) -> None:
    """Put the finished (closed) store from ``work`` into ``data_dir``."""
    data_dir = Path(data_dir)
    for side in ("-wal", "-shm"):
        Path(f"{paths.db_path(work)}{side}").unlink(missing_ok=True)
    if work.parent == data_dir.parent:  # sibling: one rename (the data folder did not exist)
        os.rename(work, data_dir)
        fsync_dir(data_dir.parent)
        return
    for name in (paths.DB_NAME, ANCHOR_NAME, paths.ENVELOPE_NAME):  # the envelope last
        source = work / name
        if source.exists():
            os.replace(source, data_dir / name)
    fsync_dir(data_dir)
    shutil.rmtree(work, ignore_errors=True)


def incomplete_reason(data_dir: Path) -> str | None:
    """Why ``data_dir`` holds a half store (a database without its envelope or the reverse), or None."""
    data_dir = Path(data_dir)
    db, env = paths.db_path(data_dir).is_file(), paths.envelope_path(data_dir).is_file()
    if db and not env:
        return f"{paths.DB_NAME} without its key envelope {paths.ENVELOPE_NAME}"
    if env and not db:
        return f"{paths.ENVELOPE_NAME} without its database {paths.DB_NAME}"
    if not db and not env and (data_dir / ANCHOR_NAME).is_file():
        return f"{ANCHOR_NAME} without a database"
    return None


def check_complete(data_dir: Path) -> None:
    """Raise ``StoreError`` for a half store: left by init, or a store in use missing a file."""
    reason = incomplete_reason(data_dir)
    if reason is None:
        return
    count = _anchored_count(data_dir)
    if count > INIT_ENTRIES and paths.db_path(data_dir).is_file():
        raise StoreError(code="store.lost_envelope", folder=str(data_dir), count=count,
                         envelope=paths.ENVELOPE_NAME)
    if count > INIT_ENTRIES and paths.envelope_path(data_dir).is_file():
        raise StoreError(code="store.db_missing", folder=str(data_dir), count=count, db=paths.DB_NAME)
    raise StoreError(code="store.incomplete", folder=str(data_dir), what=reason)


def leftovers(data_dir: Path) -> list[Path]:
    """Work folders an interrupted init left (beside or inside the data folder)."""
    data_dir = Path(data_dir)
    found = []
    if data_dir.parent.is_dir():
        found += sorted(data_dir.parent.glob(f"{_sibling_prefix(data_dir)}*"))
    if data_dir.is_dir():
        found += sorted(data_dir.glob(f"{INNER_PREFIX}*"))
    return [p for p in found if p.is_dir()]


def discard_incomplete(data_dir: Path) -> list[Path]:
    """Remove a half store and init work folders; a complete store is never touched."""
    data_dir = Path(data_dir)
    removed = leftovers(data_dir)
    reason = incomplete_reason(data_dir)
    if reason is None and not removed:
        if paths.envelope_path(data_dir).is_file():
            raise StoreError(code="store.not_incomplete", folder=str(data_dir))
        return []
    if reason is not None and paths.db_path(data_dir).is_file():
        count = _anchored_count(data_dir)
        if count > INIT_ENTRIES:  # a store in use that lost its envelope: never destroy it
            raise StoreError(code="store.lost_envelope", folder=str(data_dir), count=count,
                             envelope=paths.ENVELOPE_NAME)
    for folder in removed:
        shutil.rmtree(folder)
    if reason is not None:
        for name in (paths.DB_NAME, f"{paths.DB_NAME}-wal", f"{paths.DB_NAME}-shm", paths.ENVELOPE_NAME,
                     ANCHOR_NAME):
            target = data_dir / name
            if target.exists():
                target.unlink()
                removed.append(target)
        fsync_dir(data_dir)
    return removed
