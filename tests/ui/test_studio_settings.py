"""Settings › Studio: found a studio, see this station's fingerprint, approve a station by fingerprint, see
the studio-wide settings; the work runs on the task helper (a real PostgreSQL behind it)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "studio"))
from studiohelpers import station
from uihelpers import sign_in

from consent_app.studio import service, sync


def test_found_and_approve_from_settings(qtbot, make_shell, store, tmp_path, studio_dsn, monkeypatch):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.open_settings("studio")
    tab = main.view(2).studio
    qtbot.waitUntil(lambda: tab.connect_form.isVisibleTo(tab), timeout=60000)
    tab.dsn.setText(studio_dsn)
    tab.station_name.setText("front desk")
    threads: list[str] = []
    real_sync = sync.sync_once

    def recording_sync(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_sync(*args, **kwargs)

    monkeypatch.setattr(sync, "sync_once", recording_sync)
    tab.create_button.click()
    qtbot.waitUntil(lambda: tab.status is not None, timeout=60000)
    assert tab.linked.isVisibleTo(tab)
    assert tab.status["fingerprint"] in tab.fingerprint.text()
    assert "templates of other stations: 0 in the search, 0 waiting" in tab.summary.text()
    assert threading.main_thread().name not in threads  # sync ran on the task helper
    other = station(tmp_path, "other")
    try:
        joined = service.join(other, studio_dsn, "admin", "stage")
        tab.sync_now()
        qtbot.waitUntil(lambda: joined.station_id in tab.model.keys, timeout=60000)
        row = tab.model.keys.index(joined.station_id)
        assert "waiting" in tab.model.rows[row][3]
        tab.table.selectRow(row)
        tab.approve_fp.setText("0000-0000-0000-0000-0000-0000-0000-0000")
        tab.approve_button.click()
        qtbot.waitUntil(lambda: "fingerprint" in tab.message.text(), timeout=60000)
        tab.table.selectRow(row)
        tab.approve_fp.setText(joined.fingerprint)
        tab.approve_button.click()
        qtbot.waitUntil(lambda: "trusted" in tab.model.rows[tab.model.keys.index(joined.station_id)][3],
                        timeout=60000)
        # the studio-wide settings the founding station shared at its sync (complaint deadlines, code)
        qtbot.waitUntil(lambda: "acknowledge a complaint within 1 day(s), resolve it within 15 day(s)"
                        in tab.summary.text(), timeout=60000)
    finally:
        other.close()
