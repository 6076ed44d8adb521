"""Where a store open's schema parse spends its mlock()/munlock() calls, by kind of schema object.

Under ``cipher_memory_security`` SQLCipher ``mlock()``s every allocation SQLite makes and wipes and
``munlock()``s every one it frees; the first query of a connection parses the whole schema with lookaside
off (CREATE statements never use it), so the parse costs about one system call per allocation. This script
makes a throwaway store at the latest schema version, copies its schema into plain keyed files with one kind
of object taken away at a time (triggers, explicit indexes, CHECK constraints, DEFAULTs, REFERENCES), and
counts the calls of each file's parse in a child process under ``strace`` (Linux; needs strace).

    .venv/bin/python scripts/schema_parse_calls.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEY = "ab" * 32
CHILD = """
import os, sys, sqlcipher3
probe = sqlcipher3.connect(":memory:"); probe.execute("PRAGMA cipher_memory_security = ON"); probe.close()
for _ in range(2):  # the second parse is the one counted: the process's allocator in its steady state
    c = sqlcipher3.connect(sys.argv[1], isolation_level=None)
    c.execute("PRAGMA key = \\"x'THE_KEY'\\"")
    os.getppid()
    c.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    os.getppid()
    c.close()
""".replace("THE_KEY", KEY)


def latest_schema(folder: Path) -> list[tuple[str, str]]:
    """(type, sql) of every object a fresh store at the latest version has, in creation order."""
    from consent_app.store import Store
    from consent_app.store.keys import Argon2Params

    with Store.create(folder / "store", passphrase="schema parse calls",  # noqa: S106 - a throwaway store
                      argon2=Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)) as store, \
            store.read() as conn:
        rows = conn.execute("SELECT type, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid")
        return [(kind, re.sub(r"--[^\n]*", "", sql)) for kind, sql in rows]


def without_checks(sql: str) -> str:
    out, i = "", 0
    while (m := re.search(r"CHECK\s*\(", sql[i:])) is not None:
        out, k, depth = out + sql[i:i + m.start()], i + m.end(), 1
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[k], 0)
            k += 1
        i = k
    return out + sql[i:]


def without_defaults(sql: str) -> str:
    return re.sub(r"DEFAULT\s+('[^']*'|-?\d+)", "", sql)


def without_references(sql: str) -> str:
    return re.sub(r"REFERENCES\s+\w+\s*\(\w+\)", "", sql)


def variants(schema: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    tables = [sql for kind, sql in schema if kind == "table"]
    indexes = [sql for kind, sql in schema if kind == "index"]
    triggers = [sql for kind, sql in schema if kind == "trigger"]
    bare = [without_references(without_defaults(without_checks(t))) for t in tables]
    return [
        ("the whole schema", tables + indexes + triggers),
        ("without its triggers", tables + indexes),
        ("without its explicit indexes", tables + triggers),
        ("tables only", tables),
        ("tables without CHECK constraints", [without_checks(t) for t in tables]),
        ("tables without DEFAULTs", [without_defaults(t) for t in tables]),
        ("tables without REFERENCES", [without_references(t) for t in tables]),
        ("bare tables (columns and keys only)", bare),
        ("an empty schema", []),
    ]


def build(path: Path, statements: list[str]) -> None:
    import sqlcipher3

    conn = sqlcipher3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{KEY}'\"")
    for sql in statements:
        conn.execute(sql)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def count_calls(path: Path, trace: Path) -> tuple[int, int]:
    subprocess.run(["strace", "-o", str(trace), "-e", "trace=mlock,munlock,getppid", sys.executable, "-c",
                    CHILD, str(path)], check=True, capture_output=True)
    lines = trace.read_text().splitlines()
    marks = [i for i, line in enumerate(lines) if line.startswith("getppid")]
    counted = lines[marks[2]:marks[3]]
    locks = sum(line.startswith("mlock") for line in counted)
    return locks, sum(line.startswith("munlock") for line in counted)


def parse_ms(path: Path, rounds: int = 30) -> float:
    import sqlcipher3

    from consent_app.store import memlock

    memlock.memory_security_first(sqlcipher3)
    best = float("inf")
    for _ in range(rounds):
        conn = sqlcipher3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{KEY}'\"")
        start = time.perf_counter()
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        best = min(best, time.perf_counter() - start)
        conn.close()
    return best * 1e3


def main() -> int:
    if shutil.which("strace") is None:
        print("needs strace (apt-get install strace)")
        return 2
    with tempfile.TemporaryDirectory(prefix="schema-calls-") as tmp:
        folder = Path(tmp)
        schema = latest_schema(folder)
        kinds = {k: sum(1 for kind, _ in schema if kind == k) for k in ("table", "index", "trigger")}
        print(f"latest schema: {kinds['table']} tables, {kinds['index']} explicit indexes, "
              f"{kinds['trigger']} triggers")
        counts: dict[str, int] = {}
        for number, (label, statements) in enumerate(variants(schema)):
            path = folder / f"v{number}.db"
            build(path, statements)
            locks, unlocks = count_calls(path, folder / "trace.txt")
            counts[label] = total = locks + unlocks
            line = f"{total:6d} calls ({locks} mlock + {unlocks} munlock)  {label}"
            if number == 0:
                per_call = parse_ms(path) / total * 1e3
                line += (f": parse {total * per_call / 1e3:.2f} ms at best in this process, "
                         f"{per_call:.2f} us a call")
            else:  # what the part taken away cost: against the whole, or against the tables with everything
                base = "the whole schema" if not label.startswith(("tables ", "bare")) else "tables only"
                line += f" ({total - counts[base]:+d} against {base})" if label != base else ""
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
