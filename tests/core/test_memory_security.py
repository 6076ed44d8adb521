"""Decrypted pages live in locked memory from a process's very first store open.

SQLCipher's ``cipher_memory_security`` is one process-wide flag, read at every allocation (``mlock()`` at
allocation, wipe and ``munlock()`` at free). A buffer SQLite allocated before it was on is never locked:
the page cache's first 20 page buffers (one allocation at the first page read, reused for every later page)
and the connection's lookaside block. So the flag must be on before the first store connection exists.

These tests run a fresh Python process (its first open), read rows holding a marker without fetching them (so
the only plaintext copies are SQLite's page buffers), then scan the process's own memory (``/proc/self/mem``)
and check each copy's mapping is locked (``lo`` in ``/proc/self/smaps``' VmFlags).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storesupport import PASSPHRASE

ROWS = 3000
LINUX_PROC = Path("/proc/self/smaps").exists() and Path("/proc/self/mem").exists()

# The marker is joined only inside the mmap'd buffers the scan skips, so the scanning process holds no
# plaintext copy of it of its own.
CHILD = textwrap.dedent("""
    import ctypes, json, mmap, re, sys
    from pathlib import Path

    import sqlcipher3

    from consent_app.store import Store

    state = []
    real_connect = sqlcipher3.connect

    def spy(database, *args, **kwargs):
        if str(database) != ":memory:" and not state:  # the first store connection of this process
            probe = real_connect(":memory:")
            state.append(probe.execute("PRAGMA cipher_memory_security").fetchone()[0])
            probe.close()
        return real_connect(database, *args, **kwargs)

    sqlcipher3.connect = spy
    store = Store.open(Path(sys.argv[1]), sys.argv[2])
    with store.read() as conn:  # every page read, no value fetched (octet_length reads the header only)
        rows, size = conn.execute("SELECT count(*), sum(octet_length(b)) FROM memory_marker").fetchone()

    CHUNK = 1 << 22
    needle = mmap.mmap(-1, 4096)
    needle[:9] = b"BIOMETRIC"
    needle[9:17] = b"-MARKER-"
    buf = mmap.mmap(-1, CHUNK)
    skip = {ctypes.addressof(ctypes.c_char.from_buffer(m)) for m in (needle, buf)}
    maps, current = [], None
    for line in open("/proc/self/smaps"):
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            start, end = (int(x, 16) for x in line.split()[0].split("-"))
            current = [start, end, line.split()[5:], []]
            maps.append(current)
        elif line.startswith("VmFlags:"):
            current[3] = line.split()[1:]
    locked = unlocked = 0
    with open("/proc/self/mem", "rb", buffering=0) as mem:
        for start, end, name, flags in maps:
            if "rd" not in flags or "wr" not in flags or any(start <= s < end for s in skip):
                continue
            pos = start
            while pos < end:
                n = min(CHUNK, end - pos)
                mem.seek(pos)
                try:
                    got = mem.readinto(memoryview(buf)[:n])
                except OSError:
                    break
                at = buf.find(memoryview(needle)[:17], 0, got)
                while at != -1:
                    if "lo" in flags:
                        locked += 1
                    else:
                        unlocked += 1
                    at = buf.find(memoryview(needle)[:17], at + 1, got)
                pos += n
    store.close()
    cap_ipc_lock = [int(line.split()[1], 16) >> 14 & 1 for line in open("/proc/self/status")
                    if line.startswith("CapEff:")][0]
    print(json.dumps({"security_before_first_connection": state[0], "rows": rows, "size": size,
                      "locked": locked, "unlocked": unlocked, "cap_ipc_lock": cap_ipc_lock}))
""")


def _memlock_allows(nbytes: int) -> bool:
    soft, _ = resource.getrlimit(resource.RLIMIT_MEMLOCK)
    return os.geteuid() == 0 or soft == resource.RLIM_INFINITY or soft >= nbytes


def _mark(store, data_dir: Path, rows: int) -> Path:
    with store.transaction() as tx:
        tx.execute("CREATE TABLE memory_marker (id INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        tx.executemany("INSERT INTO memory_marker (b) VALUES (?)",
                       ((b"BIOMETRIC" + b"-MARKER-" + b"%06d" % i + os.urandom(300),) for i in range(rows)))
    store.close()
    return data_dir


@pytest.fixture
def marked_store(store, data_dir):
    return _mark(store, data_dir, ROWS)


def _first_open_in_a_fresh_process(data_dir: Path, *, lock_limit: int | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-c", CHILD, str(data_dir), PASSPHRASE]
    preexec = None
    if lock_limit is not None:  # a desktop user's limit, and (as root) without CAP_IPC_LOCK
        if os.geteuid() == 0:
            command = ["setpriv", "--bounding-set=-ipc_lock", "--inh-caps=-ipc_lock", *command]

        def preexec():
            resource.setrlimit(resource.RLIMIT_MEMLOCK, (lock_limit, lock_limit))
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env, preexec_fn=preexec)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux /proc/self/smaps and /proc/self/mem")
def test_memory_security_is_on_before_the_first_store_connection_and_pages_are_locked(marked_store):
    if not _memlock_allows(16 * 2**20):
        pytest.skip("RLIMIT_MEMLOCK below 16 MiB: SQLCipher's mlock() calls would fail here")
    report = _first_open_in_a_fresh_process(marked_store)
    assert report["security_before_first_connection"] == "1", report
    assert report["rows"] == ROWS
    # every row sits in a decrypted page buffer: the scan must find them, else it proves nothing
    assert report["locked"] + report["unlocked"] >= ROWS, report
    # 0 here. A few copies could sit on a page SQLCipher itself unlocked (munlock() does not nest: freeing a
    # neighbouring allocation unlocks the whole page; 4-6 copies after a few hundred queries). With the flag
    # turned on only after the first page was read, 72 copies were unlocked (the page cache's first buffers).
    assert report["unlocked"] <= ROWS // 100, report


@pytest.mark.skipif(not LINUX_PROC, reason="needs Linux /proc/self/smaps and /proc/self/mem")
def test_pages_stay_locked_under_a_desktop_users_memory_lock_limit(store, data_dir):
    """With RLIMIT_MEMLOCK at 8 MiB and no CAP_IPC_LOCK, mlock() fails once 8 MiB are locked: the page cache
    is sized to fit, so ~13 MB of rows read leave no decrypted copy unlocked (half of them were before)."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("needs setpriv (util-linux) to drop CAP_IPC_LOCK")
    rows = 40_000
    report = _first_open_in_a_fresh_process(_mark(store, data_dir, rows), lock_limit=8 * 2**20)
    assert report["cap_ipc_lock"] == 0, report
    assert report["rows"] == rows
    assert report["locked"] >= 1000, report  # the cache's pages are found (and the cache is no longer 64 MiB)
    assert report["unlocked"] <= ROWS // 100, report


def test_the_page_cache_fits_the_lock_limit(monkeypatch, caplog):
    from consent_app.store import memlock

    monkeypatch.setattr(memlock, "lock_limit", lambda: None)
    assert memlock.cache_kib(64 * 1024) == 64 * 1024
    assert memlock.report() == "unlimited"
    monkeypatch.setattr(memlock, "lock_limit", lambda: 8 * 2**20)
    kib = memlock.cache_kib(64 * 1024)
    pages = kib // 4
    assert pages * memlock.PAGE_ALLOCATION + memlock.RESERVE_BYTES <= 8 * 2**20
    assert kib >= 3 * 1024
    assert memlock.report() == "8192 KiB"
    monkeypatch.setattr(memlock, "lock_limit", lambda: 64 * 1024)  # an old default: far too little
    with caplog.at_level("WARNING", logger="consent_app.store.memlock"):
        assert memlock.cache_kib(64 * 1024) == memlock.MIN_CACHE_KIB
    assert "RLIMIT_MEMLOCK" in caplog.text
