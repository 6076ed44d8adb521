"""Staff console: a complaint from intake to refutation (the trace links the file to the right subject),
and the duties view (last runs, status list expiry, run now)."""

from __future__ import annotations

import sys
from pathlib import Path

from uihelpers import OPERATOR_PASSWORD, sign_in

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "session"))
sys.path.insert(0, str(HERE.parent / "consent"))


def _rows(model):
    return [tuple(r) for r in model.rows]


def test_a_complaint_from_intake_to_refutation(qtbot, make_shell, store, faces_dir, tmp_path):
    from consenthelpers import run_session

    from consent_app.ui.complaint_dialogs import NewComplaintDialog

    done = run_session(store, faces_dir)
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(4)
    view = main.view(4)
    assert main.nav.item(4).text() == "Complaints"
    assert view.list.currentWidget() is view.list.empty

    # a bad attachment is refused with the core's message, and nothing is registered
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    dialog = NewComplaintDialog(view)
    dialog.contact.setText("reporter@example.org")
    dialog.files.addItem(str(notes))
    view.register(dialog.values())
    qtbot.waitUntil(lambda: view.message.property("level") == "error", timeout=60000)
    assert "not an image, video or audio file" in view.message.text()

    dialog = NewComplaintDialog(view)
    dialog.claim.setCurrentIndex(dialog.claim.findData("no_consent"))
    dialog.role.setCurrentIndex(dialog.role.findData("third_party"))
    dialog.contact.setText("reporter@example.org")
    dialog.url.setText("https://video.example/x")
    dialog.files.addItem(str(faces_dir / "obama3.jpg"))  # a copy without marks of the enrolled subject
    view.register(dialog.values())
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.links_model.rowCount() > 0, timeout=60000)
    assert "2 link(s)" in view.message.text()
    assert _rows(view.model)[0][1] == "Made without consent"
    assert _rows(view.model)[0][3] == "Received"
    targets = view.links_model.keys
    kinds = {row[0]: row[1] for row in _rows(view.links_model)}
    assert kinds == {"Subject": done.subject_id, "Consent": done.consent_id}
    assert all(row[2] == "proposed by the trace" for row in _rows(view.links_model))

    view.links.selectRow(0)
    view.confirm.click()
    qtbot.waitUntil(lambda: _rows(view.links_model) and _rows(view.links_model)[0][2] == "confirmed",
                    timeout=60000)
    assert view.links_model.keys == targets

    view.next_state.setCurrentIndex(view.next_state.findData("acknowledged"))
    view.step.click()  # no note: refused by the core
    qtbot.waitUntil(lambda: view.message.property("level") == "error", timeout=60000)
    assert "give a note" in view.message.text()
    view.note.setText("acknowledged by e-mail")
    view.step.click()
    qtbot.waitUntil(lambda: _rows(view.model)[0][3] == "Acknowledged", timeout=60000)
    assert "signed event 2" in view.message.text()

    # withdraw the consent staff confirmed, from the complaint (the existing flow, linked back)
    assert view.action.count() == 0  # nothing confirmed that can be acted on yet (the subject link only)
    consent_row = view.links_model.keys.index(
        next(k for k, row in zip(view.links_model.keys, _rows(view.links_model), strict=True)
             if row[0] == "Consent"))
    view.links.selectRow(consent_row)
    view.confirm.click()
    qtbot.waitUntil(lambda: view.action.count() == 1, timeout=60000)
    assert done.consent_id in view.action.itemText(0)
    view.act_button.click()  # no reason: refused by the core
    qtbot.waitUntil(lambda: view.message.property("level") == "error", timeout=60000)
    assert "reason" in view.message.text()
    view.reason.setText("the subject asked through the complaint")
    view.act_button.click()
    qtbot.waitUntil(lambda: "Done: withdrawal" in view.message.text(), timeout=60000)
    with store.read() as conn:
        assert conn.execute("SELECT state FROM consents WHERE id = ?", (done.consent_id,)).fetchone()[0] == \
            "withdrawn"

    out = tmp_path / "statement.pdf"
    view.write_statement(str(out))
    qtbot.waitUntil(lambda: "Statement written" in view.message.text(), timeout=60000)
    assert "cannot be determined" in view.message.text()
    assert out.read_bytes().startswith(b"%PDF-")
    with store.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE actor = 'admin'")]
    assert {"complaint.file", "complaint.link_decision", "complaint.transition",
            "complaint.action"} <= set(actions)


def test_duties_view_runs_duties_and_warns_about_the_status_list(qtbot, make_shell, store, tmp_path):
    publish, backups = tmp_path / "publish", tmp_path / "backups"
    publish.mkdir()
    backups.mkdir()
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(5)
    view = main.view(5)
    assert main.nav.item(5).text() == "Duties"
    qtbot.waitUntil(lambda: view.status is not None, timeout=60000)
    assert "No status list has been published" in view.expiry.text()
    view.choose_folder("status", str(publish))
    view.choose_folder("backup", str(backups / "missing"))  # a folder that is not there: the run says so
    qtbot.waitUntil(lambda: "missing" in view.folders.text(), timeout=60000)
    view.run_now()
    qtbot.waitUntil(lambda: view.message.property("level") == "error", timeout=60000)
    assert "does not exist" in view.message.text()
    qtbot.waitUntil(lambda: {r[0]: r for r in _rows(view.model)}["Encrypted backup"][2] != "", timeout=60000)
    rows = {r[0]: r for r in _rows(view.model)}
    assert rows["Encrypted backup"][2].startswith("FAILED")
    assert rows["Publish the status list"][2].startswith("ok")
    qtbot.waitUntil(lambda: "valid until" in view.expiry.text(), timeout=60000)
    assert (publish / "status.jwt").exists()


def test_operators_see_duties_but_cannot_run_them(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell, "op", OPERATOR_PASSWORD)
    main = shell.page("main")
    main.nav.setCurrentRow(5)
    view = main.view(5)
    qtbot.waitUntil(lambda: view.status is not None, timeout=60000)
    assert not view.run_button.isEnabled()
    assert not view.status_folder.isEnabled()


def test_a_complaint_whose_subject_was_erased_shows_its_workflow_without_personal_data(qtbot, make_shell,
                                                                                       store):
    from storesupport import store_consent

    from consent_app.complaints import register
    from consent_app.consent import erasure

    with store.transaction() as tx:
        consent_id = store_consent(tx)
        subject = tx.execute("SELECT subject_id FROM consents WHERE id = ?", (consent_id,)).fetchone()[0]
        cid = register.file(tx, claim="no_consent", role="subject", contact="jane.doe@example.org",
                            url="https://video.example/42", consent_id=consent_id, staff="admin")
        register.transition(tx, cid, "acknowledged", note="called her back", staff="admin")
        erasure.erase_subject(tx, subject, actor="admin")
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(4)
    view = main.view(4)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=60000)
    assert _rows(view.model)[0][3] == "Acknowledged"
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: "personal data erased with the subject" in view.detail.text(), timeout=60000)
    text = view.detail.text()
    assert "Signatures: verified" in text
    assert "jane.doe@example.org" not in text
    assert "video.example" not in text
    assert "called her back" not in text
