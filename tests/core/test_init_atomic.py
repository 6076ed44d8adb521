"""`init` is atomic: built in a work folder and renamed into place; half stores are recognised."""

import shutil

import pytest
from storehelpers import snapshot
from storesupport import ADMIN_PASSWORD, PASSPHRASE, fast_argon2

from consent_app import audit, paths
from consent_app.cli import main
from consent_app.crypto import keys as signing
from consent_app.errors import StoreError
from consent_app.setup import initialize
from consent_app.store import Store, initdir


def _init(data_dir):
    return initialize(data_dir, studio_name="S", admin_username="admin", admin_password=ADMIN_PASSWORD,
                      passphrase=PASSPHRASE, argon2=fast_argon2())


def test_init_builds_aside_and_leaves_no_work_folder(tmp_path):
    data_dir = tmp_path / "data"
    store = _init(data_dir)
    with store.read() as conn:
        assert [e.action for e in audit.entries(conn)] == ["store.init", "staff.create", "key.create"]
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert {p.name for p in data_dir.iterdir()} == {"consent.db", "consent.key.json", "consent.anchor.json"}
    assert data_dir.stat().st_mode & 0o777 == 0o700


def test_init_into_a_folder_with_other_files(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    (data_dir / "notes.txt").write_text("keep me")
    _init(data_dir).close()
    assert {p.name for p in data_dir.iterdir()} == {"notes.txt", "consent.db", "consent.key.json",
                                                   "consent.anchor.json"}


def test_a_failed_init_leaves_nothing(tmp_path, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("power cut")

    monkeypatch.setattr(signing, "create_key", boom)
    with pytest.raises(RuntimeError):
        _init(tmp_path / "data")
    assert list(tmp_path.iterdir()) == []


def test_a_half_store_is_recognised_never_opened_and_discarded(tmp_path, cli_env, capsys):
    # what a crash in the middle of moving the finished files leaves: the database, no envelope
    done = tmp_path / "done"
    _init(done).close()
    cli_env.mkdir(mode=0o700)
    (cli_env / "notes.txt").write_text("keep me")
    shutil.copy(done / "consent.db", cli_env / "consent.db")
    shutil.copy(done / "consent.anchor.json", cli_env / "consent.anchor.json")
    (cli_env / ".init-0123abcd").mkdir()  # and its work folder
    with pytest.raises(StoreError, match="incomplete store") as err:
        Store.open(cli_env, PASSPHRASE)
    assert err.value.code == "store.incomplete"
    assert main(["db", "check"]) == 1
    assert "consent-app db discard-incomplete" in capsys.readouterr().err
    assert main(["init", "--studio", "S", "--admin", "admin"]) == 1
    assert "incomplete store" in capsys.readouterr().err
    assert main(["db", "discard-incomplete"]) == 0
    assert {p.name for p in cli_env.iterdir()} == {"notes.txt"}
    assert main(["init", "--studio", "S", "--admin", "admin"]) == 0
    assert main(["db", "check"]) == 0
    capsys.readouterr()
    assert main(["db", "discard-incomplete"]) == 1  # a complete store is never touched
    assert "complete store" in capsys.readouterr().err


def test_a_sibling_work_folder_is_discarded(tmp_path, cli_env):
    leftover = cli_env.parent / f".{cli_env.name}.init-deadbeef"
    leftover.mkdir()
    (leftover / "consent.db").write_bytes(b"x" * 100)
    assert main(["db", "discard-incomplete"]) == 0
    assert not leftover.exists()


def test_a_used_store_that_lost_its_envelope_is_not_destroyed(store, data_dir, capsys):
    store.close()
    paths.envelope_path(data_dir).unlink()
    before = snapshot(data_dir)
    with pytest.raises(StoreError, match="without its key envelope") as err:
        initdir.discard_incomplete(data_dir)
    assert err.value.code == "store.lost_envelope"
    assert snapshot(data_dir) == before
