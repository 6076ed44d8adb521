"""From a subject's page: export a consent token, withdraw a consent, save a receipt."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.tokens.files import issue_to_files
from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.receipts import save_receipt
from consent_app.ui.table import short_id
from consent_app.ui.withdraw_dialog import WithdrawDialog
from consent_app.ui.words import category_label, core_language

BINDINGS = ("assets", "face", "voice")


def end_of_day(day: QDate) -> datetime:
    return datetime.combine(datetime(day.year(), day.month(), day.day(), tzinfo=UTC).date(),
                            time(23, 59, 59), UTC)


class TokenDialog(Retranslatable, QDialog):
    """Choose categories (from what the consent still allows), validity and bindings."""

    issued = Signal(object)

    def __init__(self, ctx, consent: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.consent = consent
        self.setModal(True)
        self.title = title_label(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.ops_group = QGroupBox(self)
        ops_layout = QVBoxLayout(self.ops_group)
        self.op_boxes: dict[str, QCheckBox] = {}
        for op in consent["categories"]:
            if op in consent["withdrawn"]:
                continue
            box = QCheckBox(self.ops_group)
            box.setChecked(True)
            self.op_boxes[op] = box
            ops_layout.addWidget(box)
        self.until = QDateEdit(self)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        limit = QDate.fromString(consent["valid_until"][:10], "yyyy-MM-dd")
        self.until.setMaximumDate(limit)
        self.until.setMinimumDate(QDate.currentDate())
        self.until.setDate(limit)
        self.until_label = QLabel(self)
        self.until_label.setBuddy(self.until)
        self.bind_group = QGroupBox(self)
        bind_layout = QVBoxLayout(self.bind_group)
        self.bind_boxes = {b: QCheckBox(self.bind_group) for b in BINDINGS}
        for box in self.bind_boxes.values():
            bind_layout.addWidget(box)
        self.bind_note = QLabel(self)
        self.bind_note.setWordWrap(True)
        self.bind_note.setProperty("role", "hint")
        self.out = QLineEdit(str(Path.home() / f"consent-{consent['id']}.jwt"), self)
        self.out_label = QLabel(self)
        self.out_label.setBuddy(self.out)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.export = primary(QPushButton(self))
        self.export.clicked.connect(self.submit)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.message = MessageBar(self, lines=3)
        self.message.clear_on_change(self.out, self.until, *self.op_boxes.values(), *self.bind_boxes.values())
        form = QFormLayout()
        form.addRow(self.until_label, self.until)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        form.addRow(self.out_label, out_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.ops_group)
        layout.addLayout(form)
        layout.addWidget(self.bind_group)
        layout.addWidget(self.bind_note)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self)
        self.retranslate()
        self.resize(max(680, self.sizeHint().width()), max(600, self.sizeHint().height()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a consent token"))
        self.title.setText(self.tr("Export a consent token"))
        self.info.setText(self.tr("Consent {id}. A token never carries more than the consent allows: "
                                  "only its remaining categories, within its validity.")
                          .format(id=self.consent["id"]))
        self.ops_group.setTitle(self.tr("Edit categories the token allows"))
        for op, box in self.op_boxes.items():
            box.setText(category_label(op))
        self.until_label.setText(self.tr("Valid &until (end of day, UTC):"))
        self.bind_group.setTitle(self.tr("Bind the token to this person (optional)"))
        self.bind_boxes["assets"].setText(self.tr("Approved source media (hashes of the captured samples)"))
        self.bind_boxes["face"].setText(self.tr("Face template (the tool checks the face in its media)"))
        self.bind_boxes["voice"].setText(self.tr("Voice embedding (the tool checks the voice in its media)"))
        self.bind_note.setText(self.tr("A token with a face or voice binding carries biometric data: store "
                                       "and send it as such."))
        self.out_label.setText(self.tr("&Save as:"))
        self.browse.setText(self.tr("&Browse…"))
        self.export.setText(self.tr("&Export token"))
        self.close_button.setText(self.tr("Close"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the token"),
                                              f"consent-{self.consent['id']}.jwt",
                                              self.tr("Consent token (*.jwt)"))
        if path:
            self.out.setText(path)

    def submit(self) -> None:
        self.message.clear_message()
        ops = [op for op, box in self.op_boxes.items() if box.isChecked()]
        if not ops:
            self.message.error(self.tr("Choose at least one category."))
            return
        if not self.out.text().strip():
            self.message.error(self.tr("Choose where to save the token."))
            return
        bindings = [b for b, box in self.bind_boxes.items() if box.isChecked()]
        self.export.setEnabled(False)
        self.ctx.run(issue_to_files, self.ctx.store, self.consent["id"], ops,
                     end_of_day(self.until.date()), bindings, Path(self.out.text().strip()), self.ctx.actor,
                     done=self._done,
                     error=self._failed, busy=self.busy, message=self.tr("Signing the token…"))

    def _done(self, result) -> None:
        issued, paths = result
        self.export.setEnabled(True)
        paths = [Path(p) for p in paths]
        text = self.tr("Token {id} exported to {folder}: {files}").format(
            id=short_id(str(issued.payload["id"]).removeprefix("urn:uuid:")), folder=paths[0].parent,
            files=", ".join(p.name for p in paths))
        if issued.demo:
            text += "\n" + self.tr("DEMO token: issued from a demo database; nobody should trust it.")
        self.message.ok(text)
        self.ctx.data_changed.emit("tokens")
        self.issued.emit(issued)

    def _failed(self, exc) -> None:
        self.export.setEnabled(True)
        self.message.error(exc)


__all__ = ["EraseDialog", "TokenDialog", "WithdrawDialog", "core_language", "save_receipt"]


def erase(tx, subject_id: str, reason: str, actor: str):
    from consent_app.consent.erasure import erase_subject

    return erase_subject(tx, subject_id, actor=actor, reason=reason)


class EraseDialog(Retranslatable, QDialog):
    """Erase a subject's biometric samples and templates (admins), with a reason."""

    erased = Signal(object)

    def __init__(self, ctx, subject_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.subject_id = subject_id
        self.setModal(True)
        self.title = title_label(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason)
        self.confirm = primary(QPushButton(self))
        self.confirm.clicked.connect(self.submit)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.message = MessageBar(self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.info, self.reason_label, self.reason, self.message):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self)
        self.resize(600, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Erase biometric data"))
        self.title.setText(self.tr("Erase biometric data"))
        self.info.setText(self.tr("Subject {id}. Face and ID photos, voice recordings and their templates "
                                  "are erased for good. The signed consent records, their evidence hashes "
                                  "and the audit trail stay, so the studio can still prove what was agreed "
                                  "and when it ended.").format(id=self.subject_id))
        self.reason_label.setText(self.tr("&Reason:"))
        self.confirm.setText(self.tr("&Erase now"))
        self.close_button.setText(self.tr("Close"))

    def submit(self) -> None:
        self.message.clear_message()
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.message.error(self.tr("Give the reason for the erasure."))
            return
        self.confirm.setEnabled(False)
        self.ctx.write(erase, self.subject_id, reason, self.ctx.actor, changed="subjects", done=self._done,
                       error=self._failed, busy=self.busy, message=self.tr("Erasing…"))

    def _done(self, result) -> None:
        self.message.ok(self.tr("Erased {samples} samples and {templates} templates.")
                        .format(samples=result.samples, templates=result.templates))
        self.erased.emit(result)

    def _failed(self, exc) -> None:
        self.confirm.setEnabled(True)
        self.message.error(exc)
