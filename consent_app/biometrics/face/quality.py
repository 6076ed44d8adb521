"""Quality gates for a face capture: one specific, actionable message per failed gate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from consent_app.biometrics.face.detection import FaceBox
from consent_app.biometrics.face.geometry import Landmarks, head_pose
from consent_app.messages import Message, define

# One template per gate (code "face.<gate>"): the CLI's English text, worded by the UI in its language.
MESSAGES = define({
    "face.no_face": "No face found: look at the camera",
    "face.multiple_faces": "{count} faces in view: only the person giving consent may be in frame",
    "face.face_too_small": "Face too small ({side:.0f} px, need {need}): move closer to the camera",
    "face.too_dark": "Face too dark (brightness {brightness:.0f}/255): add light in front of the face",
    "face.too_bright": "Face too bright (brightness {brightness:.0f}/255): reduce the light or move out of "
                       "glare",
    "face.too_blurred": "Image too blurred (sharpness {sharpness:.0f}, need {need:.0f}): hold still and "
                        "check the focus",
    "face.looking_away_turned": "Looking away: face the camera directly (head turned)",
    "face.looking_away_tilted": "Looking away: face the camera directly (head tilted up/down)",
})


def _gate_message(code: str, **params: object) -> tuple[str, Message]:
    message = Message(code, params)
    return message.english(), message

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
    coded: Message | None = None  # the message as a code and parameters (for the UI's language)


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
        return {"ok": self.ok, "code": self.code,
                "gates": [{k: v for k, v in asdict(g).items() if k != "coded"} for g in self.gates]}

    @property
    def coded(self) -> Message | None:
        """The first failure's message as a code and parameters (None when every gate passed)."""
        bad = self.failures
        return bad[0].coded if bad else None


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
        text, coded = _gate_message("face.no_face")
        return QualityReport([Gate("no_face", False, text, coded=coded)])
    if len(faces) > 1:
        text, coded = _gate_message("face.multiple_faces", count=len(faces))
        return QualityReport([Gate("multiple_faces", False, text, float(len(faces)), 1.0, coded)])
    box = faces[0]
    gates: list[Gate] = []
    side = float(min(box.width, box.height))
    text, coded = _gate_message("face.face_too_small", side=side, need=t.min_face_px)
    gates.append(Gate("face_too_small", side >= t.min_face_px, text, side, float(t.min_face_px), coded))
    gray = face_crop_gray(rgb, box)
    mean = float(gray.mean())
    text, coded = _gate_message("face.too_dark", brightness=mean)
    gates.append(Gate("too_dark", mean >= t.min_brightness, text, mean, t.min_brightness, coded))
    text, coded = _gate_message("face.too_bright", brightness=mean)
    gates.append(Gate("too_bright", mean <= t.max_brightness, text, mean, t.max_brightness, coded))
    sharp = sharpness(gray)
    text, coded = _gate_message("face.too_blurred", sharpness=sharp, need=t.min_sharpness)
    gates.append(Gate("too_blurred", sharp >= t.min_sharpness, text, sharp, t.min_sharpness, coded))
    if landmarks is not None:
        pose = head_pose(landmarks)
        away = abs(pose.yaw) > t.max_yaw or abs(pose.pitch) > t.max_pitch
        text, coded = _gate_message("face.looking_away_turned" if abs(pose.yaw) > t.max_yaw
                                    else "face.looking_away_tilted")
        gates.append(Gate("looking_away", not away, text,
                          max(abs(pose.yaw) / t.max_yaw, abs(pose.pitch) / t.max_pitch), 1.0, coded))
    return QualityReport(gates)
