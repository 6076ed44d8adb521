"""Encrypted store vs plain SQLite, same schema, same code path, same run.

Writes: the app's own write path (a consent-sized record plus its hash-chained audit entry, one
transaction each, and in batches of 100) through ``Store.transaction``, so the head anchor policy
(a signed copy of the audit head written after durable commits, about once a second) is included.
Reads: warm point queries by primary key. Open: opening an
unlocked store once the key is derived (lock, key, cipher settings read back, size check, schema).
Point queries are measured twice: a small row by primary key (the app's lookups: a consent's state,
a token, a subject) and the full ~3 KB signed record.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _report import best_of, target

from consent_app import audit, clock
from consent_app.canonical import canonical_json, sha256_hex
from consent_app.setup import initialize
from consent_app.store import Store, cipher, keys, migrations

N_SINGLE = 200
N_BATCH = 2000
BATCH = 100
N_QUERIES = 20000

RECORD = {  # about the size of a signed consent record
    "recordId": "", "subject": "urn:uuid:" + str(uuid.uuid4()), "collectionMethod": "in_person_session",
    "purposes": [{"purpose": "advertising film", "operations": ["face_swap", "tts_voice_clone"]}],
    "terms": {"language": "zh-CN", "version": "1", "sha256": "a" * 64},
    "evidence": {k: "b" * 64 for k in ("id_match", "liveness", "voice", "statement", "signature", "image")},
    "notes": "x" * 2500,
}


def plain_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for name, value, _ in cipher.CIPHER_SETTINGS:
        if value is not None and not name.startswith("cipher"):
            conn.execute(f"PRAGMA {name} = {value}")
    conn.execute(f"PRAGMA cache_size = -{cipher.CACHE_KIB}")
    migrations.migrate(conn)
    return conn


def write_one(conn, i: int) -> str:
    rid = f"r{i:08d}"
    body = canonical_json({**RECORD, "recordId": rid})
    conn.execute("INSERT INTO evidence (id, kind, body, sha256, created_at) VALUES (?, 'consent', ?, ?, ?)",
                 (rid, body.decode(), sha256_hex(body), clock.iso()))
    audit.append(conn, "op", "consent.create", f"consent:{rid}", {"sha256": sha256_hex(body)})
    return rid


def run_writes(conn, start: int, count: int, batch: int) -> float:
    t0 = time.perf_counter()
    i = start
    while i < start + count:
        conn.execute("BEGIN IMMEDIATE")
        for _ in range(batch):
            write_one(conn, i)
            i += 1
        conn.execute("COMMIT")
    return (time.perf_counter() - t0) / count


def run_store_writes(store, start: int, count: int, batch: int) -> float:
    """The app's own path: ``Store.transaction`` (its mutex, the head anchor written after durable
    commits at most about once a second, the revocation check), not a bare connection."""
    t0 = time.perf_counter()
    i = start
    while i < start + count:
        with store.transaction() as tx:
            for _ in range(batch):
                write_one(tx, i)
                i += 1
    return (time.perf_counter() - t0) / count


RECORD_QUERY = "SELECT body, sha256 FROM evidence WHERE id = ?"
ROW_QUERY = "SELECT kind, sha256, created_at FROM evidence WHERE id = ?"


def run_queries(conn, ids: list[str], sql: str) -> float:
    rng = secrets.SystemRandom()
    picks = [rng.choice(ids) for _ in range(N_QUERIES)]
    for rid in picks[:2000]:  # warm the cache
        conn.execute(sql, (rid,)).fetchone()
    t0 = time.perf_counter()
    for rid in picks:
        row = conn.execute(sql, (rid,)).fetchone()
        assert row is not None
    return (time.perf_counter() - t0) / N_QUERIES


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        tmp = Path(tmp)
        os.environ.setdefault("CONSENT_APP_PASSPHRASE", "bench passphrase")
        store = initialize(tmp / "enc", studio_name="Bench", admin_username="admin",
                           admin_password="bench password 1", passphrase="bench passphrase")
        plain = plain_connection(tmp / "plain.db")
        results: dict[str, tuple[float, float]] = {}
        with store.read() as enc:
            ids = []
            for label, start, count, batch in (("write_single", 0, N_SINGLE, 1),
                                               ("write_batch", N_SINGLE, N_BATCH, BATCH)):
                # interleave chunks so both sides share the machine's noise (fsync latency) fairly
                chunk = max(batch, count // 10)
                e = p = 0.0
                for offset in range(start, start + count, chunk):
                    e += run_store_writes(store, offset, chunk, batch) * chunk
                    p += run_writes(plain, offset, chunk, batch) * chunk
                results[label] = (e / count, p / count)
            ids = [r[0] for r in enc.execute("SELECT id FROM evidence")]
            for label, sql in (("point_row", ROW_QUERY), ("point_record", RECORD_QUERY)):
                e = min(run_queries(enc, ids, sql) for _ in range(3))
                p = min(run_queries(plain, ids, sql) for _ in range(3))
                results[label] = (e, p)
        store.close()
        plain.close()

        envelope = keys.read_envelope(tmp / "enc" / "consent.key.json")
        key = keys.unseal(envelope, "bench passphrase")
        t_derive = best_of(lambda: keys.unseal(envelope, "bench passphrase"), repeat=3)

        opens = []
        for _ in range(20):  # time the open only; closing (final checkpoint) happens at shutdown
            start = time.perf_counter()
            opened = Store.open_with_key(tmp / "enc", key, envelope)
            opens.append(time.perf_counter() - start)
            opened.close()
        t_open = min(opens)

        def plain_open():
            c = sqlite3.connect(tmp / "plain.db")
            c.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            c.close()

        t_plain_open = best_of(plain_open, repeat=20)

    print("SQLCipher runs with the enforced settings (cipher_memory_security ON: heap buffers are\n"
          "mlock()ed and wiped; store connections serve record-sized ones from large lookaside slots).")
    print(f"{'path':<14}{'SQLCipher':>14}{'plain SQLite':>16}{'ratio':>8}")
    for label, (e, p) in results.items():
        print(f"{label:<14}{e * 1e6:>12.1f}us{p * 1e6:>14.1f}us{e / p:>8.2f}")
    print(f"open (key derived): {t_open * 1e3:.2f} ms (plain sqlite3 open: {t_plain_open * 1e3:.2f} ms); "
          f"Argon2id key derivation itself: {t_derive * 1e3:.0f} ms")
    ok = True
    ok &= target("write_single_ratio", results["write_single"][0] / results["write_single"][1], 1.5,
                 higher_is_better=False)
    ok &= target("write_batch_ratio", results["write_batch"][0] / results["write_batch"][1], 1.5,
                 higher_is_better=False)
    ok &= target("point_query_row_ratio", results["point_row"][0] / results["point_row"][1], 1.5,
                 higher_is_better=False)
    ok &= target("point_query_record_ratio", results["point_record"][0] / results["point_record"][1], 1.5,
                 higher_is_better=False)
    ok &= target("open_unlocked_ms", t_open * 1e3, 5.0, higher_is_better=False, unit=" ms")
    print(json.dumps({k: {"sqlcipher_s": e, "plain_s": p} for k, (e, p) in results.items()}), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
