"""Migration ``outbox_rows_frozen``: every update of a studio outbox row is refused, deletes still are."""

from __future__ import annotations

import pytest
import sqlcipher3
from storesupport import fast_argon2

from consent_app.store import Store, migrations

PASS = "migrate me please"
ROW = ("INSERT INTO studio_outbox (seq, kind, object_id, hash, envelope, signature, created_at) "
       "VALUES (?, ?, ?, ?, ?, ?, ?)")


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _refused(conn, sql: str) -> bool:
    """Does the store refuse ``sql`` as a change of an append-only row? (rolled back either way)"""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(sql)
    except sqlcipher3.DatabaseError as exc:
        return "append-only" in str(exc)
    finally:
        conn.execute("ROLLBACK")
    return False


def test_outbox_rows_are_frozen_whole(tmp_path):
    before = _version_of("outbox_rows_frozen") - 1
    store = Store.create(tmp_path / "d", passphrase=PASS, argon2=fast_argon2(), schema_version=before)
    with store.read() as conn:
        conn.execute(ROW, (1, "audit.head", "o1", "h1", b"e", b"s", "2026-01-01T00:00:00Z"))
        assert not _refused(conn, "UPDATE studio_outbox SET created_at = 'later'")  # the gap closed here
        assert _refused(conn, "UPDATE studio_outbox SET hash = 'other'")
    store.close()

    with Store.open(tmp_path / "d", PASS) as upgraded, upgraded.read() as conn:
        assert upgraded.schema_version == migrations.latest_version()
        for sql in ("UPDATE studio_outbox SET created_at = 'later'", "UPDATE studio_outbox SET seq = 5",
                    "UPDATE studio_outbox SET hash = 'other'", "DELETE FROM studio_outbox"):
            assert _refused(conn, sql), sql
        conn.execute(ROW, (2, "audit.head", "o2", "h2", b"e", b"s", "2026-01-02T00:00:00Z"))  # appending
        rows = conn.execute("SELECT seq, hash FROM studio_outbox ORDER BY seq").fetchall()
        assert rows == [(1, "h1"), (2, "h2")]
        triggers = dict(conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                     "AND tbl_name = 'studio_outbox'").fetchall())
        assert set(triggers) == {"studio_outbox_frozen", "studio_outbox_no_delete"}
        assert " OF " not in triggers["studio_outbox_frozen"]  # no column list: parsed with fewer allocations


@pytest.mark.parametrize("column", ["kind", "object_id", "envelope", "signature"])
def test_every_column_is_frozen(tmp_path, column):
    with Store.create(tmp_path / "d", passphrase=PASS, argon2=fast_argon2()) as store, store.read() as conn:
        conn.execute(ROW, (1, "audit.head", "o1", "h1", b"e", b"s", "2026-01-01T00:00:00Z"))
        assert _refused(conn, f"UPDATE studio_outbox SET {column} = NULL")
