"""Store connections get large lookaside slots (the store benchmark depends on it), safely."""

import ctypes

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


def _size_misses(conn) -> int:
    """SQLITE_DBSTATUS_LOOKASIDE_MISS_SIZE: allocations too large for a lookaside slot."""
    lib = lookaside._library()
    cur, high = ctypes.c_int(), ctypes.c_int()
    assert lib.sqlite3_db_status(ctypes.c_void_p(lookaside._handle(conn)), 5, ctypes.byref(cur),
                                 ctypes.byref(high), 0) == 0
    return high.value


def _big_value_misses(conn) -> int:
    before = _size_misses(conn)
    conn.execute("CREATE TABLE IF NOT EXISTS big (x)")
    conn.execute("INSERT INTO big VALUES (?)", ("y" * 5000,))
    for _ in range(20):
        conn.execute("SELECT x FROM big").fetchone()
    return _size_misses(conn) - before


def test_store_connections_serve_record_sized_values_from_lookaside(store, tmp_path):
    with store.read() as conn:
        assert _big_value_misses(conn) == 0
    plain = sqlcipher3.connect(str(tmp_path / "default.db"))  # SQLite's default slots, for contrast
    try:
        assert _big_value_misses(plain) > 0
    finally:
        plain.close()
