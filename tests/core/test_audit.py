"""The hash-chained audit trail: tampering is found at the exact entry, untouched logs pass."""

import json

import pytest

from consent_app import audit, audit_checkpoint
from consent_app.canonical import canonical_json
from consent_app.crypto.keys import active_key, public_key_map
from consent_app.store import meta

N = 12


@pytest.fixture
def log(store):
    with store.transaction() as tx:
        for i in range(N):
            audit.append(tx, "op", "test.event", f"thing:{i}", {"i": i, "note": "é ok"})
    with store.read() as conn:
        report = audit.verify_chain(conn)
    assert report.ok
    return store


def _unguarded(conn):
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")


def _row(conn, seq):
    return conn.execute("SELECT * FROM audit WHERE seq = ?", (seq,)).fetchone()


def _verify(store):
    with store.read() as conn:
        return audit.verify_chain(conn)


def test_entries_cannot_be_updated_or_deleted(log):
    with log.read() as conn:
        with pytest.raises(Exception, match="append-only"):
            conn.execute("UPDATE audit SET actor = 'x' WHERE seq = 3")
        with pytest.raises(Exception, match="append-only"):
            conn.execute("DELETE FROM audit WHERE seq = 3")


@pytest.mark.parametrize("column", ["actor", "action", "target", "details", "ts"])
def test_a_changed_byte_is_found_at_its_entry(log, column):
    with log.read() as conn:
        _unguarded(conn)
        seq = 7
        value = conn.execute(f"SELECT {column} FROM audit WHERE seq = ?", (seq,)).fetchone()[0]
        changed = value[:-2] + chr(ord(value[-2]) ^ 1) + value[-1]
        conn.execute(f"UPDATE audit SET {column} = ? WHERE seq = ?", (changed, seq))
    report = _verify(log)
    assert not report.ok
    assert report.first_bad == seq


def test_a_deleted_entry_is_found(log):
    with log.read() as conn:
        _unguarded(conn)
        conn.execute("DELETE FROM audit WHERE seq = 5")
    report = _verify(log)
    assert (report.ok, report.first_bad) == (False, 5)
    assert "missing" in report.reason


def test_reordered_entries_are_found(log):
    with log.read() as conn:
        _unguarded(conn)
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = 6")
        conn.execute("UPDATE audit SET seq = 6 WHERE seq = 7")
        conn.execute("UPDATE audit SET seq = 7 WHERE seq = -1")
    report = _verify(log)
    assert (report.ok, report.first_bad) == (False, 6)


def test_a_naively_inserted_entry_is_found_at_its_place(log):
    with log.read() as conn:
        _unguarded(conn)
        top = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        for seq in range(top, 5, -1):  # make room at 6
            conn.execute("UPDATE audit SET seq = seq + 1 WHERE seq = ?", (seq,))
        prev = _row(conn, 5)[7]
        conn.execute("INSERT INTO audit VALUES (6, '2026-01-01T00:00:00Z', 'evil', 'x', 'y', '{}', ?, ?)",
                     (prev, "f" * 64))
    report = _verify(log)
    assert (report.ok, report.first_bad) == (False, 6)


def test_a_forged_inserted_entry_breaks_the_link_right_after_it(log):
    with log.read() as conn:
        _unguarded(conn)
        top = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        for seq in range(top, 5, -1):
            conn.execute("UPDATE audit SET seq = seq + 1 WHERE seq = ?", (seq,))
        prev = _row(conn, 5)[7]
        ts, details = "2026-01-01T00:00:00Z", {}
        forged = audit.entry_hash(6, ts, "evil", "x", "y", details, prev)
        conn.execute("INSERT INTO audit VALUES (6, ?, 'evil', 'x', 'y', ?, ?, ?)",
                     (ts, canonical_json(details).decode(), prev, forged))
    report = _verify(log)
    assert (report.ok, report.first_bad) == (False, 7)
    assert "link" in report.reason


def _checkpoint(store):
    with store.read() as conn:
        return audit_checkpoint.make_checkpoint(conn, meta.studio(conn).id, active_key(conn))


def _check(store, checkpoint):
    with store.read() as conn:
        return audit_checkpoint.verify_checkpoint(conn, checkpoint, public_key_map(conn),
                                                  meta.studio(conn).id)


def test_a_cut_tail_is_caught_by_the_checkpoint(log):
    checkpoint = _checkpoint(log)
    total = checkpoint["count"]
    with log.read() as conn:
        _unguarded(conn)
        conn.execute("DELETE FROM audit WHERE seq > ?", (total - 3,))
    assert _verify(log).ok  # the chain alone cannot see a clean cut
    report = _check(log, checkpoint)
    assert (report.ok, report.first_bad) == (False, total - 2)
    assert "cut" in report.reason


def test_a_rewritten_log_is_caught_by_the_checkpoint(log):
    checkpoint = _checkpoint(log)
    with log.read() as conn:
        _unguarded(conn)
        rows = conn.execute("SELECT * FROM audit WHERE seq >= 4 ORDER BY seq").fetchall()
        prev = _row(conn, 3)[7]
        for seq, ts, actor, action, target, details, _, _ in rows:
            actor = "forger" if seq == 4 else actor
            digest = audit.entry_hash(seq, ts, actor, action, target, json.loads(details), prev)
            conn.execute("UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                         (actor, prev, digest, seq))
            prev = digest
    assert _verify(log).ok  # consistently rewritten
    report = _check(log, checkpoint)
    assert not report.ok
    assert "rewritten" in report.reason


def test_checkpoint_with_bad_signature_is_rejected(log):
    checkpoint = _checkpoint(log)
    checkpoint["count"] -= 1
    with log.read() as conn, pytest.raises(ValueError, match="signature"):
        audit_checkpoint.verify_checkpoint(conn, checkpoint, public_key_map(conn), meta.studio(conn).id)


def test_untouched_log_passes_with_and_without_checkpoint(log):
    checkpoint = _checkpoint(log)
    with log.transaction() as tx:
        audit.append(tx, "op", "later.event", "thing:x", {})
    assert _verify(log).ok
    report = _check(log, checkpoint)
    assert report.ok
    assert report.count == checkpoint["count"] + 1


def test_audit_entry_rolls_back_with_its_change(store):
    with store.read() as conn:
        before = audit.head(conn)

    def doomed_change():
        with store.transaction() as tx:
            audit.append(tx, "op", "doomed", "x:1", {})
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        doomed_change()
    with store.read() as conn:
        assert audit.head(conn) == before
