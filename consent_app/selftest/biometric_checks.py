"""Self-test checks of the biometric parts on synthetic input: face and voice models, the helper process."""

from __future__ import annotations

import io
from typing import Any

from consent_app.selftest.base import CheckFailed, Context, require


def synthetic_face_png(size: int = 150) -> bytes:
    """A drawn, face-like picture (no real person): skin oval, eyes, brows, nose, mouth."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (96, 120, 150))
    d = ImageDraw.Draw(img)
    s = size / 150
    d.ellipse([30 * s, 15 * s, 120 * s, 140 * s], fill=(224, 182, 150))
    for x in (52, 98):
        d.ellipse([(x - 10) * s, 55 * s, (x + 10) * s, 67 * s], fill=(250, 250, 250))
        d.ellipse([(x - 4) * s, 57 * s, (x + 4) * s, 65 * s], fill=(60, 40, 30))
        d.line([(x - 12) * s, 48 * s, (x + 12) * s, 46 * s], fill=(70, 50, 40), width=max(1, int(3 * s)))
    d.polygon([(75 * s, 66 * s), (68 * s, 92 * s), (82 * s, 92 * s)], fill=(200, 150, 120))
    d.chord([58 * s, 100 * s, 92 * s, 118 * s], 0, 180, fill=(170, 80, 80))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()


def check_face(ctx: Context) -> str:
    """Decode a generated image, run the HOG detector, the landmark models and the 128-d encoder."""
    import numpy as np

    from consent_app.biometrics import images
    from consent_app.biometrics.face import analysis, detection, matching

    loaded = images.load_image(synthetic_face_png(), name="self-test face")
    rgb = loaded.rgb
    require(rgb.shape == (150, 150, 3) and rgb.dtype == np.uint8, f"decoded image is {rgb.shape} {rgb.dtype}")
    found = detection.detect_faces(rgb)  # dlib HOG after an OpenCV resize; a drawing may hold no face
    box = detection.FaceBox(top=0, right=150, bottom=150, left=0)
    encoding = analysis.encode(rgb, box)
    require(encoding.shape == (analysis.ENCODING_DIM,), f"encoding has shape {encoding.shape}")
    require(bool(np.all(np.isfinite(encoding))) and float(np.linalg.norm(encoding)) > 0,
            "encoding is not a finite, non-zero vector")
    again = analysis.encode(rgb.copy(), box)
    require(matching.distance(encoding, again) < 1e-6, "the encoder is not deterministic")
    points = analysis.landmarks(rgb, box)
    chin = len(points.get("chin", ()))
    require(len(points) == 9 and chin == 17, f"the 68-point landmark model gave {len(points)} features")
    return (f"{analysis.MODEL_NAME}: {encoding.shape[0]}-d finite encoding "
            f"(norm {float(np.linalg.norm(encoding)):.3f}), 68 landmarks, "
            f"HOG detector ran ({len(found.faces)} face(s) in the drawing)")


HELPER_TIMEOUT = 120.0


def check_helper(ctx: Context) -> str:
    """The capture wizard's helper process (spawned; a bundle re-enters its own program for it)
    runs dlib's encoder on the drawn face and answers through the pipe."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    from consent_app.ui.capture import offload

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=offload._child_init, initargs=(0.5, 0.845))
    try:
        status, value = pool.submit(offload._child_call, "capture_face",
                                    (synthetic_face_png(300), "image/png")).result(timeout=HELPER_TIMEOUT)
    except FutureTimeout:
        raise CheckFailed(f"the helper process did not answer within {HELPER_TIMEOUT:.0f} s") from None
    finally:
        for child in multiprocessing.active_children():  # never leave a helper behind
            child.kill()
        pool.shutdown(wait=True, cancel_futures=True)
    if status == "ok":
        outcome = f"a {value.template.model} template of {len(value.template.vector)} bytes"
    else:
        outcome = f"{value[1]}: {value[2]}"  # a refusal (e.g. a quality gate) crossed the pipe intact
    return f"spawned helper process answered: {outcome}"


def synthetic_voice(seconds: float = 3.0, rate: int = 44_100) -> Any:
    """A voiced, speech-like signal: a gliding harmonic series, syllable-rate envelope, light noise."""
    import numpy as np

    rng = np.random.default_rng(7)
    t = np.arange(int(seconds * rate)) / rate
    f0 = 130 + 25 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    harmonics = sum((1.0 / k) * (1.0 if k in (3, 4, 5, 9, 10) else 0.6) * np.sin(k * phase)
                    for k in range(1, 25) if k * 160 < rate / 2)
    envelope = np.clip(np.sin(2 * np.pi * 3.0 * t), 0, None) ** 0.6
    wav = 0.3 * harmonics / np.max(np.abs(harmonics)) * envelope + 0.003 * rng.standard_normal(len(t))
    return wav.astype(np.float32)


def check_voice(ctx: Context) -> str:
    """Resample, FLAC round trip, VAD, the ONNX speaker encoder and the pocketsphinx recogniser."""
    import numpy as np

    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import asr, embedding, features

    clip = audio.from_float(synthetic_voice(), 44_100)  # soxr resampling to 16 kHz
    require(clip.sample_rate == 16_000 and abs(clip.duration - 3.0) < 0.01, f"resampled to {clip.duration} s")
    flac = audio.encode_flac(clip)  # libsndfile, in memory
    back = audio.load(flac, name="self-test clip")
    require(abs(back.duration - clip.duration) < 0.01, "FLAC round trip changed the clip length")
    speech = float(features.vad_flags(clip.samples).mean())
    require(speech > 0.3, f"webrtcvad found speech in only {speech:.0%} of the voiced signal")
    vector = embedding.embed_waveform(clip.samples, embedding.new_session())
    norm = float(np.linalg.norm(vector))
    require(vector.shape == (embedding.EMBEDDING_SIZE,), f"embedding has shape {vector.shape}")
    require(bool(np.all(np.isfinite(vector))) and abs(norm - 1.0) < 1e-4,
            f"embedding is not a finite unit vector (norm {norm})")
    heard = asr.recognise(back, "I agree to the terms")
    require(heard.available and heard.transcript is not None, f"recogniser unavailable: {heard.engine}")
    return (f"{embedding.MODEL_NAME}: {vector.shape[0]}-d unit embedding; soxr, FLAC, webrtcvad "
            f"({speech:.0%} speech) OK; {heard.engine} decoded ({len(heard.transcript.split())} words)")


