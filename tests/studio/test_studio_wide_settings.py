"""The complaint deadlines and the studio code are the studio's: set at any station (CLI, admin, audited),
every station takes them at its sync; a station that joins takes the studio's over its own; two changes made
at once end with the same value everywhere whatever the stations' clocks say, and a change made after seeing
another wins over it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from studiohelpers import station

from consent_app import clock, settings
from consent_app.complaints import register
from consent_app.provenance import ca
from consent_app.studio import service, settings_sync, sync


@pytest.fixture(autouse=True)
def _real_clock():
    yield
    clock.set_clock(None)


def _cli(monkeypatch, capsys, data_dir, *args) -> tuple[int, str]:
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    from consent_app.cli import main

    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().out


def _values(*stores) -> list[tuple]:
    out = []
    for store in stores:
        with store.read() as conn:
            out.append((*register.deadline_days(conn), ca.studio_code(conn)))
    return out


def test_deadlines_and_studio_code_are_studio_wide(tmp_path, studio_dsn, monkeypatch, capsys) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        with a.transaction() as tx:  # the founding station's own values before the studio existed
            register.set_deadline_days(tx, acknowledge=2, resolve=None, actor="admin")
        with b.transaction() as tx:  # and the joining station's, which the studio's replace
            register.set_deadline_days(tx, acknowledge=9, resolve=40, actor="admin")
            settings_sync.set_studio_code(tx, "STAGE-B", "admin")
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        for store in (a, b, a, b):
            sync.sync_once(store)
        with a.read() as conn:
            derived = ca.studio_code(conn)
        assert _values(a, b) == [(2, 15, derived), (2, 15, derived)]  # the founder's, derived from its name
        b.close()
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "deadlines",
                         "--acknowledge-days", "3", "--resolve-days", "20")
        assert code == 0
        assert "studio-wide" in out
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "tools", "code", "LANTERN-PICTURES")
        assert code == 0
        assert "studio-wide" in out
        code, _ = _cli(monkeypatch, capsys, tmp_path / "b", "sync")
        assert code == 0
        sync.sync_once(a)
        assert _values(a) == [(3, 20, "LANTERN-PICTURES")]
        with a.read() as conn:  # audited at a, naming the station it came from
            entries = conn.execute("SELECT actor, details FROM audit WHERE action = 'settings.change' "
                                   "AND actor LIKE 'station:%'").fetchall()
            status = service.status(a)
        assert {json.loads(d)["key"] for _actor, d in entries} == {
            "complaints.acknowledge_days", "complaints.resolve_days", "studio.code"}
        assert status["settings"]["complaints.resolve_days"]["value"] == 20
        assert status["settings"]["studio.code"]["by"] == "admin"
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "deadlines", "--json")
        assert code == 0
        assert json.loads(out) == {"acknowledgeDays": 3, "resolveDays": 20, "studioWide": True}
        code, _ = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "deadlines", "--resolve-days", "0")
        assert code == 2  # refused, nothing shared
    finally:
        a.close()
        b.close()


def test_concurrent_changes_agree_without_clocks_and_a_later_one_wins(tmp_path, studio_dsn) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        for store in (a, b, a, b):
            sync.sync_once(store)
        with a.transaction() as tx:  # both change it before syncing; b's clock is an hour ahead
            register.set_deadline_days(tx, acknowledge=None, resolve=30, actor="admin")
        moment = datetime.now(UTC) + timedelta(hours=1)
        clock.set_clock(lambda: moment)
        with b.transaction() as tx:
            register.set_deadline_days(tx, acknowledge=None, resolve=10, actor="admin")
        clock.set_clock(None)
        for store in (a, b, a, b):
            sync.sync_once(store)
        (at_a,), (at_b,) = _values(a), _values(b)
        assert at_a == at_b
        assert at_a[1] in (10, 30)
        with a.read() as conn:  # the one the larger hash names, not the one signed "later"
            top = conn.execute("SELECT value FROM studio_settings WHERE key = 'complaints.resolve_days' "
                               "ORDER BY depth DESC, hash DESC LIMIT 1").fetchone()[0]
        assert at_a[1] == json.loads(top)
        with a.transaction() as tx:  # a change made after seeing both wins everywhere
            register.set_deadline_days(tx, acknowledge=None, resolve=12, actor="admin")
        for store in (a, b):
            sync.sync_once(store)
        assert [v[1] for v in _values(a, b)] == [12, 12]
        with b.read() as conn:
            assert settings.get(conn, "complaints.resolve_days") == 12
    finally:
        a.close()
        b.close()
