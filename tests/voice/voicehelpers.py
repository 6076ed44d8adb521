"""Helpers for the voice tests: clips generated in memory."""

from __future__ import annotations

import io

import numpy as np

RATE = 16_000


def wav_bytes(samples: np.ndarray, rate: int = RATE, fmt: str = "WAV", subtype: str = "PCM_16") -> bytes:
    """Encode float samples ((n,) or (n, channels)) as an audio file in memory."""
    import soundfile as sf

    buffer = io.BytesIO()
    sf.write(buffer, np.clip(samples, -1.0, 1.0), rate, format=fmt, subtype=subtype)
    return buffer.getvalue()


def tone(seconds: float, rate: int = RATE, freq: float = 440.0, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amp * np.sin(2 * np.pi * freq * t)


def with_noise(samples: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    """White noise added at the given signal-to-noise ratio."""
    noise = np.random.default_rng(seed).normal(0.0, 1.0, len(samples))
    noise *= np.sqrt(np.mean(samples**2) / 10 ** (snr_db / 10)) / np.std(noise)
    return (samples + noise).astype(np.float32)
