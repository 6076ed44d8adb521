"""Locks the screen after a period without keyboard, mouse, touch or pen input."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.TabletMove,
}


class IdleWatcher(QObject):
    """An application-wide event filter; ``idle`` fires once after ``minutes`` without input."""

    idle = Signal()

    def __init__(self, app, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._app = app
        app.installEventFilter(self)
        self._enabled = False

    def start(self, minutes: float) -> None:
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
        self._app.removeEventFilter(self)
