"""Headless commands: exit 0 on success, non-zero with a one-line reason on failure."""

import json
import os
import subprocess
import sys

import pytest
from storesupport import ADMIN_PASSWORD, PASSPHRASE

from consent_app.cli import main


@pytest.fixture
def initialized(cli_env, capsys):
    assert main(["init", "--studio", "Acme Studio", "--admin", "admin"]) == 0
    capsys.readouterr()
    return cli_env


def test_init_creates_a_passphrase_store(cli_env, capsys):
    assert main(["init", "--studio", "Acme Studio", "--admin", "admin"]) == 0
    assert "created store for 'Acme Studio'" in capsys.readouterr().out
    envelope = json.loads((cli_env / "consent.key.json").read_text())
    assert envelope["protection"] == "passphrase"


def test_init_twice_is_refused(initialized, capsys):
    assert main(["init", "--studio", "X", "--admin", "admin"]) == 1
    assert "already holds a consent_app store" in capsys.readouterr().err


def test_db_check(initialized, capsys):
    assert main(["db", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok:")
    assert "HMAC_SHA512" in out
    assert main(["db", "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["settings"]["cipher_memory_security"] == "1"
    from consent_app.store import cipher, memlock

    assert report["settings"]["memory_lock_limit"] == memlock.report()
    assert report["settings"]["cache_size"] == str(-memlock.cache_kib(cipher.CACHE_KIB))


def test_audit_verify_and_checkpoint(initialized, tmp_path, capsys):
    cp = tmp_path / "cp.json"
    assert main(["audit", "checkpoint", str(cp)]) == 0
    assert main(["audit", "verify", "--checkpoint", str(cp)]) == 0
    assert "matches the checkpoint" in capsys.readouterr().out
    data = json.loads(cp.read_text())
    data["head"] = "0" * 64
    cp.write_text(json.dumps(data))
    assert main(["audit", "verify", "--checkpoint", str(cp)]) == 1
    assert "signature" in capsys.readouterr().err


def test_backup_and_restore(initialized, tmp_path, capsys):
    out = tmp_path / "backup.db"
    assert main(["backup", str(out)]) == 0
    assert out.is_file()
    assert main(["restore", str(out)]) == 0
    assert "audit entries verified" in capsys.readouterr().out


def test_staff_commands_need_an_admin_login(initialized, monkeypatch, capsys):
    monkeypatch.setenv("CONSENT_APP_NEW_PASSWORD", "operator password 2")
    assert main(["staff", "add", "carol", "--role", "operator"]) == 0
    monkeypatch.setenv("CONSENT_APP_USER", "carol")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "operator password 2")
    assert main(["staff", "add", "dave"]) == 1
    assert "needs an admin" in capsys.readouterr().err
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "wrong password!")
    assert main(["staff", "add", "dave"]) == 1
    assert "wrong username or password" in capsys.readouterr().err


def _run(args, env):
    return subprocess.run([sys.executable, "-m", "consent_app", *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, check=False)


def test_failures_are_one_line_reasons_in_a_real_process(initialized):
    env = {**os.environ, "CONSENT_APP_PASSPHRASE": "not it"}
    proc = _run(["db", "check"], env)
    assert proc.returncode == 1
    expected = "consent-app: error: wrong passphrase: it does not unlock this store"
    assert proc.stderr.strip().splitlines() == [expected]
    env = {**os.environ, "CONSENT_APP_DATA_DIR": str(initialized / "nowhere")}
    proc = _run(["audit", "verify"], env)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "no consent_app store" in proc.stderr


def test_second_instance_gets_already_in_use(initialized):
    from consent_app.store import Store

    with Store.open(initialized, PASSPHRASE):
        proc = _run(["db", "check"], dict(os.environ))
    assert proc.returncode == 1
    assert "already in use" in proc.stderr


def test_missing_secrets_without_a_terminal_fail_clearly(cli_env, monkeypatch):
    env = {k: v for k, v in os.environ.items() if k not in ("CONSENT_APP_PASSPHRASE",)}
    env["CONSENT_APP_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    proc = _run(["init", "--studio", "S", "--admin", "admin"], env)
    assert proc.returncode == 2
    assert "set CONSENT_APP_PASSPHRASE" in proc.stderr
