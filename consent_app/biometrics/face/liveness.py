"""Active liveness challenge: a random sequence of head/eye actions checked from landmarks.

A session draws a sequence (e.g. ``turn_right, blink, turn_left``) and a nonce with ``secrets``.
The subject performs the actions in order within a time limit; each frame's landmarks are fed to
:class:`LivenessChecker`, a pure state machine (no dlib needed, so it is tested with synthesised
landmark sequences). A step is armed only when the face is neutral (frontal, eyes open), then
completed by the action's event. Poses are measured relative to the subject's resting pose,
learnt from the first frames ("look straight at the camera"), so a camera mounted below or beside
the screen does not stop anyone from passing:

- ``blink``: eye openness falls below ``blink_close`` × the open-eye baseline, then recovers;
- ``turn_left`` / ``turn_right``: yaw beyond ± ``turn_yaw`` (subject's own left/right, frame not
  mirrored);
- ``nod``: pitch beyond ``nod_pitch`` (head down), then back.

Pose and openness are measured in an affine frame of the face (see :mod:`.geometry`), so moving,
tilting or rotating a printed photo produces none of these events; a still image or a frozen frame
produces no event at all and fails on time.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import statistics
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from consent_app.biometrics.face.geometry import Landmarks, eye_openness, head_pose
from consent_app.messages import Message, define

# Why a challenge failed, coded for the UI (``LivenessResult.code``/``params``; ``reason`` is the English).
# The failures of the identity binding are coded in :mod:`.liveness_identity`.
MESSAGES = define({
    "liveness.time_limit": "time limit of {seconds:.0f} s reached",
    "liveness.no_blink": "no blink within {seconds:.0f} s",
    "liveness.no_turn_left": "no turn left within {seconds:.0f} s",
    "liveness.no_turn_right": "no turn right within {seconds:.0f} s",
    "liveness.no_nod": "no nod within {seconds:.0f} s",
    "liveness.ended_early": "the session ended before the challenge was completed",
    "liveness.no_usable_face": "no usable face was seen (one face, close enough to the camera)",
    "liveness.face_still": "{reason}; the face did not move at all (photo or frozen image?)",
    # the actions by name (a ``step`` parameter holding an action is worded with these)
    "liveness.action.blink": "blink",
    "liveness.action.turn_left": "turn left",
    "liveness.action.turn_right": "turn right",
    "liveness.action.nod": "nod",
})

ACTIONS = ("blink", "turn_left", "turn_right", "nod")
DEFAULT_POOL = ("blink", "turn_left", "turn_right")
PROMPTS = {
    "blink": "Blink slowly",
    "turn_left": "Turn your head to your left",
    "turn_right": "Turn your head to your right",
    "nod": "Nod: tilt your head down, then back",
}


@dataclass(frozen=True)
class LivenessConfig:
    step_timeout: float = 8.0  # seconds allowed for each step once the previous one is done
    total_timeout: float = 30.0
    neutral_yaw: float = 0.10  # |yaw - resting yaw| below this counts as facing the camera
    neutral_pitch: float = 0.10
    max_rest_yaw: float = 0.25  # frames further from frontal than this do not teach the rest pose
    max_rest_pitch: float = 0.30
    turn_yaw: float = 0.20
    nod_pitch: float = 0.15
    blink_close: float = 0.55  # closed when openness < this × baseline
    blink_open: float = 0.80  # reopened when openness > this × baseline
    baseline_frames: int = 5  # frames needed to learn the resting pose and open-eye baseline
    min_face_px: int = 80


@dataclass(frozen=True)
class Challenge:
    steps: tuple[str, ...]
    nonce: str

    @classmethod
    def draw(cls, length: int = 3, pool: Sequence[str] = DEFAULT_POOL) -> Challenge:
        """A random sequence (no action twice in a row) with a 128-bit nonce."""
        if length < 1:
            raise ValueError("a challenge has at least one step")
        unknown = set(pool) - set(ACTIONS)
        if unknown or len(pool) < 2:
            raise ValueError(f"challenge actions must be two or more of {ACTIONS}")
        rng = secrets.SystemRandom()
        steps: list[str] = []
        for _ in range(length):
            steps.append(rng.choice([a for a in pool if not steps or a != steps[-1]]))
        return cls(tuple(steps), secrets.token_hex(16))

    def prompts(self) -> list[str]:
        return [PROMPTS[s] for s in self.steps]


@dataclass
class StepOutcome:
    action: str
    passed: bool = False
    armed_at: float | None = None
    done_at: float | None = None
    peak: float | None = None  # strongest yaw / pitch / lowest openness ratio observed
    reason: str = ""


@dataclass
class LivenessResult:
    challenge: list[str]
    nonce: str
    passed: bool
    reason: str
    steps: list[StepOutcome]
    started_at: float | None
    finished_at: float | None
    frames: int
    frames_with_face: int
    model: str = "dlib-68-landmarks/affine-pose-v1"
    frames_sha256: str = ""  # digest of the per-frame measurements, binds the evidence to them
    extra: dict = field(default_factory=dict)
    code: str = ""  # message code of the failure reason, when it has one (see .liveness_identity)
    params: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list, repr=False)  # EvidenceFrame (JPEG bytes): not in to_dict

    def to_dict(self) -> dict:
        evidence, self.evidence = self.evidence, []
        try:
            d = asdict(self)
        finally:
            self.evidence = evidence
        del d["evidence"]
        d["params"] = {k: _plain(v) for k, v in self.params.items()}  # a nested reason as plain JSON
        d["duration"] = (
            round(self.finished_at - self.started_at, 3)
            if self.started_at is not None and self.finished_at is not None
            else None
        )
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)


class LivenessChecker:
    """Feed frames in time order with :meth:`feed`; read :attr:`result` when :attr:`done`."""

    def __init__(self, challenge: Challenge, config: LivenessConfig | None = None) -> None:
        self.challenge = challenge
        self.cfg = config or LivenessConfig()
        self.steps = [StepOutcome(a) for a in challenge.steps]
        self._i = 0
        self._start: float | None = None
        self._step_start: float | None = None
        self._last: float | None = None
        self._baseline: deque[float] = deque(maxlen=15)
        self._rest: tuple[float, float] | None = None  # resting (yaw, pitch)
        self._rest_frames: list[tuple[float, float]] = []
        self._closed = False
        self._away = False
        self._frames = 0
        self._with_face = 0
        self._digest = hashlib.sha256()
        self._trace: list[tuple[float, float, float]] = []
        self.result: LivenessResult | None = None

    @property
    def done(self) -> bool:
        return self.result is not None

    @property
    def step_index(self) -> int:
        """Steps completed so far (the index of the current step)."""
        return self._i

    @property
    def armed(self) -> bool:
        """The current step is armed (the subject was neutral; the action is awaited)."""
        return self._i < len(self.steps) and self.steps[self._i].armed_at is not None

    def fail(self, t: float, reason: str, code: str = "", params: dict | None = None) -> LivenessResult:
        """Fail the challenge now (even one that just passed), e.g. another person was seen."""
        if self.result is None:
            self._finish(t, Message(code, params) if code else Message("liveness.ended_early"))
        assert self.result is not None
        self.result.passed = False
        self.result.reason = reason
        self.result.code = code
        self.result.params = dict(params or {})
        return self.result

    @property
    def current(self) -> str | None:
        return None if self.done or self._i >= len(self.steps) else self.steps[self._i].action

    def prompt(self) -> str:
        step = self.current
        if step is None:
            return "Done"
        if self.steps[self._i].armed_at is None:
            return "Look straight at the camera"
        return PROMPTS[step]

    def feed(
        self, t: float, landmarks: Landmarks | None, face_count: int = 1, face_px: float = 999.0
    ) -> str | None:
        """One frame at time ``t`` (seconds). ``landmarks`` of the single face, or None when no
        usable face is visible. Returns the current step's action (None when finished)."""
        if self.done:
            return None
        if self._last is not None and t < self._last:
            raise ValueError("frames must be fed in time order")
        self._last = t
        if self._start is None:
            self._start = self._step_start = t
        self._frames += 1
        usable = landmarks is not None and face_count == 1 and face_px >= self.cfg.min_face_px
        if usable:
            try:
                pose = head_pose(landmarks)
                openness = eye_openness(landmarks)
            except ValueError:
                usable = False
        if usable:
            self._with_face += 1
            self._digest.update(f"{t:.3f},{pose.yaw:.4f},{pose.pitch:.4f},{openness:.4f};".encode())
            self._trace.append((pose.yaw, pose.pitch, openness))
            self._step(t, pose.yaw, pose.pitch, openness)
        if self.done:
            return None
        start = self._start if self._start is not None else t
        step_start = self._step_start if self._step_start is not None else t
        if t - start > self.cfg.total_timeout:
            self._finish(t, Message("liveness.time_limit", {"seconds": float(self.cfg.total_timeout)}))
        elif t - step_start > self.cfg.step_timeout:
            self._finish(t, Message(f"liveness.no_{self.current}", {"seconds": float(self.cfg.step_timeout)}))
        return self.current

    def finish(self, t: float | None = None) -> LivenessResult:
        """End the session now (e.g. the video ended); unfinished steps fail."""
        if not self.done:
            self._finish(t if t is not None else (self._last or 0.0), Message("liveness.ended_early"))
        assert self.result is not None
        return self.result

    # -- internals --------------------------------------------------------------------------
    def _neutral(self, yaw: float, pitch: float) -> bool:
        return abs(yaw) < self.cfg.neutral_yaw and abs(pitch) < self.cfg.neutral_pitch

    def _step(self, t: float, yaw: float, pitch: float, openness: float) -> None:
        cfg = self.cfg
        step = self.steps[self._i]
        if self._rest is None:
            if abs(yaw) < cfg.max_rest_yaw and abs(pitch) < cfg.max_rest_pitch:
                self._rest_frames.append((yaw, pitch))
                self._baseline.append(openness)
            if len(self._rest_frames) < cfg.baseline_frames:
                return
            self._rest = (statistics.median(y for y, _ in self._rest_frames),
                          statistics.median(p for _, p in self._rest_frames))
        yaw, pitch = yaw - self._rest[0], pitch - self._rest[1]
        neutral = self._neutral(yaw, pitch)
        if neutral and not self._closed:
            self._baseline.append(openness)
        if step.armed_at is None:
            if neutral and self._baseline:
                step.armed_at = t
                self._closed = False
                self._away = False
            return
        action = step.action
        if action == "blink":
            base = statistics.median(self._baseline) if self._baseline else openness
            ratio = openness / base if base > 0 else 1.0
            step.peak = ratio if step.peak is None else min(step.peak, ratio)
            if not self._closed and ratio < cfg.blink_close:
                self._closed = True
            elif self._closed and ratio > cfg.blink_open:
                self._closed = False
                self._complete(t)
        elif action in ("turn_left", "turn_right"):
            signed = yaw if action == "turn_left" else -yaw
            step.peak = signed if step.peak is None else max(step.peak, signed)
            if signed > cfg.turn_yaw:
                self._complete(t)
        elif action == "nod":
            step.peak = pitch if step.peak is None else max(step.peak, pitch)
            if pitch > cfg.nod_pitch:
                self._away = True
            elif self._away and neutral:
                self._complete(t)

    def _complete(self, t: float) -> None:
        step = self.steps[self._i]
        step.passed = True
        step.done_at = t
        self._i += 1
        self._step_start = t
        if self._i >= len(self.steps):
            self._finish(t, None)

    def _finish(self, t: float, reason: Message | None) -> None:
        passed = reason is None and all(s.passed for s in self.steps)
        if not passed:
            for s in self.steps:
                if not s.passed and not s.reason:
                    s.reason = "not performed" if s.armed_at is not None else "not reached"
            if self._with_face == 0:
                reason = Message("liveness.no_usable_face")
            elif self._still():
                reason = Message("liveness.face_still", {"reason": reason or Message("liveness.ended_early")})
        failure = None if passed else (reason or Message("liveness.ended_early"))
        self.result = LivenessResult(
            challenge=list(self.challenge.steps),
            nonce=self.challenge.nonce,
            passed=passed,
            reason="all steps performed in order" if failure is None else failure.english(),
            code="" if failure is None else failure.code,
            params={} if failure is None else dict(failure.params),
            steps=self.steps,
            started_at=self._start,
            finished_at=t,
            frames=self._frames,
            frames_with_face=self._with_face,
            frames_sha256=self._digest.hexdigest(),
        )

    def _still(self) -> bool:
        if len(self._trace) < 3:
            return False
        spans = [max(v) - min(v) for v in zip(*self._trace, strict=True)]
        return spans[0] < 0.02 and spans[1] < 0.02 and spans[2] < 0.01


def _plain(value: object) -> object:
    return value.as_dict() if isinstance(value, Message) else value
