"""`studio publish` syncs first and refuses to publish from a stale view of the studio: with the server down
nothing is written (the folder is untouched), after a sync it publishes, `--allow-stale` publishes and says
so, and a revocation made at another station reaches this station's lists once it has synced."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storesupport import ADMIN_PASSWORD, PASSPHRASE
from studiohelpers import pair as _pair
from studiohelpers import revoked_bits, station

from consent_app.cli import main as app_main
from consent_app.errors import PolicyError
from consent_app.studio import freshness, publish, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent


def _token_at_a_revoked_at_b(a, b):
    from consent_app.consent.records import grant
    from consent_app.tokens import issue
    from consent_app.tokens.revocation import revoke_token

    consent_id, _ = record_consent(a)
    with a.transaction() as tx:
        token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
    sync.sync_once(a)
    sync.sync_once(b)
    with b.transaction() as tx:  # revoked at the other station, which pushes it
        assert revoke_token(tx, token.token_id, "admin", "asked at stage")
    sync.sync_once(b)
    with a.read() as conn:
        return conn.execute("SELECT status_list, status_index FROM tokens WHERE id = ?",
                            (token.token_id,)).fetchone()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_server_down_refuses_then_sync_publishes_and_allow_stale_is_marked(tmp_path, studio_dsn,
                                                                           pg_server) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        status_list, index = _token_at_a_revoked_at_b(a, b)
        folder = tmp_path / "farm"
        folder.mkdir(mode=0o700)
        (folder / "README.txt").write_text("the farm's own note\n")
        before = _snapshot(folder)
        with a.read() as conn:
            exports_before = conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'status.export'"
                                          ).fetchone()
        pg_server.stop()
        try:
            with pytest.raises(PolicyError, match="refusing to publish") as refused:
                publish.publish(a, folder, "admin")
            assert refused.value.code == "studio.publish_unsynced"
            assert _snapshot(folder) == before  # nothing written, nothing signed
            with a.read() as conn:
                assert conn.execute("SELECT COUNT(*) FROM audit WHERE action = 'status.export'"
                                    ).fetchone() == exports_before
            done = publish.publish(a, folder, "admin", allow_stale=True)  # explicitly allowed: marked
            assert done["stale"] is True
            manifest = json.loads((folder / freshness.MANIFEST_FILE).read_text())
            assert manifest["stale"] is True
            assert manifest["syncError"]
            assert manifest["lastPullAt"] == done["last_pull_at"]
            bits = revoked_bits((folder / publish.STATUS_FILE).read_text())
            assert index not in bits.get(status_list, [])  # it had not seen b's revocation
        finally:
            pg_server.restart()
        done = publish.publish(a, folder, "admin")  # syncs first: b's revocation arrives, and is published
        assert done["stale"] is False
        manifest = json.loads((folder / freshness.MANIFEST_FILE).read_text())
        assert manifest["stale"] is False
        assert manifest["syncError"] is None
        bits = revoked_bits((folder / publish.STATUS_FILE).read_text())
        assert index in bits[status_list]
    finally:
        a.close()
        b.close()


def _cli_at_a(tmp_path, studio_dsn, monkeypatch) -> None:
    """Two linked stations; the commands that follow run at station a, as an unattended admin."""
    a, b = _pair(tmp_path, studio_dsn)
    a.close()
    b.close()
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)


def test_publish_cli_exit_code_and_allow_stale_warning(tmp_path, studio_dsn, pg_server, monkeypatch,
                                                       capsys) -> None:
    _cli_at_a(tmp_path, studio_dsn, monkeypatch)
    folder = tmp_path / "farm"
    folder.mkdir(mode=0o700)
    pg_server.stop()
    try:
        assert app_main(["studio", "publish", str(folder)]) == 1
        err = capsys.readouterr().err
        assert "refusing to publish" in err
        assert "Traceback" not in err
        assert list(folder.iterdir()) == []
        assert app_main(["studio", "publish", str(folder), "--allow-stale"]) == 0
        assert "published from a stale view" in capsys.readouterr().err
        assert json.loads((folder / freshness.MANIFEST_FILE).read_text())["stale"] is True
    finally:
        pg_server.restart()
    assert app_main(["studio", "publish", str(folder)]) == 0
    assert json.loads((folder / freshness.MANIFEST_FILE).read_text())["stale"] is False


def test_a_pull_older_than_the_limit_counts_as_stale() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert freshness.too_old(None, 5, now)  # never pulled
    assert freshness.too_old("2026-11-30T11:54:59Z", 5, now)
    assert not freshness.too_old("2026-11-30T11:55:01Z", 5, now)
    assert freshness.too_old("2026-11-30T11:59:00Z", 0.5, now)  # a minute old, half a minute allowed


def test_a_station_that_never_pulled_is_stale_until_it_syncs(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        with a.transaction() as tx:  # as if this station had never pulled (a store before its first sync)
            tx.execute("UPDATE studio_sync SET last_pull_at = NULL")
        with a.read() as conn:
            assert freshness.too_old(conn.execute("SELECT last_pull_at FROM studio_sync").fetchone()[0], 5)
        assert freshness.ensure_fresh(a).stale is False  # the sync before publishing pulls: fresh again
    finally:
        a.close()
        b.close()


def _sequence(status_text: str) -> int:
    import base64

    from consent_app.verify.statuslist import WITNESS_MEMBER

    line = status_text.split()[0]
    return json.loads(base64.urlsafe_b64decode(line.split(".")[1] + "=="))[WITNESS_MEMBER]["sequence"]


def test_a_publish_never_goes_below_what_another_station_published(tmp_path, studio_dsn, monkeypatch) -> None:
    from consent_app.studio import published
    from consent_app.tokens import statuslists

    a, b = _pair(tmp_path, studio_dsn)
    try:
        status_list, index = _token_at_a_revoked_at_b(a, b)
        b_folder, a_folder = tmp_path / "farm-b", tmp_path / "farm-a"
        b_folder.mkdir(mode=0o700)
        a_folder.mkdir(mode=0o700)
        publish.publish(b, b_folder, "admin")  # b publishes the revocation …
        b_sequence = _sequence((b_folder / publish.STATUS_FILE).read_text())
        assert index in revoked_bits((b_folder / publish.STATUS_FILE).read_text())[status_list]
        sync.sync_once(b)  # … and shares what it published
        with a.read() as conn:
            assert published.floor(sync.evaluate_local(conn)) == (0, {})
        sync.sync_once(a)
        with a.read() as conn:
            seq, bits = published.floor(sync.evaluate_local(conn))
        assert seq == b_sequence
        assert index in bits[status_list]

        class _SlowClock:  # a's clock is an hour behind b's
            @staticmethod
            def time_ns() -> int:
                import time

                return time.time_ns() - 3600 * 10**9

        monkeypatch.setattr(statuslists, "time", _SlowClock)
        publish.publish(a, a_folder, "admin")
        text = (a_folder / publish.STATUS_FILE).read_text()
        assert _sequence(text) > b_sequence  # never lower than a list another station published
        assert index in revoked_bits(text)[status_list]
        # a bit the shared floor holds stays set even where this store's own computation shows it live
        from consent_app.consent.records import grant
        from consent_app.tokens import issue

        consent_id, _ = record_consent(a)
        with a.transaction() as tx:
            live = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
            live_list, live_index = tx.execute("SELECT status_list, status_index FROM tokens WHERE id = ?",
                                               (live.token_id,)).fetchone()
            lists = statuslists.export_status_lists(tx, "admin", floor=(0, {live_list: {live_index}}))
        assert live_index in revoked_bits("\n".join(lists))[live_list]
    finally:
        a.close()
        b.close()


def test_the_status_list_duty_refuses_a_stale_view(tmp_path, studio_dsn, pg_server) -> None:
    from consent_app.duties import config
    from consent_app.duties.run import STATUS_FILE, run_duties

    a, b = _pair(tmp_path, studio_dsn)
    try:
        status_list, index = _token_at_a_revoked_at_b(a, b)
        folder = tmp_path / "duty-out"
        folder.mkdir(mode=0o700)
        with a.transaction() as tx:
            config.configure(tx, status_folder=str(folder), actor="admin")
        pg_server.stop()
        try:
            [result] = run_duties(a, actor="admin", force=True, only=["status_list"], attempts=1)
            assert not result.ok
            assert "refusing to publish" in result.message.english()
            assert not (folder / STATUS_FILE).exists()
        finally:
            pg_server.restart()
        [result] = run_duties(a, actor="admin", force=True, only=["status_list"], attempts=1)
        assert result.ok
        assert index in revoked_bits((folder / STATUS_FILE).read_text())[status_list]
    finally:
        a.close()
        b.close()


def test_configure_the_freshness_limit(tmp_path, monkeypatch, capsys) -> None:
    a = station(tmp_path, "a")
    a.close()
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(tmp_path / "a"))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    assert app_main(["studio", "configure", "--publish-fresh-minutes", "0"]) == 2
    assert "0 < minutes <= 1440" in capsys.readouterr().err
    assert app_main(["studio", "configure", "--publish-fresh-minutes", "15"]) == 0
    from consent_app.store import Store

    with Store.open(tmp_path / "a", PASSPHRASE) as store, store.read() as conn:
        assert freshness.fresh_minutes(conn) == 15


def test_status_export_at_a_studio_station_refuses_a_stale_view(tmp_path, studio_dsn, pg_server, monkeypatch,
                                                                capsys) -> None:
    _cli_at_a(tmp_path, studio_dsn, monkeypatch)
    out = tmp_path / "out"
    out.mkdir(mode=0o700)
    pg_server.stop()
    try:
        assert app_main(["status", "export", str(out / "status.jwt")]) == 1
        assert "refusing to publish" in capsys.readouterr().err
        assert list(out.iterdir()) == []
    finally:
        pg_server.restart()
    assert app_main(["status", "export", str(out / "status.jwt")]) == 0
    assert (out / "status.jwt").is_file()
