"""A statement must be new speech: identical audio and cuts of the voice sample are refused
(real shared clips; the bad inputs are made here)."""

from __future__ import annotations

import io

import pytest
import soundfile as sf

from consent_app.biometrics import audio
from consent_app.biometrics.voice import replay
from consent_app.errors import PolicyError


@pytest.fixture(scope="module")
def clips(voices_dir):
    speaker = sorted(p for p in (voices_dir / "speakers").iterdir() if p.is_dir())[0]
    paths = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)[:3]
    return [(audio.load(p.read_bytes()), p.read_bytes()) for p in paths]


def _wav(samples, rate=16000) -> bytes:
    out = io.BytesIO()
    sf.write(out, samples, rate, format="WAV")
    return out.getvalue()


def test_other_recordings_of_the_same_speaker_are_not_replays(clips):
    (a, a_bytes), (b, b_bytes), (c, c_bytes) = clips
    evidence = replay.refuse_replayed(b, b_bytes, [(a, a_bytes)])
    assert evidence["checks"][0]["identical"] is False
    assert evidence["checks"][0]["contained_share"] < replay.SHARE
    assert evidence["checks"][0]["best_correlation"] < replay.MATCH
    assert replay.refuse_replayed(c, c_bytes, [(a, a_bytes), (b, b_bytes)])["samples_compared"] == 2


def test_identical_audio_is_refused_even_re_encoded(clips):
    a, a_bytes = clips[0]
    with pytest.raises(PolicyError) as same_file:
        replay.refuse_replayed(a, a_bytes, [(a, a_bytes)])
    assert same_file.value.code == "statement.same_as_sample"
    wav = _wav(a.samples)  # the same samples in another container
    with pytest.raises(PolicyError) as same_pcm:
        replay.refuse_replayed(audio.load(wav), wav, [(a, a_bytes)])
    assert same_pcm.value.code == "statement.same_as_sample"


@pytest.mark.parametrize(("start", "seconds", "rate"), [(2.0, 4.0, 16000), (5.0, 6.0, 44100)])
def test_a_cut_of_the_sample_is_refused(clips, start, seconds, rate):
    a, a_bytes = clips[0]
    piece = a.samples[int(start * 16000):int((start + seconds) * 16000)]
    data = _wav(audio.resample(piece, 16000, rate) if rate != 16000 else piece, rate)
    with pytest.raises(PolicyError, match="cut from the voice sample") as refused:
        replay.refuse_replayed(audio.load(data), data, [(a, a_bytes)])
    assert refused.value.code == "statement.inside_sample"
    assert refused.value.params["share"] >= replay.SHARE


def test_the_sample_inside_a_longer_statement_is_refused(clips):
    (a, a_bytes), (b, _), _ = clips
    import numpy as np

    longer = np.concatenate([b.samples[: 3 * 16000], a.samples, b.samples[: 2 * 16000]])
    data = _wav(longer)
    with pytest.raises(PolicyError) as refused:
        replay.refuse_replayed(audio.load(data), data, [(a, a_bytes)])
    assert refused.value.code == "statement.inside_sample"
