"""The audit table rebuilt without the unread unique index on ``hash``: entries, chain, triggers survive."""

from __future__ import annotations

import pytest
import sqlcipher3
from storesupport import fast_argon2

from consent_app import audit
from consent_app.store import Store, migrations

PASS = "migrate me please"
COLUMNS = "seq, ts, actor, action, target, details, prev_hash, hash"


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _store_before(data_dir) -> list[tuple]:
    """A store one version before the rebuild with a few audit entries (one of them an event's)."""
    store = Store.create(data_dir, passphrase=PASS, argon2=fast_argon2(),
                         schema_version=_version_of("audit_hash_unindexed") - 1)
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('studio_id', ?), ('studio_name', 'Old')", (store.store_id,))
        audit.append(conn, "admin", "studio.create", "studio:x", {"name": "Old"})
        audit.append(conn, "op", "consent.event", "consent:c1", {"event": "sha256:" + "a" * 64})
        audit.append(conn, "op", "subject.create", "subject:s1", {})
        conn.execute("COMMIT")
        rows = conn.execute(f"SELECT {COLUMNS} FROM audit ORDER BY seq").fetchall()
    store.close()
    return rows


def test_audit_entries_chain_and_triggers_survive(tmp_path):
    before = _store_before(tmp_path / "d")
    with Store.open(tmp_path / "d", PASS) as store, store.read() as conn:
        assert store.schema_version == migrations.latest_version()
        assert conn.execute(f"SELECT {COLUMNS} FROM audit ORDER BY seq").fetchall() == before
        assert audit.verify_chain(conn).ok
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(audit)")}
        assert indexes == {"audit_event_target"}  # the hash is no longer indexed; lookups go by seq
        assert "audit_rebuild" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET actor = 'x' WHERE seq = 1")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit WHERE seq = 3")
        conn.execute("ROLLBACK")
        plan = " ".join(r[3] for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT details FROM audit WHERE target = ? AND action = 'consent.event'",
            ("consent:c1",)))
        assert "audit_event_target" in plan
    with Store.open(tmp_path / "d", PASS) as again:
        with again.transaction() as tx:
            audit.append(tx, "op", "subject.create", "subject:s2", {})
        with again.read() as conn:
            report = audit.verify_chain(conn)
            assert report.ok
            assert report.count == len(before) + 1
            assert audit.hash_at(conn, len(before)) == before[-1][-1]
