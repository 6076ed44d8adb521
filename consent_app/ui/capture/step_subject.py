"""Step 1 of the capture wizard: who the subject is and who signs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
)

from consent_app.ui.capture.step_base import Step, form_rows


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
        self.labels = form_rows(form, (self.name, self.language, self.minor, self.attester,
                                       self.attester_name, self.relationship))
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.attester.currentIndexChanged.connect(self._attester_changed)
        self.minor.toggled.connect(self._minor_toggled)
        self.subject_id: str | None = None
        # "enter the subject's name" and the like go as soon as the field is edited
        self.message.clear_on_change(self.name, self.attester_name, self.relationship, self.attester)
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
