"""Pure geometry over 68-point facial landmarks (face_recognition's dict format).

A landmark dict maps ``chin``, ``left_eyebrow``, ``right_eyebrow``, ``nose_bridge``, ``nose_tip``,
``left_eye``, ``right_eye``, ``top_lip``, ``bottom_lip`` to lists of ``(x, y)`` image points.
``left_eye`` is the eye on the image's left (the subject's right eye in an unmirrored frame).

Head pose is measured in an affine frame built from the eyes and the mouth: the nose tip's
coordinates in that frame do not change when a flat photo is moved, rotated, tilted or sheared in
front of the camera, only when a real head turns or nods. Eye openness is normalised by the
eye-to-mouth distance for the same reason.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Landmarks = Mapping[str, Sequence[Point]]

REQUIRED = ("left_eye", "right_eye", "nose_bridge", "top_lip", "bottom_lip")


@dataclass(frozen=True)
class Pose:
    """Head pose ratios: ``yaw`` > 0 means the subject turned to their own left (the nose moves to
    the image's right in an unmirrored frame); ``pitch`` > 0 means the head is tilted down."""

    yaw: float
    pitch: float


def _mean(points: Sequence[Point]) -> Point:
    n = len(points)
    return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)


def _dist(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _check(lm: Landmarks) -> None:
    missing = [k for k in REQUIRED if len(lm.get(k, ())) == 0]
    if missing:
        raise ValueError(f"landmarks lack {', '.join(missing)}")


def mouth_center(lm: Landmarks) -> Point:
    return _mean(list(lm["top_lip"]) + list(lm["bottom_lip"]))


def nose_tip(lm: Landmarks) -> Point:
    """Tip of the nose: last point of the nose bridge (dlib point 30)."""
    return tuple(lm["nose_bridge"][-1])  # type: ignore[return-value]


def head_pose(lm: Landmarks) -> Pose:
    """Nose tip position in the affine frame (eye midpoint, eye-to-eye axis, eyes-to-mouth axis).

    Frontal faces give yaw ≈ 0 and pitch ≈ 0; a 30° turn gives |yaw| ≈ 0.15-0.25.
    """
    _check(lm)
    el, er = _mean(lm["left_eye"]), _mean(lm["right_eye"])
    origin = ((el[0] + er[0]) / 2, (el[1] + er[1]) / 2)
    m = mouth_center(lm)
    u = (er[0] - el[0], er[1] - el[1])
    v = (m[0] - origin[0], m[1] - origin[1])
    n = nose_tip(lm)
    w = (n[0] - origin[0], n[1] - origin[1])
    det = u[0] * v[1] - u[1] * v[0]
    if abs(det) < 1e-9:
        raise ValueError("degenerate landmarks (eyes and mouth are collinear)")
    a = (w[0] * v[1] - w[1] * v[0]) / det
    b = (u[0] * w[1] - u[1] * w[0]) / det
    # b is about 0.5-0.55 for a frontal face; centre it so that frontal is ~0.
    return Pose(yaw=a, pitch=b - FRONTAL_NOSE_DEPTH)


#: Typical nose-tip position between eye line (0) and mouth (1) on a frontal face.
FRONTAL_NOSE_DEPTH = 0.52


def eye_gap(eye: Sequence[Point]) -> float:
    """Mean vertical lid gap of a 6-point eye contour (dlib order p1..p6)."""
    if len(eye) != 6:
        raise ValueError("an eye contour has 6 points")
    return (_dist(eye[1], eye[5]) + _dist(eye[2], eye[4])) / 2


def eye_aspect_ratio(eye: Sequence[Point]) -> float:
    """Classic EAR (Soukupová & Čech 2016): lid gap over eye width."""
    width = _dist(eye[0], eye[3])
    return eye_gap(eye) / width if width > 0 else 0.0


def eye_openness(lm: Landmarks) -> float:
    """Mean lid gap of both eyes divided by the eyes-to-mouth distance (tilt-robust)."""
    _check(lm)
    el, er = _mean(lm["left_eye"]), _mean(lm["right_eye"])
    origin = ((el[0] + er[0]) / 2, (el[1] + er[1]) / 2)
    ref = _dist(origin, mouth_center(lm))
    if ref <= 0:
        return 0.0
    return (eye_gap(lm["left_eye"]) + eye_gap(lm["right_eye"])) / 2 / ref


def interocular(lm: Landmarks) -> float:
    return _dist(_mean(lm["left_eye"]), _mean(lm["right_eye"]))
