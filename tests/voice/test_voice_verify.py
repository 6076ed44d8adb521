"""Speaker verification: enrolment, comparison, and the calibration on ../shared/voices."""

from __future__ import annotations

import numpy as np
import pytest

from consent_app.biometrics import audio
from consent_app.biometrics.voice import calibration, quality, verify
from consent_app.errors import InputError


def test_default_threshold_has_no_false_accept_and_few_false_rejects(trial_scores):
    genuine, impostor = trial_scores
    rates = calibration.rates(genuine, impostor, verify.DEFAULT_THRESHOLD)
    assert rates.impostor_trials == 4000  # (40 impostors + 40 other-speaker clips) x 5 x 10
    assert rates.genuine_trials == 350  # 5 speakers x 10 enrolments x 7 probes
    assert rates.false_accepts == 0
    assert rates.frr <= 0.05


def test_equal_error_rate_is_low(trial_scores):
    eer, threshold = calibration.equal_error_rate(*trial_scores)
    assert eer < 0.01
    assert threshold < verify.DEFAULT_THRESHOLD


def test_same_speaker_scores_above_different_speakers(corpus):
    template = verify.enrol(corpus.speakers["1688"][:3])
    same = [verify.similarity(template, e) for e in corpus.speakers["1688"][3:]]
    other = [verify.similarity(template, e) for e in corpus.speakers["1998"]]
    assert min(same) > max(other)


def test_enrolment_is_the_renormalised_mean(corpus):
    clips = corpus.speakers["367"][:4]
    template = verify.enrol(clips)
    mean = clips.mean(axis=0)
    assert np.allclose(template, mean / np.linalg.norm(mean), atol=1e-6)
    assert np.linalg.norm(template) == pytest.approx(1.0, abs=1e-6)


def test_enrol_needs_a_recording():
    with pytest.raises(InputError, match="at least one recording"):
        verify.enrol([])


def test_enrol_audio_needs_eight_seconds_of_speech_in_total(voices_dir):
    short = [audio.load(voices_dir / "speakers" / "367" / "367-130732-0001.flac")]
    with pytest.raises(quality.VoiceQualityError, match="too little speech to enrol"):
        verify.enrol_audio(short)


def test_template_bytes_round_trip(corpus):
    vector = corpus.speakers["2033"][0]
    blob = verify.to_bytes(vector)
    assert len(blob) == 1024
    assert np.array_equal(verify.from_bytes(blob), vector)
    with pytest.raises(ValueError, match="256"):
        verify.from_bytes(blob[:-4])


@pytest.mark.parametrize("bad", [0, 1, -0.5, 1.5, "high", None])
def test_threshold_must_be_a_similarity(bad):
    with pytest.raises(InputError, match="threshold"):
        verify.check_threshold(bad)
