"""Live frames analysed in the helper process: the preview's face analyses and the liveness
challenge's per-frame detection and landmarks.

dlib's HOG detector and shape predictor keep Python's GIL for their whole run (10–60 ms a frame), so
in the app process the GUI thread waited for them ten times a second during the preview and on every
frame of the liveness challenge. The helper process of :mod:`.offload` runs the same face-core
functions (``preview.analyse_frame``, ``capture.liveness_frame``) on a thread of its own, fed
through a pipe of its own (a pool call would wait behind a capture's encoding): the frame's pixels go
from the array straight into the pipe (no pickled copy), the result (boxes, gate report, landmarks,
the helper's process id) comes back pickled. Nothing touches the disk. This module is Qt-free: the
helper process imports it without Qt.
"""

from __future__ import annotations

import contextlib
import threading

PREVIEW = "preview"
LIVENESS = "liveness"
#: How long the app waits for one frame's answer before it calls the helper broken.
ANSWER_TIMEOUT = 60.0


def error_state(exc: BaseException) -> tuple[str, str, str, dict]:
    """An error raised in the helper as (class path, message, its attributes), to rebuild in the app."""
    from consent_app.errors import ConsentAppError

    cls = type(exc)
    if isinstance(exc, ConsentAppError):
        return cls.__module__, cls.__qualname__, exc.message, dict(vars(exc))
    return "builtins", "RuntimeError", f"in the biometrics helper: {cls.__name__}: {exc}", {}


def rebuild(module: str, qualname: str, message: str, state: dict | None) -> Exception:
    """The error as raised in the helper: class, message, code, parameters and coded message."""
    import importlib

    from consent_app.errors import InputError

    try:
        cls = getattr(importlib.import_module(module), qualname)
    except (ImportError, AttributeError):
        cls = InputError
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.__dict__.update(state or {})
    exc.message = message
    return exc


def serve(conn) -> None:
    """In the helper, on a daemon thread: answer frames until the app closes its end.

    Every frame gets an answer, its result or its error; the thread never ends while the app waits (the
    helper's process holds this end of the pipe for its whole life, so a thread that died would leave the
    app waiting :data:`ANSWER_TIMEOUT`, then calling the helper broken for good), and when it ends it
    closes its end: the app then sees an end of file at once."""
    from multiprocessing.reduction import ForkingPickler

    import numpy as np

    from consent_app.biometrics.face.capture import liveness_frame
    from consent_app.biometrics.face.preview import analyse_frame

    try:
        # dlib's detector is made per thread: make this thread's (and load the shape predictor) now,
        # while the staff type, not on the first frame. A failure here is the first frame's error.
        with contextlib.suppress(Exception):
            liveness_frame(np.zeros((96, 96, 3), dtype=np.uint8))
        while True:
            try:
                kind, shape, dtype, params = conn.recv()
                data = conn.recv_bytes()
            except (EOFError, OSError):  # the app closed its end, or is gone
                return
            try:
                rgb = np.frombuffer(data, dtype=dtype).reshape(shape)
                value = analyse_frame(rgb, *params) if kind == PREVIEW else liveness_frame(rgb)
                reply = ForkingPickler.dumps(("ok", value))  # what conn.send(...) would send
            except Exception as exc:  # handed to the caller, never lost (an unpicklable answer too)
                reply = ForkingPickler.dumps(("error", error_state(exc)))
            try:
                conn.send_bytes(reply)
            except (OSError, ValueError):
                return
    finally:
        conn.close()


class FrameChannel:
    """The app's end of the helper's frame pipe: one frame at a time (callers on several threads
    wait their turn; the waiting thread holds no GIL)."""

    def __init__(self, conn, wait_ready) -> None:
        self._conn = conn
        self._wait_ready = wait_ready  # raises when the helper did not start
        self._lock = threading.Lock()

    def preview(self, rgb, thresholds=None, with_landmarks: bool = True):
        """``preview.analyse_frame`` in the helper (a ``PreviewAnalysis``)."""
        return self._ask(PREVIEW, rgb, (thresholds, with_landmarks))

    def liveness(self, rgb):
        """``capture.liveness_frame`` in the helper (a ``FrameFaces``)."""
        return self._ask(LIVENESS, rgb, ())

    def _ask(self, kind: str, rgb, params: tuple):
        import numpy as np

        from consent_app.session.services import AnalysisStopped

        self._wait_ready()
        rgb = np.ascontiguousarray(rgb)  # a camera's frame already is: no copy
        with self._lock:
            conn = self._conn
            if conn is None:
                raise AnalysisStopped("the biometrics helper is closed")
            try:
                conn.send((kind, rgb.shape, rgb.dtype.str, params))
                conn.send_bytes(memoryview(rgb).cast("B"))  # from the frame's own memory
                if not conn.poll(ANSWER_TIMEOUT):
                    raise TimeoutError(f"the biometrics helper did not answer within {ANSWER_TIMEOUT:.0f} s")
                status, value = conn.recv()
            except (EOFError, OSError, TimeoutError) as exc:  # the helper is gone or hangs: never again
                self._conn = None
                conn.close()
                why = exc or type(exc).__name__
                raise AnalysisStopped(f"the biometrics helper stopped answering ({why})") from exc
        if status == "error":
            raise rebuild(*value)
        return value

    def close(self, timeout: float = 3.0) -> None:
        """Close the app's end (the helper's thread then ends); waits for a frame in flight."""
        got = self._lock.acquire(timeout=timeout)
        try:
            conn, self._conn = self._conn, None
            if conn is not None:
                conn.close()
        finally:
            if got:
                self._lock.release()
