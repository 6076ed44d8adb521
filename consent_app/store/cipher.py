"""Opening a SQLCipher connection and enforcing its settings on every open."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from consent_app.errors import StoreCorruptError, StoreError, WrongKeyError
from consent_app.messages import define
from consent_app.store import memlock

PAGE_SIZE = 4096
# Warm point queries through SQLCipher's default 2 MiB page cache were ~3x slower than plain
# SQLite here; a larger cache keeps decrypted pages around (they live in memory only). A process
# that may lock less memory gets a smaller one (memlock.cache_kib), so its pages stay locked.
CACHE_KIB = 64 * 1024

# With cipher_memory_security on, every heap allocation is mlock()ed and wiped. SQLite serves small
# allocations from a per-connection lookaside pool first, but each cached prepared statement pins
# part of that pool (~15-25 slots each); with the default cache of 128 statements in the 1 MiB pool it
# runs dry and every value read pays two syscalls (7-8x slower lookups here). sqlcipher3's cache
# (pysqlite's) holds at least 5 statements whatever is asked, keeps the most used ones and, once full,
# replaces only its last entry: a connection's cache fills with the statements it ran first (opening,
# migrations), and the write path's statements (record, audit head and entry, signing key, event heads,
# event) were prepared afresh at every write (~18 % of its CPU time; a cache of 12-16 gains nothing,
# it is full before the first write). Where the process may lock without limit the pool is 4 MiB
# (lookaside.slots) and the cache holds 64 statements: both fit, lookups stay as fast (bench/store.py).
STATEMENT_CACHE = 0
STATEMENT_CACHE_LARGE = 64

# (pragma, value to set or None, expected read-back). SQLCipher 4 defaults, made explicit.
CIPHER_SETTINGS: tuple[tuple[str, str | None, str], ...] = (
    ("cipher_page_size", None, str(PAGE_SIZE)),
    ("kdf_iter", None, "256000"),
    ("cipher_hmac_algorithm", None, "HMAC_SHA512"),
    ("cipher_kdf_algorithm", None, "PBKDF2_HMAC_SHA512"),
    ("cipher_use_hmac", None, "1"),
    ("cipher_plaintext_header_size", None, "0"),
    ("cipher_memory_security", "ON", "1"),
    # Deleted and overwritten content (an erased face's bytes, the pages they free) is zeroed, not left
    # in free pages the key still decrypts; the store checkpoints after an erasure (store/scrub.py).
    ("secure_delete", "ON", "1"),
    ("temp_store", "MEMORY", "2"),
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("foreign_keys", "ON", "1"),
)

MESSAGES = define({
    "db.missing": "no database at {path}",
    "db.exists": "refusing to create a database over the existing file {path}",
    "db.wrong_key": "the key does not decrypt {name} (wrong key, or its first page is damaged)",
    "db.damaged": "{name} is damaged or truncated ({reason})",
    "db.unsafe_settings": "unsafe cipher settings: {problems}",
    "db.partial_page": "{name} is truncated or damaged: its size {size} is not a whole number of pages",
    "db.truncated": "{name} is truncated: it should hold {pages} pages but the file has {found}",
})


def _driver():
    import sqlcipher3

    return sqlcipher3


def _open(sqlcipher3, path: Path, mode: str, cached: int):
    return sqlcipher3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True, isolation_level=None,
                              check_same_thread=False, cached_statements=cached)


def connect(path: Path, key: bytes, *, create: bool = False):
    """Open ``path`` with a raw 256-bit key and enforce the cipher settings.

    Without ``create`` the file must exist (it is never created by accident). A key that does not
    decrypt the first page raises ``WrongKeyError`` and leaves the file untouched.
    """
    sqlcipher3 = _driver()
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(code="db.missing", path=str(path))
    if create and path.exists():
        raise StoreError(code="db.exists", path=str(path))
    mode = "rwc" if create else "rw"
    memlock.memory_security_first(sqlcipher3)
    from consent_app.store import lookaside

    slots = lookaside.slots()
    large = slots > lookaside.SLOTS
    conn = _open(sqlcipher3, path, mode, STATEMENT_CACHE_LARGE if large else STATEMENT_CACHE)
    try:
        if not lookaside.enlarge(conn, path, slots) and large:
            conn.close()  # SQLite's small default pool: a larger cache would exhaust it
            conn = _open(sqlcipher3, path, mode, STATEMENT_CACHE)
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise WrongKeyError(
                    code="db.wrong_key", name=path.name
                ) from None
            raise StoreCorruptError(code="db.damaged", name=path.name, reason=str(exc)) from None
        apply_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def apply_settings(conn) -> None:
    """Set the connection pragmas, then read every cipher setting back and refuse a mismatch."""
    for name, value, _ in CIPHER_SETTINGS:
        if value is not None:
            conn.execute(f"PRAGMA {name} = {value}")
    conn.execute(f"PRAGMA cache_size = -{memlock.cache_kib(CACHE_KIB)}")
    problems = check_settings(conn)
    if problems:
        raise StoreError(code="db.unsafe_settings", problems=list(problems))


def check_settings(conn) -> list[str]:
    """Return one message per setting that differs from what the app requires."""
    problems = []
    for name, _, expected in CIPHER_SETTINGS:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        actual = str(row[0]).lower() if row else "<missing>"
        if actual != expected.lower():
            problems.append(f"{name} is {actual}, expected {expected}")
    return problems


def settings_report(conn) -> dict[str, str]:
    report = {}
    for name, _, _ in CIPHER_SETTINGS:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        report[name] = str(row[0]) if row else "<missing>"
    report["cipher_version"] = conn.execute("PRAGMA cipher_version").fetchone()[0]
    report["memory_lock_limit"] = memlock.report()
    report["cache_size"] = str(conn.execute("PRAGMA cache_size").fetchone()[0])
    return report


def check_size(conn, path: Path) -> None:
    """Refuse a file cut short: partial pages, or fewer pages than the database says it has."""
    size = path.stat().st_size
    if size % PAGE_SIZE:
        raise StoreCorruptError(
            code="db.partial_page", name=path.name, size=size
        )
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if pages * PAGE_SIZE > size:
        raise StoreCorruptError(
            code="db.truncated", name=path.name, pages=pages, found=size // PAGE_SIZE
        )


def integrity_problems(conn) -> list[str]:
    """Full check: every page's HMAC (cipher_integrity_check) and SQLite's structure check."""
    sqlcipher3 = _driver()
    problems: list[str] = []
    try:
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            problems += rows
        problems += [f"foreign key violation in {r[0]}" for r in conn.execute("PRAGMA foreign_key_check")]
    except sqlcipher3.DatabaseError as exc:
        problems.append(f"database error during check: {exc}")
    return problems
