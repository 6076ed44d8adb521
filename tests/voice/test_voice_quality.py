"""Quality gates: each bad recording gets its own, specific message."""

from __future__ import annotations

import numpy as np
import pytest
from voicehelpers import RATE, tone, wav_bytes, with_noise

from consent_app.biometrics import audio
from consent_app.biometrics.voice import quality
from consent_app.biometrics.voice.quality import VoiceQualityError


def gate(recording: audio.Audio, min_speech: float = quality.MIN_SPEECH_ENROL) -> str:
    with pytest.raises(VoiceQualityError) as info:
        quality.require(recording, min_speech, "voice sample")
    assert str(info.value).startswith("voice sample: ")
    return info.value.problem


def test_clean_speech_passes(speech):
    report = quality.require(speech, quality.MIN_SPEECH_ENROL)
    assert report.speech_seconds > 10
    assert report.snr_db > 30
    assert report.clipped_fraction == 0


def test_silence():
    assert gate(audio.from_float(np.zeros(10 * RATE), RATE)) == "silent"


def test_pure_noise_is_too_noisy():
    noise = np.random.default_rng(3).normal(0, 0.05, 10 * RATE)
    assert gate(audio.load(wav_bytes(noise))) == "too_noisy"


def test_speech_in_loud_noise_is_too_noisy(speech):
    assert gate(audio.from_float(with_noise(speech.samples, 0.0), RATE)) == "too_noisy"


def test_speech_with_mild_noise_passes(speech):
    quality.require(audio.from_float(with_noise(speech.samples, 20.0), RATE), quality.MIN_SPEECH_ENROL)


def test_quiet_voice(speech):
    assert gate(audio.from_float(speech.samples * 0.003, RATE)) == "too_quiet"


def test_clipping(speech):
    clipped = np.clip(speech.samples * 8, -1, 1)
    assert gate(audio.load(wav_bytes(clipped))) == "clipping"


def test_half_second_clip_is_too_short(speech):
    with pytest.raises(VoiceQualityError, match=r"too little speech: 0\.\d s detected, at least 8 s"):
        quality.require(audio.from_float(speech.samples[: RATE // 2], RATE), 8.0)


def test_short_speech_for_enrolment_but_enough_for_a_probe(speech):
    four_seconds = audio.from_float(speech.samples[: 4 * RATE], RATE)
    assert gate(four_seconds) == "too_short"
    quality.require(four_seconds, quality.MIN_SPEECH_PROBE)


def test_a_steady_hum_is_refused_as_noise():
    assert gate(audio.from_float(tone(10.0, amp=0.2, freq=150.0), RATE), 1.5) == "too_noisy"


def test_report_lists_every_failed_gate(speech):
    bad = audio.from_float(np.clip(with_noise(speech.samples, 0.0) * 20, -1, 1), RATE)
    gates = {g for g, _ in quality.assess(bad).problems(8.0)}
    assert {"clipping", "too_noisy"} <= gates
