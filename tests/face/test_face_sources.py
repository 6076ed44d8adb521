"""Frame sources, the camera that disappears, capture gating, and the newest-frame preview."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from consent_app.biometrics.face.capture import CaptureSession, capture_frame
from consent_app.biometrics.face.errors import CameraError, CameraLostError, QualityError
from consent_app.biometrics.face.liveness import Challenge
from consent_app.biometrics.face.preview import PreviewWorker, analyse_preview
from consent_app.biometrics.face.sources import (
    CameraSource,
    Frame,
    FrameSource,
    StillImageSource,
    VideoFileSource,
    frames,
    list_cameras,
)
from consent_app.errors import InputError


class FakeCapture:
    """Hardware double for cv2.VideoCapture: plays BGR frames, then the device vanishes."""

    def __init__(self, bgr_frames: list[np.ndarray], opened: bool = True) -> None:
        self._frames = list(bgr_frames)
        self._opened = opened
        self.released = False

    def isOpened(self) -> bool:  # OpenCV's method name
        return self._opened

    def read(self):
        if self._frames:
            return True, self._frames.pop(0)
        return False, None

    def release(self) -> None:
        self.released = True


def _bgr(rgb: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rgb[:, :, ::-1])


def test_video_file_source(faces_dir: Path):
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        assert isinstance(src, FrameSource)
        got = list(frames(src))
    assert len(got) == 275
    assert got[0].rgb.shape == (360, 640, 3)
    assert got[-1].index == 274
    assert got[30].timestamp == pytest.approx(30 / src.fps)


def test_video_file_errors(tmp_path: Path):
    with pytest.raises(InputError, match="no such video"):
        VideoFileSource(tmp_path / "missing.mp4")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(InputError, match="not a readable video"):
        VideoFileSource(bad)


def test_still_image_source(photos: dict):
    src = StillImageSource(photos["obama_small.jpg"], repeat=3, fps=10)
    got = list(frames(src))
    assert [f.timestamp for f in got] == [0.0, 0.1, 0.2]
    assert src.read() is None
    with pytest.raises(ValueError, match="uint8"):
        StillImageSource(np.zeros((4, 4), np.float32))


def test_camera_that_cannot_open():
    with pytest.raises(CameraError, match="cannot be opened"):
        CameraSource(3, capture_factory=lambda i: FakeCapture([], opened=False))


def test_camera_disappearing_mid_session_keeps_the_captures(photos: dict):
    rgb = photos["obama.jpg"]
    fake = FakeCapture([_bgr(rgb)] * 3)
    cam = CameraSource(0, retries=2, capture_factory=lambda i: fake)
    session = CaptureSession()
    first = session.capture(cam)
    assert first.sample.encoding.shape == (128,)
    frame = cam.read()
    assert frame.index == 1
    assert np.array_equal(frame.rgb, rgb)  # BGR from the device is turned back into RGB
    cam.read()
    with pytest.raises(CameraLostError, match="stopped delivering frames after 3 frames") as info:
        session.capture(cam)
    assert "what was captured is kept" in info.value.message
    assert session.captures == [first]
    # A liveness challenge on the lost camera ends as a failed, recorded result.
    result = session.run_liveness(cam, Challenge(("blink",), "n"))
    assert not result.passed
    assert result.reason.startswith("camera lost:")
    assert session.liveness == [result]
    cam.close()
    assert fake.released


def test_capture_waits_for_a_frame_that_passes_every_gate(photos: dict):
    import cv2

    good = photos["obama.jpg"]
    blurred = cv2.GaussianBlur(good, (0, 0), 6)
    dark = (good * 0.2).astype(np.uint8)
    blank = np.full_like(good, 120)
    seq = [blank, photos["two_people.jpg"], blurred, dark, good]

    class Seq:
        name = "seq"

        def __init__(self):
            self.i = 0

        def read(self):
            if self.i >= len(seq):
                return None
            f = Frame(seq[self.i], self.i, self.i / 30)
            self.i += 1
            return f

        def close(self):
            pass

    session = CaptureSession()
    cap = session.capture(Seq())
    assert cap.frame_index == 4
    assert cap.mime == "image/jpeg"
    assert cap.image[:2] == b"\xff\xd8"
    with pytest.raises(QualityError, match=r"No capture taken: .*too dark") as info:
        session.capture(StillImageSource(dark, repeat=3))
    assert info.value.code == "too_dark"
    assert len(session.captures) == 1


def test_capture_frame_reports_the_gate(photos: dict):
    with pytest.raises(QualityError, match="Face too small"):
        capture_frame(Frame(photos["obama-240p.jpg"], 0, 0.0))


def test_list_cameras_does_not_fail():
    cams = list_cameras()
    assert all(c.index >= 0 and c.name for c in cams)


def test_preview_reports_box_and_gate_for_clip_frames(faces_dir: Path):
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        clip = list(frames(src))
    boxes, report = analyse_preview(clip[150].rgb)
    assert len(boxes) == 1
    assert 60 <= boxes[0].width <= 130
    assert report.code in ("ok", "looking_away")
    boxes, report = analyse_preview(clip[40].rgb)
    assert report.code == "no_face"


def test_preview_worker_drops_stale_frames_and_reports_the_newest(faces_dir: Path):
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        clip = list(frames(src, limit=200))
    results = []
    lock = threading.Lock()

    def on_result(r):
        with lock:
            results.append(r.frame_index)

    with PreviewWorker(on_result) as worker:
        for f in clip:  # submitted far faster than they can be analysed
            worker.submit(f)
        assert worker.wait_idle(60)
        latest = worker.latest()
    assert worker.error is None
    assert worker.submitted == 200
    assert worker.dropped > 100
    assert worker.processed + worker.dropped == 200
    assert latest.frame_index == 199  # the newest frame is never dropped
    assert results == sorted(results)
    assert latest.latency >= latest.seconds


def test_preview_worker_drops_no_frame_it_keeps_up_with(faces_dir: Path):
    """A frame that arrives once the previous one was analysed is never dropped. (Whether analysis keeps
    up with a camera's rate is a timing figure: bench/face.py's preview_fps_one_core, not a test that a
    loaded machine would fail.)"""
    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        clip = list(frames(src, limit=20))
    with PreviewWorker() as worker:
        for f in clip:
            assert worker.submit(f) is False  # replaced nothing: the mailbox was empty
            assert worker.wait_idle(60)  # analysed before the next arrives
    assert worker.dropped == 0
    assert worker.processed == 20


def test_preview_results_feed_the_liveness_check(faces_dir: Path):
    """The UI can run the challenge from the preview worker's results (no second detector)."""
    from consent_app.biometrics.face.liveness import LivenessChecker

    with VideoFileSource(faces_dir / "short_hamilton_clip.mp4") as src:
        clip = list(frames(src, limit=140))[85:]
    results = []
    with PreviewWorker(results.append) as worker:
        for f in clip:
            worker.submit(f)
            assert worker.wait_idle(60)
    assert len(results) == len(clip)
    checker = LivenessChecker(Challenge(("turn_right",), "n"))
    for r in results:
        checker.feed(*r.liveness_sample())
    result = checker.finish()
    assert result.passed, result.to_dict()
    sample = results[-1].liveness_sample()
    assert sample[2] == 1
    assert sample[1] is not None
    assert sample[3] >= 80


def test_capture_catches_a_bystander_the_preview_scan_misses(photos: dict):
    """A second, smaller face in a 1080p frame: too small for the cheap preview scan, but the
    capture's finer scan sees it and refuses the capture."""
    import cv2

    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.face.preview import PREVIEW_PIXELS

    frame = cv2.resize(photos["obama.jpg"], (864, 1080))
    canvas = np.full((1080, 1920, 3), 110, np.uint8)
    canvas[:, :864] = frame
    canvas[500:740, 1500:1740] = cv2.resize(photos["biden.jpg"][100:800, 250:950], (240, 240))
    preview = detect_faces(canvas, target_pixels=PREVIEW_PIXELS, escalate=0, max_scale=1.0)
    assert len(preview.faces) == 1
    with pytest.raises(QualityError, match="2 faces found"):
        capture_frame(Frame(canvas, 0, 0.0))
