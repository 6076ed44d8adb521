"""Long-lived threads of the live face step: the preview analysis and the liveness check.

Each runs on one thread that lives as long as the app. Neither runs dlib in this process: the frames'
face detection and landmarks are made in the biometrics helper process (see :mod:`.helper_frames`),
where dlib's holding of Python's GIL cannot freeze the GUI; these threads only wait for the answers.
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
    """Where the shared preview worker sends results and errors: the camera feed currently showing."""

    def __init__(self) -> None:
        self.target: Callable[[Any], None] | None = None
        self.error_target: Callable[[BaseException], None] | None = None

    def __call__(self, result) -> None:
        target = self.target
        if target is not None:
            target(result)

    def failed(self, exc: BaseException) -> None:
        target = self.error_target
        if target is not None:
            target(exc)


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


def preview_worker():
    """The app's one face-core PreviewWorker and the sink its results go to."""
    global _preview
    with _lock:
        if _preview is None:
            from consent_app.biometrics.face.preview import PreviewWorker

            sink = _Sink()
            worker = PreviewWorker(on_result=sink, on_error=sink.failed).start()
            _preview = (worker, sink)
        return _preview


def liveness_thread() -> SerialThread:
    global _liveness
    with _lock:
        if _liveness is None:
            _liveness = SerialThread("liveness")
        return _liveness


def warm_up() -> None:
    """Start both threads now (called on the task helper after the first paint), not in a session."""
    preview_worker()
    liveness_thread()
