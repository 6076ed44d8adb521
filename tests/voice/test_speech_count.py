"""The recorder's running count of speech is the quality gate's own figures of the audio so far:
the same voice-activity detector, window by window, so the voice step's "enough speech" cue agrees
with what the gate then accepts or refuses."""

from __future__ import annotations

import io

import numpy as np
import pytest

from consent_app.biometrics import audio
from consent_app.biometrics.voice import quality
from consent_app.biometrics.voice.capture import FileSource, Recorder, level
from consent_app.biometrics.voice.speech_count import SpeechCount

WINDOW = 0.03  # seconds: one window of the detector


def _gate(recording: audio.Audio) -> quality.QualityReport:
    """What the gate measures: the recording as the flow receives it (FLAC, read back)."""
    return quality.assess(audio.load(audio.encode_flac(recording)))


def _clips(voices_dir, n=3):
    clips = sorted((voices_dir / "speakers").glob("*/*.flac"))
    if not clips:
        pytest.skip(f"no LibriSpeech clips in {voices_dir / 'speakers'}")
    longest = sorted(clips, key=lambda p: p.stat().st_size)[-1]
    return [longest, *clips[: n - 1]]


def noise_wav(dbfs: float, seconds: float = 12.0, seed: int = 5) -> bytes:
    """Broadband noise (a fan, a hiss) at ``dbfs`` RMS: loud, and no speech."""
    import soundfile as sf

    rng = np.random.default_rng(seed)
    x = np.convolve(rng.standard_normal(int(seconds * 16000)), np.ones(4) / 4, mode="same")
    x = (x / np.sqrt(np.mean(x**2)) * 10 ** (dbfs / 20)).astype(np.float32)
    out = io.BytesIO()
    sf.write(out, x, 16000, format="WAV", subtype="PCM_16")
    return out.getvalue()


def _record(source, check_every: float | None = None):
    """Play ``source`` through the recorder; with ``check_every`` compare with the gate on the way."""
    rec = Recorder(source)
    rec.start()
    next_check = check_every
    first_enough = None
    while not source.finished:
        rec.poll()
        report = rec.speech.report()
        if first_enough is None and report.speech_seconds >= quality.MIN_SPEECH_ENROL:
            first_enough = rec.recording()
        if check_every is not None and rec.elapsed >= next_check:
            assert report == _gate(rec.recording()), f"at {rec.elapsed:.2f} s"
            next_check += check_every
    return rec, rec.stop(), first_enough


def test_the_count_is_the_gates_report_of_the_audio_so_far(voices_dir):
    for path in _clips(voices_dir):
        rec, recording, first_enough = _record(FileSource(path, chunk_seconds=0.05), check_every=2.0)
        assert rec.speech.report() == _gate(recording), path.name  # every figure, to the window
        assert rec.speech.report().speech_seconds > 0
        if first_enough is not None:  # "enough" at that moment: the gate accepts that audio's length
            gate = _gate(first_enough)
            assert gate.speech_seconds >= quality.MIN_SPEECH_ENROL
            assert "too_short" not in dict(gate.problem_messages(quality.MIN_SPEECH_ENROL))


def test_chunks_of_any_size_count_alike(voices_dir):
    path = _clips(voices_dir, 1)[0]
    pcm = (np.clip(audio.load(path).samples, -1, 32767 / 32768) * 32768).astype("<i2").tobytes()
    whole, odd = SpeechCount(), SpeechCount()
    whole.feed(pcm)
    for i in range(0, len(pcm), 1001):  # cut inside samples and windows
        odd.feed(pcm[i:i + 1001])
    assert odd.report() == whole.report() == _gate(audio.from_pcm16(pcm, 16000))


def test_a_source_at_another_rate_agrees_within_a_window(voices_dir):
    """A microphone that will not give 16 kHz: resampled as a stream, the count may move by a window."""
    import soxr

    for path in _clips(voices_dir, 2):
        clip = audio.load(path).samples
        up = soxr.resample(clip, 16000, 48000)
        pcm = (np.clip(np.stack([up, up * 0.8], axis=1), -1, 32767 / 32768) * 32768).astype("<i2").tobytes()
        count = SpeechCount(48000, 2)
        for i in range(0, len(pcm), 9600):
            count.feed(pcm[i:i + 9600])
        gate = _gate(audio.from_pcm16(pcm, 48000, 2))
        assert abs(count.report().speech_seconds - gate.speech_seconds) <= WINDOW + 1e-9, path.name


def test_loud_noise_is_not_counted_as_speech_nor_called_enough():
    """Noise louder than the level the old cue counted as speech (-42 dBFS) is not speech to the gate's
    detector; louder still, the detector may take it for speech, and the gate's report then says
    "too noisy": either way, never enough speech."""
    quiet_noise = noise_wav(-35.0)
    assert level(quiet_noise[44:]).rms_dbfs > -42.0
    rec, recording, first_enough = _record(FileSource(quiet_noise, chunk_seconds=0.05))
    report = rec.speech.report()
    assert report == _gate(recording)
    assert report.speech_seconds < quality.MIN_SPEECH_ENROL
    assert first_enough is None
    rec, recording, _ = _record(FileSource(noise_wav(-22.0), chunk_seconds=0.05))
    report = rec.speech.report()
    assert report == _gate(recording)
    assert "too_noisy" in dict(report.problem_messages(quality.MIN_SPEECH_ENROL))
