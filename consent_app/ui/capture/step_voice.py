"""Step 4 of the capture wizard (optional): the voice sample and the spoken statement."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
)

from consent_app.ui.capture.step_base import Step, form_rows
from consent_app.ui.common import primary


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
        # where no recogniser exists: a second staff member attests that the subject read the words
        self.attest = QGroupBox(self)
        a = QFormLayout(self.attest)
        self.attest_note = QLabel(self.attest)
        self.attest_note.setWordWrap(True)
        a.addRow(self.attest_note)
        self.attest_user = QLineEdit(self.attest)
        self.attest_password = QLineEdit(self.attest)
        self.attest_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.attest_labels = form_rows(a, (self.attest_user, self.attest_password))
        self.attest_button = QPushButton(self.attest)
        self.attest_button.clicked.connect(self.attest_statement)
        a.addRow(self.attest_button)
        self.attest.hide()
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
        self.enough = QLabel(self)
        self.enough.setMinimumWidth(260)
        meter.addWidget(self.enough)
        self.body.addLayout(src)
        self.body.addLayout(meter)

        def row(*widgets) -> QHBoxLayout:
            """Buttons at their natural width, left-aligned (not stretched across the window)."""
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(1)
            return line

        self.body.addLayout(row(self.sample_button))
        self.body.addWidget(self.sample_result)
        self.body.addSpacing(10)
        self.body.addLayout(row(self.statement_button))
        self.body.addWidget(self.statement_text)
        self.body.addLayout(row(self.record_statement))
        self.body.addWidget(self.statement_result)
        self.body.addWidget(self.attest)
        self.body.addStretch(1)
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.skip)
        self.body.addLayout(skip_row)
        self.recorder = None
        self.recording = ""
        # the quality gate's figures of the audio so far (the recorder's ``speech``: the gate's own
        # voice-activity detector, window by window), for the "enough speech" cue
        self.speech_report = None
        self.speech_seconds = 0.0
        self.file_chunk_seconds = 0.05  # a file plays in real time: 50 ms of audio per 50 ms poll
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._poll)
        self._frames: list = []  # camera frames taken while the statement is spoken
        self._frame_timer = QTimer(self)
        self._frame_timer.setInterval(700)
        self._frame_timer.timeout.connect(self._take_frame)
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
        self.attest.setTitle(self.tr("Attestation by a second staff member"))
        self.attest_note.setText(self.tr("There is no speech recogniser for this language. A staff member "
                                         "other than the operator, who heard the subject read the words "
                                         "shown, attests it with their own login (or an administrator's "
                                         "password)."))
        for label, text in zip(self.attest_labels, (self.tr("Staff &member:"), self.tr("Pass&word:")),
                               strict=True):
            label.setText(text)
        self.attest_button.setText(self.tr("&Attest that the subject read the words"))
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
        files = dev.voice_files if self.wizard.ctx.demo else []  # files stand in only in a demo studio
        for path in files:
            self.source.addItem(self.tr("File: {name}").format(name=path.name), str(path))
        if not files:  # the microphone is chosen here too, not only in Settings
            self.source.addItem(self.tr("System default microphone"), ("mic", None))
            try:
                from consent_app.ui.audio_input import input_devices

                for device in input_devices():
                    self.source.addItem(device.description, ("mic", device.id))
            except Exception:  # noqa: S110 - no audio backend: the default entry remains
                pass
            index = self.source.findData(("mic", self.wizard.ctx.devices.microphone_id))
            self.source.setCurrentIndex(max(0, index))
        if len(files) > 1:
            self.source.setCurrentIndex(self._longest(files))
        self.refresh()

    @staticmethod
    def _longest(paths) -> int:
        sizes = [p.stat().st_size if p.exists() else 0 for p in paths]
        return sizes.index(max(sizes))

    def _make_source(self):
        path = self.source.currentData()
        if isinstance(path, tuple):  # a microphone chosen on this step
            self.wizard.ctx.devices.microphone_id = path[1]
            path = None
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
        self.speech_report = None
        self.speech_seconds = 0.0
        self._labels()
        self._show_enough()
        self._timer.start()
        self._frames = []
        if what == "statement":  # the camera runs while the subject speaks
            self._take_frame()
            self._frame_timer.start()

    def _take_frame(self) -> None:
        feed = self.wizard.feed
        frame = feed.peek() if feed is not None else None
        if frame is not None and len(self._frames) < 30:
            self._frames.append(frame.rgb.copy())

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
        self.speech_report = rec.speech.report()
        self.speech_seconds = self.speech_report.speech_seconds
        self._show_enough()
        source = rec.source
        if not rec.running or getattr(source, "finished", False):
            self.stop()

    def speech_needed(self) -> float:
        from consent_app.biometrics.voice.evidence import MIN_SPEECH_STATEMENT
        from consent_app.biometrics.voice.quality import MIN_SPEECH_ENROL

        return MIN_SPEECH_ENROL if self.recording == "sample" else MIN_SPEECH_STATEMENT

    def _show_enough(self) -> None:
        """The "enough speech" cue beside the meter: the seconds of speech the quality gate finds in the
        audio so far against what it needs; "enough" only when the gate would accept the audio so far
        (otherwise, once there is speech enough, the gate's objection)."""
        if not self.recording:
            self.enough.clear()
            return
        need = self.speech_needed()
        report = self.speech_report
        problems = report.problem_messages(need) if report is not None else []
        if self.speech_seconds >= need and not problems:
            self.enough.setText(self.tr("✓ Enough speech ({seconds:.0f} s): you can stop")
                                .format(seconds=self.speech_seconds))
            self.enough.setStyleSheet("color: #2e7d4f; font-weight: 600;")
        elif self.speech_seconds >= need:
            from consent_app.ui.core_words import word

            self.enough.setText(self.tr("Speech {seconds:.0f} s, but: {problem}")
                                .format(seconds=self.speech_seconds, problem=word(problems[0][1])))
            self.enough.setStyleSheet("color: #a35a00;")
        else:
            self.enough.setText(self.tr("Speech {seconds:.1f} s of {need:.0f} s")
                                .format(seconds=self.speech_seconds, need=need))
            self.enough.setStyleSheet("color: #56625f;")

    def stop(self) -> None:
        self._timer.stop()
        self._frame_timer.stop()
        frames, self._frames = self._frames, []
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
        source = "file" if self.source.currentData() else "microphone"

        def job():
            from consent_app.biometrics.audio import encode_flac

            data = encode_flac(audio)
            if what == "sample":
                return flow.capture_voice(data, "audio/flac", source)
            return flow.capture_statement(data, "audio/flac", frames=frames, source=source)

        self.wizard.call(job, done=lambda _r: self.refresh(), step=self,
                         message=self.tr("Checking the recording…"))

    def show_statement(self) -> None:
        self.wizard.call(self.flow.draw_statement, done=lambda _r: self._pick_next_file(), step=self)

    def _pick_next_file(self) -> None:
        if self.source.count() > 1:
            self.source.setCurrentIndex((self.source.currentIndex() + 1) % self.source.count())
        self.refresh()

    def _skip(self) -> None:
        if self.wizard.busy.pending:  # as Next: one move at a time (a double click skipped two steps)
            return
        flow = self.flow
        if flow.voice is not None or flow.statement is not None:
            self.wizard.call(flow.clear_voice, done=lambda _r: self.wizard.next_step(), step=self)
        else:
            self.wizard.next_step()

    def attest_statement(self) -> None:
        from consent_app import staff

        ctx, flow = self.wizard.ctx, self.flow
        user, password = self.attest_user.text().strip(), self.attest_password.text()
        self.attest_password.clear()

        def job():
            member = staff.login(ctx.store, user, password)  # their own login, at this moment
            return flow.attest_statement(member, via="admin_password" if member.is_admin else "login")

        self.wizard.call(job, done=lambda _r: self.refresh(), step=self)

    def leave(self) -> None:
        self._frame_timer.stop()
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
        self.attest.setVisible(st is not None and st.words_verified is None and st.attestation is None)
        if st is None:
            self.statement_result.clear()
        else:
            from consent_app.ui.core_words import word

            if st.attestation is not None:
                words = self.tr("words attested by {staff}").format(staff=st.attestation.username)
            elif st.transcript_score is None:
                words = self.tr("words not checked (no recogniser for this language)")
            else:
                words = self.tr("words {score:.2f}").format(score=st.transcript_score)
            verdict = self.tr("✔ Statement passed") if st.passed else self.tr("✖ Statement did not pass")
            text = self.tr("{verdict}: same speaker {similarity:.3f} (threshold {threshold:.3f}), {words}.")
            text = text.format(verdict=verdict, similarity=st.speaker_similarity,
                               threshold=st.speaker_threshold, words=words)
            problems = [word(m) for m in st.problem_messages()]
            self.statement_result.setText(text + ("\n" + "\n".join(problems) if problems else ""))
