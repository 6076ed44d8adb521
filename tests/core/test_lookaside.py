"""Store connections get large lookaside slots (the store benchmark depends on it), safely."""

import ctypes

import pytest
import sqlcipher3

from consent_app.store import lookaside


def test_a_fresh_connection_gets_large_lookaside_slots(tmp_path):
    path = tmp_path / "x.db"
    conn = sqlcipher3.connect(str(path))
    try:
        assert lookaside.enlarge(conn, path) is True
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (?)", ("y" * 5000,))
        assert conn.execute("SELECT length(x) FROM t").fetchone() == (5000,)
    finally:
        conn.close()


def test_the_handle_is_checked_before_it_is_used(tmp_path):
    conn = sqlcipher3.connect(str(tmp_path / "x.db"))
    try:
        assert lookaside.enlarge(conn, tmp_path / "another.db") is False
    finally:
        conn.close()


#: SQLITE_DBSTATUS_LOOKASIDE_MISS_SIZE (allocations too large for a slot) and _MISS_FULL (refused because
#: every slot was taken)
MISS_SIZE, MISS_FULL = 5, 6


def _misses(conn, status: int) -> int:
    """The high-water count of one kind of lookaside miss on ``conn`` (``sqlite3_db_status``)."""
    lib = lookaside._library()
    cur, high = ctypes.c_int(), ctypes.c_int()
    assert lib.sqlite3_db_status(ctypes.c_void_p(lookaside._handle(conn)), status, ctypes.byref(cur),
                                 ctypes.byref(high), 0) == 0
    return high.value


def _big_value_misses(conn) -> int:
    before = _misses(conn, MISS_SIZE)
    conn.execute("CREATE TABLE IF NOT EXISTS big (x)")
    conn.execute("INSERT INTO big VALUES (?)", ("y" * 5000,))
    for _ in range(20):
        conn.execute("SELECT x FROM big").fetchone()
    return _misses(conn, MISS_SIZE) - before


def test_store_connections_serve_record_sized_values_from_lookaside(store, tmp_path):
    with store.read() as conn:
        assert _big_value_misses(conn) == 0
    plain = sqlcipher3.connect(str(tmp_path / "default.db"))  # SQLite's default slots, for contrast
    try:
        assert _big_value_misses(plain) > 0
    finally:
        plain.close()


def test_a_full_statement_cache_leaves_lookaside_for_values(store):
    """Where memory may be locked without limit, the connection keeps many statements prepared (the write
    path's among them) in a larger pool; a full cache must not exhaust it, or every value read would fall
    to SQLCipher's locked heap (two system calls each)."""
    from consent_app.store import cipher, memlock

    if memlock.lock_limit() is not None:
        pytest.skip("this process may lock only limited memory: the small pool and cache are used")
    assert lookaside.slots() == lookaside.LARGE_SLOTS
    with store.read() as conn:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS values_read (id INTEGER PRIMARY KEY, x)")
        conn.execute("INSERT OR REPLACE INTO values_read VALUES (1, ?)", ("y" * 5000,))
        for i in range(cipher.STATEMENT_CACHE_LARGE + 8):  # fills the cache with distinct statements
            conn.execute(f"SELECT x, {i} FROM values_read WHERE id = 1 AND x IS NOT NULL").fetchone()
        before = _misses(conn, MISS_FULL)
        for _ in range(50):
            assert len(conn.execute("SELECT x FROM values_read WHERE id = ?", (1,)).fetchone()[0]) == 5000
        assert _misses(conn, MISS_FULL) == before


def test_under_a_memory_lock_limit_the_pool_stays_small(monkeypatch):
    from consent_app.store import memlock

    monkeypatch.setattr(memlock, "lock_limit", lambda: 8 * 2**20)
    assert lookaside.slots() == lookaside.SLOTS
    monkeypatch.setattr(memlock, "lock_limit", lambda: None)
    assert lookaside.slots() == lookaside.LARGE_SLOTS
