"""Resemblyzer's preprocessing, reimplemented in numpy (no librosa, no scipy).

Mirrors ``resemblyzer.audio`` / ``VoiceEncoder.embed_utterance`` (v0.1.4) step by step:
volume normalisation to -30 dBFS (increase only), webrtcvad trimming of long silences
(30 ms windows, moving average of 8, dilation of 6 windows), a 40-band power mel spectrogram
(25 ms Hann window, 10 ms hop, centred with zero padding) and partial utterances of 160 frames
every 77 frames (rate 1.3 per second, last partial kept when it covers >= 75 %).
The mel filterbank is the one librosa computed at export time (``resources/models``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000
INT16_MAX = 2**15 - 1
TARGET_DBFS = -30.0
N_FFT = SAMPLE_RATE * 25 // 1000  # 400 samples
HOP = SAMPLE_RATE * 10 // 1000  # 160 samples
N_MELS = 40
PARTIAL_FRAMES = 160
PARTIAL_RATE = 1.3
MIN_COVERAGE = 0.75
VAD_WINDOW = SAMPLE_RATE * 30 // 1000  # 480 samples
VAD_AVERAGE_WIDTH = 8
VAD_MAX_SILENCE = 6
VAD_MODE = 3  # webrtcvad's most aggressive: the fewest non-speech windows called speech

MODELS_DIR = Path(__file__).resolve().parents[3] / "resources" / "models"
MEL_FILTERBANK = "voice_mel_filterbank_16k_400_40.npy"


@lru_cache(maxsize=1)
def mel_filterbank() -> np.ndarray:
    """The (40, 201) slaney mel filterbank librosa computed at export time."""
    path = MODELS_DIR / MEL_FILTERBANK
    bank = np.load(path, allow_pickle=False)
    if bank.shape != (N_MELS, N_FFT // 2 + 1) or bank.dtype != np.float32:
        raise ValueError(f"unexpected mel filterbank in {path}: {bank.shape} {bank.dtype}")
    return bank


@lru_cache(maxsize=1)
def _hann() -> np.ndarray:
    n = np.arange(N_FFT)
    return (0.5 - 0.5 * np.cos(2.0 * np.pi * n / N_FFT)).astype(np.float32)


def normalize_volume(wav: np.ndarray, target_dbfs: float = TARGET_DBFS) -> np.ndarray:
    """Raise (never lower) the volume so the RMS level reaches ``target_dbfs``."""
    rms = np.sqrt(np.mean((wav * INT16_MAX) ** 2))
    if rms == 0:
        return wav
    change = target_dbfs - 20.0 * np.log10(rms / INT16_MAX)
    if change < 0:
        return wav
    return (wav * (10.0 ** (change / 20.0))).astype(np.float32)


def to_pcm16(wav: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] to int16 (clipped, unlike Resemblyzer's silent wrap-around)."""
    return np.clip(np.round(wav * INT16_MAX), -32768, 32767).astype(np.int16)


def vad_flags(wav: np.ndarray, mode: int = VAD_MODE) -> np.ndarray:
    """webrtcvad speech flag per 30 ms window (the tail shorter than a window is ignored)."""
    import webrtcvad

    n_windows = len(wav) // VAD_WINDOW
    pcm = to_pcm16(wav[: n_windows * VAD_WINDOW]).tobytes()
    vad = webrtcvad.Vad(mode)
    step = VAD_WINDOW * 2
    return np.array(
        [vad.is_speech(pcm[i * step : (i + 1) * step], SAMPLE_RATE) for i in range(n_windows)],
        dtype=bool,
    )


def speech_mask(flags: np.ndarray) -> np.ndarray:
    """Resemblyzer's smoothing of VAD flags: moving average, rounding, then dilation."""
    if len(flags) == 0:
        return flags
    width = VAD_AVERAGE_WIDTH
    padded = np.concatenate((np.zeros((width - 1) // 2), flags, np.zeros(width // 2)))
    ret = np.cumsum(padded, dtype=float)
    ret[width:] = ret[width:] - ret[:-width]
    mask = np.round(ret[width - 1 :] / width).astype(bool)
    half = VAD_MAX_SILENCE // 2  # binary dilation with a centred structure of 7 windows
    padded_mask = np.pad(mask.astype(np.int32), half)
    sums = np.convolve(padded_mask, np.ones(VAD_MAX_SILENCE + 1, dtype=np.int32), mode="valid")
    return sums > 0


def trim_long_silences(wav: np.ndarray) -> np.ndarray:
    """Keep speech and short pauses only (Resemblyzer's ``trim_long_silences``)."""
    n = len(wav) - len(wav) % VAD_WINDOW
    wav = wav[:n]
    mask = np.repeat(speech_mask(vad_flags(wav)), VAD_WINDOW)
    return wav[mask]


def preprocess(wav: np.ndarray) -> np.ndarray:
    """16 kHz mono float32 -> the waveform Resemblyzer's encoder expects."""
    wav = np.asarray(wav, dtype=np.float32)
    return trim_long_silences(normalize_volume(wav))


def mel_spectrogram(wav: np.ndarray) -> np.ndarray:
    """(frames, 40) float32 power mel spectrogram, as ``librosa.feature.melspectrogram``."""
    padded = np.pad(np.asarray(wav, dtype=np.float32), N_FFT // 2)
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    frames = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP][:n_frames]
    spectrum = np.fft.rfft(frames * _hann(), n=N_FFT)
    power = (spectrum.real**2 + spectrum.imag**2).astype(np.float32)
    return (power @ mel_filterbank().T).astype(np.float32)


def partial_slices(n_samples: int) -> list[tuple[int, int]]:
    """Frame ranges of the 1.6 s partial utterances (Resemblyzer's ``compute_partial_slices``)."""
    n_frames = int(np.ceil((n_samples + 1) / HOP))
    frame_step = round((SAMPLE_RATE / PARTIAL_RATE) / HOP)
    steps = max(1, n_frames - PARTIAL_FRAMES + frame_step + 1)
    slices = [(i, i + PARTIAL_FRAMES) for i in range(0, steps, frame_step)]
    start = slices[-1][0] * HOP
    coverage = (n_samples - start) / (PARTIAL_FRAMES * HOP)
    if coverage < MIN_COVERAGE and len(slices) > 1:
        slices.pop()
    return slices


def partial_mels(wav: np.ndarray) -> np.ndarray:
    """(n_partials, 160, 40) batch for the encoder from a preprocessed waveform."""
    slices = partial_slices(len(wav))
    needed = slices[-1][1] * HOP
    if needed >= len(wav):
        wav = np.pad(wav, (0, needed - len(wav)))
    mel = mel_spectrogram(wav)
    return np.stack([mel[a:b] for a, b in slices]).astype(np.float32)
