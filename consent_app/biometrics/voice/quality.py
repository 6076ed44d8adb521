"""Quality gates for a voice recording, each failure with its own message.

Measured on 30 ms windows of the 16 kHz recording: speech time by webrtcvad (aggressive mode),
speech level (RMS of the speech windows, dBFS), peak level, the share of clipped samples (in the
source, before conversion) and a signal-to-noise estimate (loud windows vs the noise floor).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice import features
from consent_app.errors import InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "voice.silent": "the recording is silent: check that the microphone is on and unmuted",
    "voice.too_quiet": "the voice is too quiet ({level:.0f} dBFS; needs at least {need:.0f} dBFS): move "
                       "closer or raise the input gain",
    "voice.clipping": "the recording is clipped ({share:.1%} of samples at full scale): lower the input gain "
                      "or move back",
    "voice.too_noisy": "too much background noise (signal-to-noise about {snr:.0f} dB; needs {need:.0f} dB): "
                       "record somewhere quieter",
    "voice.no_speech": "no speech was detected in the recording",
    "voice.too_short": "too little speech: {seconds:.1f} s detected, at least {need:g} s needed",
    "voice.too_short_enrol": "too little speech to enrol a voice: {seconds:.1f} s detected, at least "
                             "{need:g} s needed",
})

MIN_SPEECH_ENROL = 8.0  # seconds of detected speech for the enrolment voice sample
MIN_SPEECH_PROBE = 1.5  # seconds for a probe: the encoder needs one 1.6 s partial
SILENT_DBFS = -70.0
QUIET_DBFS = -45.0
MAX_CLIPPED = 0.001  # 0.1 % of samples at full scale
MIN_SNR_DB = 12.0


class VoiceQualityError(InputError):
    """A recording fails a quality gate; ``problem`` names the gate."""

    def __init__(self, problem: str, message: str, coded: Message | None = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.coded = coded

    def as_message(self) -> Message | None:
        return getattr(self, "coded", None)


@dataclass(frozen=True)
class QualityReport:
    duration: float  # seconds
    speech_seconds: float
    speech_dbfs: float  # RMS level of the speech windows (or of everything if no speech)
    peak_dbfs: float
    clipped_fraction: float
    snr_db: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in asdict(self).items()}

    def problems(self, min_speech: float) -> list[tuple[str, str]]:
        """(gate, message) for every failed gate, most fundamental first."""
        return [(gate, message.english()) for gate, message in self.problem_messages(min_speech)]

    def problem_messages(self, min_speech: float) -> list[tuple[str, Message]]:
        """(gate, coded message) for every failed gate, most fundamental first."""
        found: list[tuple[str, Message]] = []
        if self.peak_dbfs <= SILENT_DBFS:
            return [("silent", Message("voice.silent"))]
        if self.speech_dbfs < QUIET_DBFS:
            found.append(("too_quiet", Message("voice.too_quiet", {"level": self.speech_dbfs,
                                                                   "need": QUIET_DBFS})))
        if self.clipped_fraction > MAX_CLIPPED:
            found.append(("clipping", Message("voice.clipping", {"share": self.clipped_fraction})))
        if self.snr_db < MIN_SNR_DB:
            found.append(("too_noisy", Message("voice.too_noisy", {"snr": self.snr_db, "need": MIN_SNR_DB})))
        if not found and self.speech_seconds < min_speech:
            if self.speech_seconds == 0:
                found.append(("no_speech", Message("voice.no_speech")))
            else:
                found.append(("too_short", Message("voice.too_short", {"seconds": self.speech_seconds,
                                                                       "need": min_speech})))
        return found


def assess(audio: Audio) -> QualityReport:
    """Measure the gates' quantities (never raises)."""
    wav = audio.samples
    n = len(wav) // features.VAD_WINDOW
    peak = float(np.max(np.abs(wav))) if len(wav) else 0.0
    frames = wav[: n * features.VAD_WINDOW].reshape(n, features.VAD_WINDOW).astype(np.float64)
    power = np.mean(frames**2, axis=1)
    return measured(audio.duration, power, features.vad_flags(wav), peak, audio.clipped_fraction)


def measured(duration: float, power: np.ndarray, flags: np.ndarray, peak: float,
             clipped_fraction: float) -> QualityReport:
    """The report from what :func:`assess` measures of a recording: each 30 ms window's mean power
    and speech flag, the peak sample; also made window by window while recording
    (:mod:`.speech_count`), to the same figures."""
    peak_dbfs = 20 * np.log10(peak) if peak > 0 else -120.0
    if len(power) == 0:
        return QualityReport(duration, 0.0, peak_dbfs, peak_dbfs, clipped_fraction, 0.0)
    frame_db = 10 * np.log10(power + 1e-12)
    speech_power = power[flags] if flags.any() else power
    speech_dbfs = float(10 * np.log10(np.mean(speech_power) + 1e-12))
    snr = float(np.percentile(frame_db, 95) - np.percentile(frame_db, 10))
    speech_seconds = float(flags.sum() * features.VAD_WINDOW / features.SAMPLE_RATE)
    return QualityReport(duration, speech_seconds, speech_dbfs, float(peak_dbfs), clipped_fraction, snr)


def require(audio: Audio, min_speech: float, what: str = "") -> QualityReport:
    """:func:`assess` and raise :class:`VoiceQualityError` on the first failed gate."""
    report = assess(audio)
    problems = report.problem_messages(min_speech)
    if problems:
        gate, message = problems[0]
        prefix = f"{what}: " if what else ""
        raise VoiceQualityError(gate, prefix + message.english(), message)
    return report
