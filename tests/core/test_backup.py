"""Backups are encrypted copies made by SQLCipher; restore checks fully before replacing."""

import sqlite3

import pytest
from storehelpers import add_subject_with_sample, make_jpeg, snapshot
from storesupport import ADMIN_PASSWORD, OPERATOR_PASSWORD, PASSPHRASE, make_store

from consent_app import audit, paths, staff
from consent_app.errors import AuthError, InputError, StoreCorruptError, StoreError, StoreInUseError
from consent_app.store import Store, cipher
from consent_app.store.backup import backup, envelope_beside
from consent_app.store.restore import restore as _restore


def admin_login(store):
    return staff.login(store, "admin", ADMIN_PASSWORD)


def restore(data_dir, source, passphrase, **kw):
    return _restore(data_dir, source, passphrase, login=kw.pop("login", admin_login), **kw)


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
    # the store already witnessed a newer head: going back needs --force and a reason
    before = snapshot(data_dir)
    with pytest.raises(StoreError, match="older than a head this store already witnessed"):
        restore(data_dir, out, PASSPHRASE)
    assert snapshot(data_dir) == before
    report = restore(data_dir, out, PASSPHRASE, force=True, reason="disk replaced")
    assert report.replaced_existing
    assert report.forced
    with Store.open(data_dir, PASSPHRASE) as again, again.read() as c:
        names = {r[0] for r in c.execute("SELECT display_name FROM subjects")}
        assert names == {"Backed Up Person"}
        assert c.execute("SELECT id FROM subjects").fetchone()[0] == sid
        assert audit.verify_chain(c).ok
        assert again.schema_version == report.schema_version
        entry = list(audit.entries(c))[-1]
        assert entry.action == "store.restore"
        assert entry.actor == "admin"
        assert entry.details["backup"] == "b.db"
        assert entry.details["forced"] is True
        assert entry.details["reason"] == "disk replaced"
        assert entry.details["replaced"]["count"] > entry.details["backup_head"]["count"]
        assert entry.details["witnessed"]["extended"] is False
    # the replaced database is kept aside, encrypted and owner-only
    aside = report.kept_aside
    assert aside.parent == data_dir / "replaced"
    assert aside.is_file()
    assert aside.stat().st_mode & 0o777 == 0o600
    assert aside.parent.stat().st_mode & 0o777 == 0o700
    assert b"After Backup" not in aside.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(aside).execute("SELECT 1 FROM sqlite_master").fetchall()
    assert (data_dir / "consent.db").stat().st_mode & 0o777 == 0o600


def test_restore_needs_an_admin_login_and_a_reason_to_force(store, data_dir, tmp_path):
    store.close()

    def fresh_backup():  # every failed login is audited, so each attempt gets an up-to-date backup
        with Store.open(data_dir, PASSPHRASE) as s:
            return backup(s, tmp_path / "b.db")

    with pytest.raises(InputError, match="--reason"):
        restore(data_dir, fresh_backup(), PASSPHRASE, force=True)
    with pytest.raises(AuthError):
        restore(data_dir, fresh_backup(), PASSPHRASE,
                login=lambda s: staff.login(s, "admin", "wrong password!"))

    def operator(s):
        member = staff.login(s, "op", OPERATOR_PASSWORD)
        staff.require_role(member, staff.Role.ADMIN)
        return member

    with pytest.raises(AuthError, match="needs an admin"):
        restore(data_dir, fresh_backup(), PASSPHRASE, login=operator)
    report = restore(data_dir, fresh_backup(), PASSPHRASE)
    assert not report.forced
    assert report.kept_aside is not None
    with Store.open(data_dir, PASSPHRASE) as again, again.read() as c:
        entry = list(audit.entries(c))[-1]
        assert entry.action == "store.restore"
        assert entry.details["witnessed"]["extended"] is True


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
