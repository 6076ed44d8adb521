"""Step 8 of the capture wizard: the receipt and the token export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from consent_app.ui.capture.step_base import Step
from consent_app.ui.common import primary


class ReceiptStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setProperty("level", "ok")
        self.details.setContentsMargins(12, 10, 12, 10)
        self.details.setStyleSheet("font-size: 12pt;")
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
        self.details.setText(self.summary_html(flow))
        self.details.setToolTip(self.tr("Consent id: {consent}\nSubject id: {subject}\nRecord hash: {hash}")
                                .format(consent=done.consent_id, subject=done.subject_id,
                                        hash=done.record_hash))

    def summary_html(self, flow) -> str:
        """Who consented, to which categories, for how long, signed by whom; the ids as a detail."""
        from html import escape

        from consent_app.ui.table import short_id
        from consent_app.ui.words import category_label

        done = flow.completed
        details = flow.choice.details
        locale = QLocale()

        def day(moment) -> str:
            return locale.toString(QDate(moment.year, moment.month, moment.day),
                                   QLocale.FormatType.LongFormat)

        rows = [
            (self.tr("Subject"), escape(flow.subject.display_name)),
            (self.tr("Allows"), "<br>".join(escape(category_label(c)) for c in flow.choice.categories)),
            (self.tr("Project"), escape(details.project)),
            (self.tr("Valid"), self.tr("from {start} until {end}").format(start=day(details.valid_from),
                                                                         end=day(details.valid_until))),
            (self.tr("Recorded by"), escape(flow.operator.username)),
            (self.tr("Countersigned by"), escape(flow.countersign.staff.username)
             if flow.countersign is not None else ""),
            (self.tr("Consent id"), f"<span style='color:#56625f'>{short_id(done.consent_id)}</span>"),
        ]
        cells = "".join(f"<tr><td style='padding:2px 16px 2px 0; color:#4b5756'>{name}</td>"
                        f"<td style='padding:2px 0'><b>{value}</b></td></tr>" for name, value in rows)
        return f"<table>{cells}</table>"

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
