"""The one way the UI runs work off the GUI thread.

``TaskRunner.submit(fn, *args)`` runs ``fn`` on a ``QThreadPool`` and returns a ``Task`` whose
``finished(result)`` / ``failed(exception)`` signals arrive on the GUI thread (queued connection),
in the manner of MusicBrainz Picard's thread helper. ``progress`` lets long work report back.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: How long a thread running Python code keeps the GIL once another thread asks for it (Python's
#: default is 5 ms). The GUI thread asks each time Qt calls into Python (a slot, a paint, an event
#: handler): with a worker running Python code (a receipt, a signature, a document read), a step
#: change making fifty such calls waited ~260 ms at 5 ms and ~50-75 ms at 1 ms.
GIL_SWITCH_INTERVAL = 0.001


def favour_gui_thread() -> None:
    """Let the GUI thread get Python's GIL back sooner from busy worker threads (at the app's start)."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


class Task(QObject):
    """Handle for one submitted job; lives on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, str)
    ended = Signal()  # always emitted last, cancelled or not

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.cancelled = False
        self.done = False

    def cancel(self) -> None:
        """Ask the job to stop; its result, if any, is dropped."""
        self.cancelled = True

    def report(self, percent: int, message: str = "") -> None:
        """Called from the worker: emits ``progress`` on the GUI thread."""
        if not self.cancelled:
            self.progress.emit(percent, message)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task, self._fn, self._args, self._kwargs = task, fn, args, kwargs

    def run(self) -> None:  # worker thread
        task = self._task
        try:
            result = self._fn(*self._args, **self._kwargs)
        except Exception as exc:  # delivered to the GUI, never swallowed
            log.debug("task %s failed: %s", task.name, traceback.format_exc())
            task.done = True
            if not task.cancelled:
                task.failed.emit(exc)
            task.ended.emit()
            return
        task.done = True
        if not task.cancelled:
            task.finished.emit(result)
        task.ended.emit()


class TaskRunner(QObject):
    """Submits callables to a thread pool; keeps the Task objects alive until they end."""

    busy_changed = Signal(bool)

    def __init__(self, max_threads: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        if max_threads:
            self.pool.setMaxThreadCount(max_threads)
        self._live: set[Task] = set()

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "", pass_task: bool = False,
               setup: Callable[[Task], None] | None = None, **kwargs: Any) -> Task:
        """Run ``fn(*args, **kwargs)`` (or ``fn(task, *args, ...)`` with ``pass_task``) in the pool.

        ``setup(task)`` runs before the job starts: connect ``finished``/``failed`` there, since a
        fast job can end before ``submit`` returns and a signal emitted before its connection is lost.
        """
        task = Task(name or getattr(fn, "__name__", "task"))
        task.moveToThread(self.thread())
        self._live.add(task)
        task.ended.connect(lambda t=task: self._forget(t))
        if len(self._live) == 1:
            self.busy_changed.emit(True)
        call_args = (task, *args) if pass_task else args
        if setup is not None:
            setup(task)
        self.pool.start(_Runnable(task, fn, call_args, kwargs))
        return task

    def _forget(self, task: Task) -> None:
        self._live.discard(task)
        if not self._live:
            self.busy_changed.emit(False)

    @property
    def active(self) -> int:
        return len(self._live)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (shutdown and tests only)."""
        return self.pool.waitForDone(msecs)
