"""Step 3 of the capture wizard: the live face, the liveness challenge, a guardian, an override."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from consent_app.ui.capture.device_bar import DeviceBar
from consent_app.ui.capture.identity_card import IdentityCard
from consent_app.ui.capture.preview import PreviewWidget
from consent_app.ui.capture.step_base import Step, form_rows, jpeg_of
from consent_app.ui.common import primary
from consent_app.ui.words import liveness_prompt


class LiveFaceStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.preview = PreviewWidget(self)
        self.preview.status_changed.connect(self._status)
        self.capture_button = primary(QPushButton(self))
        self.capture_button.setDefault(False)
        self.capture_button.clicked.connect(self.capture)
        self.challenge_button = QPushButton(self)
        self.challenge_button.clicked.connect(self.start_challenge)
        self.card = IdentityCard(self, run=wizard.ctx.run)
        self.match = self.card.score  # the score line: a secondary detail of the card
        self.demo_note = QLabel(self)
        self.demo_note.setWordWrap(True)
        self.demo_note.setProperty("role", "hint")
        self.liveness = QLabel(self)
        self.liveness.setWordWrap(True)
        self.countdown = QProgressBar(self)
        self.countdown.setTextVisible(False)
        self.countdown.hide()
        side = QVBoxLayout()
        side.addWidget(self.capture_button)
        side.addWidget(self.card)
        side.addWidget(self.demo_note)
        side.addSpacing(12)
        side.addWidget(self.challenge_button)
        side.addWidget(self.countdown)
        side.addWidget(self.liveness)
        # guardian
        self.guardian = QGroupBox(self)
        g = QVBoxLayout(self.guardian)
        self.guardian_id = QPushButton(self.guardian)
        self.guardian_id.clicked.connect(self._guardian_id)
        self.guardian_face = QPushButton(self.guardian)
        self.guardian_face.clicked.connect(self._guardian_face)
        self.guardian_result = QLabel(self.guardian)
        self.guardian_result.setWordWrap(True)
        for w in (self.guardian_id, self.guardian_face, self.guardian_result):
            g.addWidget(w)
        side.addWidget(self.guardian)
        # override
        self.override = QGroupBox(self)
        o = QFormLayout(self.override)
        self.reason = QLineEdit(self.override)
        self.admin_user = QLineEdit(self.override)
        self.admin_password = QLineEdit(self.override)
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.override_labels = form_rows(o, (self.reason, self.admin_user, self.admin_password))
        self.override_button = QPushButton(self.override)
        self.override_button.clicked.connect(self.record_override)
        o.addRow(self.override_button)
        side.addWidget(self.override)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview, 3)
        row.addLayout(side, 2)
        self.devices_bar = DeviceBar(wizard.ctx, self)
        self.devices_bar.changed.connect(self._devices_changed)
        self.body.addWidget(self.devices_bar)
        self.body.addLayout(row, 1)
        self._guardian_id_bytes: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)
        self._challenge = None
        self._tap = None
        self._elapsed = 0.0
        self._capture_problem = False
        self._camera_available = True
        self._watched_feed = None  # the camera feed whose analysis errors this step hears
        self._helper_down = False  # the biometrics helper stopped: capture off until another runs
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Live face and liveness"))
        self.hint.setText(self.tr("The subject looks at the camera. Capture when the box turns green, then "
                                  "run the liveness challenge: the subject follows the prompts on screen."))
        self.capture_button.setText(self.tr("&Capture the face"))
        self.challenge_button.setText(self.tr("Start the &liveness challenge"))
        self.guardian.setTitle(self.tr("Guardian's verification"))
        self.guardian_id.setText(self.tr("Guardian's ID &document…"))
        self.guardian_face.setText(self.tr("Capture the &guardian's face"))
        self.override.setTitle(self.tr("Identity check not passed? An administrator may override with their "
                                       "password"))
        self.demo_note.setText(self.tr("DEMO: the camera is a recorded file. A recording can never pass the "
                                       "liveness challenge (nobody follows the prompts), so an administrator "
                                       "overrides it to finish a demo session."))
        for label, text in zip(self.override_labels, (self.tr("Rea&son:"), self.tr("Administrator:"),
                                                      self.tr("Administrator's &password:")), strict=True):
            label.setText(text)
        self.override_button.setText(self.tr("Record the &override"))
        self.reason.setPlaceholderText(self.tr("why the session may continue (recorded in the audit trail)"))
        self.refresh()

    def enter(self) -> None:
        ctx = self.wizard.ctx
        if ctx.is_admin and not self.admin_user.text():
            self.admin_user.setText(ctx.member.username)  # still asked for the password, now
        self._camera_state(self.devices_bar.refresh())
        self.refresh()
        self.capture_button.setFocus()

    def _camera_state(self, available: bool) -> None:
        """Start the preview, or say at once that no camera was found and disable what needs one."""
        self._camera_available = available
        if available:
            self.wizard.start_camera()
            feed = self.wizard.feed
            if feed is not None and self.preview.feed is not feed:
                self.preview.attach(feed)
            if feed is not None and self._watched_feed is not feed:
                feed.analysis_failed.connect(self._analysis_failed)
                self._watched_feed = feed
        else:
            self.preview._on_failed(self.tr("No camera found"))
        self._enable_capture()

    def _enable_capture(self) -> None:
        """Capture and the challenge need a camera and a running biometrics helper."""
        on = self._camera_available and not self._helper_down
        for button in (self.capture_button, self.challenge_button):
            button.setEnabled(on)
            button.setToolTip("" if self._camera_available else self.devices_bar.missing.text())

    # -- the biometrics helper stopped ----------------------------------------------------
    def _analysis_failed(self, exc) -> None:
        from consent_app.session.services import AnalysisStopped

        if isinstance(exc, AnalysisStopped):
            self._helper_stopped(exc)

    def _helper_stopped(self, exc) -> None:
        """Say so at once, turn capture off, start another helper (see ``helper_restart``)."""
        from consent_app.ui.capture.helper_restart import restart_helper
        from consent_app.ui.core_words import error_text

        if self._helper_down or self.flow is None:
            return  # already restarting (every preview frame fails meanwhile)
        self._helper_down = True
        self._stop_challenge()
        self._enable_capture()
        self.message.error(error_text(exc))
        restart_helper(self.wizard.ctx, self.flow.services, done=self._helper_back,
                       failed=self._helper_not_back)

    def _helper_back(self) -> None:
        from shiboken6 import isValid

        if not isValid(self):
            return
        self._helper_down = False
        self._enable_capture()
        self.message.clear_message()  # its cause is gone

    def _helper_not_back(self, _exc) -> None:
        from shiboken6 import isValid

        from consent_app.messages import Message
        from consent_app.ui.core_words import word

        if isValid(self):  # capture stays off
            self.message.error(word(Message("biometrics.helper_not_restarted")))

    def _devices_changed(self, available: bool) -> None:
        """Another camera was chosen (here or in Settings › Devices): restart the preview with it."""
        self.wizard.stop_camera()
        self.wizard.feed = None
        self._camera_state(available)

    def leave(self) -> None:
        self._stop_challenge()

    def reset(self) -> None:
        self._stop_challenge()
        self._challenge = None
        self._guardian_id_bytes = None
        self.reason.clear()
        self.admin_user.clear()
        self.admin_password.clear()
        self.guardian_result.clear()

    def _status(self, ready: bool, _message: str) -> None:
        self.capture_button.setProperty("ready", ready)
        if ready and self._capture_problem:  # e.g. "Looking away": gone once the preview shows a good face
            self._capture_problem = False
            self.message.clear_message()

    def _capture_failed(self, exc) -> None:
        from consent_app.session.services import AnalysisStopped
        from consent_app.ui.core_words import error_text

        if isinstance(exc, AnalysisStopped):
            self._helper_stopped(exc)
            return
        self.message.error(error_text(exc))
        self._capture_problem = True

    def capture(self) -> None:
        frame = self.preview.current_frame()
        if frame is None:
            self.message.error(self.tr("The camera shows no picture yet."))
            return
        rgb = frame.rgb.copy()
        source = "file" if self.wizard.ctx.devices.camera_file is not None else "camera"
        self._capture_problem = False
        self.wizard.call(lambda: self.flow.capture_face(jpeg_of(rgb), "image/jpeg", source),
                         done=lambda _r: self.refresh(), step=self, error=self._capture_failed,
                         message=self.tr("Checking the face against the ID document…"))

    def start_challenge(self) -> None:
        if self.wizard.feed is None:
            return
        self.message.clear_message()
        try:
            self._challenge = self.flow.draw_challenge()
        except Exception as exc:
            self.message.error(exc)
            return
        seconds = float(self._challenge.time_limit_s)
        self._tap = self.wizard.feed.tap(seconds)
        self._elapsed = 0.0
        self.countdown.setRange(0, int(seconds * 10))
        self.countdown.setValue(0)
        self.countdown.show()
        self.challenge_button.setEnabled(False)
        self._timer.start()
        tap = self._tap
        self.wizard.call_on_liveness_thread(lambda: self.flow.run_liveness(tap), done=self._liveness_done,
                                            error=self._liveness_failed)

    def _tick(self) -> None:
        """Show the prompts in turn while the core checks the frames (an even share of the time)."""
        if self._challenge is None:
            return
        self._elapsed += 0.1
        self.countdown.setValue(int(self._elapsed * 10))
        actions = self._challenge.actions
        share = float(self._challenge.time_limit_s) / max(1, len(actions))
        index = min(len(actions) - 1, int(self._elapsed / share))
        steps = " → ".join(liveness_prompt(a) for a in actions)
        self.preview.set_prompt(liveness_prompt(actions[index]))
        self.liveness.setText(self.tr("Challenge: {steps}").format(steps=steps))

    def _stop_challenge(self) -> None:
        self._timer.stop()
        if self._tap is not None and self.wizard.feed is not None:
            self.wizard.feed.untap(self._tap)
        self._tap = None
        self.countdown.hide()
        self.preview.set_prompt("")
        self.challenge_button.setEnabled(self._camera_available and not self._helper_down)

    def _liveness_done(self, _result) -> None:
        self._stop_challenge()
        self.refresh()

    def _liveness_failed(self, exc) -> None:
        from consent_app.session.services import AnalysisStopped

        self._stop_challenge()
        if isinstance(exc, AnalysisStopped):
            self._helper_stopped(exc)
        else:
            self.message.error(exc)
        self.refresh()

    def _guardian_id(self) -> None:
        from consent_app.biometrics.images import read_image_bytes

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Guardian's ID document"), "",
                                              self.tr("Images (*.jpg *.jpeg *.png)"))
        if path:
            self._guardian_id_bytes = read_image_bytes(path)
            self.guardian_result.setText(self.tr("Guardian's ID document loaded; now capture the guardian's "
                                                 "face."))

    def _guardian_face(self) -> None:
        frame = self.preview.current_frame()
        if frame is None or self._guardian_id_bytes is None:
            self.message.error(self.tr("Load the guardian's ID document first, with the guardian in view."))
            return
        rgb, id_bytes = frame.rgb.copy(), self._guardian_id_bytes
        self.wizard.call(lambda: self.flow.capture_guardian(id_bytes, jpeg_of(rgb)),
                         done=lambda _r: self.refresh(), step=self,
                         message=self.tr("Checking the guardian against the guardian's ID…"))

    def record_override(self) -> None:
        from consent_app import staff

        ctx = self.wizard.ctx
        reason = self.reason.text()
        # An administrator's password at this moment, never the operator's session (even an admin's).
        user, password = self.admin_user.text().strip(), self.admin_password.text()
        self.admin_password.clear()

        def job():
            admin = staff.login(ctx.store, user, password)
            return self.flow.record_override(admin, reason)

        self.wizard.call(job, done=lambda _r: self.refresh(), step=self)

    def refresh(self) -> None:
        flow = self.flow
        if flow is None:
            return
        identity = flow.identity
        self.card.show_flow(flow)
        self.demo_note.setVisible(self.wizard.ctx.demo and self.wizard.ctx.devices.camera_file is not None)
        if self._tap is None:
            self.liveness.clear()
        self.guardian.setVisible(flow.is_guardian)
        if flow.is_guardian and flow.guardian.check is not None:
            gm = flow.guardian.check.match
            self.guardian_result.setText(self.tr("Guardian matches their ID (distance {d:.3f}).") if gm.match
                                         else self.tr("Guardian does NOT match their ID (distance {d:.3f}).")
                                         .format(d=gm.distance))
        failed = identity is not None and not flow.identity_passed
        self.override.setVisible(failed and flow.override is None)
