"""The events table rebuilt with its kind rule written as comparisons: rows, rules and triggers survive."""

from __future__ import annotations

import uuid

import pytest
import sqlcipher3
from storesupport import fast_argon2

from consent_app import clock
from consent_app.consent import events
from consent_app.crypto import keys as signing
from consent_app.store import Store, migrations

PASS = "migrate me please"


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _store_before(data_dir) -> tuple[str, list[tuple]]:
    """A store one version before the rebuild, holding a consent with a few signed events (and its rows)."""
    store = Store.create(data_dir, passphrase=PASS, argon2=fast_argon2(),
                         schema_version=_version_of("event_kind_check") - 1)
    consent_id = str(uuid.uuid4())
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('studio_id', ?), ('studio_name', 'Old')", (store.store_id,))
        key = signing.create_key(conn, "admin")
        conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) "
                     "VALUES ('s', 'S', ?, 'a')", (clock.iso(),))
        conn.execute(
            "INSERT INTO consents (id, subject_id, state, categories, valid_from, valid_until, language, "
            "terms_version, terms_text, terms_sha256, record, record_hash, kid, signature, demo, created_at, "
            "created_by) VALUES (?, 's', 'active', '[\"face_swap\"]', '', '', 'en', '1', '', '', '{}', ?, ?, "
            "'', 0, '', 'a')", (consent_id, "sha256:" + "0" * 64, key.kid))
        for kind, fields in (("token_issue", events.token_fields("t1", ["face_swap"], [], "urn:uuid:l", 1,
                                                                  "ab" * 32, key.kid, "a", "b")),
                             ("revocation", {"tokens": ["t1"], "cause": "revocation", "reason": "r"}),
                             ("withdrawal", {"categories": ["face_swap"], "remaining": [], "reason": "r"})):
            events.append(conn, consent_id, kind, fields, actor="op", record_hash="sha256:" + "0" * 64,
                          demo=False, token_id="t1" if kind == "token_issue" else None, key=key)
        conn.execute("COMMIT")
        rows = conn.execute(f"SELECT rowid, {events.COLUMNS} FROM events ORDER BY rowid").fetchall()
    store.close()
    return consent_id, rows


def test_events_keep_their_rows_rules_and_triggers(tmp_path):
    consent_id, before = _store_before(tmp_path / "d")
    with Store.open(tmp_path / "d", PASS) as store, store.read() as conn:
        assert store.schema_version == migrations.latest_version()
        rows = conn.execute(f"SELECT rowid, {events.COLUMNS} FROM events ORDER BY rowid").fetchall()
        assert rows == before  # same rows, same rowids (replication orders by rowid)
        assert [r[4] for r in rows] == ["token_issue", "revocation", "withdrawal"]
        keys = signing.public_key_map(conn)
        assert all(events.check_row(r[1:], keys).ok for r in rows)  # signed bytes unchanged
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE tbl_name = 'events'")}
        assert {"events_consent", "events_no_update", "events_no_delete"} <= names
        assert "events_rebuild" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        insert = (f"INSERT INTO events ({events.COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        plan = [r[1] for r in conn.execute("EXPLAIN " + insert, [None] * 11)]
        assert "OpenEphemeral" not in plan
        conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("UPDATE events SET actor = 'x'")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM events")
        bad = list(rows[0][1:])
        bad[0], bad[1], bad[3] = "sha256:" + "1" * 64, str(uuid.uuid4()), "restoration"
        with pytest.raises(sqlcipher3.DatabaseError, match="CHECK constraint failed"):
            conn.execute(insert, bad)
        bad[3] = "erasure"
        conn.execute(insert, bad)  # every kind the rule names is still accepted
        conn.execute("ROLLBACK")
        assert events.heads(conn, consent_id)
