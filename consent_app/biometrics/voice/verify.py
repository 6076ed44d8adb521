"""Speaker verification: enrol from clips, compare a probe by cosine similarity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice import embedding, quality
from consent_app.errors import InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "voice.enrol_needs_recording": "at least one recording is needed to enrol a voice",
    "voice.threshold_not_number": "voice match threshold must be a number, got {value}",
    "voice.threshold_range": "voice match threshold must be between 0 and 1, got {value}",
})

# Calibrated on ../shared/voices (see bench/voice.py and the README): the highest impostor score
# over 4000 impostor trials was 0.843, and 4.6 % of 350 genuine trials scored below 0.845.
DEFAULT_THRESHOLD = 0.845
SETTING_KEY = "voice.match_threshold"
MODEL_NAME = embedding.MODEL_NAME
VECTOR_DTYPE = "<f4"


@dataclass(frozen=True)
class VoiceMatch:
    similarity: float
    threshold: float
    match: bool
    model: str = MODEL_NAME

    def as_dict(self) -> dict[str, object]:
        return {"match": self.match, "similarity": round(self.similarity, 4),
                "threshold": self.threshold, "model": self.model}


def enrol(embeddings: Sequence[np.ndarray]) -> np.ndarray:
    """Voice template: mean of the unit clip embeddings, renormalised."""
    if len(embeddings) == 0:
        raise InputError(code="voice.enrol_needs_recording")
    stacked = np.stack([np.asarray(e, dtype=np.float32) for e in embeddings])
    if stacked.ndim != 2 or stacked.shape[1] != embedding.EMBEDDING_SIZE:
        raise ValueError(f"expected {embedding.EMBEDDING_SIZE}-d embeddings, got {stacked.shape}")
    return embedding.l2_normalise(stacked.mean(axis=0))


def similarity(template: np.ndarray, probe: np.ndarray) -> float:
    """Cosine similarity of two unit vectors."""
    return float(np.dot(np.asarray(template, np.float32), np.asarray(probe, np.float32)))


def compare(template: np.ndarray, probe: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> VoiceMatch:
    score = similarity(template, probe)
    return VoiceMatch(score, float(threshold), score >= threshold)


def check_threshold(value: object) -> float:
    """Validate an admin-supplied threshold (cosine similarity, 0 < t < 1)."""
    try:
        threshold = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(code="voice.threshold_not_number", value=repr(value)) from None
    if not 0.0 < threshold < 1.0:
        raise InputError(code="voice.threshold_range", value=threshold)
    return threshold


def embed_checked(
    audio: Audio, min_speech: float, what: str = ""
) -> tuple[np.ndarray, quality.QualityReport]:
    """Run the quality gates, then embed; raises ``VoiceQualityError`` on a failed gate."""
    report = quality.require(audio, min_speech, what)
    return embedding.embed_waveform(audio.samples), report


def enrol_audio(clips: Sequence[Audio], names: Sequence[str] = (),
                min_total_speech: float = quality.MIN_SPEECH_ENROL) -> np.ndarray:
    """Template from recordings that pass the gates and hold enough speech in total."""
    names = list(names) or [f"recording {i + 1}" for i in range(len(clips))]
    vectors, speech = [], 0.0
    for clip, name in zip(clips, names, strict=True):
        vector, report = embed_checked(clip, quality.MIN_SPEECH_PROBE, name)
        vectors.append(vector)
        speech += report.speech_seconds
    if speech < min_total_speech:
        coded = Message("voice.too_short_enrol", {"seconds": speech, "need": min_total_speech})
        raise quality.VoiceQualityError("too_short", coded.english(), coded)
    return enrol(vectors)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    vector = np.frombuffer(blob, dtype=VECTOR_DTYPE)
    if vector.shape != (embedding.EMBEDDING_SIZE,):
        raise ValueError(
            f"stored voice template has {vector.size} values, expected {embedding.EMBEDDING_SIZE}"
        )
    return vector.astype(np.float32)
