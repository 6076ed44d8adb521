"""The microphone as an ``AudioSource``: QtMultimedia ``QAudioSource`` in push mode.

``QAudioSource.start()`` hands back its internal QIODevice; every ``readyRead`` we append what it
has to an in-memory buffer, which ``read()`` drains (the pull-mode alternative dropped the first
second on this hardware). Format: 16 kHz mono signed 16-bit, or the device's preferred rate and
channel count in 16-bit when it cannot do that (the recorder converts). A device that vanishes
from ``QMediaDevices`` or stops with an error makes the next ``read()`` raise
``DeviceLostError`` after the audio received so far has been handed over.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSource, QMediaDevices

from consent_app.biometrics.voice.capture import CaptureError, DeviceLostError, PcmFormat

TARGET_RATE = 16_000


@dataclass(frozen=True)
class InputDevice:
    id: bytes
    description: str
    is_default: bool


def input_devices() -> list[InputDevice]:
    """The audio inputs Qt can see now, default first."""
    default = QMediaDevices.defaultAudioInput()
    default_id = bytes(default.id().data()) if not default.isNull() else b""
    devices = [InputDevice(bytes(d.id().data()), d.description(), bytes(d.id().data()) == default_id)
               for d in QMediaDevices.audioInputs()]
    return sorted(devices, key=lambda d: not d.is_default)


def _find(device_id: bytes | None) -> QAudioDevice:
    if device_id is None:
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            raise CaptureError("no microphone found: connect one and check the system's sound settings")
        return device
    for device in QMediaDevices.audioInputs():
        if bytes(device.id().data()) == device_id:
            return device
    raise CaptureError("the chosen microphone is not connected any more: choose another one")


def _format_for(device: QAudioDevice) -> QAudioFormat:
    wanted = QAudioFormat()
    wanted.setSampleRate(TARGET_RATE)
    wanted.setChannelCount(1)
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if device.isFormatSupported(wanted):
        return wanted
    fallback = device.preferredFormat()
    fallback.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    if not device.isFormatSupported(fallback):
        raise CaptureError(f"microphone '{device.description()}' cannot deliver 16-bit audio")
    return fallback


class MicrophoneSource(QObject):
    """A microphone, satisfying ``consent_app.biometrics.voice.capture.AudioSource``."""

    lost = Signal(str)  # emitted once, with the reason, when the device goes away mid-recording

    def __init__(self, device_id: bytes | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._device_id = device_id
        self._device: QAudioDevice | None = None
        self._audio: QAudioSource | None = None
        self._io = None
        self._buffer = bytearray()
        self._lost_reason: str | None = None
        self._format = PcmFormat()
        self._media = QMediaDevices(self)
        self._media.audioInputsChanged.connect(self._on_inputs_changed)

    @property
    def name(self) -> str:
        return f"microphone '{self._device.description()}'" if self._device else "the microphone"

    @property
    def format(self) -> PcmFormat:
        return self._format

    def start(self) -> None:
        self._device = _find(self._device_id)
        self._device_id = bytes(self._device.id().data())
        fmt = _format_for(self._device)
        self._format = PcmFormat(fmt.sampleRate(), fmt.channelCount())
        self._buffer.clear()
        self._lost_reason = None
        self._audio = QAudioSource(self._device, fmt, self)
        self._audio.stateChanged.connect(self._on_state)
        self._io = self._audio.start()  # push mode: Qt pushes into its device, we drain it
        if self._io is None or self._audio.error().name != "NoError":
            raise CaptureError(f"{self.name} could not be opened (is another program using it?)")
        self._io.readyRead.connect(self._drain)

    def read(self) -> bytes:
        self._drain()
        data = bytes(self._buffer)
        self._buffer.clear()
        if not data and self._lost_reason is not None:
            raise DeviceLostError(self._lost_reason)
        return data

    def stop(self) -> None:
        if self._audio is not None:
            self._drain()
            self._audio.stop()
            self._audio.deleteLater()
            self._audio, self._io = None, None

    # -- Qt callbacks -------------------------------------------------------------------------
    def _drain(self) -> None:
        if self._io is not None and self._audio is not None:
            chunk = self._io.readAll()
            if chunk.size():
                self._buffer += chunk.data()

    def _mark_lost(self, reason: str) -> None:
        if self._lost_reason is None and self._audio is not None:
            self._lost_reason = reason
            self.lost.emit(reason)

    def _on_inputs_changed(self) -> None:
        ids = {bytes(d.id().data()) for d in QMediaDevices.audioInputs()}
        if self._device_id is not None and self._device_id not in ids:
            self._mark_lost(f"{self.name} was disconnected during the recording")

    def _on_state(self, state) -> None:
        # Compared by name: the enums moved from QAudio to QtAudio in Qt 6.7.
        if self._audio is None or state.name != "StoppedState":
            return
        error = self._audio.error()
        if error.name != "NoError":
            self._mark_lost(f"{self.name} stopped with an error ({error.name})")
