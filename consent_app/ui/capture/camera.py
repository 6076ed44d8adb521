"""The camera feed: frames read on their own thread, shown on the GUI thread, analysed on a worker.

A :class:`CameraFeed` reads a face-core ``FrameSource`` (a camera, or a video or photo file acting
as one) on a daemon thread. The GUI gets only the newest frame (a frame the GUI has not painted
yet is replaced, never queued), the face core's ``PreviewWorker`` analyses the newest frame and
drops stale ones, and :meth:`tap` hands a live frame stream to work that needs every frame (the
liveness challenge) without buffering more than a few frames.
"""

from __future__ import annotations

import collections
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from consent_app.ui.media_files import IMAGE_SUFFIXES

#: Unpaced sources (a still photo) are read at this rate.
MAX_FPS = 30.0
#: The preview's face box and quality gates are analysed on at most this many frames a second (four
#: times fewer while the liveness check reads every frame), in the helper process: enough for the
#: face box, and the helper's core is then mostly free for the liveness challenge; the preview
#: itself still paints every frame.
ANALYSIS_FPS = 10.0


def open_source(devices, demo: bool = False):
    """The face core's frame source for the chosen camera or file (raises a ConsentAppError). A file
    stands in for the camera only in a demo studio."""
    from consent_app.biometrics.face.sources import CameraSource, StillImageSource, VideoFileSource
    from consent_app.session.devices import require_camera

    if devices.camera_file is not None:
        require_camera(demo, Path(devices.camera_file).name)
        path = Path(devices.camera_file)
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return StillImageSource.from_file(path)
        return VideoFileSource(path, realtime=False)
    return CameraSource(devices.camera or 0)


class FrameTap:
    """A live frame source fed by the camera thread (the face core's ``FrameSource`` protocol).

    ``read()`` waits for the next frame; it returns ``None`` after ``seconds`` or once closed.
    At most ``depth`` frames wait; older ones are dropped. Timestamps are seconds since the tap
    opened, so a looping video file still looks like one continuous take.
    """

    def __init__(self, seconds: float, depth: int = 6) -> None:
        self.name = "live camera"
        self._frames: collections.deque = collections.deque(maxlen=depth)
        self._cond = threading.Condition()
        self._t0 = time.monotonic()
        self._deadline = self._t0 + seconds
        self._closed = False
        self._error: BaseException | None = None
        self._count = 0

    def push(self, rgb) -> None:
        from consent_app.biometrics.face.sources import Frame

        with self._cond:
            if self._closed:
                return
            self._frames.append(Frame(rgb, self._count, time.monotonic() - self._t0))
            self._count += 1
            self._cond.notify()

    def fail(self, exc: BaseException) -> None:
        with self._cond:
            self._error = exc
            self._cond.notify_all()

    def read(self):
        with self._cond:
            while not self._frames:
                if self._error is not None:
                    raise self._error
                left = self._deadline - time.monotonic()
                if self._closed or left <= 0:
                    return None
                self._cond.wait(min(left, 0.5))
            if time.monotonic() > self._deadline:
                return None
            return self._frames.popleft()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class CameraFeed(QObject):
    """Reads frames on a thread; ``frame_ready`` / ``analysed`` / ``failed`` arrive on the GUI thread."""

    frame_ready = Signal()
    analysed = Signal(object)  # face core PreviewResult
    analysis_failed = Signal(object)  # the exception a frame's analysis raised (e.g. the helper stopped)
    failed = Signal(str)

    def __init__(self, devices, parent: QObject | None = None, *, demo: bool = False,
                 analyser=None) -> None:
        super().__init__(parent)
        self.devices = devices
        self.demo = demo
        #: The preview's analysis (the face core's ``preview.Analyser``): the app's runs in its helper
        #: process; None analyses in this process (a feed on its own, e.g. in a test).
        self.analyser = analyser
        self._lock = threading.Lock()
        self._latest = None  # newest Frame
        self._pending_paint = False
        self._taps: list[FrameTap] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._worker = None
        self.frames_read = 0
        self.frames_shown = 0
        self._next_analysis = 0.0  # time.monotonic() of the next frame handed to the analysis
        self.source_name = ""
        self.error = ""  # why the camera failed (kept for a preview attached later)

    # -- life -----------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        from consent_app.ui.capture.threads import preview_worker

        self._stop.clear()
        self.error = ""
        self._worker, self._sink = preview_worker()
        if self.analyser is None:
            from consent_app.biometrics.face.preview import analyse_frame

            self._worker.analyser = analyse_frame
        else:
            self._worker.analyser = self.analyser
        self._sink.target = self.analysed.emit
        self._sink.error_target = self.analysis_failed.emit
        self._thread = threading.Thread(target=self._run, name="camera-feed", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(3.0)
        if self._worker is not None:
            if self._sink.target == self.analysed.emit:
                self._sink.target = None
                self._sink.error_target = None
            self._worker = None
        for tap in list(self._taps):
            tap.close()
        self._taps.clear()

    @property
    def running(self) -> bool:
        return self._thread is not None

    # -- frames ---------------------------------------------------------------------------
    def latest(self):
        """The newest frame (a face-core ``Frame``) and mark it painted."""
        with self._lock:
            self._pending_paint = False
            return self._latest

    def peek(self):
        with self._lock:
            return self._latest

    def tap(self, seconds: float) -> FrameTap:
        tap = FrameTap(seconds)
        with self._lock:
            self._taps.append(tap)
        return tap

    def untap(self, tap: FrameTap) -> None:
        tap.close()
        with self._lock:
            if tap in self._taps:
                self._taps.remove(tap)

    def _run(self) -> None:  # camera thread
        from consent_app.errors import ConsentAppError

        try:
            source = open_source(self.devices, self.demo)
        except ConsentAppError as exc:
            from consent_app.ui.core_words import error_text

            self.error = error_text(exc)
            self.failed.emit(self.error)
            return
        except Exception as exc:  # a broken device or file: reported, never silent
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.source_name = getattr(source, "name", "")
        file_backed = self.devices.camera_file is not None
        period = 1.0 / getattr(source, "fps", MAX_FPS) if file_backed else 0.0
        next_at = time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    frame = source.read()
                except ConsentAppError as exc:  # the camera went away
                    for tap in list(self._taps):
                        tap.fail(exc)
                    self.failed.emit(exc.message)
                    return
                if frame is None:
                    if not file_backed:
                        self.failed.emit("the camera stopped delivering frames")
                        return
                    source.close()
                    source = open_source(self.devices, self.demo)  # loop the file
                    continue
                self._deliver(frame)
                if period:
                    next_at += period
                    delay = next_at - time.monotonic()
                    if delay > 0:
                        self._stop.wait(delay)
                    elif delay < -0.25:  # far behind (a stall): do not rush to catch up
                        next_at = time.monotonic()
        finally:
            source.close()

    def _deliver(self, frame) -> None:
        self.frames_read += 1
        with self._lock:
            self._latest = frame
            notify = not self._pending_paint
            self._pending_paint = True
            taps = list(self._taps)
        for tap in taps:
            tap.push(frame.rgb)
        # While the liveness check analyses every frame, the preview's own analysis (the face box)
        # runs four times less often: two detectors on two cores would starve the GUI thread.
        now = time.monotonic()
        if self._worker is not None and now >= self._next_analysis:
            self._next_analysis = now + (4.0 if taps else 1.0) / ANALYSIS_FPS
            self._worker.submit(frame)
        if notify:  # one paint request in flight at most: stale frames are dropped, not queued
            self.frame_ready.emit()
