"""The head anchor: a signed copy of the audit head outside consent.db, checked on every open."""

import json
import shutil
from types import SimpleNamespace

import pytest
from storehelpers import add_subject_with_sample, make_jpeg, snapshot
from storesupport import PASSPHRASE, fast_argon2

from consent_app import audit, staff
from consent_app.canonical import canonical_json, json_hash
from consent_app.setup import initialize
from consent_app.store import Store, anchor, atomic, cipher, keys


def _anchor_doc(data_dir):
    return json.loads(anchor.anchor_path(data_dir).read_text())


def _db_head(data_dir):
    with Store.open(data_dir, PASSPHRASE) as s, s.read() as conn:
        return audit.head(conn)


def test_anchor_is_signed_names_the_head_and_is_checked(store, data_dir):
    add_subject_with_sample(store, "A", make_jpeg())
    store.close()
    doc = _anchor_doc(data_dir)
    assert (doc["count"], doc["head"]) == _db_head(data_dir)
    assert doc["store"] == store.store_id
    assert doc["format"] == "consent_app.head-anchor"
    assert anchor.anchor_path(data_dir).stat().st_mode & 0o777 == 0o600
    # a forged anchor (count raised, signature kept) is refused as not signed by this store
    before = snapshot(data_dir)
    doc["count"] += 1
    anchor.anchor_path(data_dir).write_text(json.dumps(doc))
    before["consent.anchor.json"] = snapshot(data_dir)["consent.anchor.json"]
    with pytest.raises(anchor.StoreRolledBackError, match="not signed by this store"):
        Store.open(data_dir, PASSPHRASE)
    assert snapshot(data_dir) == before


def test_commits_are_coalesced_and_close_writes_the_last_head(store, data_dir, monkeypatch):
    writes = []
    real = atomic.atomic_write_bytes

    def counting(path, data, mode=0o600):
        if path.name == anchor.ANCHOR_NAME:
            writes.append(json.loads(data)["count"])
        return real(path, data, mode)

    monkeypatch.setattr(atomic, "atomic_write_bytes", counting)
    # the burst happens within one coalescing window by construction, not by the machine being fast
    # enough (30 commits took over a second on a loaded one): the writer's clock stands still and its
    # timer is recorded, not run (test_the_timer_writes_a_pending_anchor_without_a_close runs a real one)
    timers = []

    class RecordedTimer:
        def __init__(self, interval, function):
            self.interval, self.function, self.daemon = interval, function, False
            timers.append(self)

        def start(self) -> None:
            pass

        def cancel(self) -> None:
            pass

    monkeypatch.setattr(anchor, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    monkeypatch.setattr(anchor, "threading", SimpleNamespace(Timer=RecordedTimer))
    store.write_anchor()
    writes.clear()
    for i in range(30):
        with store.transaction() as tx:
            audit.append(tx, "admin", "test.step", f"t:{i}", {})
    assert len(writes) <= 2, "anchor rewritten more than about once a second"
    assert len(timers) == 1, "one timer writes what the burst left pending"
    assert timers[0].interval == anchor.COALESCE_SECONDS
    store.close()
    with Store.open(data_dir, PASSPHRASE) as again, again.read() as conn:
        assert writes[-1] == audit.head(conn)[0]


def test_the_timer_writes_a_pending_anchor_without_a_close(store, data_dir):
    store.write_anchor()
    with store.transaction() as tx:
        audit.append(tx, "admin", "test.step", "t:1", {})
    import time

    deadline = time.monotonic() + 60  # the timer's thread may be late on a loaded machine
    with store.read() as conn:
        count, _ = audit.head(conn)
    while _anchor_doc(data_dir)["count"] != count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _anchor_doc(data_dir)["count"] == count


def test_an_old_copy_of_the_database_is_refused_and_nothing_is_written(store, data_dir, tmp_path):
    store.close()
    old = tmp_path / "old.db"
    shutil.copyfile(data_dir / "consent.db", old)
    with Store.open(data_dir, PASSPHRASE) as s, s.transaction() as tx:
        staff.set_active(tx, "op", False, "admin")
    shutil.copyfile(old, data_dir / "consent.db")
    before = snapshot(data_dir)
    with pytest.raises(anchor.StoreRolledBackError, match="older than its head anchor") as err:
        Store.open(data_dir, PASSPHRASE)
    assert "consent-app restore" in str(err.value)
    assert err.value.code == "store.anchor_rolled_back"
    assert snapshot(data_dir) == before


def test_a_deleted_anchor_is_noticed(store, data_dir):
    add_subject_with_sample(store, "A", make_jpeg())  # the store records that it keeps an anchor
    store.close()
    anchor.anchor_path(data_dir).unlink()
    with pytest.raises(anchor.StoreRolledBackError, match=r"anchor consent\.anchor\.json is missing"):
        Store.open(data_dir, PASSPHRASE)


def _rewrite_entry(data_dir, seq, new_details):
    """An insider with the passphrase edits one audit entry and recomputes the whole chain after it."""
    envelope = keys.read_envelope(data_dir / "consent.key.json")
    conn = cipher.connect(data_dir / "consent.db", keys.unseal(envelope, PASSPHRASE))
    try:
        conn.execute("DROP TRIGGER audit_no_update")
        rows = conn.execute("SELECT seq, ts, actor, action, target, details FROM audit WHERE seq >= ? "
                            "ORDER BY seq", (seq,)).fetchall()
        prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq - 1,)).fetchone()[0]
        conn.execute("UPDATE audit SET hash = 'x' || hash WHERE seq >= ?", (seq,))  # keep UNIQUE happy
        for s_, ts, actor, action, target, details in rows:
            details = new_details if s_ == seq else json.loads(details)
            digest = json_hash({"seq": s_, "ts": ts, "actor": actor, "action": action, "target": target,
                                "details": details, "prev": prev})
            conn.execute("UPDATE audit SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                         (canonical_json(details).decode(), prev, digest, s_))
            prev = digest
        assert audit.verify_chain(conn).ok  # the chain alone cannot tell
    finally:
        conn.close()


def test_an_audit_entry_edited_with_a_recomputed_chain_is_refused(store, data_dir):
    with store.transaction() as tx:
        staff.set_active(tx, "op", False, "admin")
    store.close()
    _rewrite_entry(data_dir, 2, {"edited": True})
    with pytest.raises(anchor.StoreRolledBackError, match="audit trail was rewritten"):
        Store.open(data_dir, PASSPHRASE)


def test_keyring_store_keeps_a_second_anchor_in_the_keyring(tmp_path, monkeypatch):
    import keyring
    from test_keys import MemoryKeyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        data_dir = tmp_path / "k"
        initialize(data_dir, studio_name="K", admin_username="admin", admin_password="admin password 1",
                   use_keyring=True).close()
        old = tmp_path / "old.db"
        shutil.copyfile(data_dir / "consent.db", old)
        with Store.open(data_dir) as s, s.transaction() as tx:
            audit.append(tx, "admin", "test.step", "t:1", {})
        entry = backend.items[(keys.KEYRING_SERVICE, f"anchor:{s.store_id}")]
        assert json.loads(entry)["count"] == 4
        # a thief who rolls back both files in the folder is still caught by the keyring copy
        shutil.copyfile(old, data_dir / "consent.db")
        anchor.anchor_path(data_dir).unlink()
        with pytest.raises(anchor.StoreRolledBackError, match="older than its head anchor"):
            Store.open(data_dir)
    finally:
        keyring.set_keyring(previous)


def test_a_store_made_before_anchors_gets_one(tmp_path):
    data_dir = tmp_path / "legacy"
    initialize(data_dir, studio_name="L", admin_username="admin", admin_password="admin password 1",
               passphrase=PASSPHRASE, argon2=fast_argon2()).close()
    anchor.anchor_path(data_dir).unlink()
    envelope = keys.read_envelope(data_dir / "consent.key.json")
    conn = cipher.connect(data_dir / "consent.db", keys.unseal(envelope, PASSPHRASE))
    conn.execute("DELETE FROM meta WHERE key = 'head_anchor'")
    conn.close()
    with Store.open(data_dir, PASSPHRASE) as s:
        assert not anchor.anchor_path(data_dir).exists()
        with s.transaction() as tx:
            audit.append(tx, "admin", "test.step", "t:1", {})
    assert _anchor_doc(data_dir)["count"] == 4


def test_a_failed_anchor_write_never_fails_the_commit(store, data_dir, monkeypatch):
    import time

    def refuse(*_a, **_k):
        raise OSError(28, "No space left on device")

    store.write_anchor()
    before = _anchor_doc(data_dir)["count"]
    monkeypatch.setattr(atomic, "atomic_write_bytes", refuse)
    time.sleep(anchor.COALESCE_SECONDS)
    with store.transaction() as tx:  # committed, and no error reaches the caller
        audit.append(tx, "admin", "test.step", "t:1", {})
    assert _anchor_doc(data_dir)["count"] == before
    monkeypatch.undo()
    store.close()  # the pending anchor is written when it can be
    assert (_anchor_doc(data_dir)["count"], _anchor_doc(data_dir)["head"]) == _db_head(data_dir)
