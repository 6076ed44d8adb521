"""Step 8 of the capture wizard: the receipt and the token export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from consent_app.ui.capture.step_base import Step
from consent_app.ui.common import primary

#: The rows of what was recorded, in order (names worded by ``ReceiptStep.row_names``).
ROWS = ("subject", "allows", "project", "valid", "recorded_by", "countersigned_by", "consent_id")


class RecordSummary(QFrame):
    """What was recorded, as name / value rows of plain-text labels made with the page.

    (A rich-text table in one word-wrapped label was laid out anew for every width Qt's layouts asked,
    twice each: ~7 ms of the GUI thread at the moment the consent was recorded, more with the fonts
    cold. Plain labels measure their text once.) Values are selectable, the ids' full form is the
    tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("recordSummary")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(ROWS):
            name, value = QLabel(self), QLabel(self)
            name.setProperty("role", "name")
            value.setProperty("role", "id" if key == "consent_id" else "value")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.names[key], self.values[key] = name, value

    def set_rows(self, names: dict[str, str], values: dict[str, str]) -> None:
        for key in ROWS:
            self.names[key].setText(names[key])
            self.values[key].setText(values.get(key, ""))

    def clear(self) -> None:
        for value in self.values.values():
            value.clear()
        self.setToolTip("")

    def text(self) -> str:
        """The rows as plain text, one "name: value" a line (empty before a consent is recorded)."""
        if not any(v.text() for v in self.values.values()):
            return ""
        return "\n".join(f"{self.names[k].text()}: {self.values[k].text()}" for k in ROWS)


class ReceiptStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.details = RecordSummary(self)
        self.receipt = primary(QPushButton(self))
        self.receipt.setDefault(False)
        self.receipt.clicked.connect(lambda *_: self.save_receipt())
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
        self.details.set_rows(self.row_names(), self.summary(flow))
        self.details.setToolTip(self.tr("Consent id: {consent}\nSubject id: {subject}\nRecord hash: {hash}")
                                .format(consent=done.consent_id, subject=done.subject_id,
                                        hash=done.record_hash))

    def row_names(self) -> dict[str, str]:
        return dict(zip(ROWS, (self.tr("Subject"), self.tr("Allows"), self.tr("Project"), self.tr("Valid"),
                               self.tr("Recorded by"), self.tr("Countersigned by"), self.tr("Consent id")),
                        strict=True))

    def summary(self, flow) -> dict[str, str]:
        """Who consented, to which categories, for how long, signed by whom; the ids as a detail."""
        from consent_app.ui.table import short_id
        from consent_app.ui.words import category_label

        done = flow.completed
        details = flow.choice.details
        locale = QLocale()

        def day(moment) -> str:
            return locale.toString(QDate(moment.year, moment.month, moment.day),
                                   QLocale.FormatType.LongFormat)

        return {
            "subject": flow.subject.display_name,
            "allows": "\n".join(category_label(c) for c in flow.choice.categories),
            "project": details.project,
            "valid": self.tr("from {start} until {end}").format(start=day(details.valid_from),
                                                               end=day(details.valid_until)),
            "recorded_by": flow.operator.username,
            "countersigned_by": flow.countersign.staff.username if flow.countersign is not None else "",
            "consent_id": short_id(done.consent_id),
        }

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
