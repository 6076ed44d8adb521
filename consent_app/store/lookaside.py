"""Larger SQLite lookaside slots for a connection, so value buffers avoid SQLCipher's mlock path.

With ``cipher_memory_security`` on, SQLCipher ``mlock()``s and wipes every heap buffer; reading a 3 KB
record or writing one allocates buffers larger than SQLite's default lookaside slots (1200 bytes), so
each pays two system calls. ``sqlite3_db_config(SQLITE_DBCONFIG_LOOKASIDE)`` gives the connection a
pool of larger slots: one block, allocated (and so pinned) once, wiped when the connection closes.
Python's sqlite drivers do not expose that call, so it is made through ctypes on the connection's
``sqlite3*`` handle, which is checked (its file name must be ours) before it is used. Where any of
this does not hold (another interpreter, a debug build, an unknown layout), the connection keeps
SQLite's defaults: slower, never wrong.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_DBCONFIG_LOOKASIDE = 1001
SLOT_BYTES = 8192  # holds a consent record, an evidence body or a database page
SLOTS = 128  # 1 MiB per connection
#: Where the process may lock memory without limit: 4 MiB, room for the statements the connection keeps
#: prepared (``cipher.STATEMENT_CACHE_LARGE``; each pins ~15-25 slots) besides the values it reads.
LARGE_SLOTS = 512


def slots() -> int:
    """Lookaside slots for a store connection: the large pool only where locking it cannot crowd out the
    page cache (no ``RLIMIT_MEMLOCK``, or ``CAP_IPC_LOCK``); under a limit, 1 MiB as before."""
    from consent_app.store import memlock

    return LARGE_SLOTS if memlock.lock_limit() is None else SLOTS


@cache
def _library():
    import sqlcipher3._sqlite3 as module

    lib = ctypes.CDLL(module.__file__)
    lib.sqlite3_db_filename.restype = ctypes.c_char_p
    lib.sqlite3_db_filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    return lib


def _handle(conn) -> int | None:
    """The ``sqlite3*`` stored right after the object header of a CPython sqlite Connection."""
    if platform.python_implementation() != "CPython" or hasattr(sys, "gettotalrefcount"):
        return None
    return ctypes.c_void_p.from_address(id(conn) + 2 * ctypes.sizeof(ctypes.c_void_p)).value


def enlarge(conn, path: Path, count: int = SLOTS) -> bool:
    """Configure ``count`` large lookaside slots on a fresh connection (before its first statement)."""
    try:
        handle = _handle(conn)
        if not handle:
            return False
        lib = _library()
        if lib.sqlite3_db_filename(handle, b"main") != str(Path(path).resolve()).encode():
            return False
        rc = lib.sqlite3_db_config(ctypes.c_void_p(handle), SQLITE_DBCONFIG_LOOKASIDE,
                                   ctypes.c_void_p(None), ctypes.c_int(SLOT_BYTES), ctypes.c_int(count))
        return rc == 0
    except (OSError, AttributeError, ValueError, ImportError) as exc:  # pragma: no cover - fallback
        log.debug("lookaside left at SQLite's defaults: %s", exc)
        return False
