"""Recording through the Qt-free source interface: levels, elapsed time, bounds, lost device."""

from __future__ import annotations

import numpy as np
import pytest
from voicehelpers import RATE, tone, wav_bytes

from consent_app.biometrics.voice import capture
from consent_app.biometrics.voice.capture import (
    AudioSource,
    CaptureError,
    DeviceLostError,
    FileSource,
    PcmFormat,
    Recorder,
)


class VanishingMicrophone:
    """Test double for microphone hardware: 48 kHz stereo, unplugged after ``chunks`` reads."""

    name = "microphone 'USB Mic'"
    format = PcmFormat(48_000, 2)

    def __init__(self, chunks: int) -> None:
        self.chunks = chunks
        self.stopped = False
        frame = (tone(0.1, 48_000, amp=0.25) * 32767).astype("<i2")
        self.chunk = np.repeat(frame[:, None], 2, axis=1).tobytes()

    def start(self) -> None:
        pass

    def read(self) -> bytes:
        if self.chunks == 0:
            raise DeviceLostError(f"{self.name} was disconnected during the recording")
        self.chunks -= 1
        return self.chunk

    def stop(self) -> None:
        self.stopped = True


def test_level_of_full_scale_and_silence():
    full = (np.ones(160) * 32767).astype("<i2").tobytes()
    assert capture.level(full).peak_dbfs == pytest.approx(0.0, abs=0.01)
    assert capture.level(full).rms_dbfs == pytest.approx(0.0, abs=0.01)
    half_sine = (tone(0.1, amp=0.5) * 32767).astype("<i2").tobytes()
    assert capture.level(half_sine).peak_dbfs == pytest.approx(-6.02, abs=0.05)
    assert capture.level(half_sine).rms_dbfs == pytest.approx(-9.03, abs=0.05)
    assert capture.level(bytes(320)).rms_dbfs == capture.FLOOR_DBFS
    assert capture.level(b"").peak_dbfs == capture.FLOOR_DBFS


def test_file_source_records_the_whole_file_with_levels_and_elapsed(speech):
    source = FileSource(wav_bytes(speech.samples), name="demo.wav")
    assert isinstance(source, AudioSource)
    recorder = Recorder(source)
    recorder.start()
    levels = []
    while not source.finished:
        levels.append(recorder.poll())
    result = recorder.stop()
    assert recorder.elapsed == pytest.approx(speech.duration, abs=0.01)
    assert max(lv.peak_dbfs for lv in levels) > -10
    assert min(lv.rms_dbfs for lv in levels) < max(lv.rms_dbfs for lv in levels) - 20
    assert np.max(np.abs(result.samples - speech.samples)) < 1e-3


def test_recording_is_bounded(speech):
    recorder = Recorder(FileSource(wav_bytes(speech.samples)), max_seconds=2.0)
    recorder.start()
    for _ in range(100):
        recorder.poll()
    assert not recorder.running
    assert recorder.full
    assert recorder.stop().duration == pytest.approx(2.0, abs=0.01)


def test_lost_microphone_gives_a_clear_error_and_keeps_the_audio():
    mic = VanishingMicrophone(chunks=15)
    recorder = Recorder(mic)
    recorder.start()
    for _ in range(15):
        recorder.poll()
    assert recorder.elapsed == pytest.approx(1.5)
    with pytest.raises(DeviceLostError, match=r"'USB Mic' was disconnected .* 1\.5 s .* are kept"):
        recorder.poll()
    assert mic.stopped
    assert not recorder.running
    kept = recorder.recording()
    assert kept.sample_rate == RATE
    assert kept.source_channels == 2
    assert kept.duration == pytest.approx(1.5, abs=0.01)


def test_nothing_recorded_is_an_error():
    recorder = Recorder(VanishingMicrophone(chunks=0))
    recorder.start()
    with pytest.raises(DeviceLostError):
        recorder.poll()
    with pytest.raises(CaptureError, match="nothing was recorded from microphone 'USB Mic'"):
        recorder.recording()
