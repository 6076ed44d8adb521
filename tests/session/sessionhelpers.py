"""Shared pieces for the session and consent tests: real biometric services with a result cache,
liveness landmark traces for a drawn challenge, and a driver that walks a flow to the end."""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta
from pathlib import Path

from consent_app import clock
from consent_app.consent import signature
from consent_app.consent.form import ConsentDetails
from consent_app.session.biometrics import RealBiometrics
from consent_app.session.flow import CaptureFlow, Step, SubjectDetails

_CACHE: dict[tuple, object] = {}


class CachedBiometrics(RealBiometrics):
    """The real face/voice cores; results of identical inputs are reused across tests (speed only)."""

    def _cached(self, name: str, key: tuple, compute):
        full = (name, *key, self.face_threshold, self.voice_threshold)
        if full not in _CACHE:
            _CACHE[full] = compute()
        return _CACHE[full]

    @staticmethod
    def _h(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def read_id_document(self, data, mime):
        return self._cached("id", (self._h(data), mime), lambda: super(CachedBiometrics, self)
                            .read_id_document(data, mime))

    def capture_face(self, data, mime):
        return self._cached("face", (self._h(data), mime), lambda: super(CachedBiometrics, self)
                            .capture_face(data, mime))

    def capture_voice(self, data, mime):
        return self._cached("voice", (self._h(data), mime), lambda: super(CachedBiometrics, self)
                            .capture_voice(data, mime))

    def identity_guard(self, face, encoder=None):
        """The real guard; its encoder's results for identical frames are reused (speed only)."""
        guard = super().identity_guard(face, encoder)
        real = guard._encode

        def cached(rgb, box):
            key = (hashlib.sha256(rgb.tobytes()).hexdigest(), getattr(box, "css", str)())
            return self._cached("frame", key, lambda: real(rgb, box))

        guard._encode = cached
        return guard

    def check_statement(self, voice, prompt, data, mime, frames=None, face=None):
        seen = None if frames is None else tuple(self._h(f.tobytes()) for f in frames)
        key = (voice.sample.sha256, prompt.text, self._h(data), seen, face.template.sha256 if face else None)
        return self._cached("statement", key, lambda: super(CachedBiometrics, self).check_statement(
            voice, prompt, data, mime, frames, face))


def landmarks(yaw: float = 0.0, pitch: float = 0.0, openness: float = 1.0) -> dict:
    """68-point face_recognition-style landmarks of a frontal face turned by ``yaw``/``pitch``."""
    s, cx, cy = 100.0, 320.0, 200.0
    ew, gap = 0.3, 0.1 * openness

    def eye(c: float) -> list:
        return [(c - ew / 2, 0.0), (c - ew / 6, -gap / 2), (c + ew / 6, -gap / 2), (c + ew / 2, 0.0),
                (c + ew / 6, gap / 2), (c - ew / 6, gap / 2)]

    tip = (yaw, 0.52 + pitch)
    pts = {
        "chin": [(-0.9 + 0.1125 * i, 0.2 + 1.1 * math.sin(math.pi * i / 16)) for i in range(17)],
        "left_eyebrow": [(-0.75 + 0.12 * i, -0.25) for i in range(5)],
        "right_eyebrow": [(0.27 + 0.12 * i, -0.25) for i in range(5)],
        "nose_bridge": [(tip[0] * k / 3, 0.1 + (tip[1] - 0.1) * k / 3) for k in range(4)],
        "nose_tip": [(tip[0] - 0.15 + 0.075 * i, tip[1] + 0.08) for i in range(5)],
        "left_eye": eye(-0.5), "right_eye": eye(0.5),
        "top_lip": [(-0.3, 0.97), (0.0, 0.93), (0.3, 0.97), (0.0, 0.99)],
        "bottom_lip": [(-0.3, 1.03), (0.0, 1.07), (0.3, 1.03), (0.0, 1.01)],
    }
    return {k: [(cx + s * x, cy + s * y) for x, y in v] for k, v in pts.items()}


def face_rgb(path: Path):
    """The pixels of a face photo: the frames the person shows during the challenge."""
    from consent_app.biometrics.images import load_image

    return load_image(Path(path)).rgb


def performed(actions, rgb=None, fps: float = 30.0) -> list[tuple]:
    """A landmark trace of a person performing ``actions`` in order (what the preview worker sees),
    with ``rgb`` as every frame's pixels (the face compared with the captured one; None: no pixels,
    which cannot prove whose face moved)."""
    frames, t = [], 0.0

    def add(lm) -> None:
        nonlocal t
        frames.append((t, lm, 1, 200.0, rgb))
        t += 1 / fps

    for action in actions:
        for _ in range(10):
            add(landmarks())
        for k in range(8):
            ramp = math.sin(math.pi * (k + 1) / 9)
            if action == "blink":
                add(landmarks(openness=1 - 0.9 * ramp))
            elif action == "turn_left":
                add(landmarks(yaw=0.35 * ramp))
            elif action == "turn_right":
                add(landmarks(yaw=-0.35 * ramp))
            else:
                add(landmarks(pitch=0.3 * ramp))
        for _ in range(6):
            add(landmarks())
    return frames


def still(seconds: float = 40.0, fps: float = 10.0, rgb=None) -> list[tuple]:
    """A photo held up to the camera: the same landmarks in every frame."""
    lm = landmarks()
    return [(i / fps, lm, 1, 200.0, rgb) for i in range(int(seconds * fps))]


def details(**over) -> ConsentDetails:
    start = clock.now().replace(microsecond=0)
    values = dict(project="Feature film 'Harbour'", purpose="Digital double for stunt scenes",
                  valid_from=start, valid_until=start + timedelta(days=365), territory=("CN", "HK"),
                  channels=("cinema", "streaming"), prohibited_uses=("political advertising", "pornography"),
                  marking="AI-generated / 人工智能生成", retention_days=180,
                  withdrawal_contact="privacy@studio.example, +86 10 1234 5678")
    values.update(over)
    return ConsentDetails(**values)


def read(path: Path) -> bytes:
    return Path(path).read_bytes()


def walk_to_form(flow: CaptureFlow, faces_dir: Path, *, name: str = "Test Subject", language: str = "en",
                 face: str = "obama.jpg", id_photo: str = "obama2.jpg", live: bool = True) -> None:
    """Subject details -> ID -> live face (+ liveness) -> voice (skipped) -> consent form."""
    flow.set_subject(SubjectDetails(name, language))
    flow.next()
    flow.capture_id_document(read(faces_dir / id_photo))
    flow.next()
    flow.capture_face(read(faces_dir / face))
    challenge = flow.draw_challenge()
    rgb = face_rgb(faces_dir / face)
    flow.run_liveness(performed(challenge.actions, rgb) if live else still(rgb=rgb))
    flow.next()
    assert flow.step is Step.VOICE


def sign_and_finish(flow: CaptureFlow, categories=("face_swap",), **over):
    flow.go_to(Step.CONSENT_FORM)
    rendered = flow.set_consent(list(categories), details(**over))
    flow.acknowledge_terms(rendered.sha256)
    flow.next()
    flow.sign(signature.synthetic("Test Subject"))
    flow.next()
    flow.countersign_by(flow.operator, signature.synthetic(flow.operator.username))
    return flow.finish()
