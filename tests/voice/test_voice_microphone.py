"""The QtMultimedia microphone source (offscreen). Recording itself needs an input device."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui

pytest.importorskip("PySide6.QtMultimedia")


@pytest.fixture
def audio_input(qapp):
    from consent_app.ui import audio_input

    return audio_input


def test_device_list_is_default_first(audio_input):
    devices = audio_input.input_devices()
    assert all(isinstance(d.id, bytes) and d.description for d in devices)
    assert [d.is_default for d in devices] == sorted((d.is_default for d in devices), reverse=True)


def test_unknown_device_gives_a_clear_error(audio_input):
    from consent_app.biometrics.voice.capture import CaptureError

    source = audio_input.MicrophoneSource(b"no-such-device")
    with pytest.raises(CaptureError, match="not connected any more"):
        source.start()


def test_no_default_device_gives_a_clear_error(audio_input):
    from consent_app.biometrics.voice.capture import CaptureError

    if audio_input.input_devices():
        pytest.skip("this machine has an audio input")
    with pytest.raises(CaptureError, match="no microphone found"):
        audio_input.MicrophoneSource().start()


def test_records_from_the_default_device(audio_input, qtbot):
    from consent_app.biometrics.voice.capture import Recorder

    if not audio_input.input_devices():
        pytest.skip("no audio input device on this machine")
    recorder = Recorder(audio_input.MicrophoneSource())
    recorder.start()
    qtbot.waitUntil(lambda: recorder.poll() is not None and recorder.elapsed >= 0.5, timeout=60000)
    assert recorder.stop().duration >= 0.5


def test_device_vanishing_mid_recording_is_reported(audio_input, qtbot):
    from consent_app.biometrics.voice.capture import DeviceLostError

    devices = audio_input.input_devices()
    if not devices:
        pytest.skip("no audio input device on this machine")
    source = audio_input.MicrophoneSource(devices[0].id)
    source.start()
    qtbot.wait(200)
    source._device_id = b"unplugged"  # as if QMediaDevices no longer listed it
    with qtbot.waitSignal(source.lost, timeout=60000):
        source._on_inputs_changed()
    source.read()  # hands over what arrived before
    with pytest.raises(DeviceLostError, match="disconnected"):
        source.read()
    source.stop()
