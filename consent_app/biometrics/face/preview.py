"""Live preview analysis (Qt-free): newest-frame-only detection on a worker thread.

The camera thread calls :meth:`PreviewWorker.submit` for every frame; the frame goes into a one-slot
mailbox, replacing (dropping) any frame the worker has not started yet, so the preview never lags
behind the camera. The worker reports the face boxes and the gate status of the newest frame
through ``on_result`` (called on the worker thread: a UI must hand it to its own thread) and
:meth:`latest`; each result also carries the landmarks a liveness check needs
(:meth:`PreviewResult.liveness_sample`). Detection is cheap: at most 640×360 pixels scanned,
no upsampling, no escalation.

The analysis itself is :func:`analyse_frame` in this process unless the worker is given another
``analyser`` (the app runs the same function in its helper process: dlib keeps Python's GIL for the
whole detection); every result names the process that ran it (``pid``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.face.detection import FaceBox, detect_faces
from consent_app.biometrics.face.quality import QualityReport, QualityThresholds, assess
from consent_app.biometrics.face.sources import Frame

PREVIEW_PIXELS = 640 * 360


@dataclass(frozen=True)
class PreviewResult:
    frame_index: int
    timestamp: float
    boxes: list[FaceBox]
    report: QualityReport
    seconds: float  # analysis time of this frame
    latency: float  # from submit to result
    landmarks: dict | None = None  # 68-point landmarks when exactly one face is in view
    pid: int = 0  # the process whose detector analysed the frame

    @property
    def face_px(self) -> float:
        return float(min(self.boxes[0].width, self.boxes[0].height)) if self.boxes else 0.0

    def liveness_sample(self) -> tuple[float, dict | None, int, float]:
        """(time, landmarks, face count, face size): what LivenessChecker.feed takes."""
        return (self.timestamp, self.landmarks, len(self.boxes), self.face_px)

    @property
    def ready(self) -> bool:
        return self.report.ok

    @property
    def message(self) -> str:
        return self.report.message


def analyse_preview(
    rgb: np.ndarray,
    *,
    thresholds: QualityThresholds | None = None,
    with_landmarks: bool = True,
) -> tuple[list[FaceBox], QualityReport]:
    """Boxes (full-frame coordinates) and gate report for one preview frame."""
    boxes, report, _lm = _analyse(rgb, thresholds, with_landmarks)
    return boxes, report


@dataclass(frozen=True)
class PreviewAnalysis:
    """What one preview frame's analysis found, and the process that ran it."""

    boxes: list[FaceBox]
    report: QualityReport
    landmarks: dict | None
    pid: int


#: ``analyser(rgb, thresholds, with_landmarks)``: :func:`analyse_frame` here or in another process.
Analyser = Callable[[np.ndarray, "QualityThresholds | None", bool], PreviewAnalysis]


def analyse_frame(rgb: np.ndarray, thresholds: QualityThresholds | None = None,
                  with_landmarks: bool = True) -> PreviewAnalysis:
    """Boxes, gate report and landmarks of one preview frame, analysed in this process."""
    boxes, report, lm = _analyse(rgb, thresholds, with_landmarks)
    return PreviewAnalysis(boxes, report, lm, os.getpid())


def _analyse(rgb: np.ndarray, thresholds: QualityThresholds | None, with_landmarks: bool):
    det = detect_faces(rgb, target_pixels=PREVIEW_PIXELS, escalate=0, max_scale=1.0)
    lm = None
    if with_landmarks and len(det.faces) == 1:
        from consent_app.biometrics.face.analysis import landmarks

        lm = landmarks(rgb, det.faces[0])
    return det.faces, assess(rgb, det.faces, lm, thresholds), lm


class PreviewWorker:
    """Analyses the newest submitted frame on a daemon thread, dropping stale frames.

    ``analyser`` (settable while running: the next frame uses it) does the analysis; by default
    :func:`analyse_frame` on the worker's own thread. A frame whose analysis fails leaves its error
    in ``error`` and goes to ``on_error``."""

    def __init__(
        self,
        on_result: Callable[[PreviewResult], None] | None = None,
        *,
        thresholds: QualityThresholds | None = None,
        with_landmarks: bool = True,
        analyser: Analyser | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._on_result = on_result
        self._on_error = on_error  # a frame's analysis failed (called on the worker thread, like on_result)
        self.analyser: Analyser = analyser or analyse_frame
        self._thresholds = thresholds
        self._with_landmarks = with_landmarks
        self._cond = threading.Condition()
        self._slot: tuple[Frame, float] | None = None
        self._latest: PreviewResult | None = None
        self._running = False
        self._thread: threading.Thread | None = None
        self.submitted = 0
        self.dropped = 0
        self.processed = 0
        self.error: BaseException | None = None

    def start(self) -> PreviewWorker:
        with self._cond:
            if self._running:
                return self
            self._running = True
        self._thread = threading.Thread(target=self._run, name="face-preview", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        with self._cond:
            self._running = False
            self._slot = None
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> PreviewWorker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def submit(self, frame: Frame) -> bool:
        """Offer a frame; returns True when it replaced a frame that was never analysed."""
        with self._cond:
            replaced = self._slot is not None
            if replaced:
                self.dropped += 1
            self._slot = (frame, time.perf_counter())
            self.submitted += 1
            self._cond.notify()
            return replaced

    def latest(self) -> PreviewResult | None:
        with self._cond:
            return self._latest

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until the mailbox is empty and the worker is not analysing (tests, benches)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._slot is not None or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    _busy = False

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._running and self._slot is None:
                    self._cond.wait()
                if not self._running:
                    return
                assert self._slot is not None
                frame, submitted = self._slot
                self._slot = None
                self._busy = True
            try:
                t0 = time.perf_counter()
                found = self.analyser(frame.rgb, self._thresholds, self._with_landmarks)
                t1 = time.perf_counter()
                result = PreviewResult(frame.index, frame.timestamp, found.boxes, found.report, t1 - t0,
                                       t1 - submitted, found.landmarks, found.pid)
                with self._cond:
                    self._latest = result
                    self.processed += 1
                if self._on_result is not None:
                    self._on_result(result)
            except Exception as exc:  # reported, never silently swallowed
                self.error = exc
                if self._on_error is not None:
                    self._on_error(exc)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
