"""Duties: run as a duty account from an owner-only password file; what is due runs, is recorded and
audited; failures (folder missing, disk full) are retried, shown and recorded, never silent."""

from __future__ import annotations

import errno
import json
from datetime import timedelta

import pytest
from storesupport import PASSPHRASE, make_store

from consent_app import clock
from consent_app.cli import main

DUTY_PASSWORD = "duty password 12"


def _store(data_dir):
    from consent_app.store import Store

    return Store.open(data_dir, PASSPHRASE)


@pytest.fixture
def configured(cli_env, tmp_path, monkeypatch, capsys):
    from consent_app import staff

    store = make_store(cli_env)
    with store.transaction() as tx:
        staff.create(tx, "cron", DUTY_PASSWORD, staff.Role.DUTY, actor="admin")
    store.close()
    publish, backups = tmp_path / "publish", tmp_path / "backups"
    publish.mkdir()
    backups.mkdir()
    assert main(["duties", "configure", "--status-folder", str(publish),
                 "--backup-folder", str(backups)]) == 0
    secret = tmp_path / "duty.secret"
    secret.write_text(DUTY_PASSWORD + "\n")
    secret.chmod(0o600)
    monkeypatch.setenv("CONSENT_APP_USER", "cron")
    monkeypatch.delenv("CONSENT_APP_PASSWORD")
    capsys.readouterr()
    return {"publish": publish, "backups": backups, "secret": secret, "data_dir": cli_env}


def _run(configured, *extra):
    return main(["duties", "run", "--password-file", str(configured["secret"]), "--retry-delay", "0",
                 "--json", *extra])


def test_a_run_does_every_due_duty_and_records_it(configured, capsys):
    assert _run(configured) == 0
    results = {r["duty"]: r for r in json.loads(capsys.readouterr().out)}
    assert all(r["ok"] and not r["skipped"] for r in results.values()), results
    status_file = configured["publish"] / "status.jwt"
    assert status_file.read_text().count(".") >= 2
    assert len(list(configured["publish"].glob("checkpoint-*.json"))) == 2  # with the list, and daily
    backups = list(configured["backups"].glob("consent-*.db"))
    assert len(backups) == 1
    assert backups[0].with_name(backups[0].name + ".key.json").exists() or \
        list(configured["backups"].glob("*.key.json"))
    assert backups[0].read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted

    assert _run(configured) == 0  # nothing due again yet, except the complaint deadlines
    again = {r["duty"]: r for r in json.loads(capsys.readouterr().out)}
    assert [d for d, r in again.items() if not r["skipped"]] == ["complaints"]

    later = clock.now() + timedelta(hours=13)  # the 24 h list now expires within the 12 h refresh margin
    clock.set_clock(lambda: later)
    try:
        assert main(["duties", "status", "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
        assert status["duties"]["status_list"]["due"] is True
        assert status["status_list"]["hours_left"] == pytest.approx(11, abs=0.1)
        assert status["status_list"]["warning"] is False
        assert _run(configured, "--only", "status_list") == 0
        capsys.readouterr()
        assert main(["duties", "status", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["status_list"]["hours_left"] == pytest.approx(24, abs=0.1)
    finally:
        clock.set_clock(None)
    with _store(configured["data_dir"]) as store, store.read() as conn:
        audited = [r[0] for r in conn.execute("SELECT action FROM audit WHERE actor = 'cron'")]
    assert audited.count("duty.run") == 7
    assert "status.export" in audited


def test_the_console_status_warns_before_the_list_expires(configured, capsys):
    assert _run(configured, "--only", "status_list") == 0
    capsys.readouterr()
    later = clock.now() + timedelta(hours=19)
    clock.set_clock(lambda: later)
    try:
        assert main(["duties", "status"]) == 0
        assert "EXPIRES SOON" in capsys.readouterr().out
        clock.set_clock(lambda: later + timedelta(hours=6))
        assert main(["duties", "status"]) == 0
        assert "EXPIRED" in capsys.readouterr().out
    finally:
        clock.set_clock(None)


def test_a_missing_folder_fails_loudly_is_recorded_and_stays_due(configured, capsys):
    configured["backups"].rmdir()
    assert _run(configured, "--retries", "2") == 1
    results = {r["duty"]: r for r in json.loads(capsys.readouterr().out)}
    assert results["backup"]["ok"] is False
    assert results["backup"]["attempts"] == 2
    assert "does not exist" in results["backup"]["message"]
    assert results["status_list"]["ok"] is True  # one failure does not stop the others
    assert main(["duties", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["duties"]["backup"]["last"]["ok"] is False
    assert status["duties"]["backup"]["due"] is True
    with _store(configured["data_dir"]) as store, store.read() as conn:
        failed = conn.execute("SELECT details FROM audit WHERE action = 'duty.failed'").fetchall()
    assert len(failed) == 1
    assert "does not exist" in json.loads(failed[0][0])["reason"]
    configured["backups"].mkdir()
    assert _run(configured) == 0  # retried on the next run
    assert not [r for r in json.loads(capsys.readouterr().out) if not r["ok"]]


def test_a_folder_never_configured_is_not_retried(cli_env, monkeypatch):
    """Waiting and trying again cannot configure a folder: one attempt, the reason says what to run."""
    from consent_app.duties import run as duty_run

    slept = []
    monkeypatch.setattr(duty_run.time, "sleep", slept.append)
    store = make_store(cli_env)
    try:
        results = duty_run.run_duties(store, actor="admin", only=["status_list", "backup"], attempts=3,
                                      retry_delay=5)
    finally:
        store.close()
    assert [r.ok for r in results] == [False, False]
    assert [r.attempts for r in results] == [1, 1]
    assert slept == []
    assert "duties configure --status-folder" in results[0].message.english()
    assert "after 1 attempt(s)" in results[0].message.english()


def test_disk_full_is_reported_as_such(configured, monkeypatch):
    """A full disk is simulated at the one place the status list is written (a hardware stand-in)."""
    from consent_app.duties import run_duties
    from consent_app.store import atomic

    real = atomic.atomic_write_bytes

    def full(path, *args, **kwargs):
        if path.parent == configured["publish"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(atomic, "atomic_write_bytes", full)
    with _store(configured["data_dir"]) as store:
        results = run_duties(store, actor="cron", only=["status_list"], attempts=2, retry_delay=0)
        assert results[0].ok is False
        assert "is full" in results[0].message.english()
        with store.read() as conn:
            lists = conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'status.export'").fetchone()[0]
    assert lists == 0  # the export's audit entry was rolled back with the failed write
    assert not (configured["publish"] / "status.jwt").exists()


def test_who_may_run_duties(configured, capsys, monkeypatch, tmp_path):
    configured["secret"].chmod(0o644)
    assert _run(configured) == 2
    assert "readable by its owner only" in capsys.readouterr().err
    configured["secret"].chmod(0o600)
    from storesupport import OPERATOR_PASSWORD

    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", OPERATOR_PASSWORD)
    assert main(["duties", "run", "--retry-delay", "0"]) == 1
    assert "cannot run duties" in capsys.readouterr().err
    monkeypatch.setenv("CONSENT_APP_USER", "cron")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", DUTY_PASSWORD)
    for command in (["consent", "withdraw", "x", "--reason", "r"], ["status", "export", str(tmp_path / "s")],
                    ["staff", "add", "eve"]):
        assert main(command) == 1, command
        assert "duty account" in capsys.readouterr().err
    assert main(["duties", "run", "--retry-delay", "0", "--only", "complaints"]) == 0
