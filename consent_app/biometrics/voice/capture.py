"""Recording from an audio source, Qt-free: the source interface, a file source, the recorder.

A source delivers signed 16-bit little-endian PCM (``PcmFormat``). The microphone source lives in
``consent_app.ui.audio_input`` (QtMultimedia); :class:`FileSource` plays a WAV/FLAC as if it were
live, for tests and the demo. :class:`Recorder` buffers in memory, bounds the length, computes the
level meter's RMS/peak dBFS, the elapsed time and the quality gate's figures so far (``speech``: a
:class:`.speech_count.SpeechCount`), and keeps what it has when a device disappears.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from consent_app.biometrics import audio as audio_mod
from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice.speech_count import SpeechCount
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "audio.nothing_recorded": "nothing was recorded from {device}",
})

MAX_RECORDING_SECONDS = 180.0
FLOOR_DBFS = -96.0


class CaptureError(InputError):
    """The audio device cannot be used (missing, busy, unsupported format...)."""


class DeviceLostError(CaptureError):
    """The device stopped delivering audio while recording."""


@dataclass(frozen=True)
class PcmFormat:
    sample_rate: int = audio_mod.TARGET_RATE
    channels: int = 1

    @property
    def bytes_per_second(self) -> int:
        return self.sample_rate * self.channels * 2


@runtime_checkable
class AudioSource(Protocol):
    """Where recordings come from. ``read`` returns the PCM captured since the previous call."""

    @property
    def name(self) -> str: ...

    @property
    def format(self) -> PcmFormat: ...

    def start(self) -> None: ...

    def read(self) -> bytes: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class Level:
    rms_dbfs: float
    peak_dbfs: float


def _dbfs(value: float) -> float:
    return max(FLOOR_DBFS, 20 * math.log10(value)) if value > 0 else FLOOR_DBFS


def level(pcm: bytes) -> Level:
    """RMS and peak level (dBFS, floor -96) of 16-bit PCM, for a level meter."""
    usable = len(pcm) - len(pcm) % 2
    if usable == 0:
        return Level(FLOOR_DBFS, FLOOR_DBFS)
    x = np.frombuffer(pcm[:usable], dtype="<i2").astype(np.float64) / 32768.0
    return Level(_dbfs(float(np.sqrt(np.mean(x * x)))), _dbfs(float(np.max(np.abs(x)))))


class FileSource:
    """A WAV/FLAC recording delivered in chunks as if it were being recorded now."""

    def __init__(self, source: bytes | str | Path, *, chunk_seconds: float = 0.1, name: str = "") -> None:
        recording = audio_mod.load(source, name=name)
        self._pcm = (np.clip(recording.samples, -1.0, 32767 / 32768) * 32768).astype("<i2").tobytes()
        self._name = name or (Path(source).name if isinstance(source, str | Path) else "audio file")
        self._chunk = int(chunk_seconds * recording.sample_rate) * 2
        self._pos = 0
        self._running = False

    @property
    def name(self) -> str:
        return self._name

    @property
    def format(self) -> PcmFormat:
        return PcmFormat()

    @property
    def finished(self) -> bool:
        return self._pos >= len(self._pcm)

    def start(self) -> None:
        self._pos, self._running = 0, True

    def read(self) -> bytes:
        if not self._running:
            return b""
        data = self._pcm[self._pos : self._pos + self._chunk]
        self._pos += len(data)
        return data

    def stop(self) -> None:
        self._running = False


class Recorder:
    """Collect a recording from a source; call :meth:`poll` from a timer (e.g. every 50 ms)."""

    def __init__(self, source: AudioSource, *, max_seconds: float = MAX_RECORDING_SECONDS) -> None:
        self.source = source
        self.max_seconds = max_seconds
        self._pcm = bytearray()
        self._format = source.format
        self.level = Level(FLOOR_DBFS, FLOOR_DBFS)
        self.speech = SpeechCount(self._format.sample_rate, self._format.channels)
        self.running = False
        self.error: CaptureError | None = None

    @property
    def elapsed(self) -> float:
        """Seconds of audio captured so far."""
        return len(self._pcm) / self._format.bytes_per_second

    @property
    def full(self) -> bool:
        return self.elapsed >= self.max_seconds

    def start(self) -> None:
        self._pcm.clear()
        self.error = None
        self.source.start()
        self._format = self.source.format
        self.speech = SpeechCount(self._format.sample_rate, self._format.channels)
        self.running = True

    def poll(self) -> Level:
        """Take what the source has; update the level. Stops by itself at ``max_seconds``.

        A lost device stops the recording and raises :class:`DeviceLostError`; the audio
        captured before stays available from :meth:`recording`.
        """
        if not self.running:
            return self.level
        try:
            data = self.source.read()
        except CaptureError as exc:
            self.running = False
            self._safe_stop()
            self.error = DeviceLostError(
                f"{exc.message}; the {self.elapsed:.1f} s recorded before are kept")
            raise self.error from exc
        room = int(self.max_seconds * self._format.bytes_per_second) - len(self._pcm)
        data = data[: max(0, room)]
        if data:
            self._pcm += data
            self.level = level(data)
            self.speech.feed(data)
        if self.full:
            self.stop()
        return self.level

    def _safe_stop(self) -> None:
        with contextlib.suppress(CaptureError):
            self.source.stop()

    def stop(self) -> Audio:
        """Stop the source (if running) and return the recording."""
        if self.running:
            self.running = False
            self._safe_stop()
        return self.recording()

    def recording(self) -> Audio:
        """What was captured so far, as 16 kHz mono :class:`Audio`."""
        if not self._pcm:
            raise CaptureError(code="audio.nothing_recorded", device=self.source.name)
        return audio_mod.from_pcm16(bytes(self._pcm), self._format.sample_rate, self._format.channels)
