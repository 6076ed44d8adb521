"""Every earlier schema version migrates forward to the latest, keeping its data."""

import uuid

import pytest

from consent_app import audit, clock
from consent_app.store import Store, migrations

LATEST = migrations.latest_version()
PASS = "migrate me please"


def _schema(store) -> list[tuple[str, str, str]]:
    with store.read() as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                            "ORDER BY type, name").fetchall()
    return [(t, n, " ".join((sql or "").split())) for t, n, sql in rows]


def _seed(conn, version: int) -> str | None:
    """Data as a store at ``version`` would hold it; plus each migration's own seed, if any."""
    subject_id = None
    if version >= 1:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('studio_id', 'sid'), ('studio_name', 'Old Studio')")
        subject_id = str(uuid.uuid4())
        conn.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                     (subject_id, "Old Subject", clock.iso(), "admin"))
        audit.append(conn, "admin", "subject.create", f"subject:{subject_id}", {})
        conn.execute("COMMIT")
    for migration in migrations.all_migrations()[:version]:
        seed = getattr(migration.module, "seed", None)
        if seed is not None:
            conn.execute("BEGIN IMMEDIATE")
            seed(conn)
            conn.execute("COMMIT")
    return subject_id


@pytest.fixture(scope="module")
def latest_schema(tmp_path_factory):
    with Store.create(tmp_path_factory.mktemp("fresh") / "d", passphrase=PASS,
                      argon2=_fast()) as fresh:
        return _schema(fresh)


def _fast():
    from storesupport import fast_argon2

    return fast_argon2()


def test_migrations_are_numbered_and_described():
    found = migrations.all_migrations()
    assert [m.version for m in found] == list(range(1, LATEST + 1))
    assert all(m.description for m in found)


@pytest.mark.parametrize("start", range(LATEST))
def test_migrates_from_every_earlier_version(tmp_path, start, latest_schema):
    data_dir = tmp_path / "d"
    old = Store.create(data_dir, passphrase=PASS, argon2=_fast(), schema_version=start)
    envelope_id = old.store_id
    with old.read() as conn:
        assert migrations.current_version(conn) == start
        subject_id = _seed(conn, start)
        if start >= 1:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'studio_id'", (envelope_id,))
    old.close()

    with Store.open(data_dir, PASS) as upgraded:
        assert upgraded.schema_version == LATEST
        assert _schema(upgraded) == latest_schema
        assert upgraded.integrity_problems() == []
        with upgraded.read() as conn:
            assert audit.verify_chain(conn).ok
            if subject_id:
                row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (subject_id,)).fetchone()
                assert row == ("Old Subject",)
            for migration in migrations.all_migrations()[:start]:
                check = getattr(migration.module, "check_after_upgrade", None)
                if check is not None:
                    check(conn)


def test_a_newer_store_is_refused(tmp_path):
    data_dir = tmp_path / "d"
    with Store.create(data_dir, passphrase=PASS, argon2=_fast()) as store, store.read() as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(Exception, match="newer than this app"):
        Store.open(data_dir, PASS)


def test_a_failing_migration_leaves_the_previous_version(tmp_path, monkeypatch):
    data_dir = tmp_path / "d"
    Store.create(data_dir, passphrase=PASS, argon2=_fast(), schema_version=0).close()
    first = migrations.all_migrations()[0]

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration failed midway")

    monkeypatch.setattr(first.module, "upgrade", broken)
    with pytest.raises(RuntimeError, match="midway"):
        Store.open(data_dir, PASS)
    monkeypatch.undo()
    with Store.open(data_dir, PASS) as store:
        assert store.schema_version == LATEST
        with store.read() as conn:
            assert conn.execute("SELECT name FROM sqlite_schema WHERE name = 'half_done'").fetchone() is None
