"""Encrypted store vs plain SQLite, same schema, same code path, same run.

Writes: the app's own write path (a consent-sized record plus its hash-chained audit entry, and a signed
event — Ed25519 over its RFC 8785 body, naming the events seen, with its own audit entry — through
``consent_app.consent.events.append``; one transaction each, and in batches of 100), the encrypted side
through ``Store.transaction``, so the head anchor policy (a signed copy of the audit head written after
durable commits, about once a second) is included. The plain side does the same work, signatures included,
without encryption. Reads: warm point queries by primary key. Open: opening an
unlocked store once the key is derived (lock, key, cipher settings read back, size check, schema), and the
schema parse alone (the first query of a keyed connection: under cipher_memory_security every allocation
SQLite makes for the parsed schema is mlock()ed, and its temporaries wiped and unlocked; most of the open).
Point queries are measured twice: a small row by primary key (the app's lookups: a consent's state,
a token, a subject) and the full ~3 KB signed record.

Event state: a consent with 1,000 signed events (500 token issues, 500 revocations) has its state computed
and verified by the app's one computation (``records.get``: record signature, every event's hash and
signature, the event graph, token rows, audit cross-check, cached columns), against 1,000 bare Ed25519
verifications of the same event bytes in the same run.
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
from consent_app.consent import events
from consent_app.crypto import keys as signing
from consent_app.setup import initialize
from consent_app.store import Store, cipher, keys, migrations

N_SINGLE = 200
N_BATCH = 2000
BATCH = 100
N_QUERIES = 20000
EVENTS_PER_CONSENT = 4  # the write path appends each signed event to a consent with a few events
N_STATE_EVENTS = 1000

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


def make_consents(conn, count: int) -> None:
    """Bare consent rows the signed events of the write path attach to (setup, not timed)."""
    conn.execute("BEGIN IMMEDIATE")
    if conn.execute("SELECT 1 FROM signing_keys").fetchone() is None:
        signing.create_key(conn, "bench")
    kid = signing.active_key(conn).kid
    conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES ('s', 'S', ?, 'b')",
                 (clock.iso(),))
    for i in range(count):
        conn.execute(
            "INSERT INTO consents (id, subject_id, state, categories, valid_from, valid_until, language, "
            "terms_version, terms_text, terms_sha256, record, record_hash, kid, signature, demo, created_at, "
            "created_by) VALUES (?, 's', 'active', '[\"face_swap\"]', '', '', 'en', '1', '', '', '{}', ?, ?, "
            "'', 0, '', 'b')", (f"c{i:06d}", "sha256:" + "0" * 64, kid))
    conn.execute("COMMIT")


def write_one(conn, i: int) -> str:
    rid = f"r{i:08d}"
    body = canonical_json({**RECORD, "recordId": rid})
    conn.execute("INSERT INTO evidence (id, kind, body, sha256, created_at) VALUES (?, 'consent', ?, ?, ?)",
                 (rid, body.decode(), sha256_hex(body), clock.iso()))
    audit.append(conn, "op", "consent.create", f"consent:{rid}", {"sha256": sha256_hex(body)})
    # a token-issue event (not a revoking kind: that would also publish a status list after the commit)
    events.append(conn, f"c{i // EVENTS_PER_CONSENT:06d}", "token_issue",
                  events.token_fields(rid, ["face_swap"], [], "urn:uuid:bench", i, "ab" * 32, "kid",
                                      "2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z"),
                  actor="op", demo=False, record_hash="sha256:" + "0" * 64, token_id=rid)
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


def store_consent_with_events(conn, count: int) -> str:
    """A signed consent stored by the app, then ``count`` signed events through the app's own paths'
    building blocks: half token issues (token row + ``token_issue`` event), half revocations."""
    from consent_app.consent import records
    from consent_app.consent.record import build_record
    from consent_app.store import meta

    conn.execute("BEGIN IMMEDIATE")
    studio = meta.studio(conn)
    subject_id, consent_id = str(uuid.uuid4()), str(uuid.uuid4())
    conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) "
                 "VALUES (?, 'Bench', ?, 'b')", (subject_id, clock.iso()))
    text = "bench terms"
    details = {"project": "Bench", "purpose": "state", "validFrom": "2026-01-01T00:00:00Z",
               "validUntil": "2099-01-01T00:00:00Z", "territory": ["CN"], "channels": ["cinema"],
               "prohibitedUses": [], "marking": "AI", "retentionDays": 30, "withdrawalContact": "x",
               "complaintsContact": "x"}
    body = build_record(consent_id=consent_id, studio={"id": f"urn:uuid:{studio.id}", "name": studio.label},
                        subject={"id": f"urn:uuid:{subject_id}"}, attester={"role": "subject"},
                        session={"id": None}, categories=["face_swap", "tts_voice_clone"], details=details,
                        notice={"sha256": sha256_hex(text.encode())}, evidence={}, collector={"staff": "b"},
                        created_at=clock.iso(), demo=studio.demo)
    consent = records.insert(conn, consent_id=consent_id, subject_id=subject_id, session_id=None, body=body,
                             terms_text=text, terms_version="1", language="en", actor="b")
    key = signing.active_key(conn)
    conn.execute("INSERT INTO status_lists (id, purpose, size, created_at) VALUES ('urn:uuid:bench', "
                 "'revocation', 131072, ?)", (clock.iso(),))
    for i in range(count // 2):
        token_id = str(uuid.uuid4())
        fields = events.token_fields(token_id, ["face_swap"], [], "urn:uuid:bench", i, "ab" * 32, key.kid,
                                     details["validFrom"], details["validUntil"])
        conn.execute(
            "INSERT INTO tokens (id, consent_id, kid, issued_at, issued_by, valid_from, valid_until, "
            "operations, bindings, status_list, status_index, sha256) "
            "VALUES (?, ?, ?, ?, 'b', ?, ?, '[\"face_swap\"]', '[]', 'urn:uuid:bench', ?, ?)",
            (token_id, consent_id, key.kid, clock.iso(), details["validFrom"], details["validUntil"], i,
             "ab" * 32))
        events.append(conn, consent_id, "token_issue", fields, actor="b", record_hash=consent.record_hash,
                      demo=studio.demo, token_id=token_id, key=key)
        events.append(conn, consent_id, "revocation", {"tokens": [token_id], "cause": "revocation",
                                                       "reason": "bench"}, actor="b",
                      record_hash=consent.record_hash, demo=studio.demo, key=key)
    conn.execute("COMMIT")
    return consent_id


def event_state(conn) -> tuple[float, float]:
    """Best-of time of the app's state computation for a consent with N_STATE_EVENTS signed events, and
    of N_STATE_EVENTS bare Ed25519 verifications of the same bytes (cryptography, keys loaded once)."""
    import base64

    from consent_app.consent import records

    consent_id = store_consent_with_events(conn, N_STATE_EVENTS)
    consent = records.get(conn, consent_id)
    assert not consent.problems, consent.problems
    assert len(consent.events) == N_STATE_EVENTS
    keys = signing.public_key_map(conn)
    rows = [(keys[kid], base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)), body.encode())
            for kid, sig, body in conn.execute("SELECT kid, signature, body FROM events WHERE consent_id = ?",
                                               (consent_id,))]

    def bare():
        for public, signature, data in rows:
            public.verify(signature, data)

    t_state = t_bare = float("inf")
    for _ in range(7):  # interleaved, so both share the machine's noise
        t_state = min(t_state, best_of(lambda: records.get(conn, consent_id), repeat=1))
        t_bare = min(t_bare, best_of(bare, repeat=1))
    return t_state, t_bare


def schema_parse(db: Path, key: bytes) -> tuple[float, str]:
    """Best-of time of the first query of a keyed connection (SQLite parses the whole schema then), and what
    the schema holds. Memory security is already on in this process, as for every open after the first."""
    import sqlcipher3

    def parse() -> float:
        c = sqlcipher3.connect(f"file:{db}?mode=rw", uri=True)
        c.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        start = time.perf_counter()
        c.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        elapsed = time.perf_counter() - start
        c.close()
        return elapsed

    best = min(parse() for _ in range(20))
    c = sqlcipher3.connect(f"file:{db}?mode=rw", uri=True)
    c.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    counts = dict(c.execute("SELECT type, count(*) FROM sqlite_schema GROUP BY type").fetchall())
    c.close()
    kinds = ", ".join(f"{counts.get(t, 0)} {name}" for t, name in (("table", "tables"), ("index", "indexes"),
                                                                       ("trigger", "triggers")))
    return best, kinds


def open_phases(data_dir: Path, key: bytes, envelope: dict) -> tuple[float, float]:
    """Best-of times of the open's two halves, as ``Store.open_with_key`` runs them: the connection
    (connect, lookaside, key, schema parse, settings set and read back) and the checks after it (store id,
    signed head anchor, WAL checkpoint, size, schema version)."""
    from consent_app import paths
    from consent_app.store.lock import FolderLock

    db = paths.db_path(data_dir)
    connect = checks = float("inf")
    for _ in range(20):
        lock = FolderLock(paths.envelope_path(data_dir))
        lock.acquire()
        t0 = time.perf_counter()
        conn = cipher.connect(db, key)
        t1 = time.perf_counter()
        Store._check_opened(conn, db, envelope)
        migrations.migrate(conn)
        t2 = time.perf_counter()
        conn.close()
        lock.release()
        connect, checks = min(connect, t1 - t0), min(checks, t2 - t1)
    return connect, checks


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        tmp = Path(tmp)
        os.environ.setdefault("CONSENT_APP_PASSPHRASE", "bench passphrase")
        store = initialize(tmp / "enc", studio_name="Bench", admin_username="admin",
                           admin_password="bench password 1", passphrase="bench passphrase")
        plain = plain_connection(tmp / "plain.db")
        results: dict[str, tuple[float, float]] = {}
        n_consents = (N_SINGLE + N_BATCH) // EVENTS_PER_CONSENT + 1
        make_consents(plain, n_consents)
        with store.read() as enc:
            make_consents(enc, n_consents)
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
            t_state, t_bare = event_state(enc)
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
        t_schema, kinds = schema_parse(tmp / "enc" / "consent.db", key)
        t_connect, t_checks = open_phases(tmp / "enc", key, envelope)

    print("SQLCipher runs with the enforced settings (cipher_memory_security ON: heap buffers are\n"
          "mlock()ed and wiped; store connections serve record-sized ones from large lookaside slots).")
    print(f"{'path':<14}{'SQLCipher':>14}{'plain SQLite':>16}{'ratio':>8}")
    for label, (e, p) in results.items():
        print(f"{label:<14}{e * 1e6:>12.1f}us{p * 1e6:>14.1f}us{e / p:>8.2f}")
    print(f"state of a consent with {N_STATE_EVENTS} signed events, computed and verified: "
          f"{t_state * 1e3:.1f} ms; {N_STATE_EVENTS} bare Ed25519 verifications: {t_bare * 1e3:.1f} ms")
    print(f"open (key derived): {t_open * 1e3:.2f} ms (plain sqlite3 open: {t_plain_open * 1e3:.2f} ms); "
          f"Argon2id key derivation itself: {t_derive * 1e3:.0f} ms")
    print(f"  of the open, the schema parse (first query: {kinds}; every allocation of it mlock()ed, then\n"
          f"  wiped and unlocked under cipher_memory_security): {t_schema * 1e3:.2f} ms")
    print(f"  the connection (connect, lookaside, key, schema parse, settings set and read back): "
          f"{t_connect * 1e3:.2f} ms;\n  the checks after it (store id, signed head anchor, WAL checkpoint, "
          f"size, schema version): {t_checks * 1e3:.2f} ms (best of 20 each)")
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
    ok &= target("event_state_1k_ratio", t_state / t_bare, 1.5, higher_is_better=False)
    print(json.dumps({k: {"sqlcipher_s": e, "plain_s": p} for k, (e, p) in results.items()}), file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
