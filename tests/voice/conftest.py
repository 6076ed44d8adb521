"""Voice test fixtures: the shared clips embedded once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def corpus(voices_dir: Path):
    """Embeddings of every shared speaker and impostor clip (computed once)."""
    from consent_app.biometrics.voice import calibration

    return calibration.embed_corpus(voices_dir)


@pytest.fixture(scope="session")
def trial_scores(corpus):
    from consent_app.biometrics.voice import calibration

    return calibration.trial_scores(corpus)


@pytest.fixture(scope="session")
def speech(voices_dir: Path):
    """A clean 16.5 s shared clip (speaker 3080) as Audio."""
    from consent_app.biometrics import audio

    return audio.load(voices_dir / "speakers" / "3080" / "3080-5032-0006.flac")
