"""Safe audio loading: bounded, in memory, converted to 16 kHz mono float32.

Files are checked from their header before any sample is decoded: unknown formats, absurd
sample rates and recordings longer than ``MAX_SECONDS`` are refused with a specific message,
so a 2-hour file never gets loaded. Nothing is written to disk; FLAC encoding for storage
happens in memory.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from consent_app.errors import InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "audio.the_audio": "the audio",
    "audio.empty": "{what} is empty",
    "audio.too_large_mib": "{what} is too large ({mib} MiB) to be a voice recording",
    "audio.too_large": "{what} is too large to be a voice recording",
    "audio.unreadable": "{what} is not a readable audio file (WAV or FLAC expected)",
    "audio.truncated_bytes": "{what} is truncated: {available} of {size} bytes of audio present",
    "audio.wrong_format": "{what} is {format} audio; WAV or FLAC expected",
    "audio.bad_rate": "{what} has an unusable sample rate of {rate} Hz",
    "audio.bad_channels": "{what} has {channels} channels; mono or stereo expected",
    "audio.no_samples": "{what} contains no audio samples",
    "audio.too_long": "{what} lasts {minutes:.0f} min; recordings longer than {limit:.0f} min are refused",
    "audio.damaged": "{what} is damaged and cannot be decoded",
    "audio.truncated": "{what} is truncated: {read} of {frames} samples could be read",
    "audio.non_finite": "{what} contains invalid (non-finite) samples",
})

TARGET_RATE = 16_000
MAX_SECONDS = 600.0  # 10 minutes: far above any capture the app makes, far below "unbounded"
MAX_FILE_BYTES = 512 * 1024 * 1024
MIN_RATE, MAX_RATE = 8_000, 192_000
MAX_CHANNELS = 8
ALLOWED_FORMATS = frozenset({"WAV", "WAVEX", "FLAC", "OGG", "AIFF"})
CLIP_LEVEL = 0.999  # |sample| at or above this (of full scale) counts as clipped


@dataclass(frozen=True)
class Audio:
    """A recording ready for analysis: 16 kHz mono float32 in [-1, 1]."""

    samples: np.ndarray
    source_rate: int
    source_channels: int
    clipped_fraction: float  # share of source samples at full scale, before any conversion

    sample_rate: int = TARGET_RATE

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


def _describe(name: str) -> str | Message:
    return f"'{name}'" if name else Message("audio.the_audio")


def load(source: bytes | str | Path, *, name: str = "", max_seconds: float = MAX_SECONDS) -> Audio:
    """Read a WAV/FLAC/OGG/AIFF file (path or bytes) into :class:`Audio`.

    Raises :class:`InputError` with a specific reason for a missing, empty, non-audio,
    damaged, too long or otherwise unusable file.
    """
    import soundfile as sf

    if isinstance(source, str | Path):
        path = Path(source)
        name = name or path.name
        from consent_app.files import open_regular

        with open_regular(path, "audio file") as handle:
            size = os.fstat(handle.fileno()).st_size
        if size == 0:
            raise InputError(code="audio.empty", what=_describe(name))
        if size > MAX_FILE_BYTES:
            raise InputError(code="audio.too_large_mib", what=_describe(name), mib=size // 2**20)
        with path.open("rb") as stream:
            _check_wav_length(stream.read(65536), size, name)
        opener = str(path)
    else:
        data = bytes(source)
        if not data:
            raise InputError(code="audio.empty", what=_describe(name))
        if len(data) > MAX_FILE_BYTES:
            raise InputError(code="audio.too_large", what=_describe(name))
        _check_wav_length(data[:65536], len(data), name)
        opener = io.BytesIO(data)
    try:
        handle = sf.SoundFile(opener)
    except (sf.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise InputError(code="audio.unreadable", what=_describe(name)) from exc
    with handle:
        return _read(handle, name, max_seconds)


def _check_wav_length(data: bytes, total: int, name: str) -> None:
    """Refuse a RIFF/WAVE file whose data chunk is shorter than its header says.

    ``data`` is the start of the file, ``total`` its full length in bytes.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if chunk == b"data":
            available = total - pos - 8
            if size != 0xFFFFFFFF and available < size:
                raise InputError(code="audio.truncated_bytes", what=_describe(name), available=available,
                                 size=size)
            return
        pos += 8 + size + (size & 1)


def _read(handle, name: str, max_seconds: float) -> Audio:
    import soundfile as sf

    what = _describe(name)
    if handle.format not in ALLOWED_FORMATS:
        raise InputError(code="audio.wrong_format", what=what, format=handle.format)
    rate, channels, frames = int(handle.samplerate), int(handle.channels), int(handle.frames)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise InputError(code="audio.bad_rate", what=what, rate=rate)
    if not 1 <= channels <= MAX_CHANNELS:
        raise InputError(code="audio.bad_channels", what=what, channels=channels)
    if frames <= 0:
        raise InputError(code="audio.no_samples", what=what)
    if frames / rate > max_seconds:
        raise InputError(code="audio.too_long", what=what, minutes=frames / rate / 60, limit=max_seconds / 60)
    try:
        raw = handle.read(frames, dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, ValueError) as exc:
        raise InputError(code="audio.damaged", what=what) from exc
    if len(raw) < frames * 0.99:
        raise InputError(code="audio.truncated", what=what, read=len(raw), frames=frames)
    if not np.all(np.isfinite(raw)):
        raise InputError(code="audio.non_finite", what=what)
    return from_float(raw, rate)


def from_float(raw: np.ndarray, rate: int) -> Audio:
    """Build :class:`Audio` from float samples shaped (frames,) or (frames, channels)."""
    raw = np.asarray(raw, dtype=np.float32)
    if raw.ndim == 1:
        raw = raw[:, None]
    clipped = float(np.mean(np.abs(raw) >= CLIP_LEVEL)) if raw.size else 0.0
    mono = raw.mean(axis=1) if raw.shape[1] > 1 else raw[:, 0]
    return Audio(resample(mono, rate), rate, raw.shape[1], clipped)


def from_pcm16(pcm: bytes, rate: int, channels: int = 1) -> Audio:
    """Build :class:`Audio` from interleaved little-endian signed 16-bit PCM (a microphone)."""
    usable = len(pcm) - len(pcm) % (2 * channels)
    ints = np.frombuffer(pcm[:usable], dtype="<i2").reshape(-1, channels)
    return from_float(ints.astype(np.float32) / 32768.0, rate)


def resample(mono: np.ndarray, rate: int, target: int = TARGET_RATE) -> np.ndarray:
    """Resample with libsoxr (high quality) to ``target`` Hz; a no-op at the target rate."""
    mono = np.ascontiguousarray(mono, dtype=np.float32)
    if rate == target or len(mono) == 0:
        return mono
    import soxr

    return soxr.resample(mono, rate, target, quality="HQ").astype(np.float32)


def encode_flac(audio: Audio) -> bytes:
    """16-bit FLAC bytes of the 16 kHz mono recording, made in memory."""
    import soundfile as sf

    buffer = io.BytesIO()
    sf.write(buffer, np.clip(audio.samples, -1.0, 32767 / 32768), audio.sample_rate,
             format="FLAC", subtype="PCM_16")
    return buffer.getvalue()
