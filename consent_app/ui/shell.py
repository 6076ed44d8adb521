"""The one top-level window: a stack of screens (setup, unlock, login, staff console, capture, kiosk).

Only the current screen is reachable, so while the subject kiosk is shown no staff control is.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from consent_app import paths
from consent_app.ui.common import Retranslatable
from consent_app.ui.idle import IdleWatcher

#: The console shown, the capture wizard is made this much later (see ``Shell.prepare_capture``).
PREPARE_CAPTURE_MS = 1500


class Shell(Retranslatable, QMainWindow):
    """Routes between screens; owns the idle lock."""

    painted = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.resize(1180, 780)
        self.setMinimumSize(900, 620)
        self._pages: dict[str, object] = {}
        self._first_paint_done = False
        self.idle = IdleWatcher(QApplication.instance(), self)
        self.idle.idle.connect(self.lock)
        self.retranslate()

    # -- pages ----------------------------------------------------------------------------
    def page(self, name: str):
        """Create screens on first use, so the first window paints fast."""
        page = self._pages.get(name)
        if page is None:
            page = self._make(name)
            self._pages[name] = page
            self.stack.addWidget(page)
        return page

    def _make(self, name: str):
        """A screen, made as a child of the stack it goes in (made elsewhere and moved there, its whole
        widget tree was styled again: ~4 ms of the GUI thread for the capture wizard)."""
        ctx = self.ctx
        if name == "setup":
            from consent_app.ui.setup_page import SetupPage

            page = SetupPage(ctx, self.stack)
            page.created.connect(self._created)
            page.finished.connect(self._setup_finished)
        elif name == "unlock":
            from consent_app.ui.unlock_page import UnlockPage

            page = UnlockPage(ctx, self.stack)
            page.opened.connect(self._opened)
            page.other_folder.connect(self.choose_folder)
        elif name == "login":
            from consent_app.ui.login_page import LoginPage

            page = LoginPage(ctx, self.stack)
            page.signed_in.connect(self._signed_in)
            page.sign_out_requested.connect(self.sign_out)
        elif name == "main":
            from consent_app.ui.main_page import MainPage

            page = MainPage(ctx, self.stack)
            page.lock_requested.connect(self.lock)
            page.sign_out_requested.connect(self.sign_out)
            page.capture_requested.connect(self.start_capture)
            page.folder_change_requested.connect(self.choose_folder)
        elif name == "capture":
            from consent_app.ui.capture.wizard import CaptureWizard

            page = CaptureWizard(ctx, self.stack)
            page.closed.connect(self._capture_closed)
            page.kiosk_requested.connect(self.show_kiosk)
            page.kiosk_soon.connect(lambda: self.page("kiosk"))  # made while the staff fill the form
        elif name == "kiosk":
            from consent_app.ui.capture.kiosk import KioskPage

            page = KioskPage(ctx, self.stack)
            page.returned.connect(self._kiosk_returned)
        else:
            raise KeyError(name)
        return page

    def show_page(self, name: str):
        page = self.page(name)
        self.stack.setCurrentWidget(page)
        if name == "main" and "capture" not in self._pages:
            QTimer.singleShot(PREPARE_CAPTURE_MS, self.prepare_capture)
        return page

    def prepare_capture(self) -> None:
        """Make the capture wizard and its first step while the staff are on the console, styled and
        laid out, so that "New capture session" only fills and shows them (making them then held the
        GUI thread 15-23 ms). Only once the session's modules are loaded (``preload``): importing them
        here would hold the GUI thread far longer."""
        import sys

        from shiboken6 import isValid

        if (not isValid(self) or "capture" in self._pages or self.current_name != "main"
                or self.ctx.member is None or "consent_app.ui.capture.wizard" not in sys.modules):
            return
        wizard = self.page("capture")
        first = wizard.page("subject_details")
        wizard.ensurePolished()
        first.ensurePolished()

    @property
    def current_name(self) -> str:
        current = self.stack.currentWidget()
        return next((n for n, p in self._pages.items() if p is current), "")

    # -- routing --------------------------------------------------------------------------
    def start(self) -> None:
        """Pick the first screen from what the data folder holds (cheap file checks only)."""
        data_dir = self.ctx.data_dir
        if self.ctx.store is not None:
            self._to_login()
        elif not paths.db_path(data_dir).exists():
            self.show_page("setup")
        else:
            from consent_app.key_envelope import read_envelope  # not the store: it loads after the paint

            try:
                needs = read_envelope(paths.envelope_path(data_dir)).get("protection") != "keyring"
            except Exception:  # a damaged envelope: Store.open reports why
                needs = True
            self.show_page("unlock").prepare(needs)
            if not needs:
                self.page("unlock").submit()

    def _created(self, store, member) -> None:
        """The studio exists and its first admin is signed in: no second login (the checklist shows next)."""
        self.ctx.set_store(store)
        self.ctx.set_member(member)
        self._start_idle()
        self.retranslate()

    def _setup_finished(self, where: str) -> None:
        main = self.show_page("main")
        main.enter()
        if where:
            main.open_settings(where)
        self.retranslate()

    def _opened(self, store) -> None:
        self.ctx.set_store(store)
        self._to_login()

    def _to_login(self, username: str = "") -> None:
        self.idle.stop()
        self.show_page("login").prepare(username=username)
        self.retranslate()

    def _signed_in(self, member) -> None:
        previous = self.ctx.member
        resuming = self.page("login").locked and previous is not None and member.username == previous.username
        self.ctx.set_member(member)
        self._start_idle()
        if resuming and self._resume_page:
            self.stack.setCurrentWidget(self._pages[self._resume_page])
        else:
            self.show_page("main").enter()
        self._resume_page = ""
        self.retranslate()

    _resume_page = ""

    def _start_idle(self) -> None:
        from consent_app import settings

        minutes = 5.0
        try:
            with self.ctx.store.read() as conn:
                minutes = float(settings.get(conn, "ui.idle_lock_minutes"))
        except Exception:  # noqa: S110 - a missing setting keeps the default
            pass
        self.idle.start(minutes)

    def lock(self) -> None:
        """Hide everything behind the lock screen; the same staff member resumes where they were."""
        if self.ctx.member is None or self.current_name in ("login", "setup", "unlock"):
            return
        self.idle.stop()
        self._resume_page = self.current_name
        capture = self._pages.get("capture")
        if capture is not None and self._resume_page in ("capture", "kiosk"):
            capture.pause()
        self.show_page("login").prepare(locked=True, username=self.ctx.member.username)

    def sign_out(self) -> None:
        capture = self._pages.get("capture")
        if capture is not None and capture.active:
            capture.cancel_session(reason="staff signed out", wait=True)
        self._resume_page = ""
        self.ctx.set_member(None)
        self._to_login()

    def start_capture(self, subject_id: str | None = None) -> None:
        self.show_page("capture").begin(subject_id)

    def show_kiosk(self, flow, details) -> None:
        from consent_app.ui import i18n

        self._staff_language = i18n.current_language()
        self._window_state = self.windowState()
        self.show_page("kiosk").start(flow, details)
        self.showFullScreen()  # the subject sees nothing else

    _staff_language = "en"
    _window_state = None  # the staff's window state while the kiosk is shown full screen

    def _kiosk_returned(self, signed: bool) -> None:
        from PySide6.QtCore import Qt

        from consent_app.ui import i18n

        i18n.set_language(self._staff_language)
        state = self._window_state
        self.setWindowState(Qt.WindowState.WindowNoState if state is None else state)
        self.show_page("capture").after_kiosk(signed)

    def _capture_closed(self) -> None:
        self.show_page("main").enter()

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"),
                                                  str(self.ctx.data_dir))
        if folder:
            self.switch_folder(folder)

    def switch_folder(self, folder) -> None:
        from pathlib import Path

        self.ctx.runner.wait(10000)
        self.ctx.set_member(None)
        self.ctx.set_store(None)
        self.ctx.data_dir = Path(folder)
        self.start()

    # -- window ---------------------------------------------------------------------------
    def retranslate(self) -> None:
        title = self.tr("Consent Studio")
        if self.ctx.studio is not None:
            title = f"{self.ctx.studio.label} — {title}"
        self.setWindowTitle(title)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._first_paint_done:
            self._first_paint_done = True
            self.painted.emit()

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt  # not at import: its enums cost ~15 ms before the first paint

        if event.key() == Qt.Key.Key_L and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.lock()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        capture = self._pages.get("capture")
        if capture is not None and capture.active:
            capture.cancel_session(reason="app closed", wait=True)
        self.idle.stop()
        self.idle.detach()
        super().closeEvent(event)
