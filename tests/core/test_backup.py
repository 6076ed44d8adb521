"""Backups are encrypted copies made by SQLCipher; restore checks fully before replacing."""

import sqlite3

import pytest
from storehelpers import add_subject_with_sample, make_jpeg, snapshot
from storesupport import PASSPHRASE, make_store

from consent_app import audit, paths
from consent_app.errors import InputError, StoreCorruptError, StoreInUseError
from consent_app.store import Store, cipher
from consent_app.store.backup import backup, envelope_beside, restore


def test_backup_is_encrypted_complete_and_restorable(store, data_dir, tmp_path):
    sid = add_subject_with_sample(store, "Backed Up Person", make_jpeg())
    out = backup(store, tmp_path / "b.db")
    blob = out.read_bytes()
    assert b"SQLite format 3" not in blob
    assert b"Backed Up Person" not in blob
    assert envelope_beside(out).is_file()
    conn = sqlite3.connect(out)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT 1 FROM sqlite_master").fetchall()
    conn.close()
    # later changes, then restore brings back the backed-up state
    add_subject_with_sample(store, "After Backup", make_jpeg())
    store.close()
    report = restore(data_dir, out, PASSPHRASE)
    assert report.replaced_existing
    with Store.open(data_dir, PASSPHRASE) as again, again.read() as c:
        names = {r[0] for r in c.execute("SELECT display_name FROM subjects")}
        assert names == {"Backed Up Person"}
        assert c.execute("SELECT id FROM subjects").fetchone()[0] == sid
        assert audit.verify_chain(c).ok
        assert again.schema_version == report.schema_version


def test_restore_into_an_empty_folder(store, tmp_path):
    add_subject_with_sample(store, "Moved", make_jpeg())
    out = backup(store, tmp_path / "b.db")
    store.close()
    fresh = tmp_path / "new-machine"
    restore(fresh, out, PASSPHRASE)
    with Store.open(fresh, PASSPHRASE) as moved, moved.read() as c:
        assert c.execute("SELECT display_name FROM subjects").fetchone()[0] == "Moved"


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_backup_replaces_nothing(store, data_dir, tmp_path, damage):
    for i in range(10):
        add_subject_with_sample(store, f"p{i}", make_jpeg((160, 160)))
    out = backup(store, tmp_path / "b.db")
    store.close()
    data = bytearray(out.read_bytes())
    if damage == "flip":
        data[len(data) - cipher.PAGE_SIZE * 2 + 50] ^= 0x10
    else:
        data = data[: len(data) - cipher.PAGE_SIZE]
    out.write_bytes(bytes(data))
    before = snapshot(data_dir)
    with pytest.raises(StoreCorruptError, match="nothing was replaced"):
        restore(data_dir, out, PASSPHRASE)
    assert snapshot(data_dir) == before


def test_restore_refuses_while_the_app_runs(store, data_dir, tmp_path):
    out = backup(store, tmp_path / "b.db")
    with pytest.raises(StoreInUseError):
        restore(data_dir, out, PASSPHRASE)


def test_restore_refuses_another_studios_backup(store, tmp_path):
    other = make_store(tmp_path / "other")
    out = backup(other, tmp_path / "other.db")
    other.close()
    with pytest.raises(InputError, match="another store"):
        restore(store.data_dir, out, PASSPHRASE)


def test_backup_never_overwrites_the_live_database(store):
    with pytest.raises(InputError, match="live database"):
        backup(store, paths.db_path(store.data_dir))
