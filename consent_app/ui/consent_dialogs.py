"""From a subject's page: export a consent token, withdraw a consent, save a receipt."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Signal
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
        self.message = MessageBar(self)
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
        self.resize(640, 560)
        self.retranslate()

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
        text = self.tr("Token {id} written:\n{files}").format(id=issued.payload["id"],
                                                             files="\n".join(str(p) for p in paths))
        if issued.demo:
            text += "\n" + self.tr("DEMO token: issued from a demo database; nobody should trust it.")
        self.message.ok(text)
        self.ctx.data_changed.emit("tokens")
        self.issued.emit(issued)

    def _failed(self, exc) -> None:
        self.export.setEnabled(True)
        self.message.error(exc)


def withdraw(tx, consent_id: str, categories: list[str] | None, reason: str, staff: str):
    from consent_app.consent.records import withdraw as core_withdraw

    return core_withdraw(tx, consent_id, categories=categories, reason=reason, staff=staff)


class WithdrawDialog(Retranslatable, QDialog):
    """Withdraw the whole consent or single categories, with a reason; then offer the receipt."""

    withdrawn = Signal(object)

    def __init__(self, ctx, consent: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.consent = consent
        self.setModal(True)
        self.title = title_label(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.whole = QCheckBox(self)
        self.whole.setChecked(True)
        self.group = QGroupBox(self)
        group_layout = QVBoxLayout(self.group)
        self.boxes: dict[str, QCheckBox] = {}
        for op in consent["categories"]:
            if op in consent["withdrawn"]:
                continue
            box = QCheckBox(self.group)
            self.boxes[op] = box
            group_layout.addWidget(box)
        self.group.setEnabled(False)
        self.whole.toggled.connect(lambda on: self.group.setEnabled(not on))
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label = QLabel(self)
        self.reason_label.setBuddy(self.reason)
        self.confirm = primary(QPushButton(self))
        self.confirm.clicked.connect(self.submit)
        self.receipt = QPushButton(self)
        self.receipt.clicked.connect(self._receipt)
        self.receipt.hide()
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.message = MessageBar(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.whole)
        layout.addWidget(self.group)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self)
        self.event = None
        self.resize(620, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.title.setText(self.tr("Withdraw consent"))
        self.info.setText(self.tr("Consent {id}. The withdrawal is signed, recorded in the audit trail, and "
                                  "every token covering a withdrawn category is revoked.")
                          .format(id=self.consent["id"]))
        self.whole.setText(self.tr("Withdraw the &whole consent"))
        self.group.setTitle(self.tr("Or only these categories"))
        for op, box in self.boxes.items():
            box.setText(category_label(op))
        self.reason_label.setText(self.tr("&Reason (as the subject gave it):"))
        self.confirm.setText(self.tr("Withdraw &now"))
        self.receipt.setText(self.tr("Save the withdrawal &receipt…"))
        self.close_button.setText(self.tr("Close"))

    def submit(self) -> None:
        self.message.clear_message()
        categories = None
        if not self.whole.isChecked():
            categories = [op for op, box in self.boxes.items() if box.isChecked()]
            if not categories:
                self.message.error(self.tr("Choose the categories to withdraw, or the whole consent."))
                return
        self.confirm.setEnabled(False)
        self.ctx.write(withdraw, self.consent["id"], categories, self.reason.toPlainText(), self.ctx.actor,
                       changed="consents", done=self._done, error=self._failed, busy=self.busy,
                       message=self.tr("Recording the withdrawal…"))

    def _done(self, event) -> None:
        self.event = event
        self.message.ok(self.tr("Withdrawn: {categories}. Tokens covering them are revoked.")
                        .format(categories=", ".join(category_label(c) for c in event.categories)))
        self.receipt.show()
        self.withdrawn.emit(event)

    def _failed(self, exc) -> None:
        self.confirm.setEnabled(True)
        self.message.error(exc)

    def _receipt(self) -> None:
        if self.event is not None:
            save_receipt(self, self.ctx, self.consent["id"], self.message, self.busy, seq=self.event.seq)


def make_receipt(conn, consent_id: str, seq: int | None, language: str | None) -> bytes:
    from consent_app.consent import receipt

    if seq is None:
        return receipt.consent_receipt(conn, consent_id, language)
    return receipt.withdrawal_receipt(conn, consent_id, seq, language)


def write_receipt(store, consent_id: str, seq: int | None, language: str | None, path: Path) -> Path:
    from consent_app.consent import receipt

    with store.read() as conn:
        data = make_receipt(conn, consent_id, seq, language)
    receipt.write(path, data)
    return path


def save_receipt(parent: QWidget, ctx, consent_id: str, message: MessageBar, busy: BusyOverlay | None,
                 seq: int | None = None, path: Path | None = None, language: str | None = None):
    """Ask where (unless ``path`` is given) and write the PDF receipt in the subject's language."""
    if path is None:
        name = f"consent-{consent_id}{'-withdrawal-' + str(seq) if seq else ''}.pdf"
        title = QCoreApplication.translate("receipt", "Save the receipt")
        chosen, _ = QFileDialog.getSaveFileName(parent, title, name,
                                                QCoreApplication.translate("receipt", "PDF (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
    return ctx.run(write_receipt, ctx.store, consent_id, seq, language, path, busy=busy,
                   message=QCoreApplication.translate("receipt", "Writing the receipt…"),
                   done=lambda p: message.ok(QCoreApplication.translate("receipt", "Receipt saved: {path}")
                                             .format(path=p)),
                   error=message.error)


__all__ = ["TokenDialog", "WithdrawDialog", "core_language", "save_receipt"]


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
