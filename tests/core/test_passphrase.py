"""Store passphrases: strong ones only, and `passphrase change` re-wraps the same key, audited."""

import json

import pytest
from storesupport import ADMIN_PASSWORD, PASSPHRASE, fast_argon2

from consent_app import audit, paths
from consent_app.cli import main
from consent_app.errors import InputError, WrongKeyError
from consent_app.setup import initialize
from consent_app.store import Store, keys
from consent_app.store.passphrase import check_strength


@pytest.mark.parametrize("weak", ["", "short", "eleven char", "two words", "a b c"])
def test_weak_passphrases_are_refused(weak, tmp_path):
    with pytest.raises(InputError, match="at least 12 characters or at least 4 words") as err:
        initialize(tmp_path / "d", studio_name="S", admin_username="admin", admin_password=ADMIN_PASSWORD,
                   passphrase=weak, argon2=fast_argon2())
    assert err.value.code == "passphrase.weak"
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("strong", ["twelve chars", "a b c d", "correct horse battery staple"])
def test_strong_passphrases_pass(strong):
    check_strength(strong)


def test_cli_init_refuses_a_weak_passphrase(cli_env, monkeypatch, capsys):
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", "abc")
    assert main(["init", "--studio", "S", "--admin", "admin"]) == 2
    err = capsys.readouterr().err
    assert "too weak" in err
    assert len(err.strip().splitlines()) == 1
    assert not paths.db_path(cli_env).exists()


def test_passphrase_change_rewraps_the_same_key_and_is_audited(store, cli_env, monkeypatch, capsys):
    store.close()
    old_envelope = keys.read_envelope(paths.envelope_path(cli_env))
    key = keys.unseal(old_envelope, PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_NEW_PASSPHRASE", "weak")
    assert main(["passphrase", "change"]) == 2
    assert "too weak" in capsys.readouterr().err
    new = "a much better passphrase"
    monkeypatch.setenv("CONSENT_APP_NEW_PASSPHRASE", new)
    assert main(["passphrase", "change"]) == 0
    assert "database key is unchanged" in capsys.readouterr().out
    envelope = keys.read_envelope(paths.envelope_path(cli_env))
    assert envelope["wrap"] != old_envelope["wrap"]
    assert keys.unseal(envelope, new) == key
    assert paths.envelope_path(cli_env).stat().st_mode & 0o777 == 0o600
    with pytest.raises(WrongKeyError):
        Store.open(cli_env, PASSPHRASE)
    with Store.open(cli_env, new) as again, again.read() as conn:
        entry = [e for e in audit.entries(conn) if e.action == "store.passphrase_change"][-1]
    assert entry.actor == "admin"
    assert entry.details["database_key"] == "unchanged"
    assert new not in json.dumps(entry.details)
    # an operator cannot change it
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", new)
    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "operator password 1")
    monkeypatch.setenv("CONSENT_APP_NEW_PASSPHRASE", "yet another passphrase")
    assert main(["passphrase", "change"]) == 1
    assert "needs an admin" in capsys.readouterr().err


def test_the_store_stays_locked_after_a_change(store):
    from consent_app.errors import StoreInUseError
    from consent_app.store import passphrase

    passphrase.change(store, PASSPHRASE, "another good passphrase", "admin")
    with pytest.raises(StoreInUseError):
        Store.open(store.data_dir, "another good passphrase")
