"""The biometrics helper process dies during the live preview: the live-face step says so at once (a
coded message), capture is off, another helper is started, and capture works again with it."""

from __future__ import annotations

import os

import pytest
from uihelpers import sign_in, to_live_face

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]

LONG = 60000


def _kill(helper) -> list[int]:
    pids = helper.pids()
    assert pids
    for pid in pids:
        os.kill(pid, 9)
    return pids


def test_a_helper_killed_mid_call_is_analysis_stopped(faces_dir):
    from consent_app.session.services import AnalysisStopped
    from consent_app.ui.capture.offload import HelperProcess

    helper = HelperProcess(0.5, 0.845)
    try:
        helper.wait_ready(120)
        _kill(helper)
        with pytest.raises(AnalysisStopped) as raised:
            helper.call("read_id_document", (faces_dir / "obama.jpg").read_bytes(), "image/jpeg")
        assert raised.value.code == "biometrics.helper_stopped"
        assert "stopped" in str(raised.value)
    finally:
        helper.close()


def test_the_live_face_step_says_the_helper_stopped_and_captures_again_with_another(
        qtbot, make_shell, demo_store, faces_dir):
    from consent_app.messages import Message
    from consent_app.ui.context import DeviceChoice
    from consent_app.ui.core_words import word

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg")
    shell = make_shell(demo_store.data_dir, demo_store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    face = to_live_face(qtbot, wizard, faces_dir, timeout=LONG)
    preview = face.preview
    qtbot.waitUntil(lambda: preview.result is not None, timeout=LONG)  # the helper analyses the preview
    assert face.capture_button.isEnabled()
    assert not face.message.isVisible()
    old = wizard.flow.services.helper
    killed = _kill(old)

    stopped = word(Message("biometrics.helper_stopped"))
    qtbot.waitUntil(lambda: face.message.isVisible() and face.message.text() == stopped, timeout=LONG)
    assert not face.capture_button.isEnabled()
    assert not face.challenge_button.isEnabled()
    assert face.message.property("level") == "error"

    # another helper: once it answers, the message goes and capture is on again
    qtbot.waitUntil(lambda: face.capture_button.isEnabled(), timeout=180000)
    assert not face.message.isVisible()
    assert face.challenge_button.isEnabled()
    new = wizard.flow.services.helper
    assert new is not old
    assert shell.ctx.helper is new
    assert new.pids()
    assert not set(new.pids()) & set(killed)
    qtbot.waitUntil(lambda: preview.result is not None and preview.result.pid in new.pids(), timeout=LONG)
    face.capture()
    qtbot.waitUntil(lambda: (wizard.flow.identity is not None or face.message.isVisible())
                    and not wizard.busy.pending, timeout=LONG)
    assert wizard.flow.identity is not None, face.message.text()
    wizard.cancel_session(wait=True)
