"""Speaker embeddings with Resemblyzer's GE2E encoder, exported to ONNX, run by onnxruntime."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import numpy as np

from consent_app.biometrics.voice import features
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "voice.embedding_no_speech": "no speech found in the recording",
    "voice.no_embedding": "the recording gave no usable voice embedding",
})

if TYPE_CHECKING:
    import onnxruntime

MODEL_FILE = "voice_encoder_resemblyzer_ge2e.onnx"
MODEL_NAME = "resemblyzer-ge2e-0.1.4-onnx"
EMBEDDING_SIZE = 256
DEFAULT_THREADS = 1

_lock = threading.Lock()
_sessions: dict[int, onnxruntime.InferenceSession] = {}


def new_session(threads: int | None = DEFAULT_THREADS) -> onnxruntime.InferenceSession:
    """A fresh onnxruntime session (``threads=None`` keeps onnxruntime's defaults)."""
    from consent_app.biometrics.onnx import runtime

    ort = runtime()
    options = ort.SessionOptions()
    if threads is not None:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    options.log_severity_level = 3
    path = features.MODELS_DIR / MODEL_FILE
    if not path.is_file():
        raise FileNotFoundError(f"voice model missing: {path}")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def session(threads: int = DEFAULT_THREADS) -> onnxruntime.InferenceSession:
    """The process-wide cached session for ``threads`` intra-op threads (created once)."""
    with _lock:
        if threads not in _sessions:
            _sessions[threads] = new_session(threads)
        return _sessions[threads]


def embed_partials(mels: np.ndarray, sess: onnxruntime.InferenceSession | None = None) -> np.ndarray:
    """(n, 160, 40) mel batch -> (n, 256) L2-normalised partial embeddings."""
    sess = sess if sess is not None else session()
    return sess.run(None, {"mels": np.ascontiguousarray(mels, dtype=np.float32)})[0]


def embed_preprocessed(wav: np.ndarray, sess: onnxruntime.InferenceSession | None = None) -> np.ndarray:
    """Embedding of an already preprocessed (normalised, VAD-trimmed) 16 kHz waveform."""
    if len(wav) == 0:
        raise InputError(code="voice.embedding_no_speech")
    partials = embed_partials(features.partial_mels(wav), sess)
    return l2_normalise(partials.mean(axis=0))


def embed_waveform(wav: np.ndarray, sess: onnxruntime.InferenceSession | None = None) -> np.ndarray:
    """256-d unit speaker embedding of a 16 kHz mono float waveform."""
    return embed_preprocessed(features.preprocess(wav), sess)


def l2_normalise(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    if not np.isfinite(norm) or norm == 0.0:
        raise InputError(code="voice.no_embedding")
    return (vector / norm).astype(np.float32)
