"""The numpy + onnxruntime pipeline reproduces Resemblyzer's embeddings."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from consent_app.biometrics import audio
from consent_app.biometrics.voice import embedding, features

REFERENCE = Path(__file__).parent / "data" / "resemblyzer_reference.json"


@pytest.mark.parametrize("clip", sorted(json.loads(REFERENCE.read_text())["clips"]))
def test_matches_resemblyzer_pytorch_reference(voices_dir, clip):
    """Reference written by tools/export_voice_model.py from Resemblyzer's own embed_utterance."""
    expected = np.array(json.loads(REFERENCE.read_text())["clips"][clip], dtype=np.float32)
    got = embedding.embed_waveform(audio.load(voices_dir / clip).samples)
    assert np.max(np.abs(got - expected)) < 1e-5


def test_embedding_is_a_unit_vector_and_deterministic(speech):
    first = embedding.embed_waveform(speech.samples)
    second = embedding.embed_waveform(speech.samples)
    assert first.shape == (256,)
    assert first.dtype == np.float32
    assert np.linalg.norm(first) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(first, second)


def test_session_is_created_once():
    assert embedding.session(1) is embedding.session(1)


def test_mel_spectrogram_frames_and_bands():
    mel = features.mel_spectrogram(np.zeros(16_000, dtype=np.float32))
    assert mel.shape == (101, 40)  # centred frames: 1 + 16000 // 160
    assert not mel.any()


def test_mel_energy_lands_in_the_right_band():
    t = np.arange(16_000) / 16_000
    mel = features.mel_spectrogram(np.sin(2 * np.pi * 1000 * t).astype(np.float32))
    bank = features.mel_filterbank()
    bin_1k = round(1000 * features.N_FFT / 16_000)
    assert np.argmax(mel[50]) == np.argmax(bank[:, bin_1k])


@pytest.mark.parametrize(("seconds", "partials"), [(0.5, 1), (1.6, 1), (2.5, 2), (5.0, 5)])
def test_partial_utterances(seconds, partials):
    slices = features.partial_slices(int(seconds * 16_000))
    assert len(slices) == partials
    assert all(b - a == features.PARTIAL_FRAMES for a, b in slices)
    assert all(b[0] - a[0] == 77 for a, b in itertools.pairwise(slices))


def test_long_silences_are_trimmed(speech):
    padded = np.concatenate([np.zeros(5 * 16_000, np.float32), speech.samples])
    assert len(features.preprocess(padded)) < len(padded) - 4 * 16_000


def test_silence_gives_a_clear_error():
    from consent_app.errors import InputError

    with pytest.raises(InputError, match="no speech"):
        embedding.embed_waveform(np.zeros(3 * 16_000, np.float32))
