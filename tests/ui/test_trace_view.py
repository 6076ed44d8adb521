"""Staff console, "Trace a file": the view draws the core's report; errors come from the core."""

from __future__ import annotations

import numpy as np
from uihelpers import sign_in


def _photo(path) -> None:
    from PIL import Image

    rng = np.random.default_rng(5)
    Image.fromarray(rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)).save(path, "PNG")


def test_trace_view_reports_an_unmarked_file_and_a_bad_one(qtbot, make_shell, store, tmp_path):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(3)
    view = main.view(3)
    assert main.nav.item(3).text() == "Trace a file"
    photo = tmp_path / "found-online.png"
    _photo(photo)
    view.trace(str(photo))
    qtbot.waitUntil(lambda: view.report is not None, timeout=30000)
    assert view.report.exit_code == 10
    assert "no marks" in view.verdict.text()
    rows = [tuple(r) for r in view.model.rows]
    assert any("no face" in r[1] for r in rows)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    view.trace(str(empty))
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=10000)
    assert "empty" in view.message.text()
    assert view.report is None
