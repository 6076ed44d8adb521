"""Active liveness: synthesised landmark sequences, real clip frames, still images."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from facehelpers import synth_landmarks

from consent_app.biometrics.face.liveness import (
    ACTIONS,
    Challenge,
    LivenessChecker,
    LivenessConfig,
)

FPS = 30.0


def _run(steps, poses, config=None):
    """Feed (yaw, pitch, openness) tuples at 30 fps; returns the result."""
    checker = LivenessChecker(Challenge(tuple(steps), "test-nonce"), config)
    t = 0.0
    for yaw, pitch, openness in poses:
        checker.feed(t, synth_landmarks(yaw, pitch, openness))
        t += 1 / FPS
        if checker.done:
            break
    return checker.finish(t)


def _hold(n, yaw=0.0, pitch=0.0, openness=1.0):
    return [(yaw, pitch, openness)] * n


def _blink():
    return [(0, 0, o) for o in (1, 0.7, 0.3, 0.1, 0.2, 0.6, 1, 1)]


def _turn(sign):
    ramp = [sign * 0.35 * math.sin(math.pi * k / 20) for k in range(21)]
    return [(y, 0, 1) for y in ramp]


def _nod():
    return [(0, 0.25 * math.sin(math.pi * k / 16), 1) for k in range(17)]


MOVES = {"blink": _blink, "turn_left": lambda: _turn(1), "turn_right": lambda: _turn(-1),
         "nod": _nod}


@pytest.mark.parametrize("steps", [("blink",), ("turn_left",), ("turn_right",), ("nod",),
                                   ("turn_right", "blink", "turn_left"),
                                   ("blink", "turn_left", "turn_right", "nod")])
def test_performed_challenge_passes(steps):
    poses = _hold(10)
    for s in steps:
        poses += MOVES[s]() + _hold(5)
    result = _run(steps, poses)
    assert result.passed, result.to_dict()
    assert [s.passed for s in result.steps] == [True] * len(steps)
    assert all(s.done_at is not None for s in result.steps)


def test_wrong_order_fails():
    poses = _hold(10) + _turn(1) + _hold(5) + _blink() + _hold(400)
    result = _run(("blink", "turn_left"), poses)
    # The turn came first; the blink then completes step 1, and no left turn follows.
    assert not result.passed
    assert result.steps[0].passed
    assert not result.steps[1].passed
    assert "no turn left" in result.reason


def test_turning_the_wrong_way_fails():
    result = _run(("turn_left",), _hold(10) + _turn(-1) * 3 + _hold(300))
    assert not result.passed
    assert result.steps[0].peak < 0.05  # never turned towards the left


def test_still_photo_fails_and_is_called_out():
    result = _run(("blink", "turn_left"), _hold(600))
    assert not result.passed
    assert "did not move at all" in result.reason


def test_flat_photo_moved_tilted_and_rotated_fails():
    """Rotating, tilting (foreshortening) or shearing a printed photo changes the 2-D landmarks a
    lot but is not a head turn or a blink."""
    checker = LivenessChecker(Challenge(("turn_left", "blink"), "n"))
    t = 0.0
    for k in range(400):
        ang = 0.5 * math.sin(k / 15)  # ±29° in-plane rotation
        tilt = 0.55 + 0.45 * abs(math.cos(k / 11))  # held at an angle: 0.55..1 foreshortening
        vert = 0.6 + 0.4 * abs(math.cos(k / 7))
        shear = 0.3 * math.sin(k / 9)
        a, b = tilt * math.cos(ang), -vert * math.sin(ang) + shear
        c, d = tilt * math.sin(ang), vert * math.cos(ang)
        checker.feed(t, synth_landmarks(affine=(a, b, c, d), center=(300 + k, 220)))
        t += 1 / FPS
    result = checker.finish(t)
    assert not result.passed
    assert not result.steps[0].passed
    assert abs(result.steps[0].peak) < 0.01


def test_no_face_and_two_faces_are_not_usable():
    checker = LivenessChecker(Challenge(("blink",), "n"), LivenessConfig(step_timeout=2))
    t = 0.0
    for _ in range(100):
        checker.feed(t, None, face_count=0)
        t += 1 / FPS
    result = checker.finish()
    assert not result.passed
    assert "no usable face" in result.reason
    checker = LivenessChecker(Challenge(("turn_left",), "n"))
    for k, (y, p, o) in enumerate(_hold(10) + _turn(1)):
        checker.feed(k / FPS, synth_landmarks(y, p, o), face_count=2)
    assert not checker.finish().passed


def test_time_limit():
    cfg = LivenessConfig(step_timeout=3.0, total_timeout=5.0)
    slow = _hold(10) + _hold(100) + _turn(1)  # the turn starts after ~3.7 s
    result = _run(("turn_left",), slow, cfg)
    assert not result.passed
    assert "within 3 s" in result.reason


def test_frames_out_of_order_are_refused():
    checker = LivenessChecker(Challenge(("blink",), "n"))
    checker.feed(1.0, synth_landmarks())
    with pytest.raises(ValueError, match="time order"):
        checker.feed(0.5, synth_landmarks())


def test_challenge_draw_is_random_with_nonce():
    drawn = [Challenge.draw(3) for _ in range(40)]
    assert len({c.nonce for c in drawn}) == 40
    assert all(len(c.nonce) == 32 for c in drawn)
    assert len({c.steps for c in drawn}) > 3
    for c in drawn:
        assert all(s in ACTIONS for s in c.steps)
        assert all(a != b for a, b in zip(c.steps, c.steps[1:], strict=False))
        assert len(c.prompts()) == 3
    with pytest.raises(ValueError, match="at least one"):
        Challenge.draw(0)


def test_result_is_serialisable_evidence():
    poses = _hold(10) + _blink() + _hold(5)
    result = _run(("blink",), poses)
    body = json.loads(result.to_json())
    assert body["challenge"] == ["blink"]
    assert body["nonce"] == "test-nonce"
    assert body["passed"] is True
    assert body["steps"][0]["action"] == "blink"
    assert body["steps"][0]["done_at"] is not None
    assert body["duration"] > 0
    assert len(body["frames_sha256"]) == 64


def _replay(trace, steps):
    checker = LivenessChecker(Challenge(tuple(steps), "clip"))
    for t, lm, n, px in trace:
        checker.feed(t, lm, n, px)
        if checker.done:
            break
    return checker.finish(trace[-1][0])


def test_real_clip_head_turn_is_detected(clip_trace):
    # In the clip the person faces the camera, then turns to their right (yaw < -0.3).
    result = _replay(clip_trace, ("turn_right",))
    assert result.passed, result.to_dict()
    assert result.steps[0].peak > 0.2


def test_real_clip_does_not_pass_actions_it_does_not_contain(clip_trace):
    for steps in (("turn_left",), ("blink",), ("turn_right", "blink", "turn_left")):
        result = _replay(clip_trace, steps)
        assert not result.passed, steps


def test_run_liveness_end_to_end_on_clip_and_still(faces_dir: Path, photos: dict):
    from consent_app.biometrics.face.capture import CaptureSession
    from consent_app.biometrics.face.sources import StillImageSource, VideoFileSource

    session = CaptureSession()
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        live = session.run_liveness(src, Challenge(("turn_right",), "n1"))
    assert live.passed
    still = StillImageSource(photos["obama.jpg"], repeat=50, fps=5.0)  # 10 s of a photo
    fake = session.run_liveness(still, Challenge(("blink", "turn_left"), "n2"))
    assert not fake.passed
    assert "did not move" in fake.reason
    assert [r.nonce for r in session.liveness] == ["n1", "n2"]


def test_camera_below_and_beside_the_screen():
    """The resting pose is learnt first: a constant offset (camera low and to the side) neither
    blocks the steps nor counts as a turn."""
    y0, p0 = 0.15, -0.2
    poses = _hold(10, y0, p0)
    for s in ("turn_right", "blink", "nod", "turn_left"):
        poses += [(y0 + y, p0 + p, o) for y, p, o in MOVES[s]()] + _hold(5, y0, p0)
    assert _run(("turn_right", "blink", "nod", "turn_left"), poses).passed
    held = _run(("turn_left",), _hold(400, y0 + 0.1, p0))  # merely offset: no turn
    assert not held.passed


def test_resting_pose_is_not_learnt_while_looking_away():
    # The first frames look far away (beyond the looking-away gate); they do not set the rest
    # pose, so turning back to the camera is not mistaken for a turn.
    poses = _hold(10, -0.4) + _hold(10) + _hold(300)
    result = _run(("turn_left",), poses)
    assert not result.passed


def test_every_failure_reason_is_coded_with_its_parameters():
    """The UI words a failure from its code; the English reason stays for the CLI and the record."""
    from consent_app.messages import Message

    still = _run(("blink", "turn_left"), _hold(600))
    assert still.code == "liveness.face_still"
    assert still.params["reason"] == Message("liveness.no_blink", {"seconds": 8.0})
    assert still.reason == str(Message(still.code, still.params))
    assert still.to_dict()["params"]["reason"]["code"] == "liveness.no_blink"  # plain JSON
    json.dumps(still.to_dict())
    late = _run(("turn_left",), _hold(10) + _hold(100) + _turn(1), LivenessConfig(step_timeout=3.0))
    assert late.params["reason"] == Message("liveness.no_turn_left", {"seconds": 3.0})
    wrong_way = _run(("turn_left",), _hold(10) + _turn(-1) * 3 + _hold(300))
    assert (wrong_way.code, wrong_way.params) == ("liveness.no_turn_left", {"seconds": 8.0})
    assert wrong_way.reason == "no turn left within 8 s"
    checker = LivenessChecker(Challenge(("nod",), "n"))
    checker.feed(0.0, None, face_count=0)
    assert checker.finish().code == "liveness.no_usable_face"
    passed = _run(("blink",), _hold(10) + _blink() + _hold(5))
    assert passed.passed
    assert (passed.code, passed.params) == ("", {})
