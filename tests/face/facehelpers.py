"""Helpers for the face tests: who is on each shared photo, synthetic landmarks."""

from __future__ import annotations

import math

#: Identity of each face (index = order of detection, largest first) on the shared photos.
IDENTITIES: dict[str, tuple[str, ...]] = {
    "32bit.png": ("obama",),
    "alex-lacamoire.png": ("alex",),
    "biden.jpg": ("biden",),
    "lin-manuel-miranda.png": ("lin",),
    "obama-1080p.jpg": ("obama",),
    "obama-240p.jpg": ("obama",),
    "obama-480p.jpg": ("obama",),
    "obama-720p.jpg": ("obama",),
    "obama.jpg": ("obama",),
    "obama2.jpg": ("obama",),
    "obama3.jpg": ("obama",),
    "obama_partial_face.jpg": ("obama",),
    "obama_partial_face2.jpg": ("obama",),
    "obama_small.jpg": ("obama",),
    "two_people.jpg": ("?", "?"),  # resolved by position: Obama on the left, Biden on the right
}


def synth_landmarks(
    yaw: float = 0.0,
    pitch: float = 0.0,
    openness: float = 1.0,
    *,
    scale: float = 100.0,
    center: tuple[float, float] = (320.0, 200.0),
    affine: tuple[float, float, float, float] | None = None,
) -> dict[str, list[tuple[float, float]]]:
    """A face_recognition-style 68-point dict, eyes 1 unit apart, mouth 1 unit below them.

    ``yaw``/``pitch`` move the nose tip in that frame (what a real head rotation does to the 2-D
    landmarks); ``openness`` scales the lid gap (0 = closed); ``affine`` = (a, b, c, d) is a 2×2
    matrix applied to the whole face, as when a flat photo is rotated, tilted or sheared.
    """
    ew, gap = 0.3, 0.1 * openness

    def eye(cx: float) -> list[tuple[float, float]]:
        return [(cx - ew / 2, 0.0), (cx - ew / 6, -gap / 2), (cx + ew / 6, -gap / 2),
                (cx + ew / 2, 0.0), (cx + ew / 6, gap / 2), (cx - ew / 6, gap / 2)]

    tip = (yaw, 0.52 + pitch)
    pts = {
        "chin": [(-0.9 + 0.1125 * i, 0.2 + 1.1 * math.sin(math.pi * i / 16)) for i in range(17)],
        "left_eyebrow": [(-0.75 + 0.12 * i, -0.25) for i in range(5)],
        "right_eyebrow": [(0.27 + 0.12 * i, -0.25) for i in range(5)],
        "nose_bridge": [(tip[0] * k / 3, 0.1 + (tip[1] - 0.1) * k / 3) for k in range(4)],
        "nose_tip": [(tip[0] - 0.15 + 0.075 * i, tip[1] + 0.08) for i in range(5)],
        "left_eye": eye(-0.5),
        "right_eye": eye(0.5),
        "top_lip": [(-0.3, 0.97), (0.0, 0.93), (0.3, 0.97), (0.0, 0.99)],
        "bottom_lip": [(-0.3, 1.03), (0.0, 1.07), (0.3, 1.03), (0.0, 1.01)],
    }
    a, b, c, d = affine or (1.0, 0.0, 0.0, 1.0)
    out = {}
    for key, plist in pts.items():
        out[key] = [(center[0] + scale * (a * x + b * y), center[1] + scale * (c * x + d * y))
                    for x, y in plist]
    return out
