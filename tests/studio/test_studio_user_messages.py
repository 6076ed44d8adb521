"""What an administrator sees when a studio command goes wrong: the fingerprint as read aloud, a publish
folder that is not there, a server that refuses connections."""

from __future__ import annotations

import socket

import pytest
from studiohelpers import cli_stations, station

from consent_app.errors import InputError
from consent_app.studio import db, objects, publish, service
from consent_app.studio.db import StudioError


def test_fingerprint_typed_as_read_is_accepted_and_a_wrong_one_is_not_revealed(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    b = station(tmp_path, "b")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        real = joined.fingerprint
        wrong = ("0000" if not real.startswith("0000") else "1111") + real[4:]
        with pytest.raises(StudioError) as refused:
            service.approve(a, joined.station_id, wrong, "admin")
        # the real fingerprint is never shown: copying it from the error would skip the comparison
        assert real not in str(refused.value)
        assert wrong in str(refused.value)
        assert "actual" not in refused.value.params
        # read off the new station's screen in lower case, groups split by spaces
        spoken = real.lower().replace("-", " ")
        report = service.approve(a, joined.station_id, spoken, "admin")
        assert report.stations[joined.station_id].trusted
    finally:
        a.close()
        b.close()


def test_normalise_fingerprint() -> None:
    fp = "4173-4659-C903-47B4-661F-0443-9A3A-BC8C"
    assert objects.normalise_fingerprint("4173 4659 c903 47b4 661f 0443 9a3a bc8c") == fp
    assert objects.normalise_fingerprint("41734659C90347B4661F04439A3ABC8C") == fp
    assert objects.normalise_fingerprint(" 4173:4659:c903:47b4:661f:0443:9a3a:bc8c\n") == fp
    assert objects.normalise_fingerprint("4173-4659") == "4173-4659"  # too short: refused as typed


def test_publish_into_a_missing_folder_is_a_usage_error(tmp_path) -> None:
    store = station(tmp_path, "a")
    try:
        with pytest.raises(InputError, match="no such folder") as refused:
            publish.publish(store, tmp_path / "not-made-yet", "admin")
        assert refused.value.exit_code == 2
        assert not (tmp_path / "not-made-yet").exists()
    finally:
        store.close()


def test_a_refused_connection_says_so() -> None:
    with socket.socket() as probe:  # a port nobody listens on: kept bound (not listening) so no one else can
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        with pytest.raises(StudioError) as refused:
            db.connect(f"postgresql://studio@127.0.0.1:{port}/studio?sslmode=disable")
    text = str(refused.value)
    assert "Connection refused" in text
    assert "\t" not in text
    assert "\n" not in text


def test_published_files_are_readable_by_the_farm(tmp_path, studio_dsn) -> None:
    """The publish folder is public material a farm reads, often as another user (like `keys export`)."""
    import stat

    a = station(tmp_path, "a")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        farm = tmp_path / "farm"
        farm.mkdir()
        done = publish.publish(a, farm, "admin")
    finally:
        a.close()
    assert {"studio.jwks", "status.jwt", "studio-ca.pem"} <= set(done["files"])
    for name in done["files"]:
        assert stat.S_IMODE((farm / name).stat().st_mode) == 0o644, name


def test_create_on_a_studio_database_says_to_join_it(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    b = station(tmp_path, "b")
    try:
        founded = service.create(a, studio_dsn, "admin", "front desk")
        with pytest.raises(StudioError) as refused:
            service.create(b, studio_dsn, "admin", "stage")
        assert refused.value.code == "studio.db_taken"
        assert founded.studio_id in str(refused.value)
        assert "studio join" in str(refused.value)
        with b.read() as conn:
            from consent_app.studio import link

            assert link.get(conn) is None  # the local store untouched
    finally:
        a.close()
        b.close()


def test_a_revoked_station_is_told_at_its_own_sync(tmp_path, studio_dsn, monkeypatch, capsys) -> None:
    """Revoked at another station, it used to sync with exit 0 and no word of it."""
    from storesupport import PASSPHRASE

    from consent_app.cli import main

    a, b = cli_stations(tmp_path, monkeypatch, "a", "b")
    assert main(["--data-dir", a, "studio", "create", studio_dsn]) == 0
    assert main(["--data-dir", b, "studio", "join", studio_dsn]) == 0
    capsys.readouterr()
    from consent_app.store import Store
    from consent_app.studio import link

    with Store.open(tmp_path / "b", PASSPHRASE) as store, store.read() as conn:
        joined = link.require(conn)
    assert main(["--data-dir", a, "studio", "approve", joined.station_id, "--fingerprint",
                 joined.fingerprint]) == 0
    assert main(["--data-dir", b, "sync"]) == 0
    assert main(["--data-dir", a, "studio", "revoke", joined.station_id, "--reason", "laptop stolen"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", b, "sync"]) == 1
    err = capsys.readouterr().err
    assert "this station was revoked by the studio" in err
    assert "laptop stolen" in err
    assert main(["--data-dir", b, "sync"]) == 1  # and at every later sync, not only the one that learnt it
    assert "this station was revoked by the studio" in capsys.readouterr().err
    assert main(["--data-dir", b, "studio", "status"]) == 0
    out = capsys.readouterr().out
    assert "this station was revoked by the studio" in out
    assert "{" not in out  # alerts in words, not as Python dicts
    assert main(["--data-dir", b, "tools", "register", "late", "--out", str(tmp_path)]) == 1
    assert "revoked by the studio: it registers no tools" in capsys.readouterr().err
    assert not (tmp_path / "late.key.pem").exists()


def test_sync_watch_shows_each_alert_once(tmp_path) -> None:
    """`sync --watch` syncs every second: an alert raised again each round is printed once."""
    from consent_app.cli.commands.studio import new_alerts
    from consent_app.studio import link

    store = station(tmp_path, "a")
    try:
        with store.transaction() as tx:
            link.raise_alert(tx, "studio.forged_rows", count=2)
        shown: set[int] = set()
        with store.read() as conn:
            first = new_alerts(conn, ["studio.forged_rows"], shown)
            assert [a["code"] for a in first] == ["studio.forged_rows"]
            assert new_alerts(conn, ["studio.forged_rows"], shown) == []
            assert new_alerts(conn, ["studio.seq_conflict"], set()) == []
    finally:
        store.close()


def test_a_one_shot_sync_fails_for_the_alerts_it_raised_not_for_older_ones(tmp_path) -> None:
    """An alert an earlier sync raised (open in `studio status`) does not make every later sync exit 1."""
    from consent_app import clock
    from consent_app.cli.commands.studio import sync_alerts
    from consent_app.studio import link

    store = station(tmp_path, "a")
    try:
        before = clock.iso()
        with store.transaction() as tx:
            link.raise_alert(tx, "studio.after_revocation", station="s", count=1, cut=5)
        with store.read() as conn:
            assert [a["code"] for a in sync_alerts(conn, ["studio.after_revocation"], before)] == [
                "studio.after_revocation"]
            later = "9999-12-31T00:00:00Z"  # a sync that started after the alert was raised
            assert sync_alerts(conn, ["studio.after_revocation"], later) == []
        with store.transaction() as tx:
            link.raise_alert(tx, "studio.station_revoked", after=5, reason="stolen")
        with store.read() as conn:
            assert [a["code"] for a in sync_alerts(conn, [], later)] == ["studio.station_revoked"]
    finally:
        store.close()


def test_a_station_not_approved_yet_publishes_nothing(tmp_path, studio_dsn) -> None:
    """Its own keys alone would replace the studio's key set in the farm's folder."""
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    farm = tmp_path / "farm"
    farm.mkdir()
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        service.join(b, studio_dsn, "admin", "stage")
        with pytest.raises(StudioError, match="not approved yet"):
            publish.publish(b, farm, "admin")
        assert list(farm.iterdir()) == []
    finally:
        a.close()
        b.close()


def test_sync_watch_refuses_what_retrying_cannot_mend(tmp_path, monkeypatch, capsys) -> None:
    """Not in a studio, or --interval 0: one line and an exit code, not a retry loop printing forever."""
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    from consent_app.cli import main

    station(tmp_path, "a").close()
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    a = str(tmp_path / "a")
    assert main(["--data-dir", a, "sync", "--watch"]) == 1
    assert "not part of a studio" in capsys.readouterr().err
    assert main(["--data-dir", a, "sync", "--watch", "--interval", "0"]) == 2
    assert "--interval must be more than 0" in capsys.readouterr().err
