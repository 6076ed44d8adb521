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
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=60000)
    assert "empty" in view.message.text()
    assert view.report is None


def test_subject_page_lists_the_uses_of_imported_receipts(qtbot, make_shell, store, tmp_path):
    """A receipt made and imported through the core shows on the subject's Uses tab."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tokens"))
    from tokenhelpers import record_consent

    from consent_app import clock
    from consent_app.consent import records
    from consent_app.marking.mark import mark
    from consent_app.marking.trust import ToolIdentity
    from consent_app.provenance import ca
    from consent_app.provenance.ledger import import_receipt, studio_bundle
    from consent_app.tokens import issue
    from consent_app.verify.claims import Claims

    consent_id, subject_id = record_consent(store)
    with store.transaction() as tx:
        issued = issue(tx, records.grant(tx, consent_id), actor="admin")
        tool = ca.register(tx, "ui-tool", "admin")
        bundle = studio_bundle(tx)
    (tmp_path / "k.pem").write_bytes(tool.private_key_pem)
    (tmp_path / "c.pem").write_bytes(tool.chain_pem)
    identity = ToolIdentity.load(tmp_path / "k.pem", tmp_path / "c.pem", bundle)
    photo = tmp_path / "gen.png"
    _photo(photo)
    made = mark(claims=Claims(issued.payload), token_text=issued.token.encode(), operation="face_swap",
                tool=identity, bundle=bundle, in_path=str(photo), out_path=str(tmp_path / "out.png"),
                sources=[], now=clock.iso())
    assert import_receipt(store, "r", made.receipt, "admin").ok
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    subjects = shell.page("main").view(0)
    subjects.open_subject(subject_id)
    page = subjects.detail
    qtbot.waitUntil(lambda: page.uses_model.rowCount() == 1, timeout=60000)
    row = page.uses_model.rows[0]
    assert row[2] == "ui-tool"
    assert row[3] == made.output_sha256
    assert page.tabs.tabText(5) == "&Uses"
