"""Reading and writing the files people hand the app: bounded, regular files only, clear refusals.

Every file input has a size limit checked *while reading* (a special file such as ``/dev/zero`` or a
file growing under us cannot exhaust memory), and every refusal is an :class:`InputError` carrying a
message code (see ``consent_app.messages``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from consent_app.errors import InputError, StoreError
from consent_app.messages import define

MESSAGES = define({
    "file.not_found": "{what} not found: {path} (no such file)",
    "file.is_folder": "{what} {path} is a folder, not a file",
    "file.not_regular": "{what} {path} is not a regular file",
    "file.unreadable": "{what} {path}: cannot read ({reason})",
    "file.empty": "{what} {path} is empty",
    "file.too_large": "{what} {path} is larger than {limit_mb} MB",
    "file.no_folder": "cannot write {path}: the folder {folder} does not exist",
    "file.unwritable": "cannot write {path} ({reason})",
    "file.folder_unwritable": "cannot write {path}: the folder {folder} is not writable",
    "file.world_writable": "the data folder {path} is writable by every user (mode {mode}); make it "
                           "owner-only first: chmod 700 {path}",
})


def _mb(limit: int) -> str:
    return f"{limit / 1e6:.0f}" if limit >= 10**6 else f"{limit / 1e6:.3f}"


def open_regular(path: str | os.PathLike[str], what: str = "file", *, buffering: int = -1):
    """Open ``path`` for binary reading after checking it is an existing regular file (``buffering=0``:
    the unbuffered ``FileIO``, for a caller that reads the whole file in one piece)."""
    try:
        handle = open(path, "rb", buffering=buffering)  # noqa: SIM115 - returned to the caller
    except FileNotFoundError:
        raise InputError(code="file.not_found", what=what, path=str(Path(path))) from None
    except IsADirectoryError:
        raise InputError(code="file.is_folder", what=what, path=str(Path(path))) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(code="file.unreadable", what=what, path=str(Path(path)), reason=reason) from None
    mode = os.fstat(handle.fileno()).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        kind = "file.is_folder" if stat.S_ISDIR(mode) else "file.not_regular"
        raise InputError(code=kind, what=what, path=str(Path(path)))
    return handle


def read_bounded(
    path: str | os.PathLike[str], limit: int, what: str = "file", *, allow_empty: bool = False
) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes; InputError otherwise."""
    with open_regular(path, what) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(code="file.unreadable", what=what, path=str(path),
                             reason=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise InputError(code="file.too_large", what=what, path=str(path), limit_mb=_mb(limit))
    if not data and not allow_empty:
        raise InputError(code="file.empty", what=what, path=str(path))
    return data


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """An output file path the app can write: not a folder, in an existing folder."""
    p = Path(path)
    if p.is_dir():
        raise InputError(code="file.is_folder", what="output", path=str(p))
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(code="file.no_folder", path=str(p), folder=str(folder))
    return p


def check_private_folder(folder: Path) -> None:
    """Refuse a data folder that every user can write to (they could swap the database under us)."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return
    if os.name != "nt" and mode & stat.S_IWOTH:
        raise StoreError(code="file.world_writable", path=str(folder), mode=oct(stat.S_IMODE(mode)))
