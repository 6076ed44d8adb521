"""Quality gates for a face capture: one specific, actionable message per failed gate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from consent_app.biometrics.face.detection import FaceBox
from consent_app.biometrics.face.geometry import Landmarks, head_pose

#: Side (px) of the square the face is resampled to before measuring sharpness, so that the
#: measure does not depend on the camera resolution.
CROP_SIZE = 128


@dataclass(frozen=True)
class QualityThresholds:
    min_face_px: int = 80  # smaller faces give unreliable encodings
    min_sharpness: float = 25.0  # variance of the Laplacian on the 128-px face crop
    min_brightness: float = 50.0  # mean luma of the face crop, 0-255
    max_brightness: float = 210.0
    max_yaw: float = 0.25  # geometry.head_pose ratios; frontal ~0, a clear turn > 0.3
    max_pitch: float = 0.30


@dataclass(frozen=True)
class Gate:
    code: str
    passed: bool
    message: str
    value: float | None = None
    limit: float | None = None


@dataclass(frozen=True)
class QualityReport:
    gates: list[Gate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(g.passed for g in self.gates)

    @property
    def failures(self) -> list[Gate]:
        return [g for g in self.gates if not g.passed]

    @property
    def message(self) -> str:
        """The first failure's message, or a short 'ready' note."""
        bad = self.failures
        return bad[0].message if bad else "face OK: ready to capture"

    @property
    def code(self) -> str:
        bad = self.failures
        return bad[0].code if bad else "ok"

    def to_dict(self) -> dict:
        return {"ok": self.ok, "code": self.code, "gates": [asdict(g) for g in self.gates]}


def face_crop_gray(rgb: np.ndarray, box: FaceBox, size: int = CROP_SIZE) -> np.ndarray:
    """The face box as a size×size grayscale crop."""
    import cv2

    h, w = rgb.shape[:2]
    top, bottom = max(0, box.top), min(h, box.bottom)
    left, right = max(0, box.left), min(w, box.right)
    crop = rgb[top:bottom, left:right]
    if crop.size == 0:
        return np.zeros((size, size), np.uint8)
    gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    interp = cv2.INTER_AREA if gray.shape[0] > size else cv2.INTER_LINEAR
    return cv2.resize(gray, (size, size), interpolation=interp)


def sharpness(gray: np.ndarray) -> float:
    """Variance of the Laplacian (higher is sharper)."""
    import cv2

    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def assess(
    rgb: np.ndarray,
    faces: Sequence[FaceBox],
    landmarks: Landmarks | None = None,
    thresholds: QualityThresholds | None = None,
) -> QualityReport:
    """Run every gate; the report's first failure is the one to show the subject."""
    t = thresholds or QualityThresholds()
    if not faces:
        return QualityReport([Gate("no_face", False, "No face found: look at the camera")])
    if len(faces) > 1:
        return QualityReport(
            [
                Gate(
                    "multiple_faces",
                    False,
                    f"{len(faces)} faces in view: only the person giving consent may be in frame",
                    float(len(faces)),
                    1.0,
                )
            ]
        )
    box = faces[0]
    gates: list[Gate] = []
    side = float(min(box.width, box.height))
    gates.append(
        Gate(
            "face_too_small",
            side >= t.min_face_px,
            f"Face too small ({side:.0f} px, need {t.min_face_px}): move closer to the camera",
            side,
            float(t.min_face_px),
        )
    )
    gray = face_crop_gray(rgb, box)
    mean = float(gray.mean())
    gates.append(
        Gate(
            "too_dark",
            mean >= t.min_brightness,
            f"Face too dark (brightness {mean:.0f}/255): add light in front of the face",
            mean,
            t.min_brightness,
        )
    )
    gates.append(
        Gate(
            "too_bright",
            mean <= t.max_brightness,
            f"Face too bright (brightness {mean:.0f}/255): reduce the light or move out of glare",
            mean,
            t.max_brightness,
        )
    )
    sharp = sharpness(gray)
    gates.append(
        Gate(
            "too_blurred",
            sharp >= t.min_sharpness,
            f"Image too blurred (sharpness {sharp:.0f}, need {t.min_sharpness:.0f}): hold still "
            "and check the focus",
            sharp,
            t.min_sharpness,
        )
    )
    if landmarks is not None:
        pose = head_pose(landmarks)
        away = abs(pose.yaw) > t.max_yaw or abs(pose.pitch) > t.max_pitch
        gates.append(
            Gate(
                "looking_away",
                not away,
                "Looking away: face the camera directly"
                + (" (head turned)" if abs(pose.yaw) > t.max_yaw else " (head tilted up/down)"),
                max(abs(pose.yaw) / t.max_yaw, abs(pose.pitch) / t.max_pitch),
                1.0,
            )
        )
    return QualityReport(gates)
