"""Step 5 of the capture wizard: the consent form the staff fill in before the kiosk."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
)

from consent_app.ui.capture.step_base import Step, form_rows
from consent_app.ui.common import primary
from consent_app.ui.core_words import word
from consent_app.ui.words import category_label


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
        self.labels = form_rows(form, (self.project, self.purpose, self.valid_from, self.valid_until,
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
        for cat, reason in flow.category_reasons().items():
            if reason is not None:  # the core's true reason, worded in the UI's language
                lines.append(self.tr("{category}: not available ({reason})")
                             .format(category=category_label(cat), reason=word(reason)))
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
