"""SIGTERM and SIGINT end the app like closing its window: sessions are cancelled, the helper process
and multiprocessing's resource tracker are stopped, the demo's temporary folder is removed.

Python runs a signal handler only when the interpreter gets control, which Qt's event loop may not give
for a long time; a pipe (a socket pair on Windows, where the wake-up fd must be a socket) registered with
:func:`signal.set_wakeup_fd` wakes the loop at once. (A pipe on POSIX: ``socket`` and ``selectors``
are ~4 ms of imports before the app's first paint.)
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), signal.SIGINT) if s is not None)


class SignalGuard(QObject):
    """While installed, SIGTERM/SIGINT call ``on_signal`` (once) on the GUI thread."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_signal = on_signal
        self.received: int | None = None
        self._reader, self._writer = _wakeup_pair()
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {sig: signal.signal(sig, self._handle) for sig in SIGNALS}

    def _handle(self, signum: int, _frame) -> None:
        if self.received is None:
            self.received = signum
            QTimer.singleShot(0, lambda: self.on_signal(signum))

    def _drain(self, *_args) -> None:
        try:
            while self._reader.read(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def uninstall(self) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


class _PipeEnd:
    """One end of a non-blocking pipe, with the two calls the guard makes of a socket."""

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def read(self, size: int) -> bytes:
        return os.read(self._fd, size)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class _SocketEnd:
    def __init__(self, sock) -> None:
        sock.setblocking(False)
        self._sock = sock
        self.fileno, self.close = sock.fileno, sock.close

    def read(self, size: int) -> bytes:
        return self._sock.recv(size)


def _wakeup_pair():
    """(reader, writer), both non-blocking: a pipe, or a socket pair where the wake-up fd must be one."""
    if os.name == "posix":
        reader, writer = os.pipe()
        return _PipeEnd(reader), _PipeEnd(writer)
    import socket

    reader, writer = socket.socketpair()
    return _SocketEnd(reader), _SocketEnd(writer)


def install(app, window) -> SignalGuard:
    """SIGTERM/SIGINT close ``window`` (its closeEvent cancels a running session) and quit ``app``."""

    def stop(_signum: int) -> None:
        window.close()
        app.quit()

    return SignalGuard(stop)
