"""Small building blocks every screen uses: retranslation, inline messages, busy overlay, tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from consent_app.ui import theme
from consent_app.ui.core_words import error_text

#: Work taking longer than this shows a progress indicator.
BUSY_DELAY_MS = 500


class Retranslatable:
    """Mixin for widgets: ``retranslate()`` runs again on every language change."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class StackPage:
    """Mixin for a page of a ``QStackedWidget``: while hidden (not the current page) it has no height
    for a width.

    ``QStackedLayout`` asks every page, hidden or not, for its height at a width each time a layout
    above it is recomputed; pages whose word-wrapped labels had changed since were measured again
    (the wizard's steps, the console, the kiosk's large type) while only the shown page is laid out.
    A page that becomes current is shown, which invalidates the stack's layout: it is measured then.
    """

    def heightForWidth(self, width: int) -> int:
        if self.isHidden():  # type: ignore[attr-defined]
            return -1
        return super().heightForWidth(width)  # type: ignore[misc]


class MessageBar(QLabel):
    """An inline message in a fixed slot: error, success or information.

    The slot keeps its height while empty (``lines`` lines of text), so showing or clearing a message never
    moves the controls around it. A message clears itself when the language changes, when its page is hidden
    (another page or tab is shown), and when a widget given to :meth:`clear_on_change` changes (its cause is
    gone).
    """

    def __init__(self, parent: QWidget | None = None, lines: int = 2) -> None:
        super().__init__(parent)
        self.lines = lines
        self._placed = False
        self.setWordWrap(True)
        self.setAccessibleName("message")
        self.setContentsMargins(8, 6, 8, 6)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self._fit_slot()
        self.hide()

    def _fit_slot(self) -> None:
        """Fix the slot's height to ``lines`` lines of the current font. (A fixed height rather than
        Python overrides of the size hints, which Qt's layouts called hundreds of times a step change,
        each a call into Python on the GUI thread.)"""
        margins = self.contentsMargins()
        lines = self.fontMetrics().lineSpacing() * self.lines
        self.setFixedHeight(lines + margins.top() + margins.bottom() + 4)

    def _place_text(self) -> None:
        """Selectable text, left and vertically centred in the slot: set with the first message (the bar
        is hidden and empty till then). The ``Qt`` namespace's ~100 enums take ~15 ms to load, which the
        first screen, with a bar but no message yet, does not wait for."""
        from PySide6.QtCore import Qt

        self._placed = True
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def show_message(self, text: str, level: str = "info") -> None:
        if not self._placed:
            self._place_text()
        theme.set_prop(self, "level", level)
        self.setText(text)
        self.setToolTip(text)
        self.show()

    def error(self, exc_or_text: BaseException | str) -> None:
        text = exc_or_text if isinstance(exc_or_text, str) else error_text(exc_or_text)
        self.show_message(text, "error")

    def ok(self, text: str) -> None:
        self.show_message(text, "ok")

    def info(self, text: str) -> None:
        self.show_message(text, "info")

    def clear_message(self, *_args: Any) -> None:
        if self.property("level"):
            theme.set_prop(self, "level", "")
        self.clear()
        self.setToolTip("")
        self.hide()

    def clear_on_change(self, *widgets: QWidget) -> None:
        """Clear the message as soon as the user edits one of ``widgets`` (the cause is being fixed)."""
        for widget in widgets:
            for name in ("textChanged", "toggled", "currentIndexChanged", "dateChanged", "valueChanged"):
                signal = getattr(widget, name, None)
                if signal is not None:
                    signal.connect(self.clear_message)
                    break

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and self.text():
            self.clear_message()
        elif kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # a style sheet's font too
            self._fit_slot()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:
        # hidden because its page or dialog went away (not because the message was cleared)
        page_gone = not self.isVisibleTo(self.window())
        if not event.spontaneous() and self.text() and not self.isHidden() and page_gone:
            self.clear_message()
        super().hideEvent(event)


class BusyOverlay(QFrame):
    """Covers its parent while work runs; appears only if the work lasts over half a second.

    Its label and progress bar are made on first use, so screens that never wait pay nothing.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("busy")
        self.setStyleSheet("QFrame#busy { background: rgba(246, 247, 245, 215); }")
        self.label: QLabel | None = None
        self.bar = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._appear)
        self._count = 0
        self._message = ""
        self._following = False
        self.hide()  # it follows its parent's size only while shown (see _appear): no filter till then

    def _build(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressBar

        box = QFrame(self)
        box.setObjectName("busyBox")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 16, 24, 16)
        inner.setSpacing(8)
        self.label = QLabel(box)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(box)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(280)
        inner.addWidget(self.label)
        inner.addWidget(self.bar)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())
        return False

    def start(self, message: str) -> None:
        self._count += 1
        self._message = message
        if self.label is not None:
            self.label.setText(message)
            self.bar.setRange(0, 0)
        if not self.isVisible() and not self._timer.isActive():
            self._timer.start(BUSY_DELAY_MS)

    def progress(self, percent: int, message: str = "") -> None:
        if message:
            self._message = message
        if self.label is None:
            return
        self.bar.setRange(0, 100)
        self.bar.setValue(percent)
        if message:
            self.label.setText(message)

    def stop(self) -> None:
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self._timer.stop()
            if self._following:
                self.parent().removeEventFilter(self)
                self._following = False
            self.hide()

    @property
    def pending(self) -> bool:
        return self._count > 0

    def _appear(self) -> None:
        if self.label is None:
            self._build()
        self.label.setText(self._message)
        self.setGeometry(self.parent().rect())
        self.parent().installEventFilter(self)  # a resize while it shows (every event to the parent)
        self._following = True
        self.raise_()
        self.show()


class Latest:
    """Only the newest of a view's loads is drawn.

    The task helper runs loads on a pool of threads, so two loads of one view (a search typed on,
    another subject opened, a refresh after a change) can end in either order: without this, the
    older one ending last would draw its rows over the newer one's (another search's results,
    another subject's page). ``only = latest.new()`` before each load, then pass ``only(callback)``
    as its ``done`` and ``error``: a callback of a load that is no longer the newest is dropped, and so
    is one that arrives after ``owner`` (the view) was deleted.
    """

    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._newest = 0

    def new(self) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        self._newest += 1
        ticket = self._newest

        def only(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                from shiboken6 import isValid

                if ticket == self._newest and isValid(self._owner):
                    callback(value)

            return deliver

        return only


def run_task(
    runner,
    fn: Callable[..., Any],
    *args: Any,
    done: Callable[[Any], None] | None = None,
    error: Callable[[BaseException], None] | None = None,
    busy: BusyOverlay | None = None,
    message: str = "",
    pass_task: bool = False,
    **kwargs: Any,
):
    """Submit ``fn`` to the task helper, with a busy overlay shown if it takes over 0.5 s."""

    def setup(task) -> None:
        if busy is not None:
            busy.start(message)
            task.progress.connect(busy.progress)
            task.ended.connect(busy.stop)
        if done is not None:
            task.finished.connect(done)
        if error is not None:
            task.failed.connect(error)

    return runner.submit(fn, *args, pass_task=pass_task, setup=setup, **kwargs)


def primary(button: QPushButton) -> QPushButton:
    """A new button (not shown yet) made the screen's main action."""
    theme.mark_new(button, "primary", True)
    button.setDefault(True)
    button.setAutoDefault(True)
    return button


def danger(button: QPushButton) -> QPushButton:
    """A new button (not shown yet) marked as destructive."""
    theme.mark_new(button, "danger", True)
    return button


def title_label(parent: QWidget | None = None, role: str = "title") -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class DemoBadge(Retranslatable, QLabel):
    """The DEMO mark shown on every screen of a demo store."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "demo")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("DEMO"))
        self.setToolTip(self.tr("Demo database: nothing recorded here is a real consent"))
