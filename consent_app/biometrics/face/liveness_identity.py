"""Liveness bound to identity: the face that performs the challenge is the captured face.

The landmark checker (:mod:`.liveness`) proves that *a* face moved as asked; this guard proves it
was *the* face captured for the session. During the challenge it sees every frame:

- any frame with two or more faces fails the challenge at once (``liveness.two_faces``);
- every frame's face is tracked (the face box may not jump between frames, nor disappear for more
  than ``max_gap`` seconds); the cheap tracking costs ~1 ms a frame;
- the face is *compared* with the captured face (dlib ResNet encoding, the studio's face threshold)
  on the first frame, on the frame where each step is armed and where each step is completed, after
  any break in the tracking, and at least every ``recheck_every`` seconds. A frame of another person
  fails the challenge (``liveness.other_person``). So at least one frame per step is compared, and
  the face cannot change between compared frames without the tracking noticing.

It also keeps a few frames (JPEG, in memory) as evidence: the first compared frame and the frame
completing each step, topped up with other compared frames to at least ``min_keep`` and capped at
``max_keep``. Their SHA-256 go into the signed record; the bytes are stored encrypted and erased
with the other biometric samples.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from consent_app.biometrics.face.detection import FaceBox
from consent_app.messages import Message, define

MESSAGES = define({
    "liveness.other_person": "the face at {t:.1f} s of the challenge is not the captured face (distance "
                             "{distance:.3f}, threshold {threshold:.3f}): the person who was captured must "
                             "do the challenge",
    "liveness.two_faces": "{faces} faces were in view at {t:.1f} s of the challenge: only the subject may be "
                          "in front of the camera",
    "liveness.step_not_compared": "no frame of the step {step} could be compared with the captured face",
})

MIN_KEEP = 3
MAX_KEEP = 5


@dataclass(frozen=True)
class EvidenceFrame:
    """A challenge frame kept as evidence (JPEG bytes; never written outside the encrypted store)."""

    t: float
    step: str
    reason: str  # start | armed | done | recheck
    distance: float
    jpeg: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.jpeg).hexdigest()

    def as_dict(self) -> dict:
        return {"t": round(self.t, 3), "step": self.step, "reason": self.reason,
                "distance": round(self.distance, 6), "sha256": self.sha256}


@dataclass(frozen=True)
class Comparison:
    t: float
    step: str
    index: int  # the step's position in the challenge (0-based)
    reason: str
    distance: float
    seconds: float  # time the comparison took (encoding + distance)


Encoder = Callable[[np.ndarray, object], np.ndarray]


def _default_encoder(rgb: np.ndarray, box) -> np.ndarray:
    from consent_app.biometrics.face.analysis import encode

    return encode(rgb, box)


def _jpeg(rgb: np.ndarray) -> bytes:
    """In memory, never a temporary file."""
    import cv2

    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    if not ok:
        raise ValueError("could not encode the challenge frame as JPEG")
    return buf.tobytes()


class IdentityGuard:
    """Watches the challenge's frames; :attr:`failure` is set (a :class:`Message`) on the first
    frame that shows another person or two faces."""

    def __init__(self, reference: np.ndarray, threshold: float, *, model: str = "",
                 recheck_every: float = 1.0, max_gap: float = 0.5, max_jump: float = 0.6,
                 min_keep: int = MIN_KEEP, max_keep: int = MAX_KEEP,
                 encoder: Encoder | None = None) -> None:
        self.reference = np.asarray(reference, dtype=np.float64).reshape(-1)
        self.threshold = float(threshold)
        self.model = model
        self.recheck_every = recheck_every
        self.max_gap = max_gap
        self.max_jump = max_jump
        self.min_keep, self.max_keep = min_keep, max_keep
        self._encode = encoder or _default_encoder
        self.failure: Message | None = None
        self.comparisons: list[Comparison] = []
        self.tracked_frames = 0
        self._last_box: tuple[float, float, float] | None = None  # centre x, centre y, size
        self._last_seen: float | None = None
        self._last_compared: float | None = None
        self._key: list[EvidenceFrame] = []  # start + done frames
        self._fillers: list[EvidenceFrame] = []  # other compared frames (the newest few)

    @property
    def failed(self) -> bool:
        return self.failure is not None

    def faces_in_view(self, t: float, count: int) -> bool:
        """Every frame: two faces or more fail the challenge. Returns False once failed."""
        if self.failure is None and count >= 2:
            self.failure = Message("liveness.two_faces", {"faces": int(count), "t": float(t)})
        return self.failure is None

    def observe(self, t: float, rgb: np.ndarray | None, box, step: str, index: int,
                event: str | None) -> bool:
        """A frame with one face (``box``: a face-core ``FaceBox``). ``event`` is ``armed`` or
        ``done`` when the checker armed or completed step ``index`` (``step``) on this frame.
        Compares when due; returns False once the challenge has failed."""
        if self.failure is not None:
            return False
        self.tracked_frames += 1
        current = (float(box.left + box.right) / 2, float(box.top + box.bottom) / 2,
                   float(max(box.width, box.height, 1)))
        reason = event
        if self._last_compared is None:
            reason = reason or "start"
        elif not self._continuous(t, current):
            reason = reason or "recheck"
        elif reason is None and t - self._last_compared >= self.recheck_every:
            reason = "recheck"
        self._last_box, self._last_seen = current, t
        if reason is None:
            return True
        if rgb is None:  # nothing to compare: the step stays unproven (see ``step_problem``)
            return True
        return self._compare(t, rgb, box, step, index, reason)

    def _continuous(self, t: float, current: tuple[float, float, float]) -> bool:
        if self._last_box is None or self._last_seen is None or t - self._last_seen > self.max_gap:
            return False
        x, y, size = self._last_box
        jump = max(abs(current[0] - x), abs(current[1] - y)) / max(size, current[2])
        ratio = current[2] / size
        return jump <= self.max_jump and 0.67 <= ratio <= 1.5

    def _compare(self, t: float, rgb: np.ndarray, box, step: str, index: int, reason: str) -> bool:
        from consent_app.biometrics.face.errors import MultipleFacesError, NoFaceError

        started = time.perf_counter()
        try:
            encoding = self._encode(rgb, box)
        except MultipleFacesError as exc:  # an encoder that detects for itself saw two faces
            count = int(getattr(exc, "count", 2) or 2)
            return self.faces_in_view(t, max(2, count))
        except NoFaceError:  # nothing to compare on this frame: the next one is compared
            self._last_box = None
            return True
        distance = float(np.linalg.norm(np.asarray(encoding, dtype=np.float64) - self.reference))
        first = not self.comparisons
        self.comparisons.append(Comparison(t, step, index, reason, distance, time.perf_counter() - started))
        self._last_compared = t
        if distance > self.threshold:
            self.failure = Message("liveness.other_person", {"t": float(t), "distance": distance,
                                                             "threshold": self.threshold})
            self._keep(EvidenceFrame(t, step, reason, distance, _jpeg(rgb)), key=True)
            return False
        self._keep_if_useful(t, rgb, step, reason, distance, first)
        return True

    def _keep_if_useful(self, t: float, rgb: np.ndarray, step: str, reason: str, distance: float,
                        first: bool) -> None:
        if first or reason == "done":
            self._keep(EvidenceFrame(t, step, reason, distance, _jpeg(rgb)), key=True)
        elif len(self._key) < self.min_keep:
            self._keep(EvidenceFrame(t, step, reason, distance, _jpeg(rgb)), key=False)

    def _keep(self, frame: EvidenceFrame, *, key: bool) -> None:
        if key:
            self._key.append(frame)
            if len(self._key) > self.max_keep:  # keep the first frame and the latest completions
                del self._key[1]
        else:
            self._fillers.append(frame)
            del self._fillers[:-self.min_keep]

    def step_problem(self, steps: list[str], completed: int) -> Message | None:
        """A completed step whose completing frame was not compared (a frame without pixels)
        leaves it unproven."""
        proven = {c.index for c in self.comparisons if c.reason == "done"}
        for i, step in enumerate(steps[:completed]):
            if i not in proven:
                return Message("liveness.step_not_compared", {"step": step, "index": i + 1})
        return None

    def evidence_frames(self) -> list[EvidenceFrame]:
        """3 to 5 frames (fewer only when the challenge ended early), in time order."""
        need = max(0, self.min_keep - len(self._key))
        chosen = self._key + (self._fillers[-need:] if need else [])
        return sorted(chosen, key=lambda f: f.t)[: self.max_keep]

    def summary(self) -> dict:
        distances = [c.distance for c in self.comparisons]
        return {
            "threshold": self.threshold,
            "model": self.model,
            "compared_frames": len(self.comparisons),
            "tracked_frames": self.tracked_frames,
            "max_distance": round(max(distances), 6) if distances else None,
            "comparisons": [{"t": round(c.t, 3), "step": c.step, "index": c.index, "reason": c.reason,
                             "distance": round(c.distance, 6)} for c in self.comparisons],
            "failure": None if self.failure is None else {"code": self.failure.code,
                                                          "params": dict(self.failure.params)},
            "evidence_frames": [f.as_dict() for f in self.evidence_frames()],
        }


def landmark_box(landmarks) -> FaceBox:
    xs = [p[0] for pts in landmarks.values() for p in pts]
    ys = [p[1] for pts in landmarks.values() for p in pts]
    return FaceBox(int(min(ys)), int(max(xs)), int(max(ys)), int(min(xs)))


def feed(checker, guard: IdentityGuard | None, t: float, rgb: np.ndarray | None, landmarks,
         face_count: int, face_px: float, box=None) -> None:
    """One frame to the landmark checker and, when given, the identity guard (which may fail the
    challenge on this frame)."""
    if guard is not None and not guard.faces_in_view(t, face_count):
        _fail(checker, guard, t)
        return
    before, was_armed = checker.step_index, checker.armed
    checker.feed(t, landmarks, face_count, face_px)
    if guard is None or face_count != 1 or landmarks is None or guard.failed:
        return
    steps = checker.challenge.steps
    event = None
    index = min(checker.step_index, len(steps) - 1)
    if checker.step_index > before:
        event, index = "done", before
    elif checker.armed and not was_armed:
        event = "armed"
    if not guard.observe(t, rgb, box if box is not None else landmark_box(landmarks), steps[index], index,
                         event):
        _fail(checker, guard, t)


def _fail(checker, guard: IdentityGuard, t: float) -> None:
    message = guard.failure
    assert message is not None
    checker.fail(t, message.english(), message.code, dict(message.params))


def finish(checker, guard: IdentityGuard | None, t: float | None):
    """The checker's result, with the identity evidence (summary and kept frames) attached."""
    result = checker.finish(t)
    if guard is None:
        return result
    if result.passed:
        problem = guard.step_problem(list(checker.challenge.steps), checker.step_index)
        if problem is not None:
            result = checker.fail(result.finished_at or 0.0, problem.english(), problem.code,
                                  dict(problem.params))
    result.extra["identity"] = guard.summary()
    result.evidence = guard.evidence_frames()
    return result


def compare_frames(frames, reference: np.ndarray, threshold: float, *, max_frames: int = 5,
                   encoder: Encoder | None = None) -> dict:
    """Frames taken while the subject did something else (spoke the statement): up to
    ``max_frames`` of them, evenly spread, must each show one face, the captured one. Returns the
    evidence (``matched`` and, when not, the coded ``problem``)."""
    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.face.preview import PREVIEW_PIXELS

    encode = encoder or _default_encoder
    rgbs = [getattr(f, "rgb", f) for f in frames]
    if len(rgbs) > max_frames:
        rgbs = [rgbs[round(i * (len(rgbs) - 1) / (max_frames - 1))] for i in range(max_frames)]
    ref = np.asarray(reference, dtype=np.float64).reshape(-1)
    distances: list[float] = []
    problem = None
    for rgb in rgbs:
        faces = detect_faces(rgb, target_pixels=PREVIEW_PIXELS, max_scale=1.0).faces
        if len(faces) != 1:
            problem = (Message("statement.two_faces", {"faces": len(faces)}) if faces
                       else Message("statement.no_face"))
            break
        distance = float(np.linalg.norm(np.asarray(encode(rgb, faces[0]), dtype=np.float64) - ref))
        distances.append(distance)
        if distance > threshold:
            problem = Message("statement.face_mismatch",
                              {"distance": distance, "threshold": float(threshold)})
            break
    return {"frames": len(rgbs), "compared": len(distances), "threshold": float(threshold),
            "max_distance": round(max(distances), 6) if distances else None,
            "matched": problem is None and bool(distances),
            "problem": None if problem is None else {"code": problem.code, "params": dict(problem.params)}}
