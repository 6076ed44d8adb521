"""Long-lived detection threads, warmed up once after the app's first paint.

dlib's face detector is made per thread by the face core, and making one holds Python's GIL for
about 180 ms (it deserialises the HOG model): done on a fresh thread in the middle of a capture, that
would freeze the GUI. So the preview analysis and the liveness check each run on one thread that
lives as long as the app and made its detector in the background at start-up.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

_lock = threading.Lock()
_preview = None
_liveness = None


class _Sink:
    """Where the shared preview worker sends results: the camera feed currently showing."""

    def __init__(self) -> None:
        self.target: Callable[[Any], None] | None = None

    def __call__(self, result) -> None:
        target = self.target
        if target is not None:
            target(result)


class SerialThread:
    """One daemon thread running submitted jobs in order; ``done``/``failed`` called on it."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[[], Any], done: Callable[[Any], None],
               failed: Callable[[BaseException], None]) -> None:
        self._jobs.put((fn, done, failed))

    def _run(self) -> None:
        while True:
            fn, done, failed = self._jobs.get()
            try:
                result = fn()
            except BaseException as exc:  # handed to the caller, never lost
                failed(exc)
            else:
                done(result)


def _warm_detector() -> None:
    import numpy as np

    from consent_app.biometrics.face.detection import detect_faces

    detect_faces(np.zeros((96, 96, 3), dtype=np.uint8), escalate=0, max_scale=1.0)


def preview_worker():
    """The app's one face-core PreviewWorker and the sink its results go to."""
    global _preview
    with _lock:
        if _preview is None:
            from consent_app.biometrics.face.preview import PreviewWorker

            sink = _Sink()
            worker = PreviewWorker(on_result=sink).start()
            _preview = (worker, sink)
        return _preview


def liveness_thread() -> SerialThread:
    global _liveness
    with _lock:
        if _liveness is None:
            _liveness = SerialThread("liveness")
        return _liveness


def warm_up() -> None:
    """Make both threads' detectors now (called on the task helper after the first paint)."""
    import numpy as np

    from consent_app.biometrics.face.sources import Frame

    worker, _sink = preview_worker()
    worker.submit(Frame(np.zeros((96, 96, 3), dtype=np.uint8), -1, 0.0))
    ready = threading.Event()
    liveness_thread().submit(_warm_detector, lambda _r: ready.set(), lambda _e: ready.set())
    worker.wait_idle(30)
    ready.wait(30)
