"""Detection -> gates -> encoding for one image (a live frame, a photo or an ID portrait).

Detection runs on a downscaled copy (see :mod:`.detection`); landmarks and the 128-d encoding are
computed on the full-resolution image from the mapped-back box, so a 1080p frame costs little more
than the encoding itself.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from consent_app.biometrics.face.detection import Detection, FaceBox, detect_faces
from consent_app.biometrics.face.errors import MultipleFacesError, NoFaceError, QualityError
from consent_app.biometrics.face.geometry import Landmarks
from consent_app.biometrics.face.quality import QualityReport, QualityThresholds, assess
from consent_app.messages import Message

#: Recorded with every template and comparison.
MODEL_NAME = "dlib_face_recognition_resnet_model_v1+hog"
ENCODING_DIM = 128
#: dlib's ResNet keeps per-layer buffers in the network object: one forward pass at a time.
_encoder_lock = threading.Lock()


def _fr():
    """face_recognition, imported on first use (the import costs ~1 s)."""
    import warnings

    with warnings.catch_warnings():  # its model package still imports pkg_resources
        warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
        import face_recognition

    return face_recognition


def encode(rgb: np.ndarray, box: FaceBox) -> np.ndarray:
    """128-d float64 encoding of the face in ``box`` (face_recognition defaults: 5-point
    alignment, no jitter)."""
    fr = _fr()
    with _encoder_lock:
        return fr.face_encodings(rgb, known_face_locations=[box.css()])[0]


def landmarks(rgb: np.ndarray, box: FaceBox) -> Landmarks:
    """68-point landmarks of the face in ``box``."""
    return _fr().face_landmarks(rgb, face_locations=[box.css()], model="large")[0]


@dataclass(frozen=True)
class FaceSample:
    """One face, encoded: what gets enrolled or compared."""

    box: FaceBox
    encoding: np.ndarray
    image_size: tuple[int, int]
    quality: QualityReport | None = None
    timings: dict[str, float] = field(default_factory=dict)
    model: str = MODEL_NAME


def single_face(detection: Detection, label: str) -> FaceBox:
    """The one face of a detection, or NoFaceError / MultipleFacesError."""
    if not detection.faces:
        raise NoFaceError(f"{label}: no face found", coded=Message("face.no_face"))
    if len(detection.faces) > 1:
        raise MultipleFacesError(
            f"{label}: {len(detection.faces)} faces found; exactly one person must be in the image",
            coded=Message("face.multiple_faces", {"count": len(detection.faces)}))
    return detection.faces[0]


def encode_single(
    rgb: np.ndarray,
    *,
    label: str = "image",
    gates: bool = False,
    thresholds: QualityThresholds | None = None,
    detection: Detection | None = None,
) -> FaceSample:
    """Encode the single face of ``rgb``.

    Raises NoFaceError / MultipleFacesError, and with ``gates`` QualityError when a quality gate
    fails (too small, too blurred, too dark/bright, looking away).
    """
    t0 = time.perf_counter()
    det = detection or detect_faces(rgb)
    t1 = time.perf_counter()
    box = single_face(det, label)
    report = None
    if gates:
        report = assess(rgb, det.faces, landmarks(rgb, box), thresholds)
        if not report.ok:
            raise QualityError(f"{label}: {report.message}", report.code, coded=report.coded)
    t2 = time.perf_counter()
    enc = encode(rgb, box)
    t3 = time.perf_counter()
    return FaceSample(
        box=box,
        encoding=enc,
        image_size=(rgb.shape[1], rgb.shape[0]),
        quality=report,
        timings={"detect": t1 - t0, "gates": t2 - t1, "encode": t3 - t2},
    )
