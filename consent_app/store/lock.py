"""An exclusive, process-wide lock on a data folder, so two app instances never share it."""

from __future__ import annotations

import os
from pathlib import Path

from consent_app.errors import StoreInUseError
from consent_app.messages import define

MESSAGES = define({
    "store.in_use": "the data folder {path} is already in use by another consent_app instance; close it "
                    "first",
})


class FolderLock:
    """Holds an OS lock on an existing file of the data folder until ``release``.

    The lock is taken on the key envelope, which already exists, so locking creates no file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDONLY)
        try:
            if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise StoreInUseError(
                code="store.in_use", path=str(self.path.parent)
            ) from exc
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
