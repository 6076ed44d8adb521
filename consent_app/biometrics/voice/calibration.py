"""Threshold calibration on a speaker corpus laid out like ``../shared/voices``.

Trial protocol: for each speaker (``speakers/<id>/*.flac``, clips in name order) and each
rotation r = 0..n-1, enrol on ``ENROL_CLIPS`` consecutive clips (r, r+1, ... mod n) and probe
with every other clip of that speaker (genuine trials). Impostor trials: every clip in
``impostors/`` and every clip of every other speaker against that same enrolment. No quality
gates apply here, so short and noisy clips count too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from consent_app.biometrics import audio
from consent_app.biometrics.voice import embedding, verify

ENROL_CLIPS = 3


@dataclass
class Corpus:
    speakers: dict[str, np.ndarray]  # speaker id -> (clips, 256)
    impostors: np.ndarray  # (clips, 256)


@dataclass(frozen=True)
class Rates:
    threshold: float
    false_accepts: int
    impostor_trials: int
    false_rejects: int
    genuine_trials: int

    @property
    def far(self) -> float:
        return self.false_accepts / self.impostor_trials

    @property
    def frr(self) -> float:
        return self.false_rejects / self.genuine_trials


def embed_corpus(voices_dir: Path, embed: Callable[[np.ndarray], np.ndarray] | None = None) -> Corpus:
    embed = embed or embedding.embed_waveform

    def run(files: list[Path]) -> np.ndarray:
        return np.stack([embed(audio.load(f).samples) for f in files])

    speakers = {d.name: run(sorted(d.glob("*.flac")))
                for d in sorted((voices_dir / "speakers").iterdir()) if d.is_dir()}
    return Corpus(speakers, run(sorted((voices_dir / "impostors").glob("*.flac"))))


def trial_scores(corpus: Corpus, enrol_clips: int = ENROL_CLIPS) -> tuple[np.ndarray, np.ndarray]:
    """(genuine scores, impostor scores) under the protocol in the module docstring."""
    genuine: list[float] = []
    impostor: list[float] = []
    for spk, clips in corpus.speakers.items():
        n = len(clips)
        others = [c for s, cs in corpus.speakers.items() if s != spk for c in cs]
        attackers = np.concatenate([corpus.impostors, np.array(others).reshape(-1, clips.shape[1])])
        for r in range(n):
            chosen = [(r + j) % n for j in range(enrol_clips)]
            template = verify.enrol(clips[chosen])
            genuine += [verify.similarity(template, clips[i]) for i in range(n) if i not in chosen]
            impostor += list((attackers @ template).astype(float))
    return np.array(genuine), np.array(impostor)


def rates(genuine: np.ndarray, impostor: np.ndarray, threshold: float) -> Rates:
    return Rates(threshold, int((impostor >= threshold).sum()), len(impostor),
                 int((genuine < threshold).sum()), len(genuine))


def equal_error_rate(genuine: np.ndarray, impostor: np.ndarray) -> tuple[float, float]:
    """(EER, threshold where false accept and false reject rates are closest)."""
    best = (2.0, 0.0, 0.0)
    for t in np.unique(np.concatenate([genuine, impostor])):
        far, frr = float((impostor >= t).mean()), float((genuine < t).mean())
        if abs(far - frr) < best[0]:
            best = (abs(far - frr), (far + frr) / 2, float(t))
    return best[1], best[2]
