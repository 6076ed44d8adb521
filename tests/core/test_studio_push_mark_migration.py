"""The studio outbox's per-row ``pushed_at`` becomes one mark (``studio_sync.pushed_seq``): the prefix the
server holds, taken from the rows as they were; a row marked pushed after an unpushed one is pushed again."""

from __future__ import annotations

from storesupport import fast_argon2

from consent_app.store import Store, migrations

PASS = "migrate me please"
T = "2026-01-01T00:00:00Z"


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _store_with_outbox(path, pushed: list[bool]):
    store = Store.create(path, passphrase=PASS, argon2=fast_argon2(),
                         schema_version=_version_of("studio_push_mark") - 1)
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO studio_sync (id, cursor) VALUES (1, 0)")
        conn.executemany("INSERT INTO studio_outbox (seq, kind, object_id, hash, envelope, signature, "
                         "created_at, pushed_at) VALUES (?, 'bench.note', ?, ?, x'00', x'00', ?, ?)",
                         [(seq, str(seq), f"h{seq}", T, T if done else None)
                          for seq, done in enumerate(pushed, start=1)])
        conn.execute("COMMIT")
    store.close()


def _after(path) -> tuple[int, list[str]]:
    with Store.open(path, PASS) as store, store.read() as conn:
        assert store.schema_version == migrations.latest_version()
        columns = [r[1] for r in conn.execute("PRAGMA table_info(studio_outbox)")]
        return conn.execute("SELECT pushed_seq FROM studio_sync WHERE id = 1").fetchone()[0], columns


def _outbox(path) -> list[tuple]:
    with Store.open(path, PASS) as store, store.read() as conn:
        return conn.execute("SELECT seq, kind, object_id, hash, envelope, signature, created_at "
                            "FROM studio_outbox ORDER BY seq").fetchall()


def test_the_mark_is_the_pushed_prefix_and_the_row_column_is_gone(tmp_path):
    _store_with_outbox(tmp_path / "a", [True, True, True, False, False])
    mark, columns = _after(tmp_path / "a")
    assert mark == 3
    assert "pushed_at" not in columns
    # every row kept whole: the column goes, the signed objects stay (they are this station's chain)
    assert _outbox(tmp_path / "a") == [(seq, "bench.note", str(seq), f"h{seq}", b"\x00", b"\x00", T)
                                       for seq in range(1, 6)]


def test_a_row_pushed_after_an_unpushed_one_is_pushed_again(tmp_path):
    _store_with_outbox(tmp_path / "b", [True, False, True])
    assert _after(tmp_path / "b")[0] == 1


def test_everything_pushed_and_nothing_in_the_outbox(tmp_path):
    _store_with_outbox(tmp_path / "c", [True, True])
    assert _after(tmp_path / "c")[0] == 2
    _store_with_outbox(tmp_path / "d", [])
    assert _after(tmp_path / "d")[0] == 0
