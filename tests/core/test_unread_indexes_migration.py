"""Migration ``unread_indexes``: four indexes no query reads are dropped; rows, plans and every rule stay.

The schema after it must still refuse what it refused before: an UPDATE or DELETE of an append-only row,
a row that breaks a CHECK or a foreign key, a duplicate of a unique key; and the app's queries on the
tables that lost an index must plan exactly as before (none of them read it).
"""

from __future__ import annotations

import pytest
import sqlcipher3
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from storesupport import fast_argon2

from consent_app import audit, clock
from consent_app.provenance import ledger
from consent_app.store import Store, migrations

PASS = "migrate me please"
DROPPED = {"complaints_state", "evidence_session", "usage_receipts_token", "duty_runs_duty"}
KID = "k1"

#: Every statement the app runs on the four tables (as in the code), with parameters to plan them.
APP_QUERIES = [
    ("SELECT id FROM complaints ORDER BY received_at, rowid", ()),
    ("SELECT id, received_at, channel, complainant_role, contact, contact_salt, claim, url, subject_id, "
     "consent_id, note, intake, intake_hash, kid, signature, state, created_by FROM complaints WHERE id = ?",
     ("c1",)),
    ("SELECT id FROM complaints c WHERE subject_id = ? AND NOT EXISTS "
     "(SELECT 1 FROM complaint_erasures e WHERE e.complaint_id = c.id) ORDER BY rowid", ("s1",)),
    ("SELECT id FROM complaints WHERE (received_at >= ? AND received_at < ?) OR id IN "
     "(SELECT complaint_id FROM complaint_events WHERE at >= ? AND at < ?) ORDER BY received_at, rowid",
     ("a", "b", "a", "b")),
    ("UPDATE complaints SET state = ? WHERE id = ?", ("resolved", "c1")),
    ("SELECT kind, body, created_at FROM evidence WHERE subject_id = ? ORDER BY created_at", ("s1",)),
    ("SELECT body, sha256 FROM evidence WHERE id = ?", ("e1",)),
    (ledger._USE + " WHERE u.consent_id = ? ORDER BY u.made_at", ("c1",)),
    (ledger._USE + " JOIN consents c ON c.id = u.consent_id WHERE c.subject_id = ? ORDER BY u.made_at DESC",
     ("s1",)),
    ("SELECT 1 FROM usage_receipts WHERE produce_id = ?", ("p1",)),
    ("SELECT * FROM usage_receipts WHERE imported_at >= ? AND imported_at < ?", ("a", "b")),
    ("SELECT duty, started_at, finished_at, ok, detail, actor FROM duty_runs ORDER BY id", ()),
]


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _indexes(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index'")}


def _plans(conn) -> list[list[str]]:
    return [[r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params)] for sql, params in APP_QUERIES]


def _seed(conn) -> None:
    """A row in each table that lost an index (and the parents their foreign keys need)."""
    now = clock.iso()
    seed = Ed25519PrivateKey.generate()
    raw = {"encoding": serialization.Encoding.Raw}
    conn.execute("INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at) "
                 "VALUES (?, 'Ed25519', ?, ?, ?)", (KID, seed.private_bytes(
                     **raw, format=serialization.PrivateFormat.Raw,
                     encryption_algorithm=serialization.NoEncryption()),
                     seed.public_key().public_bytes(**raw, format=serialization.PublicFormat.Raw), now))
    conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES ('s1', 'S', ?, 'a')",
                 (now,))
    conn.execute("INSERT INTO capture_sessions (id, subject_id, operator, state, started_at) "
                 "VALUES ('cs1', 's1', 'op', 'done', ?)", (now,))
    conn.execute("INSERT INTO evidence (id, session_id, subject_id, kind, body, sha256, created_at) "
                 "VALUES ('e1', 'cs1', 's1', 'face_match', '{}', 'x', ?)", (now,))
    conn.execute("INSERT INTO complaints (id, received_at, channel, complainant_role, contact, contact_salt, "
                 "claim, note, intake, intake_hash, kid, signature, state, created_by) VALUES ('c1', ?, "
                 "'staff', 'subject', 'x', x'00', 'other', '', '{}', 'h', ?, 'sig', 'received', 'a')",
                 (now, KID))
    conn.execute("INSERT INTO usage_receipts (produce_id, token_id, consent_id, operation, tool_serial, "
                 "tool_name, output_sha256, phashes, made_at, receipt, imported_at, imported_by) VALUES "
                 "('p1', 't1', 'c1', 'face_swap', '1', 'tool', 'x', '[]', ?, 'jws', ?, 'a')", (now, now))
    conn.execute("INSERT INTO duty_runs (duty, started_at, finished_at, ok, detail, actor) "
                 "VALUES ('status', ?, ?, 1, '{}', 'duty')", (now, now))


def test_the_four_indexes_go_and_nothing_else_changes(tmp_path):
    before_version = _version_of("unread_indexes") - 1
    store = Store.create(tmp_path / "d", passphrase=PASS, argon2=fast_argon2(), schema_version=before_version)
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        _seed(conn)
        conn.execute("COMMIT")
        indexes_before = _indexes(conn)
        plans_before = _plans(conn)
        schema_before = [row for row in conn.execute("SELECT type, name, sql FROM sqlite_schema "
                                                     "ORDER BY name") if row[1] not in DROPPED]
        rows_before = [conn.execute(f"SELECT * FROM {t}").fetchall()
                       for t in ("complaints", "evidence", "usage_receipts", "duty_runs")]
    assert indexes_before >= DROPPED

    with store.read() as conn:  # this migration alone (later ones may change other objects)
        assert migrations.migrate(conn, _version_of("unread_indexes")) == [_version_of("unread_indexes")]
        assert _indexes(conn) == indexes_before - DROPPED
        schema = conn.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall()
        assert schema == schema_before
        assert [conn.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("complaints", "evidence", "usage_receipts", "duty_runs")] == rows_before
        assert _plans(conn) == plans_before  # no query of the app read them
    assert store.integrity_problems() == []
    store.close()
    with Store.open(tmp_path / "d", PASS) as upgraded, upgraded.read() as conn:
        assert upgraded.schema_version == migrations.latest_version()
        assert not DROPPED & _indexes(conn)


def _insert(conn, table: str, **row) -> None:
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                 tuple(row.values()))


@pytest.fixture
def latest(tmp_path):
    store = Store.create(tmp_path / "d", passphrase=PASS, argon2=fast_argon2())
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        _seed(conn)
        audit.append(conn, "a", "subject.create", "subject:s1", {})
        now = clock.iso()
        _insert(conn, "consents", id="k", subject_id="s1", state="active", categories="[]", valid_from="",
                valid_until="", language="en", terms_version="1", terms_text="t", terms_sha256="x",
                record="{}", record_hash="h", kid=KID, signature="sig", demo=0, created_at=now,
                created_by="a")
        _insert(conn, "status_lists", id="l", purpose="revocation", size=131072, created_at=now)
        _insert(conn, "tokens", id="t1", consent_id="k", kid=KID, issued_at=now, issued_by="a", valid_from="",
                valid_until="", operations="[]", bindings="[]", status_list="l", status_index=0, sha256="x")
        _insert(conn, "events", hash="h1", id="ev1", consent_id="k", kind="token_issue", token_id="t1",
                at=now, actor="a", seen="[]", body="{}", kid=KID, signature="s")
        _insert(conn, "commitment_salts", consent_id="k", field="name", salt=b"\0")
        _insert(conn, "complaint_events", id="ce1", complaint_id="c1", seq=1, state="received", at=now,
                staff="a", body="{}", body_hash="h", kid=KID, signature="s")
        _insert(conn, "complaint_actions", id="ca1", complaint_id="c1", kind="refutation", target="x", at=now,
                staff="a", details="{}")
        _insert(conn, "complaint_media", id="m1", complaint_id="c1", name="n", kind="image", mime="image/png",
                size=1, sha256="x", data=b"\0", created_at=now)
        _insert(conn, "studio_outbox", seq=1, kind="audit.head", object_id="o1", hash="h", envelope=b"\0",
                signature=b"\0", created_at=now)
        conn.execute("COMMIT")
    yield store
    store.close()


REFUSED_CHANGES = [
    ("UPDATE audit SET actor = 'x'", "append-only"),
    ("DELETE FROM audit", "append-only"),
    ("UPDATE events SET actor = 'x'", "append-only"),
    ("DELETE FROM events", "append-only"),
    ("UPDATE tokens SET revoked_at = 'now'", "append-only"),
    ("DELETE FROM tokens", "append-only"),
    ("UPDATE commitment_salts SET salt = x'01'", "cannot be changed"),
    ("DELETE FROM commitment_salts", "cannot be changed"),
    ("UPDATE complaint_events SET state = 'resolved'", "append-only"),
    ("DELETE FROM complaint_events", "append-only"),
    ("UPDATE complaint_actions SET target = 'y'", "append-only"),
    ("DELETE FROM complaint_actions", "append-only"),
    ("UPDATE duty_runs SET ok = 0", "append-only"),
    ("UPDATE consents SET record = '{\"x\": 1}'", "cannot be changed"),
    ("DELETE FROM consents", "kept"),
    ("UPDATE complaints SET intake = '{}x'", "cannot be changed"),
    ("DELETE FROM complaints", "kept"),
    ("UPDATE studio_outbox SET hash = 'other'", "append-only"),
    ("DELETE FROM studio_outbox", "append-only"),
    ("UPDATE complaint_media SET sha256 = 'y'", "cannot be changed"),
]


@pytest.mark.parametrize(("sql", "message"), REFUSED_CHANGES, ids=[s for s, _ in REFUSED_CHANGES])
def test_append_only_rows_are_still_refused(latest, sql, message):
    with latest.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlcipher3.DatabaseError, match=message):
                conn.execute(sql)
        finally:
            conn.execute("ROLLBACK")


BAD_ROWS = [
    ("UPDATE consents SET state = 'revived'", "CHECK"),
    ("INSERT INTO events (hash, id, consent_id, kind, at, actor, seen, body, kid, signature) "
     "VALUES ('h2', 'ev2', 'k', 'undo', '', 'a', '[]', '{}', 'k1', 's')", "CHECK"),
    ("INSERT INTO samples (id, subject_id, kind, mime, sha256, created_at) "
     "VALUES ('x', 's1', 'tattoo', 'm', 'x', '')", "CHECK"),
    ("INSERT INTO status_lists (id, purpose, size, created_at) VALUES ('l2', 'revocation', 100, '')",
     "CHECK"),
    ("INSERT INTO studio_sync (id) VALUES (2)", "CHECK"),
    ("INSERT INTO staff (username, display_name, role, password_hash, created_at) "
     "VALUES ('u', 'U', 'root', 'x', '')", "CHECK"),
    ("INSERT INTO complaint_links (id, complaint_id, kind, target, source, evidence, status, created_at) "
     "VALUES ('l', 'c1', 'token', 't', 'trace', '{}', 'maybe', '')", "CHECK"),
    ("INSERT INTO complaint_media (id, complaint_id, name, kind, mime, size, sha256, data, created_at) "
     "VALUES ('m2', 'nobody', 'n', 'image', 'image/png', 1, 'x', x'00', '')", "FOREIGN KEY"),
    ("INSERT INTO evidence (id, session_id, subject_id, kind, body, sha256, created_at) "
     "VALUES ('e2', 'no-session', 's1', 'k', '{}', 'x', '')", "FOREIGN KEY"),
    ("INSERT INTO tokens (id, consent_id, kid, issued_at, issued_by, valid_from, valid_until, operations, "
     "bindings, status_list, status_index, sha256) "
     "VALUES ('t2', 'k', 'k1', '', 'a', '', '', '[]', '[]', 'l', 0, 'x')", "UNIQUE"),
    ("INSERT INTO studio_outbox (seq, kind, object_id, hash, envelope, signature, created_at) "
     "VALUES (2, 'audit.head', 'o1', 'h2', x'00', x'00', '')", "UNIQUE"),
]


@pytest.mark.parametrize(("sql", "error"), BAD_ROWS, ids=[s[:40] for s, _ in BAD_ROWS])
def test_bad_rows_are_still_refused(latest, sql, error):
    with latest.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(sqlcipher3.IntegrityError, match=error):
                conn.execute(sql)
        finally:
            conn.execute("ROLLBACK")
