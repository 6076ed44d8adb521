"""A spoken statement must be new speech, not the session's voice sample played again.

Two checks against every voice sample of the session:

- **identical**: the same file bytes, or the same decoded 16 kHz samples (SHA-256 of each);
- **contained**: the statement cut into 1-second pieces; each voiced piece is searched in the
  sample by normalised cross-correlation (FFT, 8 kHz). When at least half of the pieces are found
  (correlation ≥ ``MATCH``), the statement is a cut of the sample, not a new recording. The same
  is done the other way round (the sample inside a longer statement). Two readings by the same
  person never correlate like this (speech is never repeated sample for sample): on the shared
  clips, different recordings of one speaker peak at 0.4-0.7.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.audio import Audio
from consent_app.errors import PolicyError
from consent_app.messages import define

MESSAGES = define({
    "statement.same_as_sample": "the statement recording is the voice sample itself (identical audio): "
                                "record the statement live, reading this session's words",
    "statement.inside_sample": "the statement recording is cut from the voice sample ({share:.0%} of it "
                               "found there, correlation {correlation:.2f}): record the statement live, "
                               "reading this session's words",
})

RATE = 8_000
PIECE = 1.0  # seconds
MATCH = 0.9  # normalised cross-correlation counted as "the same audio"
SHARE = 0.5  # share of voiced pieces found that makes the statement a cut of the sample
SILENT_RMS = 1e-3


@dataclass(frozen=True)
class ReplayCheck:
    identical: bool
    contained_share: float  # share of voiced pieces found in the other recording
    best_correlation: float

    def as_dict(self) -> dict:
        return {"identical": self.identical, "contained_share": round(self.contained_share, 4),
                "best_correlation": round(self.best_correlation, 4), "method": "sha256+ncc-8k-1s",
                "threshold": MATCH}


def _pcm_digest(audio: Audio) -> str:
    pcm = np.clip(np.round(np.asarray(audio.samples, dtype=np.float64) * 32767), -32768, 32767)
    return hashlib.sha256(pcm.astype("<i2").tobytes()).hexdigest()


def _decimate(audio: Audio) -> np.ndarray:
    x = np.asarray(audio.samples, dtype=np.float64)
    step = max(1, round(audio.sample_rate / RATE))
    n = len(x) // step * step
    return x[:n].reshape(-1, step).mean(axis=1) if step > 1 else x


def _ncc_max(piece: np.ndarray, other: np.ndarray) -> float:
    """Highest normalised cross-correlation of ``piece`` at any offset inside ``other``."""
    n = len(piece)
    if n == 0 or len(other) < n:
        return 0.0
    piece = piece - piece.mean()
    norm = float(np.linalg.norm(piece))
    if norm == 0.0:
        return 0.0
    size = 1 << int(np.ceil(np.log2(len(other) + n)))
    spectrum = np.fft.rfft(other, size) * np.conj(np.fft.rfft(piece, size))
    corr = np.fft.irfft(spectrum, size)[: len(other) - n + 1]
    csum = np.concatenate(([0.0], np.cumsum(other)))
    csq = np.concatenate(([0.0], np.cumsum(other * other)))
    sums = csum[n:] - csum[:-n]
    energy = np.maximum(csq[n:] - csq[:-n] - sums * sums / n, 1e-12)
    # the piece is zero-mean, so correlating it with the raw window equals correlating with the centred one
    return float(np.max(corr / (norm * np.sqrt(energy))))


def _contained(short: np.ndarray, long: np.ndarray) -> tuple[float, float]:
    size = int(PIECE * RATE)
    pieces = [short[i:i + size] for i in range(0, len(short) - size + 1, size)]
    voiced = [p for p in pieces if float(np.sqrt(np.mean(p * p))) > SILENT_RMS]
    if not voiced:
        return 0.0, 0.0
    scores = [_ncc_max(p, long) for p in voiced]
    found = sum(s >= MATCH for s in scores)
    return found / len(voiced), max(scores)


def compare(statement: Audio, statement_bytes: bytes, sample: Audio, sample_bytes: bytes) -> ReplayCheck:
    identical = (hashlib.sha256(statement_bytes).digest() == hashlib.sha256(sample_bytes).digest()
                 or _pcm_digest(statement) == _pcm_digest(sample))
    a, b = _decimate(statement), _decimate(sample)
    share, best = _contained(a, b)
    back_share, back_best = _contained(b, a)
    return ReplayCheck(identical, max(share, back_share), max(best, back_best))


def refuse_replayed(statement: Audio, statement_bytes: bytes,
                    samples: Sequence[tuple[Audio, bytes]]) -> dict:
    """Raise ``PolicyError`` (coded) when the statement is, or is cut from, any voice sample of the
    session; otherwise return the check's evidence."""
    checks = []
    for sample, sample_bytes in samples:
        check = compare(statement, statement_bytes, sample, sample_bytes)
        if check.identical:
            raise PolicyError(code="statement.same_as_sample")
        if check.contained_share >= SHARE:
            raise PolicyError(code="statement.inside_sample", share=check.contained_share,
                              correlation=check.best_correlation)
        checks.append(check.as_dict())
    return {"samples_compared": len(checks), "checks": checks}
