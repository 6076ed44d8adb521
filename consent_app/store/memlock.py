"""SQLCipher's memory security, turned on in time and given a page cache the process can keep locked.

``cipher_memory_security`` makes SQLCipher ``mlock()`` every heap buffer SQLite allocates (decrypted pages
among them) and wipe it when freed, so decrypted data is never written to swap. Two things decide whether
that holds:

- The flag is process-wide, read at every allocation, and once on stays on (SQLCipher ignores OFF). A buffer
  allocated while it was off is never locked, so it must be on before the first store connection exists.
- ``mlock()`` fails once the process has locked ``RLIMIT_MEMLOCK`` bytes (8 MiB for a Linux desktop user
  without ``CAP_IPC_LOCK``), and SQLCipher only logs the failure. With a 64 MiB page cache, every page read
  after the first ~8 MiB sat in unlocked memory. So the soft limit is raised to the hard one, and the page
  cache of a process that cannot lock without limit is sized to fit in it with room for the rest of what a
  connection locks (its lookaside block, the parsed schema, statements, values).
"""

from __future__ import annotations

import logging
from functools import cache

log = logging.getLogger(__name__)

CAP_IPC_LOCK = 14
#: What a store connection locks besides its page cache: lookaside (1 MiB), the parsed schema (~0.5 MiB),
#: statements, values and scratch b-trees, and SQLCipher's own key and page buffers.
RESERVE_BYTES = 4 * 2**20
#: A page buffer as the page cache allocates it: the page plus SQLite's per-page header.
PAGE_ALLOCATION = 4096 + 512
#: The smallest page cache used however low the limit (SQLite's own default is 2 MiB).
MIN_CACHE_KIB = 1024

_memory_security_on = False


def memory_security_first(driver) -> None:
    """Turn memory security on for the process before a store connection exists (once per process).

    Set through a throwaway ``:memory:`` connection: the store connection must run no statement before
    its lookaside is configured. Also raises the soft ``RLIMIT_MEMLOCK`` to the hard limit.
    """
    global _memory_security_on
    if _memory_security_on:
        return
    lock_limit()
    probe = driver.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_memory_security = ON")
        _memory_security_on = probe.execute("PRAGMA cipher_memory_security").fetchone()[0] == "1"
    finally:
        probe.close()


def _can_lock_without_limit() -> bool:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> CAP_IPC_LOCK & 1)
    except OSError:
        pass
    return False


@cache
def lock_limit() -> int | None:
    """Bytes this process may lock (the soft limit raised to the hard one first), or None for no limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: VirtualLock has its own working-set limits
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    if soft != hard and (hard == resource.RLIM_INFINITY or soft < hard):
        try:
            resource.setrlimit(resource.RLIMIT_MEMLOCK, (hard, hard))
            soft = hard
        except (ValueError, OSError):  # pragma: no cover - not allowed here: keep the soft limit
            pass
    if soft == resource.RLIM_INFINITY or _can_lock_without_limit():
        return None
    return int(soft)


def cache_kib(wanted_kib: int) -> int:
    """The page cache (KiB of pages) for a store connection: ``wanted_kib``, or what fits the lock limit."""
    limit = lock_limit()
    if limit is None:
        return wanted_kib
    fits = (limit - RESERVE_BYTES) // PAGE_ALLOCATION * 4096 // 1024
    if fits < MIN_CACHE_KIB:
        _warn_once(limit)
    return max(MIN_CACHE_KIB, min(wanted_kib, fits))


@cache
def _warn_once(limit: int) -> None:
    log.warning("this process may lock only %d KiB of memory (RLIMIT_MEMLOCK): decrypted pages beyond it "
                "cannot be kept out of swap; raise the limit (LimitMEMLOCK=, /etc/security/limits.conf)",
                limit // 1024)


def report() -> str:
    """How much memory the process may lock, for ``db check``."""
    limit = lock_limit()
    return "unlimited" if limit is None else f"{limit // 1024} KiB"
