"""Safe audio loading: conversion of other formats, and a clear refusal of every kind of bad file."""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
import soundfile as sf
from voicehelpers import RATE, tone, wav_bytes

from consent_app.biometrics import audio
from consent_app.errors import InputError


def test_stereo_44k_is_converted_to_16k_mono_with_duration_kept():
    left, right = tone(2.0, 44_100), tone(2.0, 44_100, 660.0)
    loaded = audio.load(wav_bytes(np.stack([left, right], axis=1), 44_100), name="s.wav")
    assert loaded.sample_rate == RATE
    assert loaded.source_rate == 44_100
    assert loaded.source_channels == 2
    assert loaded.samples.ndim == 1
    assert loaded.samples.dtype == np.float32
    assert loaded.duration == pytest.approx(2.0, abs=1e-3)


def test_resampling_keeps_the_tone_frequency():
    loaded = audio.load(wav_bytes(tone(1.0, 48_000, 1000.0), 48_000))
    spectrum = np.abs(np.fft.rfft(loaded.samples))
    peak_hz = np.argmax(spectrum) * RATE / len(loaded.samples)
    assert peak_hz == pytest.approx(1000.0, abs=2.0)


def test_8k_flac_is_upsampled():
    loaded = audio.load(wav_bytes(tone(1.5, 8_000), 8_000, fmt="FLAC"))
    assert loaded.source_rate == 8_000
    assert len(loaded.samples) == pytest.approx(1.5 * RATE, abs=2)


def test_clipped_fraction_is_measured_before_conversion():
    loud = np.clip(tone(1.0, 22_050, amp=3.0), -1, 1)
    loaded = audio.load(wav_bytes(loud, 22_050))
    assert loaded.clipped_fraction > 0.5


def test_flac_encoding_round_trips_in_memory():
    original = audio.from_float(tone(1.0, RATE), RATE)
    data = audio.encode_flac(original)
    assert data[:4] == b"fLaC"
    again = audio.load(data)
    assert np.max(np.abs(again.samples - original.samples)) < 1e-4


def test_pcm16_from_a_microphone():
    ints = (tone(0.5, 48_000) * 32767).astype("<i2")
    stereo = np.repeat(ints[:, None], 2, axis=1).tobytes()
    loaded = audio.from_pcm16(stereo, 48_000, channels=2)
    assert loaded.duration == pytest.approx(0.5, abs=1e-3)
    assert loaded.source_channels == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"this is a text file, not a recording\n" * 40, "is not a readable audio file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "is not a readable audio file"),
    ],
)
def test_non_audio_is_refused(data, reason):
    with pytest.raises(InputError, match=reason):
        audio.load(data, name="x.wav")


def test_truncated_wav_is_refused():
    data = wav_bytes(tone(2.0, RATE))
    with pytest.raises(InputError, match="truncated"):
        audio.load(data[: len(data) // 2], name="cut.wav")


def test_corrupt_flac_is_refused(voices_dir):
    data = bytearray((voices_dir / "speakers" / "367" / "367-130732-0002.flac").read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2000] = b"\xff" * 2000
    with pytest.raises(InputError, match="damaged"):
        audio.load(bytes(data), name="bad.flac")


def test_two_hour_flac_is_refused_from_its_header():
    buffer = io.BytesIO()
    sf.write(buffer, np.zeros(2 * 3600 * 8_000, dtype=np.int16), 8_000, format="FLAC")
    with pytest.raises(InputError, match="lasts 120 min"):
        audio.load(buffer.getvalue(), name="long.flac")


def test_two_hour_wav_on_disk_is_refused_without_reading_it(tmp_path):
    header = bytearray(wav_bytes(np.zeros(16)))[:44]
    n = 2 * 3600 * RATE * 2
    struct.pack_into("<I", header, 4, 36 + n)
    struct.pack_into("<I", header, 40, n)
    path = tmp_path / "long.wav"
    with path.open("wb") as f:  # a sparse file of silence: no recording, nothing biometric
        f.write(header)
        f.truncate(44 + n)
    with pytest.raises(InputError, match="lasts 120 min"):
        audio.load(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(InputError, match="not found"):
        audio.load(tmp_path / "nope.wav")


def test_absurd_sample_rate_is_refused():
    with pytest.raises(InputError, match="sample rate"):
        audio.load(wav_bytes(np.zeros(100), 1_000))
