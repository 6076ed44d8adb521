"""Step 7 of the capture wizard: the staff countersignature."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from consent_app.ui.capture.step_base import Step
from consent_app.ui.common import primary
from consent_app.ui.signature_pad import SignaturePad
from consent_app.ui.words import category_label


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
        self.finish.setEnabled(True)
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
        if flow.override is not None:  # the countersigning staff member sees the exception first
            self.summary.setText(self.summary.text() + "\n" + self.tr(
                "⚠ Identity check overridden by administrator {admin}: {reason}").format(
                    admin=flow.override.admin, reason=flow.override.reason))

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

        # one recording: a second click while it runs (the overlay shows after half a second) finished the
        # session a second time on another thread
        self.finish.setEnabled(False)
        self.wizard.call(job, done=self.wizard.completed, step=self,
                         message=self.tr("Signing and recording the consent…"), error=self._failed)

    def _failed(self, exc) -> None:
        from consent_app.ui.words import signature_problem

        self.finish.setEnabled(True)
        self.message.error(signature_problem(exc))
