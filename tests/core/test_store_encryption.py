"""The store file is SQLCipher-encrypted, its settings enforced, bad keys and damage refused."""

import os
import sqlite3

import pytest
from storehelpers import add_subject_with_sample, make_jpeg, snapshot

from consent_app import paths
from consent_app.errors import StoreCorruptError, StoreInUseError, WrongKeyError
from consent_app.store import Store, cipher, keys

SUBJECT_NAME = "Zhang Wei-Plaintext-Canary"


def _all_bytes(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_no_plaintext_in_database_wal_or_any_left_file(store, data_dir):
    # Needles of 4 bytes or more: ciphertext holds a given 3-byte string once per 16 MiB, and the
    # files reach a few MiB (JPEG's 3-byte start marker alone was found there by chance).
    wav = b"RIFF\x24\x00\x00\x00WAVEfmt "
    jpeg = make_jpeg()
    middle = len(jpeg) // 2
    add_subject_with_sample(store, SUBJECT_NAME, jpeg)
    add_subject_with_sample(store, SUBJECT_NAME + "2", wav + b"\x00" * 64, mime="audio/wav")
    # while open (WAL present) and after close
    for stage in ("open", "closed"):
        files = _all_bytes(data_dir)
        assert paths.db_path(data_dir) in files
        for path, blob in files.items():
            for needle in (SUBJECT_NAME.encode(), SUBJECT_NAME.encode("utf-16-le"),
                           jpeg[:12], jpeg[middle:middle + 12], b"\x89PNG", b"RIFF", b"WAVE", b"JFIF",
                           b"SQLite format 3", b"correct horse battery"):
                assert needle not in blob, f"{needle!r} found in {path.name} ({stage})"
        if stage == "open":
            store.close()


def test_envelope_never_holds_the_key_in_clear(store, data_dir):
    text = paths.envelope_path(data_dir).read_text()
    assert "test passphrase" not in text
    store.close()
    envelope = keys.read_envelope(paths.envelope_path(data_dir))
    key = keys.unseal(envelope, "test passphrase")
    assert len(key) == 32
    for form in (key.hex(), key.hex().upper()):
        assert form not in text
    import base64
    assert base64.b64encode(key).decode() not in text


def test_plain_sqlite_cannot_read_it(store, data_dir):
    store.close()
    conn = sqlite3.connect(paths.db_path(data_dir))
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()


def test_wrong_passphrase_changes_nothing_and_creates_no_file(store, data_dir):
    add_subject_with_sample(store, "someone", make_jpeg())
    store.close()
    before = snapshot(data_dir)
    with pytest.raises(WrongKeyError, match="wrong passphrase"):
        Store.open(data_dir, "not the passphrase")
    assert snapshot(data_dir) == before


def test_wrong_raw_key_changes_nothing_and_creates_no_file(store, data_dir):
    store.close()
    before = snapshot(data_dir)
    with pytest.raises(WrongKeyError, match="does not decrypt"):
        cipher.connect(paths.db_path(data_dir), os.urandom(32))
    assert snapshot(data_dir) == before


def test_missing_passphrase_is_a_clear_error(store, data_dir, monkeypatch):
    store.close()
    monkeypatch.delenv("CONSENT_APP_PASSPHRASE", raising=False)
    with pytest.raises(WrongKeyError, match="CONSENT_APP_PASSPHRASE"):
        Store.open(data_dir, None)


def test_reopen_with_passphrase_from_environment(store, data_dir, monkeypatch):
    sid = add_subject_with_sample(store, "env user", make_jpeg())
    store.close()
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", "test passphrase")
    with Store.open(data_dir) as again, again.read() as conn:
        row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (sid,)).fetchone()
        assert row[0] == "env user"


def test_second_instance_is_refused(store, data_dir):
    with pytest.raises(StoreInUseError, match="already in use"):
        Store.open(data_dir, "test passphrase")


def test_cipher_settings_are_enforced_and_read_back(store):
    report = store.cipher_settings()
    assert report["cipher_hmac_algorithm"] == "HMAC_SHA512"
    assert report["cipher_use_hmac"] == "1"
    assert report["cipher_memory_security"] == "1"
    assert report["temp_store"] == "2"
    assert report["journal_mode"] == "wal"
    assert report["synchronous"] == "2"
    assert store.cipher_setting_problems() == []


def test_a_weakened_setting_is_reported(store):
    with store.read() as conn:
        conn.execute("PRAGMA synchronous = NORMAL")
    assert store.cipher_setting_problems() == ["synchronous is 1, expected 2"]


@pytest.mark.parametrize("where", ["first_page", "data_page"])
def test_flipped_bytes_in_a_page_are_detected(store, data_dir, where):
    for i in range(30):
        add_subject_with_sample(store, f"person {i}", make_jpeg((200, 200)))
    store.close()
    db = paths.db_path(data_dir)
    data = bytearray(db.read_bytes())
    page = 0 if where == "first_page" else len(data) // cipher.PAGE_SIZE - 2
    offset = page * cipher.PAGE_SIZE + 100
    data[offset] ^= 0x01
    db.write_bytes(bytes(data))
    if where == "first_page":
        with pytest.raises(WrongKeyError):
            Store.open(data_dir, "test passphrase")
        return
    with Store.open(data_dir, "test passphrase") as damaged:
        problems = damaged.integrity_problems()
        assert problems, "a flipped byte in a data page went unnoticed"
        with pytest.raises(StoreCorruptError, match="damaged or was tampered"), damaged.read() as conn:
            conn.execute("SELECT count(*), sum(length(data)) FROM samples").fetchall()


@pytest.mark.parametrize("cut", [cipher.PAGE_SIZE, 1000])
def test_truncated_database_is_refused_and_not_recreated(store, data_dir, cut):
    for i in range(20):
        add_subject_with_sample(store, f"p{i}", make_jpeg((120, 120)))
    store.close()
    db = paths.db_path(data_dir)
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.truncate(size - cut)
    before = snapshot(data_dir)
    with pytest.raises(StoreCorruptError, match="truncated"):
        Store.open(data_dir, "test passphrase")
    assert snapshot(data_dir) == before


def test_missing_database_is_not_recreated(store, data_dir):
    store.close()
    paths.db_path(data_dir).unlink()
    with pytest.raises(Exception, match=r"no consent\.db"):
        Store.open(data_dir, "test passphrase")
    assert not paths.db_path(data_dir).exists()


def test_init_refuses_to_overwrite(store, data_dir):
    from consent_app.errors import StoreError
    from consent_app.store import Store as S

    with pytest.raises(StoreError, match="already holds"):
        S.create(data_dir, passphrase="x")


def test_database_file_is_private(store, data_dir):
    assert paths.db_path(data_dir).stat().st_mode & 0o077 == 0
    assert paths.envelope_path(data_dir).stat().st_mode & 0o077 == 0
