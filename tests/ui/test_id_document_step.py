"""The wizard's ID-document step reads the MRZ, shows the details and the cross-check flags, keeps
corrections, and takes an administrator's override for an expired document."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from uihelpers import ADMIN_PASSWORD, sign_in

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]

LONG = 60000


@pytest.fixture
def document_file(tmp_path, faces_dir):
    from consent_app.biometrics.images import load_image
    from consent_app.identity import specimen

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-eng)")
    spec = specimen.Specimen("TD3", surname="OBAMA", given_names="BARACK", document_number="P12345678",
                             nationality="USA", issuing_state="USA", birth_date=date(1961, 8, 4),
                             expiry_date=date(2021, 1, 20), sex="M")
    image = specimen.render(spec, portrait=load_image(faces_dir / "obama2.jpg").rgb,
                            px_per_mm=10)
    path = tmp_path / "passport.jpg"
    image.save(path, quality=92)
    return path


def test_the_id_step_shows_the_document_flags_corrections_and_override(qtbot, make_shell, store, faces_dir,
                                                                        document_file):
    from consent_app.ui.context import DeviceChoice

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama.jpg")
    shell = make_shell(store.data_dir, store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    wizard.subject_step.name.setText("Michelle Robinson")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document", timeout=LONG)
    step = wizard.id_step
    step.use_file(document_file)
    qtbot.waitUntil(lambda: wizard.flow.document is not None, timeout=LONG)
    panel = step.document
    # the document is read on the worker; the panel is drawn when the task's result is delivered
    qtbot.waitUntil(lambda: panel.edits["surname"].text() == "OBAMA" and not wizard.busy.pending,
                    timeout=LONG)
    assert panel.edits["documentNumber"].text() == "P12345678"
    assert "check digits" in panel.status.text()
    assert "verified" not in panel.status.text().lower()
    # the typed name and the document's side by side
    assert panel.names.isVisibleTo(panel)
    assert panel.typed_name.text() == "Michelle Robinson"
    assert panel.doc_name.text() == "BARACK OBAMA"
    assert "2021-01-20" in panel.flags.text()  # expired: blocks until an administrator accepts it
    assert panel.override_box.isVisibleTo(panel)
    wizard.next_button.click()  # refused by the flow (on the worker): the step says why and stays
    qtbot.waitUntil(lambda: not step.message.isHidden() and not wizard.busy.pending, timeout=LONG)
    assert wizard.current_key() == "id_document"
    # a staff correction is kept as evidence
    panel.edits["givenNames"].setText("Barack Hussein")
    panel.save.click()
    qtbot.waitUntil(lambda: bool(wizard.flow.document.corrections), timeout=LONG)
    assert wizard.flow.document.fields["givenNames"] == "BARACK HUSSEIN"
    panel.admin_user.setText("admin")
    panel.admin_password.setText(ADMIN_PASSWORD)
    panel.reason.setText("renewal receipt seen and copied")
    panel.override_button.click()
    qtbot.waitUntil(lambda: wizard.flow.document_override is not None, timeout=LONG)
    assert panel.admin_password.text() == ""
    qtbot.waitUntil(lambda: not panel.override_box.isVisibleTo(panel), timeout=LONG)
    panel.use_name.click()  # staff take the document's name for the subject
    qtbot.waitUntil(lambda: wizard.flow.subject.display_name == "Barack Hussein Obama", timeout=LONG)
    qtbot.waitUntil(lambda: not panel.names.isVisibleTo(panel) and not wizard.busy.pending, timeout=LONG)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "live_face", timeout=LONG)
    wizard.cancel_session(wait=True)
