"""`consent-app --demo`, keyboard use, and the voice step with a file-backed microphone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from uihelpers import ADMIN_PASSWORD, sign_in

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]


def test_demo_mode_starts_on_a_throwaway_demo_store(faces_dir, voices_dir):
    """`consent-app --demo --demo-faces DIR --demo-voices DIR`, in its own process."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from consent_app.ui.app import DEMO_USER

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("demo_app.py")), str(faces_dir),
                             str(voices_dir)], env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "error" not in report, report
    assert report["exit"] == 0
    assert report["demo"] is True
    assert report["badge"]
    assert DEMO_USER in report["hint"]
    assert "DEMO" in report["title"]
    camera = Path(report["camera"])
    assert camera.parent == faces_dir
    assert camera.suffix == ".mp4"
    assert report["images"] > 3
    assert report["voices"]
    assert all(p.endswith(".flac") for p in report["voices"])
    assert not report["data_dir_left"], "the demo store is thrown away"


def test_keyboard_sign_in_and_escape_cancels(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    login = shell.page("login")
    login.username.setFocus()
    QTest.keyClicks(login.username, "admin")
    QTest.keyClick(login.username, Qt.Key.Key_Return)  # Enter moves on to the password
    assert shell.focusWidget() is login.password
    QTest.keyClicks(login.password, ADMIN_PASSWORD)
    QTest.keyClick(login.password, Qt.Key.Key_Return)  # and signs in
    qtbot.waitUntil(lambda: shell.current_name == "main" or login.message.isVisible(), timeout=60000)
    assert shell.current_name == "main", (login.username.text(), login.message.text())
    main = shell.page("main")
    QTest.keyClick(main, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert main.nav.currentRow() == 1
    QTest.keyClick(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # new capture session
    assert shell.current_name == "capture"
    wizard = shell.page("capture")
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.cancel_panel.isVisible()
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.cancel_panel.isVisible()
    # every label of the subject step has a mnemonic and a buddy
    for label in wizard.subject_step.labels:
        assert "&" in label.text()
        assert label.buddy() is not None


def test_voice_step_records_from_a_file_microphone(qtbot, make_shell, demo_store, faces_dir, voices_dir):
    """A file stands in for the microphone (and the camera) in a demo studio only."""
    store = demo_store
    from consent_app.ui.context import DeviceChoice

    speaker = sorted(p for p in (voices_dir / "speakers").iterdir() if p.is_dir())[0]
    clips = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)[:2]
    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg", voice_files=clips)
    shell = make_shell(store.data_dir, store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    wizard.subject_step.name.setText("Voice Person")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document", timeout=60000)
    wizard.id_step.use_file(faces_dir / "obama.jpg")
    qtbot.waitUntil(lambda: wizard.flow.id_document is not None and not wizard.busy.pending, timeout=60000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "live_face", timeout=60000)
    face = wizard.face_step
    qtbot.waitUntil(lambda: face.preview.result is not None, timeout=60000)
    face.capture()
    qtbot.waitUntil(lambda: (wizard.flow.identity is not None or face.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    assert not wizard.next_button.isEnabled()  # identity not passed: an administrator overrides first
    face.reason.setText("demo: a photo cannot do the liveness challenge")
    face.admin_password.setText(ADMIN_PASSWORD)
    face.override_button.click()
    qtbot.waitUntil(lambda: wizard.next_button.isEnabled() and not wizard.busy.pending, timeout=60000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "voice", timeout=60000)
    voice = wizard.voice_step
    voice.file_chunk_seconds = 1.0  # play the file 20x faster than real time
    voice.sample_button.click()
    assert voice.recording == "sample"
    qtbot.waitUntil(lambda: voice.meter.value() > -60, timeout=60000)  # the level meter moves
    qtbot.waitUntil(lambda: voice.recording == "", timeout=60000)  # stops at the end of the file
    assert float(voice.elapsed.text().split()[0]) > 8
    # the check runs on the task helper: wait until its result is delivered (busy overlay idle)
    qtbot.waitUntil(lambda: (wizard.flow.voice is not None or voice.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    assert wizard.flow.voice is not None, voice.message.text()
    voice.show_statement()
    # the statement shows (flow_changed) before the task's done callback moves to the next file
    qtbot.waitUntil(lambda: not voice.statement_text.isHidden() and not wizard.busy.pending, timeout=60000)
    assert wizard.flow.statement_prompt.phrase in voice.statement_text.text()
    voice.toggle("statement")
    qtbot.waitUntil(lambda: voice.recording == "", timeout=60000)
    # another recording of the same speaker, but not the words of the statement: checked, refused
    qtbot.waitUntil(lambda: (wizard.flow.statement is not None or voice.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    qtbot.waitUntil(lambda: voice.statement_result.text() != "", timeout=60000)
    assert not wizard.flow.statement.passed
    assert "did not pass" in voice.statement_result.text()
    wizard.cancel_session(wait=True)


def test_a_chinese_statement_is_spoken_on_camera_and_attested_by_a_second_staff_member(
        qtbot, make_shell, demo_store, faces_dir, voices_dir):
    """No recogniser for 简体中文: the statement passes once a staff member other than the operator
    attests with their own login; the camera ran while the subject spoke."""
    from uihelpers import OPERATOR_PASSWORD

    from consent_app.ui.context import DeviceChoice

    speaker = sorted(p for p in (voices_dir / "speakers").iterdir() if p.is_dir())[0]
    clips = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)[:2]
    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg", voice_files=clips)
    shell = make_shell(demo_store.data_dir, demo_store, devices=devices)
    sign_in(qtbot, shell)  # the operator of this session is "admin"
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    wizard.subject_step.name.setText("语音 用户")
    wizard.subject_step.language.setCurrentIndex(wizard.subject_step.language.findData("zh-CN"))
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document", timeout=60000)
    wizard.id_step.use_file(faces_dir / "obama.jpg")
    qtbot.waitUntil(lambda: wizard.flow.id_document is not None and not wizard.busy.pending, timeout=60000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "live_face", timeout=60000)
    face = wizard.face_step
    qtbot.waitUntil(lambda: face.preview.result is not None, timeout=60000)
    face.capture()
    qtbot.waitUntil(lambda: (wizard.flow.identity is not None or face.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    face.reason.setText("demo: a photo cannot do the liveness challenge")
    face.admin_password.setText(ADMIN_PASSWORD)
    face.override_button.click()
    qtbot.waitUntil(lambda: wizard.next_button.isEnabled() and not wizard.busy.pending, timeout=60000)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "voice", timeout=60000)
    voice = wizard.voice_step
    voice.file_chunk_seconds = 1.0
    voice.sample_button.click()
    qtbot.waitUntil(lambda: voice.recording == "", timeout=60000)
    qtbot.waitUntil(lambda: (wizard.flow.voice is not None or voice.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    voice.show_statement()
    qtbot.waitUntil(lambda: not voice.statement_text.isHidden() and not wizard.busy.pending, timeout=60000)
    phrase = wizard.flow.statement_prompt.phrase
    assert "、" in phrase  # Chinese words
    voice.toggle("statement")
    qtbot.waitUntil(lambda: voice.recording == "", timeout=60000)
    # the statement is set on the worker; the attestation box is shown when the result is delivered
    qtbot.waitUntil(lambda: (wizard.flow.statement is not None or voice.message.isVisible())
                    and not wizard.busy.pending, timeout=60000)
    statement = wizard.flow.statement
    assert statement is not None, voice.message.text()
    assert statement.source == "file"
    assert statement.face_check["compared"] >= 1  # the camera ran while the subject spoke
    assert statement.face_ok
    assert not statement.passed
    assert voice.attest.isVisible()
    voice.attest_user.setText("admin")  # the operator running the session may not attest
    voice.attest_password.setText(ADMIN_PASSWORD)
    voice.attest_button.click()
    qtbot.waitUntil(lambda: voice.message.isVisible() and "another staff member" in voice.message.text(),
                    timeout=60000)
    assert voice.attest_password.text() == ""  # never kept on screen
    voice.attest_user.setText("op")
    voice.attest_password.setText(OPERATOR_PASSWORD)
    voice.attest_button.click()
    qtbot.waitUntil(lambda: wizard.flow.statement.attestation is not None and not wizard.busy.pending,
                    timeout=60000)
    assert wizard.flow.statement.attestation.username == "op"
    assert wizard.flow.statement.passed, wizard.flow.statement.problems()
    assert not voice.attest.isVisible()
    assert "op" in voice.statement_result.text()
    assert wizard.flow.category_availability()["tts_voice_clone"] is None
    wizard.cancel_session(wait=True)
