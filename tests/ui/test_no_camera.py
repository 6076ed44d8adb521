"""Real mode with no camera: said at once, what needs a camera is disabled, Settings › Devices is at hand."""

from __future__ import annotations

import pytest
from uihelpers import sign_in

pytestmark = pytest.mark.gui


def test_no_camera_is_said_at_once_and_capture_is_disabled(qtbot, make_shell, store, monkeypatch):
    from consent_app.ui.capture import device_bar
    from consent_app.ui.context import DeviceChoice

    monkeypatch.setattr(device_bar, "cameras", lambda: [])  # the machine has no camera
    shell = make_shell(store.data_dir, store, devices=DeviceChoice(camera=0))
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")

    wizard.show_step("id_document")
    ids = wizard.id_step
    assert not ids.camera_button.isEnabled()
    assert "No camera" in ids.camera_button.toolTip()
    assert ids.import_button.isEnabled()

    wizard.show_step("live_face")
    face = wizard.face_step
    # at once, not after a wait for frames: said before any event is processed, and no camera opened
    assert face.preview.error == "No camera found"
    assert not face.devices_bar.missing.isHidden()
    assert "Settings › Devices" in face.devices_bar.missing.text()
    assert not face.capture_button.isEnabled()
    assert not face.challenge_button.isEnabled()
    assert wizard.feed is None, "no camera is opened when none is present"

    # Settings › Devices opens over the session, which stays where it is
    dialog = face.devices_bar.open_settings()
    assert dialog.isVisible()
    dialog.accept()
    assert wizard.current_key() == "live_face"
    wizard.cancel_session(wait=True)


def test_step_messages_clear_when_their_cause_is_gone(qtbot, make_shell, store, faces_dir):
    from consent_app.ui.context import DeviceChoice

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg")
    shell = make_shell(store.data_dir, store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    subject = wizard.subject_step
    subject.name.setText("")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: not subject.message.isHidden(), timeout=60000)
    subject.name.setText("Ada Example")
    assert subject.message.isHidden(), "the 'enter the name' message stays after the name is typed"

    wizard.cancel_session(wait=True)


def test_a_refused_capture_clears_once_the_preview_shows_a_good_face(qtbot, tmp_path):
    from consent_app.ui.capture.step_face import LiveFaceStep
    from consent_app.ui.context import AppContext

    class Wizard:
        ctx = AppContext(tmp_path)
        flow = None
        feed = None

    step = LiveFaceStep(Wizard())
    qtbot.addWidget(step)
    step._capture_failed(ValueError("Looking away: face the camera directly"))
    assert not step.message.isHidden()
    step._status(False, "Looking away")
    assert not step.message.isHidden(), "still looking away: the message stays"
    step._status(True, "Face OK: ready to capture")
    assert step.message.isHidden(), "the preview says Face OK: 'Looking away' must go"
    Wizard.ctx.close()
