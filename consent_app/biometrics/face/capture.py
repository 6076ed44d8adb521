"""Capture session logic (Qt-free): take a capture only when every gate passes, run the liveness
challenge over live frames, and keep what was captured when the camera fails."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from consent_app.biometrics.face import liveness_identity as bound
from consent_app.biometrics.face.analysis import FaceSample, encode_single, landmarks
from consent_app.biometrics.face.detection import detect_faces
from consent_app.biometrics.face.errors import CameraLostError, QualityError
from consent_app.biometrics.face.liveness import (
    Challenge,
    LivenessChecker,
    LivenessConfig,
    LivenessResult,
)
from consent_app.biometrics.face.liveness_identity import IdentityGuard
from consent_app.biometrics.face.preview import PREVIEW_PIXELS
from consent_app.biometrics.face.quality import QualityThresholds
from consent_app.biometrics.face.sources import Frame, FrameSource
from consent_app.messages import Message


@dataclass(frozen=True)
class Capture:
    """A gated, encoded face capture; ``image`` (JPEG bytes) is what gets stored encrypted."""

    sample: FaceSample
    image: bytes
    mime: str
    frame_index: int
    timestamp: float


def jpeg_bytes(rgb: np.ndarray, quality: int = 92) -> bytes:
    """Encode an RGB frame to JPEG in memory (no temporary file)."""
    import cv2

    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR),
                           [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("could not encode the frame as JPEG")
    return buf.tobytes()


#: A capture is a one-off: its detection scans 4× the pixels of the preview's, so a bystander's
#: face half the size of the preview's smallest is still caught by the "one face only" gate.
CAPTURE_DETECT_PIXELS = 4 * PREVIEW_PIXELS


@dataclass(frozen=True)
class FrameFaces:
    """One challenge frame's faces, the landmarks of the face when it is the only one, and the
    process whose detector found them."""

    faces: list
    landmarks: dict | None
    pid: int


def liveness_frame(rgb: np.ndarray) -> FrameFaces:
    """Detect (the preview's scan: at most 640×360 pixels, no escalation) and, for a single face,
    find its landmarks: what the liveness challenge needs of each frame."""
    det = detect_faces(rgb, target_pixels=PREVIEW_PIXELS, escalate=0, max_scale=1.0)
    lm = landmarks(rgb, det.faces[0]) if len(det.faces) == 1 else None
    return FrameFaces(det.faces, lm, os.getpid())


def capture_frame(frame: Frame, thresholds: QualityThresholds | None = None) -> Capture:
    """Gate and encode one frame (QualityError / NoFaceError / MultipleFacesError on failure)."""
    det = detect_faces(frame.rgb, target_pixels=CAPTURE_DETECT_PIXELS, max_scale=1.0)
    sample = encode_single(frame.rgb, label="frame", gates=True, thresholds=thresholds,
                           detection=det)
    return Capture(sample, jpeg_bytes(frame.rgb), "image/jpeg", frame.index, frame.timestamp)


@dataclass
class CaptureSession:
    """Collects the captures and liveness results of one capture session in memory.

    A failure (camera lost, time out) raises but leaves everything already collected in
    :attr:`captures` and :attr:`liveness`.
    """

    thresholds: QualityThresholds | None = None
    captures: list[Capture] = field(default_factory=list)
    liveness: list[LivenessResult] = field(default_factory=list)
    last_status: str = ""

    def capture(self, source: FrameSource, *, max_frames: int = 300,
                timeout: float = 20.0) -> Capture:
        """Read frames until one passes every gate; raise QualityError with the last reason when
        none does within ``max_frames`` / ``timeout`` seconds."""
        started = time.monotonic()
        last: QualityError | None = None
        for _ in range(max_frames):
            frame = source.read()  # CameraLostError propagates; captures stay
            if frame is None:
                break
            try:
                cap = capture_frame(frame, self.thresholds)
            except QualityError as exc:  # includes no face / several faces
                last = exc
                self.last_status = exc.message
            else:
                self.captures.append(cap)
                self.last_status = "captured"
                return cap
            if time.monotonic() - started > timeout:
                break
        if last is None:
            coded = Message("face.no_frames")
        else:
            coded = Message("face.no_capture", {"reason": last.as_message() or last.message})
        raise QualityError(coded.english(), getattr(last, "code", "no_frames"), coded=coded)

    def run_liveness(
        self,
        source: FrameSource,
        challenge: Challenge | None = None,
        config: LivenessConfig | None = None,
        *,
        max_frames: int | None = None,
        identity: IdentityGuard | None = None,
        analyser: Callable[[np.ndarray], FrameFaces] | None = None,
    ) -> LivenessResult:
        """Run a challenge over the source's frames; the result (pass or fail) is kept and
        returned. A lost camera ends the challenge as failed, with the reason in the result.
        With ``identity`` every frame's face must also be the captured face (see
        :mod:`.liveness_identity`); the result then carries the compared frames as evidence.
        ``analyser`` finds each frame's faces and landmarks (:func:`liveness_frame` here by
        default; the app runs the same function in its helper process)."""
        analyse = analyser or liveness_frame
        checker = LivenessChecker(challenge or Challenge.draw(), config)
        n = 0
        last_t = None
        try:
            while not checker.done and (max_frames is None or n < max_frames):
                frame = source.read()
                if frame is None:
                    break
                n += 1
                last_t = frame.timestamp
                found = analyse(frame.rgb)
                lm = found.landmarks
                px = 0.0
                box = None
                if len(found.faces) == 1:
                    box = found.faces[0]
                    px = float(min(box.width, box.height))
                bound.feed(checker, identity, frame.timestamp, frame.rgb, lm, len(found.faces), px, box)
        except CameraLostError as exc:
            result = bound.finish(checker, identity, last_t)
            result.passed = False
            result.reason = f"camera lost: {exc.message}"
            result.extra["error"] = "camera_lost"
            self.liveness.append(result)
            return result
        result = bound.finish(checker, identity, last_t)
        self.liveness.append(result)
        return result
