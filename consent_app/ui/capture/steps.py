"""The staff-side steps of the capture wizard. Each step draws the flow and calls it; nothing more."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.capture.preview import PreviewWidget
from consent_app.ui.common import MessageBar, Retranslatable, primary, title_label
from consent_app.ui.signature_pad import SignaturePad
from consent_app.ui.words import category_label, liveness_prompt, unavailable_reason


def _rows(form: QFormLayout, pairs) -> list[QLabel]:
    labels = []
    for widget in pairs:
        label = QLabel(form.parentWidget())
        label.setBuddy(widget)
        form.addRow(label, widget)
        labels.append(label)
    return labels


def jpeg_of(rgb) -> bytes:
    from consent_app.biometrics.face.capture import jpeg_bytes

    return jpeg_bytes(rgb)


class Step(Retranslatable, QWidget):
    """Base of a step page: a title, a hint, a message bar; ``wizard`` runs flow calls."""

    def __init__(self, wizard, parent=None) -> None:
        super().__init__(parent)
        self.wizard = wizard
        self.title = title_label(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.message = MessageBar(self)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)

    @property
    def flow(self):
        return self.wizard.flow

    def enter(self) -> None:
        """Called when the step is shown."""

    def leave(self) -> None:
        """Called when another step is shown."""

    def commit(self, proceed) -> None:
        """Record this step's input in the flow, then call ``proceed()``; default: nothing to record."""
        proceed()


# -- 1. subject details -----------------------------------------------------------------------------
class SubjectStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh-CN")
        self.minor = QCheckBox(self)
        self.attester = QComboBox(self)
        for role in ("subject", "guardian", "agent"):
            self.attester.addItem("", role)
        self.attester_name = QLineEdit(self)
        self.relationship = QLineEdit(self)
        self.labels = _rows(form, (self.name, self.language, self.minor, self.attester, self.attester_name,
                                   self.relationship))
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.attester.currentIndexChanged.connect(self._attester_changed)
        self.minor.toggled.connect(self._minor_toggled)
        self.subject_id: str | None = None
        self._attester_changed()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Subject details"))
        self.hint.setText(self.tr("Who is giving consent? The name appears on the receipt; tokens carry "
                                  "only a pseudonymous id."))
        texts = (self.tr("Subject's full &name:"), self.tr("Subject's &language:"),
                 self.tr("Subject is a &minor:"), self.tr("Who &signs:"), self.tr("Signer's n&ame:"),
                 self.tr("&Relationship or authority:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.minor.setText(self.tr("Under 18: a guardian consents and is verified too"))
        for i, text in enumerate((self.tr("The subject"), self.tr("A guardian (for a minor)"),
                                  self.tr("An authorised agent"))):
            self.attester.setItemText(i, text)
        self.relationship.setPlaceholderText(self.tr("e.g. mother, or power of attorney no. 2024-17"))

    def _attester_changed(self) -> None:
        other = self.attester.currentData() != "subject"
        for w in (self.attester_name, self.relationship, self.labels[4], self.labels[5]):
            w.setVisible(other)

    def _minor_toggled(self, on: bool) -> None:
        if on:
            self.attester.setCurrentIndex(self.attester.findData("guardian"))

    def prefill(self, subject_id: str | None, name: str = "") -> None:
        self.subject_id = subject_id
        self.name.setText(name)
        self.name.setReadOnly(subject_id is not None)
        self.minor.setChecked(False)
        self.attester.setCurrentIndex(0)
        self.attester_name.clear()
        self.relationship.clear()

    def enter(self) -> None:
        self.name.setFocus()

    def commit(self, proceed) -> None:
        from consent_app.session.flow import Attester, AttesterRole, SubjectDetails

        role = AttesterRole(self.attester.currentData())
        details = SubjectDetails(
            display_name=self.name.text(), language=self.language.currentData(), minor=self.minor.isChecked(),
            attester=Attester(role, self.attester_name.text(), self.relationship.text()),
            subject_id=self.subject_id)
        self.wizard.call(self.flow.set_subject, details, done=lambda _r: proceed(), step=self)


# -- 2. ID document -----------------------------------------------------------------------------------
class IdDocumentStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.photo = QLabel(self)
        self.photo.setMinimumSize(360, 240)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("background: #e8eeed; border: 1px dashed #9aa7a5; border-radius: 6px;")
        self.demo_files = QComboBox(self)
        self.demo_label = QLabel(self)
        self.demo_label.setBuddy(self.demo_files)
        self.use_demo = QPushButton(self)
        self.use_demo.clicked.connect(self._use_demo)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self._import)
        self.camera_button = QPushButton(self)
        self.camera_button.clicked.connect(self._from_camera)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.camera_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_label)
        demo_row.addWidget(self.demo_files, 1)
        demo_row.addWidget(self.use_demo)
        self.body.addWidget(self.photo, 1)
        self.body.addLayout(row)
        self.body.addLayout(demo_row)
        self.body.addWidget(self.result)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("ID document"))
        self.hint.setText(self.tr("Photograph the subject's ID card or passport (the page with the "
                                  "portrait), or import a photo of it. The portrait is compared with the "
                                  "live face."))
        self.camera_button.setText(self.tr("Take a photo with the &camera"))
        self.import_button.setText(self.tr("&Import a photo…"))
        self.demo_label.setText(self.tr("Demo &photos:"))
        self.use_demo.setText(self.tr("&Use this photo"))
        if self.flow is None or self.flow.id_document is None:
            self.photo.setText(self.tr("No ID document yet"))
        self._show_result()

    def enter(self) -> None:
        images = list(getattr(self.wizard.ctx.devices, "demo_images", []) or [])
        self.demo_files.clear()
        for path in images:
            self.demo_files.addItem(path.name, str(path))
        for w in (self.demo_files, self.demo_label, self.use_demo):
            w.setVisible(bool(images))
        self.camera_button.setFocus()

    def reset(self) -> None:
        """A new session: nothing of the previous subject stays on screen."""
        self.photo.clear()
        self.photo.setText(self.tr("No ID document yet"))
        self.result.clear()

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the ID document"), "",
                                              self.tr("Images (*.jpg *.jpeg *.png *.webp *.tif *.tiff)"))
        if path:
            self.use_file(Path(path))

    def _use_demo(self) -> None:
        if self.demo_files.currentData():
            self.use_file(Path(self.demo_files.currentData()))

    def use_file(self, path: Path) -> None:
        from consent_app.biometrics.images import read_image_bytes

        mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        self.wizard.call(lambda: self._capture(read_image_bytes(path), mime), done=self._captured, step=self,
                         message=self.tr("Finding the portrait on the document…"))

    def _from_camera(self) -> None:
        frame = self.wizard.feed.peek() if self.wizard.feed else None
        if frame is None:
            self.message.error(self.tr("The camera shows no picture yet."))
            return
        rgb = frame.rgb.copy()
        self.wizard.call(lambda: self._capture(jpeg_of(rgb), "image/jpeg"), done=self._captured, step=self,
                         message=self.tr("Finding the portrait on the document…"))

    def _capture(self, data: bytes, mime: str):
        return data, self.flow.capture_id_document(data, mime)

    def _captured(self, result) -> None:
        data, _document = result
        image = QImage.fromData(data)
        if not image.isNull():
            self.photo.setPixmap(QPixmap.fromImage(image).scaled(
                self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self._show_result()

    def _show_result(self) -> None:
        doc = self.flow.id_document if self.flow is not None else None
        if doc is None:
            self.result.clear()
            return
        faces = doc.details.get("faces_on_document", 1) if hasattr(doc, "details") else 1
        self.result.setText(self.tr("Portrait found on the document ({faces} face(s) on it).")
                            .format(faces=faces))


# -- 3. live face, liveness, override ----------------------------------------------------------------------
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
        self.match = QLabel(self)
        self.match.setWordWrap(True)
        self.liveness = QLabel(self)
        self.liveness.setWordWrap(True)
        self.countdown = QProgressBar(self)
        self.countdown.setTextVisible(False)
        self.countdown.hide()
        side = QVBoxLayout()
        side.addWidget(self.capture_button)
        side.addWidget(self.match)
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
        self.override_labels = _rows(o, (self.reason, self.admin_user, self.admin_password))
        self.override_button = QPushButton(self.override)
        self.override_button.clicked.connect(self.record_override)
        o.addRow(self.override_button)
        side.addWidget(self.override)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.preview, 3)
        row.addLayout(side, 2)
        self.body.addLayout(row, 1)
        self._guardian_id_bytes: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)
        self._challenge = None
        self._tap = None
        self._elapsed = 0.0
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
        self.override.setTitle(self.tr("Identity check not passed? An administrator may override"))
        for label, text in zip(self.override_labels, (self.tr("Rea&son:"), self.tr("Administrator:"),
                                                      self.tr("Administrator's &password:")), strict=True):
            label.setText(text)
        self.override_button.setText(self.tr("Record the &override"))
        self.reason.setPlaceholderText(self.tr("why the session may continue (recorded in the audit trail)"))
        self.refresh()

    def enter(self) -> None:
        self.wizard.start_camera()
        if self.wizard.feed is not None and self.preview.feed is not self.wizard.feed:
            self.preview.attach(self.wizard.feed)
        self.refresh()
        self.capture_button.setFocus()

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

    def capture(self) -> None:
        frame = self.preview.current_frame()
        if frame is None:
            self.message.error(self.tr("The camera shows no picture yet."))
            return
        rgb = frame.rgb.copy()
        self.wizard.call(lambda: self.flow.capture_face(jpeg_of(rgb), "image/jpeg"),
                         done=lambda _r: self.refresh(), step=self,
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
        self.challenge_button.setEnabled(True)

    def _liveness_done(self, _result) -> None:
        self._stop_challenge()
        self.refresh()

    def _liveness_failed(self, exc) -> None:
        self._stop_challenge()
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
        if ctx.is_admin and not self.admin_password.text():
            member = ctx.member
            self.wizard.call(lambda: self.flow.record_override(member, reason),
                             done=lambda _r: self.refresh(), step=self)
            return
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
        if identity is None:
            self.match.setText(self.tr("Not captured yet."))
        else:
            m = identity.match
            verdict = (self.tr("matches the ID document") if m.match
                       else self.tr("does NOT match the ID document"))
            self.match.setText(self.tr("Live face {verdict} (distance {distance:.3f}, threshold "
                                       "{threshold:.3f})").format(verdict=verdict, distance=m.distance,
                                                                  threshold=m.threshold))
        live = flow.liveness
        if live is None:
            if self._challenge is None:
                self.liveness.setText(self.tr("Liveness not checked yet."))
        else:
            self.liveness.setText(self.tr("Liveness passed.") if live.passed else
                                  self.tr("Liveness failed: {reason}").format(reason=live.reason or "—"))
        self.guardian.setVisible(flow.is_guardian)
        if flow.is_guardian and flow.guardian.check is not None:
            gm = flow.guardian.check.match
            self.guardian_result.setText(self.tr("Guardian matches their ID (distance {d:.3f}).") if gm.match
                                         else self.tr("Guardian does NOT match their ID (distance {d:.3f}).")
                                         .format(d=gm.distance))
        failed = identity is not None and not flow.identity_passed
        self.override.setVisible(failed and flow.override is None)
        admin = self.wizard.ctx.is_admin
        for w in (self.admin_user, self.override_labels[1]):
            w.setVisible(not admin)
        for w in (self.admin_password, self.override_labels[2]):
            w.setVisible(not admin)
        if flow.override is not None:
            self.message.info(self.tr("Identity check overridden by {admin}: {reason}")
                              .format(admin=flow.override.admin, reason=flow.override.reason))


# -- 4. voice (optional) --------------------------------------------------------------------------------
class VoiceStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.source = QComboBox(self)
        self.source_label = QLabel(self)
        self.source_label.setBuddy(self.source)
        self.sample_button = primary(QPushButton(self))
        self.sample_button.setDefault(False)
        self.sample_button.clicked.connect(lambda: self.toggle("sample"))
        self.sample_result = QLabel(self)
        self.sample_result.setWordWrap(True)
        self.statement_button = QPushButton(self)
        self.statement_button.clicked.connect(self.show_statement)
        self.statement_text = QLabel(self)
        self.statement_text.setWordWrap(True)
        self.statement_text.setStyleSheet("font-size: 15pt; background: white; padding: 10px; "
                                          "border: 1px solid #b9c2c0; border-radius: 6px;")
        self.statement_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_statement = QPushButton(self)
        self.record_statement.clicked.connect(lambda: self.toggle("statement"))
        self.statement_result = QLabel(self)
        self.statement_result.setWordWrap(True)
        self.meter = QProgressBar(self)
        self.meter.setRange(-60, 0)
        self.meter.setValue(-60)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("level")
        self.meter.setStyleSheet("QProgressBar::chunk { background: #3fa66b; }")
        self.elapsed = QLabel(self)
        self.skip = QPushButton(self)
        self.skip.clicked.connect(self._skip)
        src = QHBoxLayout()
        src.addWidget(self.source_label)
        src.addWidget(self.source, 1)
        meter = QHBoxLayout()
        meter.addWidget(self.meter, 1)
        meter.addWidget(self.elapsed)
        self.body.addLayout(src)
        self.body.addLayout(meter)
        self.body.addWidget(self.sample_button)
        self.body.addWidget(self.sample_result)
        self.body.addSpacing(10)
        self.body.addWidget(self.statement_button)
        self.body.addWidget(self.statement_text)
        self.body.addWidget(self.record_statement)
        self.body.addWidget(self.statement_result)
        self.body.addStretch(1)
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.skip)
        self.body.addLayout(skip_row)
        self.recorder = None
        self.recording = ""
        self.file_chunk_seconds = 0.05  # a file plays in real time: 50 ms of audio per 50 ms poll
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Voice sample and spoken statement (optional)"))
        self.hint.setText(self.tr("Needed only for voice edits. Record at least 8 seconds of natural "
                                  "speech, then the subject reads the statement aloud, including this "
                                  "session's phrase."))
        self.source_label.setText(self.tr("&Microphone:"))
        self._labels()
        self.statement_button.setText(self.tr("Show the &statement to read"))
        self.skip.setText(self.tr("No voice edits: s&kip this step"))
        self.elapsed.setText(self.tr("{seconds:.1f} s").format(seconds=self._seconds()))
        self.refresh()

    def _seconds(self) -> float:
        return self.recorder.elapsed if self.recorder is not None else 0.0

    def _labels(self) -> None:
        rec = self.recording
        self.sample_button.setText(self.tr("S&top recording") if rec == "sample"
                                   else self.tr("&Record the voice sample"))
        self.record_statement.setText(self.tr("Stop recordin&g") if rec == "statement"
                                      else self.tr("Record the s&tatement"))

    def enter(self) -> None:
        self.source.clear()
        dev = self.wizard.ctx.devices
        for path in dev.voice_files:
            self.source.addItem(self.tr("File: {name}").format(name=path.name), str(path))
        if not dev.voice_files:
            self.source.addItem(self.tr("Microphone (chosen in Settings)"), None)
        if len(dev.voice_files) > 1:
            self.source.setCurrentIndex(self._longest(dev.voice_files))
        self.refresh()

    @staticmethod
    def _longest(paths) -> int:
        sizes = [p.stat().st_size if p.exists() else 0 for p in paths]
        return sizes.index(max(sizes))

    def _make_source(self):
        path = self.source.currentData()
        if path:
            from consent_app.biometrics.voice.capture import FileSource

            return FileSource(Path(path), chunk_seconds=self.file_chunk_seconds)
        from consent_app.ui.audio_input import MicrophoneSource

        return MicrophoneSource(self.wizard.ctx.devices.microphone_id, self)

    def toggle(self, what: str) -> None:
        if self.recording:
            self.stop()
            return
        from consent_app.biometrics.voice.capture import Recorder

        self.message.clear_message()
        if what == "statement" and self.flow.statement_prompt is None:
            self.message.error(self.tr("Show the statement to the subject first."))
            return
        try:
            self.recorder = Recorder(self._make_source())
            self.recorder.start()
        except Exception as exc:
            self.message.error(exc)
            self.recorder = None
            return
        self.recording = what
        self._labels()
        self._timer.start()

    def _poll(self) -> None:
        rec = self.recorder
        if rec is None:
            return
        try:
            level = rec.poll()
        except Exception as exc:  # the device went away: what was recorded is kept
            self.message.error(exc)
            self.stop()
            return
        self.meter.setValue(int(max(-60.0, level.rms_dbfs)))
        self.elapsed.setText(self.tr("{seconds:.1f} s").format(seconds=rec.elapsed))
        source = rec.source
        if not rec.running or getattr(source, "finished", False):
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        self.meter.setValue(-60)
        rec, what = self.recorder, self.recording
        self.recording = ""
        self._labels()
        if rec is None:
            return
        try:
            audio = rec.stop()
        except Exception as exc:
            self.message.error(exc)
            return
        flow = self.flow

        def job():
            from consent_app.biometrics.audio import encode_flac

            data = encode_flac(audio)
            if what == "sample":
                return flow.capture_voice(data, "audio/flac")
            return flow.capture_statement(data, "audio/flac")

        self.wizard.call(job, done=lambda _r: self.refresh(), step=self,
                         message=self.tr("Checking the recording…"))

    def show_statement(self) -> None:
        self.wizard.call(self.flow.draw_statement, done=lambda _r: self._pick_next_file(), step=self)

    def _pick_next_file(self) -> None:
        if self.source.count() > 1:
            self.source.setCurrentIndex((self.source.currentIndex() + 1) % self.source.count())
        self.refresh()

    def _skip(self) -> None:
        flow = self.flow
        if flow.voice is not None or flow.statement is not None:
            self.wizard.call(flow.clear_voice, done=lambda _r: self.wizard.next_step(), step=self)
        else:
            self.wizard.next_step()

    def leave(self) -> None:
        if self.recording:
            self._timer.stop()
            if self.recorder is not None:
                self.recorder.stop()
            self.recording = ""
            self._labels()

    def refresh(self) -> None:
        flow = self.flow
        if flow is None:
            return
        voice = flow.voice
        self.sample_result.setText(self.tr("Voice sample recorded and checked.") if voice is not None else "")
        prompt = flow.statement_prompt
        self.statement_text.setVisible(prompt is not None)
        self.record_statement.setEnabled(prompt is not None and voice is not None)
        if prompt is not None:
            self.statement_text.setText(prompt.text)
        st = flow.statement
        if st is None:
            self.statement_result.clear()
        else:
            words = (self.tr("words not checked (no recogniser for this language)")
                     if st.transcript_score is None
                     else self.tr("words {score:.2f}").format(score=st.transcript_score))
            verdict = self.tr("Statement passed") if st.passed else self.tr("Statement did not pass")
            self.statement_result.setText(self.tr("{verdict}: same speaker {similarity:.3f} (threshold "
                                                  "{threshold:.3f}), {words}.")
                                          .format(verdict=verdict, similarity=st.speaker_similarity,
                                                  threshold=st.speaker_threshold, words=words))


# -- 5. consent form (the staff fill in the terms; the subject chooses in the kiosk) ----------------------
class ConsentFormStep(Step):
    kiosk_requested = Signal(object)  # ConsentDetails

    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        form = QFormLayout()
        self.project = QLineEdit(self)
        self.purpose = QLineEdit(self)
        self.valid_from = QDateEdit(self)
        self.valid_until = QDateEdit(self)
        for w in (self.valid_from, self.valid_until):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.valid_from.setDate(QDate.currentDate())
        self.valid_until.setDate(QDate.currentDate().addYears(1))
        self.territory = QLineEdit("CN", self)
        self.channels = QLineEdit(self)
        self.prohibited = QLineEdit(self)
        from consent_app.consent.form import DEFAULT_MARKING

        self.marking = QLineEdit(DEFAULT_MARKING, self)
        self.retention = QSpinBox(self)
        self.retention.setRange(1, 3650)
        self.retention.setValue(365)
        self.withdrawal = QLineEdit(self)
        self.labels = _rows(form, (self.project, self.purpose, self.valid_from, self.valid_until,
                                   self.territory, self.channels, self.prohibited, self.marking,
                                   self.retention, self.withdrawal))
        self.body.addLayout(form)
        self.availability = QLabel(self)
        self.availability.setWordWrap(True)
        self.body.addWidget(self.availability)
        self.body.addStretch(1)
        self.kiosk_button = primary(QPushButton(self))
        self.kiosk_button.clicked.connect(self.hand_over)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.kiosk_button)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Consent form"))
        self.hint.setText(self.tr("Fill in what the consent covers. The subject then chooses each edit "
                                  "category on the subject screen, reads the terms and signs."))
        texts = (self.tr("&Project:"), self.tr("P&urpose:"), self.tr("Valid &from:"),
                 self.tr("Valid &until:"),
                 self.tr("&Territory (comma-separated):"), self.tr("&Channels or media:"),
                 self.tr("Pro&hibited uses:"), self.tr("&Marking on outputs:"),
                 self.tr("&Keep biometric samples for (days):"), self.tr("How to &withdraw (contact):"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.project.setPlaceholderText(self.tr("e.g. Feature film “Blue River”"))
        self.purpose.setPlaceholderText(self.tr("e.g. de-ageing in flashback scenes"))
        self.withdrawal.setPlaceholderText(self.tr("e.g. consent@studio.example, +86 10 1234 5678"))
        self.kiosk_button.setText(self.tr("&Hand the screen to the subject"))
        self.refresh()

    def enter(self) -> None:
        self.refresh()
        self.project.setFocus()

    def refresh(self) -> None:
        flow = self.flow
        if flow is None:
            return
        lines = []
        for cat, reason in flow.category_availability().items():
            if reason:
                lines.append(self.tr("{category}: not available ({reason})")
                             .format(category=category_label(cat), reason=unavailable_reason(cat)))
        self.availability.setText("\n".join(lines))

    def details(self):
        from datetime import UTC, datetime

        from consent_app import clock
        from consent_app.consent.form import ConsentDetails

        def split(text: str) -> tuple[str, ...]:
            return tuple(p.strip() for p in text.replace("，", ",").split(",") if p.strip())

        start_day = self.valid_from.date()
        start = datetime(start_day.year(), start_day.month(), start_day.day(), tzinfo=UTC)
        now = clock.now().replace(microsecond=0)
        if start.date() == now.date():
            start = now
        end_day = self.valid_until.date()
        end = datetime(end_day.year(), end_day.month(), end_day.day(), 23, 59, 59, tzinfo=UTC)
        return ConsentDetails(project=self.project.text(), purpose=self.purpose.text(), valid_from=start,
                              valid_until=end, territory=split(self.territory.text()),
                              channels=split(self.channels.text()),
                              prohibited_uses=split(self.prohibited.text()),
                              marking=self.marking.text(), retention_days=self.retention.value(),
                              withdrawal_contact=self.withdrawal.text())

    def hand_over(self) -> None:
        self.message.clear_message()
        try:
            details = self.details().checked()
        except Exception as exc:
            self.message.error(exc)
            return
        self.kiosk_requested.emit(details)


# -- 7. staff countersign ----------------------------------------------------------------------------
class CountersignStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("background: white; padding: 10px; border: 1px solid #b9c2c0; "
                                   "border-radius: 6px;")
        self.pad = SignaturePad(self)
        self.clear = QPushButton(self)
        self.clear.clicked.connect(self.pad.clear)
        self.finish = primary(QPushButton(self))
        self.finish.clicked.connect(self.countersign)
        row = QHBoxLayout()
        row.addWidget(self.clear)
        row.addStretch(1)
        row.addWidget(self.finish)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.pad, 1)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff countersignature"))
        self.hint.setText(self.tr("The subject has signed. Check the summary and countersign: the consent "
                                  "is then signed with the studio's key and recorded."))
        self.clear.setText(self.tr("C&lear"))
        self.finish.setText(self.tr("Countersign and &record the consent"))
        self.refresh()

    def enter(self) -> None:
        self.pad.clear()
        self.refresh()
        self.pad.setFocus()

    def refresh(self) -> None:
        flow = self.flow
        if flow is None or flow.choice is None:
            self.summary.clear()
            return
        d = flow.choice.details
        self.summary.setText(self.tr("{name} consents to: {categories}.\nProject: {project}. Valid until "
                                     "{until}. Signed by {signer}.")
                             .format(name=flow.subject.display_name,
                                     categories=", ".join(category_label(c) for c in flow.choice.categories),
                                     project=d.project, until=d.valid_until.date().isoformat(),
                                     signer=flow.subject.attester.name))

    def countersign(self) -> None:
        self.message.clear_message()
        member = self.wizard.ctx.member
        flow = self.flow
        try:
            strokes = self.pad.signature()
        except Exception as exc:
            self.message.error(exc)
            return

        def job():
            flow.countersign_by(member, strokes)
            return flow.finish()

        self.wizard.call(job, done=self.wizard.completed, step=self,
                         message=self.tr("Signing and recording the consent…"), error=self._failed)

    def _failed(self, exc) -> None:
        from consent_app.ui.words import signature_problem

        self.message.error(signature_problem(exc))


# -- 8. receipt and token ----------------------------------------------------------------------------------
class ReceiptStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setProperty("level", "ok")
        self.details.setContentsMargins(12, 10, 12, 10)
        self.details.setStyleSheet("font-size: 12pt;")
        self.receipt = primary(QPushButton(self))
        self.receipt.setDefault(False)
        self.receipt.clicked.connect(self.save_receipt)
        self.token = QPushButton(self)
        self.token.clicked.connect(self.export_token)
        self.done = QPushButton(self)
        self.done.clicked.connect(self.wizard.close_wizard)
        row = QHBoxLayout()
        row.addWidget(self.receipt)
        row.addWidget(self.token)
        row.addStretch(1)
        row.addWidget(self.done)
        self.body.addWidget(self.details)
        self.body.addStretch(1)
        self.body.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Consent recorded"))
        self.hint.setText(self.tr("Give the subject the receipt. Export a token for the production that will "
                                  "use the face or voice."))
        self.receipt.setText(self.tr("Save the &receipt (PDF)…"))
        self.token.setText(self.tr("Export a &token…"))
        self.done.setText(self.tr("&Done"))
        self.refresh()

    def enter(self) -> None:
        self.refresh()
        self.receipt.setFocus()

    def refresh(self) -> None:
        flow = self.flow
        done = flow.completed if flow is not None else None
        if done is None:
            self.details.clear()
            return
        self.details.setText(self.tr("Consent id: {consent}\nSubject id: {subject}\nRecord hash: {hash}")
                             .format(consent=done.consent_id, subject=done.subject_id, hash=done.record_hash))

    def save_receipt(self, path: Path | None = None):
        from consent_app.ui.consent_dialogs import save_receipt

        done = self.flow.completed
        return save_receipt(self, self.wizard.ctx, done.consent_id, self.message, self.wizard.busy, path=path)

    def export_token(self):
        from consent_app.ui.consent_dialogs import TokenDialog

        done = self.flow.completed

        def job(conn, consent_id):
            from consent_app import subjects as readmodel

            detail = readmodel.subject_detail(conn, done.subject_id)
            return next(c for c in detail.consents if c["id"] == consent_id)

        def show(consent):
            self.token_dialog = TokenDialog(self.wizard.ctx, consent, self)
            self.token_dialog.open()

        return self.wizard.ctx.read(job, done.consent_id, done=show, error=self.message.error)
