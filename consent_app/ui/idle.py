"""Locks the screen after a period without keyboard, mouse, touch or pen input.

The watcher filters the app's windows (``QWindow``), not the application: every input event reaches
its window first, while an application-wide filter would call Python for every event of every
widget (paints, layouts, polish: thousands on a step change, each needing Python's GIL), which cost
the GUI thread 20–60 ms when a capture session starts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.TabletMove,
}


class IdleWatcher(QObject):
    """An event filter on each window of the app; ``idle`` fires once after ``minutes`` without input."""

    idle = Signal()

    def __init__(self, app, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._app = app
        self._windows: list = []
        app.focusWindowChanged.connect(self._watch)  # a new window (a dialog) gets the focus
        self._enabled = False

    def _watch(self, window=None) -> None:
        """Filter ``window`` (and every top-level window there is now) once."""
        from shiboken6 import isValid

        self._windows = [w for w in self._windows if isValid(w)]
        for w in [window, *self._app.topLevelWindows()]:
            if w is not None and not any(w is known for known in self._windows):
                w.installEventFilter(self)
                self._windows.append(w)

    def start(self, minutes: float) -> None:
        self._watch()
        self._enabled = minutes > 0
        if self._enabled:
            self._timer.setInterval(max(1, int(minutes * 60_000)))
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._enabled = False
        self._timer.stop()

    def set_interval_ms(self, msecs: int) -> None:
        """Tests shorten the timeout."""
        self._timer.setInterval(msecs)
        if self._enabled:
            self._timer.start()

    @property
    def active(self) -> bool:
        return self._enabled and self._timer.isActive()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self._enabled and event.type() in _ACTIVITY:
            self._timer.start()
        return False

    def detach(self) -> None:
        from shiboken6 import isValid

        self._app.focusWindowChanged.disconnect(self._watch)
        for window in self._windows:
            if isValid(window):
                window.removeEventFilter(self)
        self._windows.clear()
