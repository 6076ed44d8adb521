"""Face detection on a downscaled copy, with boxes mapped back to the full-resolution image.

dlib's HOG detector costs time in proportion to the pixels it scans, so every image is scaled to
about ``DETECT_PIXELS`` before detection (small images are enlarged, up to dlib's 2× upsampling, so
their small faces are still found). When that finds nothing the scan is repeated at twice the scale:
group photos and ID documents with small faces are then found too, at a cost paid only on failure.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

import numpy as np

#: Pixels scanned by the first detection pass (about 640×360).
DETECT_PIXELS = 640 * 360
#: Side of the smallest face box dlib's HOG detector finds without upsampling.
HOG_MIN_FACE = 73

_local = threading.local()


def _detector():
    """One dlib HOG detector per thread (creation costs a few ms; sharing is not documented safe)."""
    det = getattr(_local, "detector", None)
    if det is None:
        import dlib

        det = _local.detector = dlib.get_frontal_face_detector()
    return det


@dataclass(frozen=True, order=True)
class FaceBox:
    """A face rectangle in full-image pixels (face_recognition's css order)."""

    top: int
    right: int
    bottom: int
    left: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    @property
    def center(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2, (self.top + self.bottom) / 2)

    def css(self) -> tuple[int, int, int, int]:
        return (self.top, self.right, self.bottom, self.left)

    def to_dict(self) -> dict[str, int]:
        return {"top": self.top, "right": self.right, "bottom": self.bottom, "left": self.left}


@dataclass(frozen=True)
class Detection:
    faces: list[FaceBox]
    scale: float  # detection image size / full image size
    upsample: int
    passes: int
    seconds: float


def _plan(width: int, height: int, scale: float) -> tuple[float, int]:
    """(resize factor, dlib upsample count) for a requested scale relative to the full image."""
    if scale >= 2.0:
        return 1.0, 1  # dlib's own 2x pyramid: the same scan as face_recognition's default
    return scale, 0


def detect_faces(
    rgb: np.ndarray,
    *,
    target_pixels: int = DETECT_PIXELS,
    escalate: int = 1,
    max_scale: float = 2.0,
) -> Detection:
    """Find faces in an (H, W, 3) uint8 RGB (or (H, W) gray) image.

    ``escalate`` is how many times the scan may be repeated at double scale when nothing is found
    (never beyond ``max_scale``, 2.0 being face_recognition's default of one 2× upsampling).
    """
    import cv2

    start = time.perf_counter()
    h, w = rgb.shape[:2]
    # HOG on luma: the same faces as on RGB (checked on the shared photos) for less work, and
    # the downscale then moves a third of the bytes.
    gray = rgb if rgb.ndim == 2 else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    scale = min(max_scale, math.sqrt(target_pixels / float(w * h)))
    passes = 0
    while True:
        passes += 1
        resize, upsample = _plan(w, h, scale)
        if abs(resize - 1.0) < 1e-3:
            small, resize = gray, 1.0
        else:
            size = (max(1, round(w * resize)), max(1, round(h * resize)))
            interp = cv2.INTER_AREA if resize < 1 else cv2.INTER_LINEAR
            small = cv2.resize(gray, size, interpolation=interp)
        rects = _detector()(small, upsample)
        fx = small.shape[1] / w
        fy = small.shape[0] / h
        faces = [_map_back(r, fx, fy, w, h) for r in rects]
        faces = [f for f in faces if f.area > 0]
        if faces or escalate <= 0 or scale >= max_scale:
            break
        escalate -= 1
        scale = min(max_scale, scale * 2)
    faces.sort(key=lambda f: -f.area)
    effective = resize * (2 if upsample else 1)
    return Detection(faces, effective, upsample, passes, time.perf_counter() - start)


def _map_back(rect, fx: float, fy: float, w: int, h: int) -> FaceBox:
    """A dlib rectangle on the detection image -> FaceBox on the full image, clipped to it."""
    return FaceBox(
        top=max(0, round(rect.top() / fy)),
        right=min(w, round(rect.right() / fx)),
        bottom=min(h, round(rect.bottom() / fy)),
        left=max(0, round(rect.left() / fx)),
    )
