"""The capture-session wizard: draws ``consent_app.session.flow.CaptureFlow`` step by step.

Every flow call runs on the task helper; the flow tells the wizard what changed and the wizard
redraws. Cancelling at any step ends the flow through the core (discarded, or kept as an
incomplete session), so no half-written consent exists.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.capture.step_base import Step
from consent_app.ui.capture.step_consent_form import ConsentFormStep
from consent_app.ui.capture.step_countersign import CountersignStep
from consent_app.ui.capture.step_face import LiveFaceStep
from consent_app.ui.capture.step_id_document import IdDocumentStep
from consent_app.ui.capture.step_receipt import ReceiptStep
from consent_app.ui.capture.step_subject import SubjectStep
from consent_app.ui.capture.step_voice import VoiceStep
from consent_app.ui.common import (
    BusyOverlay,
    DemoBadge,
    Retranslatable,
    StackPage,
    danger,
    error_text,
    primary,
)
from consent_app.ui.stepper import Stepper

STEP_ORDER = ("subject_details", "id_document", "live_face", "voice", "consent_form", "subject_signature",
              "staff_countersign", "complete")
#: A step's page shown, the next one is made this much later (while the staff work on this one), so
#: that moving on shows a page that exists (making one holds the GUI thread 10-25 ms).
PREPARE_NEXT_MS = 400
#: The wizard's own pages (the subject signs in the kiosk).
PAGES: dict[str, type[Step]] = {
    "subject_details": SubjectStep, "id_document": IdDocumentStep, "live_face": LiveFaceStep,
    "voice": VoiceStep, "consent_form": ConsentFormStep, "staff_countersign": CountersignStep,
    "complete": ReceiptStep,
}


class CaptureWizard(StackPage, Retranslatable, QWidget):
    closed = Signal()
    kiosk_requested = Signal(object, object)  # flow, ConsentDetails
    kiosk_soon = Signal()  # the consent form is shown: the kiosk comes next
    flow_changed = Signal()
    _liveness_done = Signal(object)
    _liveness_failed = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flow = None
        self.feed = None
        self.busy_task = None
        # header: where we are, DEMO, cancel
        self.stepper = Stepper(self)
        self.demo = DemoBadge(self)
        self.cancel_button = danger(QPushButton(self))
        self.cancel_button.clicked.connect(self.ask_cancel)
        header = QHBoxLayout()
        header.addWidget(self.demo, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.stepper, 1)
        header.addSpacing(16)
        header.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignVCenter)
        # cancel confirmation (inline, so it cannot be missed or hidden behind another window)
        self.cancel_panel = QFrame(self)
        self.cancel_panel.setStyleSheet("QFrame { background: #f8e9e9; border: 1px solid #e2b7b7; "
                                        "border-radius: 6px; }")
        self.cancel_text = QLabel(self.cancel_panel)
        self.cancel_text.setWordWrap(True)
        self.keep_button = QPushButton(self.cancel_panel)
        self.keep_button.clicked.connect(lambda: self.cancel_session(keep=True))
        self.discard_button = danger(QPushButton(self.cancel_panel))
        self.discard_button.clicked.connect(lambda: self.cancel_session(keep=False))
        self.resume_button = QPushButton(self.cancel_panel)
        self.resume_button.clicked.connect(self.cancel_panel.hide)
        cp = QHBoxLayout(self.cancel_panel)
        cp.addWidget(self.cancel_text, 1)
        cp.addWidget(self.resume_button)
        cp.addWidget(self.keep_button)
        cp.addWidget(self.discard_button)
        self.cancel_panel.hide()
        # steps: each page is made when first shown (making all seven at once held the GUI thread
        # for ~90 ms when a session started)
        self.stack = QStackedWidget(self)
        self.pages: dict[str, Step] = {}
        # footer
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back_step)
        self.next_button = primary(QPushButton(self))
        self.next_button.clicked.connect(self.commit_step)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.cancel_panel)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)
        self.busy = BusyOverlay(self)
        self.flow_changed.connect(self._redraw)
        self._liveness_callbacks = (lambda _r: None, lambda _e: None)
        self._liveness_done.connect(self._liveness_result)
        self._liveness_failed.connect(self._liveness_error)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self._escape)
        self.retranslate()

    # -- pages ----------------------------------------------------------------------------
    def page(self, key: str):
        """The step page for ``key`` (a ``STEP_ORDER`` name other than the kiosk's), made on first use."""
        page = self.pages.get(key)
        if page is None:
            page = PAGES[key](self, self.stack)  # made in place: moving a made page re-styles it
            self.pages[key] = page
            self.stack.addWidget(page)
            if key == "consent_form":
                page.kiosk_requested.connect(lambda details: self.kiosk_requested.emit(self.flow, details))
        return page

    subject_step = property(lambda self: self.page("subject_details"))
    id_step = property(lambda self: self.page("id_document"))
    face_step = property(lambda self: self.page("live_face"))
    voice_step = property(lambda self: self.page("voice"))
    form_step = property(lambda self: self.page("consent_form"))
    countersign_step = property(lambda self: self.page("staff_countersign"))
    receipt_step = property(lambda self: self.page("complete"))

    # -- texts ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.stepper.set_steps([self.tr("Subject"), self.tr("ID document"), self.tr("Live face"),
                                self.tr("Voice"), self.tr("Consent form"), self.tr("Signature"),
                                self.tr("Countersign"), self.tr("Receipt")])
        self.cancel_button.setText(self.tr("Cancel session"))
        self.cancel_text.setText(self.tr("Cancel this capture session? No consent is recorded either way."))
        self.keep_button.setText(self.tr("&Keep captures as an incomplete session"))
        self.discard_button.setText(self.tr("&Discard everything"))
        self.resume_button.setText(self.tr("&Continue the session"))
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self._redraw()

    # -- life -----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        from consent_app.session.flow import State

        return self.flow is not None and self.flow.state is State.OPEN

    def begin(self, subject_id: str | None = None) -> None:
        from consent_app.session.flow import CaptureFlow
        from consent_app.ui.capture.offload import OffloadedBiometrics

        services = OffloadedBiometrics(self.ctx.store, getattr(self.ctx, "helper", None))
        self.ctx.helper = services.helper
        self.flow = CaptureFlow(self.ctx.store, self.ctx.member, services)
        self.flow.subscribe(lambda _flow: self.flow_changed.emit())
        name = ""
        if subject_id is not None:
            with self.ctx.store.read() as conn:
                row = conn.execute("SELECT display_name FROM subjects WHERE id = ?", (subject_id,)).fetchone()
            name = row[0] if row else ""
        self.subject_step.prefill(subject_id, name)
        for key in ("id_document", "live_face"):  # a page made later starts empty anyway
            if key in self.pages:
                self.pages[key].reset()
        self.cancel_panel.hide()
        self.demo.setVisible(self.ctx.demo)
        self.show_step("subject_details")

    def current_key(self) -> str:
        page = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p is page), "")

    def show_step(self, key: str) -> None:
        previous = self.stack.currentWidget()
        if key not in PAGES:
            return
        page = self.page(key)
        if previous is not page and hasattr(previous, "leave"):
            previous.leave()
        self.stack.setCurrentWidget(page)
        if key in ("id_document", "live_face", "voice"):  # voice: the statement is spoken on camera
            self.start_camera()
        else:
            self.stop_camera()
        page.message.clear_message()
        page.enter()
        self._redraw()
        QTimer.singleShot(PREPARE_NEXT_MS, self._prepare_next)

    def _prepare_next(self) -> None:
        """Make the page after the current one, if it is not made yet."""
        from shiboken6 import isValid

        if not isValid(self):  # closed meanwhile
            return
        keys = list(PAGES)
        current = self.current_key()
        if current not in keys or keys.index(current) + 1 >= len(keys):
            return
        following = keys[keys.index(current) + 1]
        if following not in self.pages and self.flow is not None:
            self.page(following)
        if current == "consent_form":  # then the kiosk, apart (each is a block of its own)
            QTimer.singleShot(PREPARE_NEXT_MS, lambda: self.kiosk_soon.emit() if isValid(self) else None)

    def _redraw(self) -> None:
        flow = self.flow
        current = self.current_key()
        at = STEP_ORDER.index(current) if current in STEP_ORDER else 0
        self.stepper.set_current(at if current != "complete" else len(STEP_ORDER) - 1)
        if flow is None:
            return
        page = self.stack.currentWidget()
        if hasattr(page, "refresh") and current != "subject_details":
            page.refresh()
        done = current == "complete"
        self.back_button.setVisible(current not in ("subject_details", "complete"))
        self.next_button.setVisible(current not in ("consent_form", "staff_countersign", "complete"))
        # the live-face step is left only once the identity passed or an administrator overrode it
        self.next_button.setEnabled(current != "live_face" or flow.identity_accepted)
        self.cancel_button.setVisible(not done)

    # -- navigation ------------------------------------------------------------------------
    def call(self, fn, *args, done=None, step=None, message: str = "", error=None, busy: bool = True):
        """Run a flow call on the task helper; its error goes to the step's message bar."""
        from shiboken6 import isValid

        page = step or self.stack.currentWidget()

        def failed(exc):
            page.message.error(error_text(exc))

        def alive(callback):
            """A result that arrives after the session's pages were closed has no page left to show."""
            if callback is None:
                return None
            return lambda value: callback(value) if isValid(page) and isValid(self) else None

        return self.ctx.run(fn, *args, done=alive(done), error=alive(error or failed),
                            busy=self.busy if busy else None, message=message or self.tr("Working…"))

    def call_on_liveness_thread(self, fn, *, done, error) -> None:
        """Run ``fn`` on the long-lived liveness thread (see ``threads``); results on the GUI thread."""
        from consent_app.ui.capture.threads import liveness_thread

        self._liveness_callbacks = (done, error)
        liveness_thread().submit(fn, self._liveness_done.emit, self._liveness_failed.emit)

    def _liveness_result(self, result) -> None:
        self._liveness_callbacks[0](result)

    def _liveness_error(self, exc) -> None:
        self._liveness_callbacks[1](exc)

    def commit_step(self) -> None:
        if self.busy.pending:
            # the wizard is still working (the overlay shows only after half a second): a double click
            # on Next ran the step's calls twice, and on the live-face step moved past the optional voice
            # step too
            return
        page = self.stack.currentWidget()
        page.message.clear_message()
        page.commit(self.next_step)

    def next_step(self) -> None:
        self.call(self.flow.next, done=lambda step: self.show_step(str(step)))

    def back_step(self) -> None:
        if self.busy.pending:  # as for Next: one move at a time
            return
        if self.current_key() == "staff_countersign":
            # back from the countersignature: the subject signs again in the kiosk
            self.call(self.flow.back, done=lambda _s: self.show_step("consent_form"))
            return
        self.call(self.flow.back, done=lambda step: self.show_step(str(step)))

    def after_kiosk(self, signed: bool) -> None:
        """The staff took the screen back from the kiosk."""
        if signed:
            self.call(self.flow.next, done=lambda step: self.show_step(str(step)))
        else:
            from consent_app.session.flow import Step

            def back():
                if self.flow.step is not Step.CONSENT_FORM:
                    self.flow.go_to(Step.CONSENT_FORM)

            self.call(back, done=lambda _r: self.show_step("consent_form"))

    def completed(self, _done) -> None:
        self.show_step("complete")
        self.ctx.data_changed.emit("subjects")

    # -- camera ---------------------------------------------------------------------------
    def camera_present(self) -> bool:
        """A camera is connected (or a file stands in for it): checked at once, without opening it."""
        from consent_app.ui.capture.device_bar import cameras

        return self.ctx.devices.camera_file is not None or bool(cameras())

    def start_camera(self) -> None:
        if self.feed is None and not self.camera_present():
            return  # the steps say "no camera found" at once instead of a preview that waits
        if self.feed is None:
            from consent_app.ui.capture.camera import CameraFeed

            self.feed = CameraFeed(self.ctx.devices, self, demo=self.ctx.demo, analyser=self._analyse_preview)
        if not self.feed.running:
            self.feed.start()

    def _analyse_preview(self, rgb, thresholds=None, with_landmarks: bool = True):
        """A preview frame's analysis in the session's helper process (on the preview's thread):
        dlib's detector keeps the GIL for its whole run, never in this process."""
        helper = self.ctx.helper
        if helper is None:
            raise RuntimeError("the biometrics helper is not running")
        return helper.analyse_preview(rgb, thresholds, with_landmarks)

    def stop_camera(self) -> None:
        if self.feed is not None:
            self.feed.stop()

    def pause(self) -> None:
        """The screen locked: stop the camera; the session waits for the same staff member."""
        self.stop_camera()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.current_key() in ("id_document", "live_face"):
            self.start_camera()

    # -- cancel ---------------------------------------------------------------------------
    def _escape(self) -> None:
        if self.cancel_panel.isVisible():
            self.cancel_panel.hide()
        else:
            self.ask_cancel()

    def ask_cancel(self) -> None:
        if not self.active:
            self.close_wizard()
            return
        self.cancel_panel.show()
        self.resume_button.setFocus()

    def cancel_session(self, keep: bool = False, reason: str = "cancelled by staff", *, wait: bool = False):
        flow = self.flow
        self.stop_camera()
        if flow is None or not self.active:
            self.close_wizard()
            return None
        if wait:  # app closing or staff signing out: end it now
            flow.cancel(keep=keep, reason=reason)
            self.close_wizard()
            return None
        return self.call(lambda: flow.cancel(keep=keep, reason=reason), done=lambda _s: self.close_wizard(),
                         message=self.tr("Ending the session…"))

    def close_wizard(self) -> None:
        self.stop_camera()
        self.cancel_panel.hide()
        self.closed.emit()
