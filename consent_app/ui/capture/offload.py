"""Biometric work that holds Python's GIL runs in a helper process, so the GUI thread never waits.

dlib's face encoder (the ResNet behind face_recognition) keeps the GIL for its whole run — 70 to
180 ms per face here — which would freeze the GUI thread even though the work is on a worker
thread. :class:`OffloadedBiometrics` is the flow's ``BiometricServices``: it sends the ID-document
and live-face encodings, the spoken-statement check and the encodings of the challenge frames the
liveness check compares with the captured face to one helper process (bytes or pixels in, evidence
values out, through a pipe: nothing touches the disk). The live frames' face analyses — the
preview's and each frame of the liveness challenge — go to the same helper process through a pipe
of their own (:mod:`.helper_frames`). What stays in this process is cheap: the 1:1 comparison, the
liveness state machine, the voice sample's checks. This module is Qt-free: the helper process
imports it without Qt.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from consent_app.ui.capture.helper_frames import FrameChannel, error_state, rebuild

_child_services = None
#: The longest a preview analysis waits for a one-off call of the helper (then it goes in anyway).
PREVIEW_YIELD_LIMIT = 120.0


def _watch_parent(parent: int, interval: float = 1.0) -> None:
    """End this helper when the app is gone (even killed outright): never an orphan process."""
    import os
    import time

    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            os._exit(0)


def _child_init(face_threshold: float, voice_threshold: float, frames=None) -> None:
    """The helper's set-up: the parent watcher, the frame thread (``frames``: its end of the frame
    pipe) and the biometric services."""
    global _child_services
    import os

    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True,
                     name="watch-parent").start()
    if frames is not None:
        from consent_app.ui.capture.helper_frames import serve

        threading.Thread(target=serve, args=(frames,), daemon=True, name="helper-frames").start()
    from consent_app.session.biometrics import RealBiometrics

    _child_services = RealBiometrics(face_threshold=face_threshold, voice_threshold=voice_threshold)


def _child_call(method: str, args: tuple) -> tuple[str, Any]:
    """Run one RealBiometrics method; errors come back as (class path, message, their attributes)."""
    from consent_app.errors import ConsentAppError

    try:
        return "ok", getattr(_child_services, method)(*args)
    except ConsentAppError as exc:
        return "error", error_state(exc)


def _child_encode(rgb, box):
    """dlib's 128-d encoding of the face in ``box`` of ``rgb`` (a challenge frame)."""
    from consent_app.biometrics.face.analysis import encode

    return encode(rgb, box)


def face_region(rgb, box, margin: float = 1.0):
    """The part of ``rgb`` around ``box`` (``margin`` face sizes on each side: dlib's aligned chip
    lies well inside) and the box in it: the same encoding, a smaller copy through the pipe."""
    from dataclasses import replace

    import numpy as np

    h, w = rgb.shape[:2]
    pad = int(max(box.width, box.height) * margin)
    top, left = max(0, box.top - pad), max(0, box.left - pad)
    bottom, right = min(h, box.bottom + pad), min(w, box.right + pad)
    inside = replace(box, top=box.top - top, bottom=box.bottom - top, left=box.left - left,
                     right=box.right - left)
    return np.ascontiguousarray(rgb[top:bottom, left:right]), inside


def _warm() -> bool:
    import face_recognition  # noqa: F401 - loads dlib and its models once

    return True


class HelperProcess:
    """One spawned helper process, started in the background and reused for every session."""

    def __init__(self, face_threshold: float, voice_threshold: float) -> None:
        self.thresholds = (face_threshold, voice_threshold)
        self._executor: ProcessPoolExecutor | None = None
        self._error: BaseException | None = None
        self._ready = threading.Event()
        self._calls = 0  # one-off calls in flight (see ``analyse_preview``)
        self._idle = threading.Condition()
        # The live frames' pipe: the helper's end goes with it when it is spawned.
        context = multiprocessing.get_context("spawn")
        mine, self._theirs = context.Pipe(duplex=True)
        self.frames = FrameChannel(mine, lambda: self._pool)
        # Made on a thread of its own: the pool's queues start multiprocessing's resource tracker and
        # the first submit spawns the helper (tens of ms of fork/exec and pickling) when a session
        # starts, which would hold the GUI thread.
        self._starter = threading.Thread(target=self._start, name="helper-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        try:
            pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_child_init, initargs=(*self.thresholds, self._theirs))
            pool.submit(_warm)  # spawns the helper; it imports dlib and its models while the staff type
            self._executor = pool
        except BaseException as exc:  # raised again by the first call
            self._error = exc
        finally:
            # The helper has its own copy now: with this one closed, a helper that dies is an end of
            # file on the frame pipe, not a wait for ever.
            self._theirs.close()
            self._ready.set()

    @property
    def _pool(self) -> ProcessPoolExecutor:
        self._ready.wait()
        if self._executor is None:
            raise self._error or RuntimeError("the biometrics helper did not start")
        return self._executor

    @contextlib.contextmanager
    def _one_off(self):
        with self._idle:
            self._calls += 1
        try:
            yield
        finally:
            with self._idle:
                self._calls -= 1
                self._idle.notify_all()

    @contextlib.contextmanager
    def _alive(self):
        """A helper that died mid-call (killed, out of memory) is an ``AnalysisStopped``."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            yield
        except BrokenProcessPool as exc:
            from consent_app.session.services import AnalysisStopped

            raise AnalysisStopped(f"the biometrics helper stopped ({exc})") from exc

    def call(self, method: str, *args: Any) -> Any:
        with self._one_off(), self._alive():
            status, value = self._pool.submit(_child_call, method, args).result()
        if status == "error":
            raise rebuild(*value)
        return value

    def wait_ready(self, timeout: float | None = None) -> None:
        """Wait until the helper runs and has loaded dlib and its models (raises if it cannot)."""
        with self._alive():
            self._pool.submit(_warm).result(timeout)

    def analyse_preview(self, rgb, thresholds=None, with_landmarks: bool = True):
        """A preview frame's faces, gates and landmarks (``preview.analyse_frame``), in the helper.

        Waits while the helper runs a one-off call (an ID document, a capture, the statement, a
        challenge frame's encoding): ten analyses a second would take a fifth of the helper's time
        (its dlib calls share one GIL) from the call the staff are waiting for; the face box moves
        again once it is done."""
        with self._idle:
            self._idle.wait_for(lambda: self._calls == 0, timeout=PREVIEW_YIELD_LIMIT)
        return self.frames.preview(rgb, thresholds, with_landmarks)

    def liveness_frame(self, rgb):
        """A challenge frame's faces and landmarks (``capture.liveness_frame``), in the helper."""
        return self.frames.liveness(rgb)

    def encode_face(self, rgb, box):
        """A challenge frame's face encoding, made in the helper (this thread waits without the GIL)."""
        region, inside = face_region(rgb, box)
        with self._one_off(), self._alive():
            return self._pool.submit(_child_encode, region, inside).result()

    def pids(self) -> list[int]:
        """The helper's process ids (none yet while it starts)."""
        pool = self._executor
        return [p.pid for p in (pool._processes or {}).values() if p.pid] if pool is not None else []

    def close(self, timeout: float = 3.0) -> None:
        """Stop the helper process and wait for it to end (terminated, then killed, if it hangs)."""
        self._starter.join(timeout + 10)  # a helper still starting is started, then stopped
        pool = self._executor
        if pool is None:
            self.frames.close(timeout)
            return
        processes = list((pool._processes or {}).values())  # shutdown() forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join(1.0)
            if process.is_alive():
                process.kill()
                process.join(1.0)
        # The pool's manager thread holds its queues' semaphores until it ends: let it end, so they
        # are released here and not unlinked by the resource tracker first (then their finalizers
        # fail, "Exception ignored ... sem_unlink").
        manager = getattr(pool, "_executor_manager_thread", None)
        if manager is not None:
            manager.join(timeout)
        self.frames.close(timeout)


def stop_resource_tracker() -> None:
    """End multiprocessing's resource-tracker process (started with the helper) once no helper is left."""
    if multiprocessing.active_children():
        return
    import gc
    from multiprocessing import resource_tracker

    gc.collect()  # semaphores of closed pools, released before the tracker unlinks what is left

    tracker = getattr(resource_tracker, "_resource_tracker", None)
    stop = getattr(tracker, "_stop", None)
    if stop is not None and getattr(tracker, "_pid", None) is not None:
        with contextlib.suppress(OSError, ChildProcessError):  # already gone
            stop()


class OffloadedBiometrics:
    """The real face and voice cores, with the GIL-holding calls in ``helper``."""

    def __init__(self, store, helper: HelperProcess | None = None) -> None:
        from consent_app.session.biometrics import RealBiometrics

        self.local = RealBiometrics(store)
        wanted = (self.local.face_threshold, self.local.voice_threshold)
        if helper is None or helper.thresholds != wanted:
            if helper is not None:
                helper.close()
            helper = HelperProcess(*wanted)
        self.use_helper(helper)

    def use_helper(self, helper: HelperProcess) -> None:
        """Send the GIL-holding calls to ``helper`` from now on (another one, after this one stopped)."""
        self.helper = helper
        self.local.face_encoder = helper.encode_face  # the liveness check's comparisons too
        self.local.frame_analyser = helper.liveness_frame  # and its per-frame detection

    # in the helper process: dlib's encoder and the speech recogniser
    def read_id_document(self, data: bytes, mime: str):
        return self.helper.call("read_id_document", data, mime)

    def capture_face(self, data: bytes, mime: str):
        return self.helper.call("capture_face", data, mime)

    def check_statement(self, voice, prompt, data: bytes, mime: str, frames=None, face=None):
        frames = None if frames is None else [getattr(f, "rgb", f) for f in frames]
        return self.helper.call("check_statement", voice, prompt, data, mime, frames, face)

    # here: cheap, or releasing the GIL
    def compare_faces(self, id_document, face):
        return self.local.compare_faces(id_document, face)

    def draw_challenge(self):
        return self.local.draw_challenge()

    def check_liveness(self, challenge, frames, face):
        return self.local.check_liveness(challenge, frames, face)

    def capture_voice(self, data: bytes, mime: str):
        return self.local.capture_voice(data, mime)

    def draw_statement(self, language: str):
        return self.local.draw_statement(language)
