"""Liveness bound to identity: the challenge's frames are compared with the captured face
(real face_recognition on the shared clip and photos; the clip is the file-backed camera)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from consent_app.biometrics.face.liveness import Challenge
from consent_app.biometrics.face.liveness_identity import IdentityGuard
from consent_app.messages import template

CLIP = "short_hamilton_clip.mp4"
THRESHOLD = 0.50
#: The clip's faces are small (~86 px) and blurred: against one captured frame, the same person's other
#: frames lie at 0.47-0.62 over the whole clip, but at <= 0.48 from frame 146 to 210 against frame 160.
#: The file-backed camera therefore starts at frame 146 (the subject walks into view), and the
#: capture is frame 160. Another person fills the frame from frame 217 (0.66-0.85).
START, CAPTURED = 146, 160


def _camera(faces_dir: Path, start: int = START):
    """The clip as a camera switched on at frame ``start``."""
    from consent_app.biometrics.face.sources import VideoFileSource

    src = VideoFileSource(faces_dir / CLIP)
    for _ in range(start):
        src.read()
    return src


@pytest.fixture(scope="module")
def clip_face(faces_dir: Path) -> np.ndarray:
    """The live capture: the encoding of the clip's main person (frame 150), as the app captures it."""
    from consent_app.biometrics.face.capture import capture_frame
    from consent_app.biometrics.face.sources import VideoFileSource, frames

    with VideoFileSource(faces_dir / CLIP) as src:
        frame = list(frames(src, CAPTURED + 1))[-1]
    return capture_frame(frame).sample.encoding


def _run(faces_dir: Path, reference: np.ndarray, steps: tuple[str, ...], **guard_kw):
    from consent_app.biometrics.face.capture import CaptureSession

    guard = IdentityGuard(reference, THRESHOLD, **guard_kw)
    with _camera(faces_dir) as src:
        result = CaptureSession().run_liveness(src, Challenge(steps, "nonce-1"), identity=guard)
    return result, guard


def test_the_captured_person_doing_the_challenge_passes_with_compared_frames_kept(faces_dir, clip_face):
    result, _guard = _run(faces_dir, clip_face, ("turn_right",))
    assert result.passed, result.to_dict()
    identity = result.extra["identity"]
    assert identity["failure"] is None
    assert identity["max_distance"] <= THRESHOLD
    reasons = [c["reason"] for c in identity["comparisons"]]
    assert reasons[0] == "start"
    assert "done" in reasons  # the completing frame itself was compared
    kept = result.evidence
    assert 3 <= len(kept) <= 5
    assert all(f.jpeg[:2] == b"\xff\xd8" for f in kept)  # JPEG
    assert [f["sha256"] for f in identity["evidence_frames"]] == [f.sha256 for f in kept]
    assert any(f.reason == "done" for f in kept)
    # the bytes never reach the JSON evidence
    assert "jpeg" not in result.to_json()
    assert "evidence" not in result.to_dict()


def test_another_person_doing_the_challenge_fails_with_a_coded_reason(faces_dir, photos):
    from consent_app.biometrics.face.analysis import encode_single

    obama = encode_single(photos["obama.jpg"]).encoding  # the captured face is someone else
    result, guard = _run(faces_dir, obama, ("turn_right",))
    assert not result.passed
    assert result.code == "liveness.other_person"
    assert result.params["distance"] > THRESHOLD
    assert "not the captured face" in result.reason
    assert len(guard.comparisons) == 1  # failed on the first compared frame
    assert len(result.evidence) == 1  # the offending frame is kept as evidence


def test_a_person_change_midway_is_caught(faces_dir, clip_face):
    """The clip's main person turns, then another person fills the frame: a challenge still running
    then fails on that other person."""
    result, _guard = _run(faces_dir, clip_face, ("turn_right", "turn_left"))
    assert not result.passed
    assert result.code == "liveness.other_person", result.reason
    assert result.params["t"] > 2.0  # the other person appears ~2.4 s after the camera started
    assert result.steps[0].passed  # the main person's turn was fine


def test_two_faces_in_view_fail_the_challenge(photos):
    from consent_app.biometrics.face.capture import CaptureSession
    from consent_app.biometrics.face.sources import StillImageSource

    obama = photos["obama.jpg"]
    from consent_app.biometrics.face.analysis import encode_single

    guard = IdentityGuard(encode_single(obama).encoding, THRESHOLD)
    src = StillImageSource(photos["two_people.jpg"], repeat=5, fps=5.0)
    result = CaptureSession().run_liveness(src, Challenge(("blink",), "n"), identity=guard)
    assert not result.passed
    assert result.code == "liveness.two_faces"
    assert result.params["faces"] == 2


def test_sampling_compares_at_least_every_step_and_periodically():
    """Synthetic boxes, a counting encoder: the first frame, each armed and completed step and
    every ``recheck_every`` seconds are compared; a jump of the face box forces a comparison."""
    calls = []

    def encoder(rgb, box):
        calls.append(box)
        return np.zeros(128)

    class B:
        def __init__(self, x):
            self.left, self.right, self.top, self.bottom = x, x + 100, 50, 150
            self.width = self.height = 100

    guard = IdentityGuard(np.zeros(128), THRESHOLD, encoder=encoder, recheck_every=1.0)
    rgb = np.zeros((200, 400, 3), np.uint8)
    assert guard.observe(0.0, rgb, B(10), "blink", 0, None)  # first: compared
    assert guard.observe(0.1, rgb, B(12), "blink", 0, None)  # tracked only
    assert guard.observe(0.2, rgb, B(14), "blink", 0, "armed")  # armed: compared
    assert guard.observe(0.3, rgb, B(200), "blink", 0, None)  # box jumped: compared
    assert guard.observe(0.4, rgb, B(202), "blink", 0, "done")  # done: compared
    assert guard.observe(1.5, rgb, B(203), "turn_left", 1, None)  # a gap in the tracking: compared
    assert guard.observe(1.6, rgb, B(204), "turn_left", 1, None)
    assert guard.observe(2.6, rgb, B(205), "turn_left", 1, None)  # 1 s since the last: compared
    assert [c.reason for c in guard.comparisons] == ["start", "armed", "recheck", "done", "recheck",
                                                      "recheck"]
    assert guard.step_problem(["blink", "turn_left"], 1) is None
    assert guard.step_problem(["blink", "turn_left"], 2).code == "liveness.step_not_compared"


def test_frames_without_pixels_leave_the_steps_unproven():
    from facehelpers import synth_landmarks

    from consent_app.biometrics.face import liveness_identity as bound
    from consent_app.biometrics.face.liveness import LivenessChecker

    checker = LivenessChecker(Challenge(("blink",), "n"))
    guard = IdentityGuard(np.zeros(128), THRESHOLD, encoder=lambda rgb, box: np.zeros(128))
    t = 0.0
    for o in [1.0] * 10 + [1, 0.7, 0.3, 0.1, 0.2, 0.6, 1, 1]:
        bound.feed(checker, guard, t, None, synth_landmarks(0, 0, o), 1, 200.0)
        t += 1 / 30
    result = bound.finish(checker, guard, t)
    assert not result.passed
    assert result.code == "liveness.step_not_compared"


def test_every_reason_has_an_english_template():
    import consent_app.session.flow  # noqa: F401  (the flow's own liveness codes)

    for code in ("liveness.other_person", "liveness.two_faces", "liveness.step_not_compared",
                 "liveness.face_recaptured", "liveness.not_bound", "liveness.needs_face"):
        assert template(code)
