"""The dialog in which staff take down a complaint (on behalf of a subject, a third party or a tool maker)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from consent_app.complaints.model import CLAIMS, ROLES
from consent_app.ui import complaint_words as words


class NewComplaintDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New complaint"))
        self.claim = QComboBox(self)
        for code in CLAIMS:
            self.claim.addItem(words.claim(code), code)
        self.role = QComboBox(self)
        for code in ROLES:
            self.role.addItem(words.role(code), code)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText(self.tr("E-mail, phone or address"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://…")
        self.subject = QLineEdit(self)
        self.consent = QLineEdit(self)
        self.note = QPlainTextEdit(self)
        self.files = QListWidget(self)
        self.files.setMaximumHeight(90)
        add = QPushButton(self.tr("&Attach files…"), self)
        add.clicked.connect(self.choose_files)
        attach = QHBoxLayout()
        attach.addWidget(self.files, 1)
        attach.addWidget(add)
        form = QFormLayout()
        form.addRow(self.tr("Claim"), self.claim)
        form.addRow(self.tr("Who complains"), self.role)
        form.addRow(self.tr("Contact"), self.contact)
        form.addRow(self.tr("Disputed media"), attach)
        form.addRow(self.tr("Seen at (URL)"), self.url)
        form.addRow(self.tr("Subject id, if known"), self.subject)
        form.addRow(self.tr("Consent id, if known"), self.consent)
        form.addRow(self.tr("What they say"), self.note)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Register complaint"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach the disputed media"), "",
            self.tr("Media (*.jpg *.jpeg *.png *.webp *.gif *.mp4 *.mov *.webm *.wav *.mp3 *.flac);;"
                    "All files (*)"))
        for path in paths:
            self.files.addItem(path)

    def values(self) -> dict:
        """What was entered (checked by the core when the complaint is registered)."""
        return {
            "claim": self.claim.currentData(), "role": self.role.currentData(),
            "contact": self.contact.text(), "url": self.url.text().strip() or None,
            "subject_id": self.subject.text().strip() or None,
            "consent_id": self.consent.text().strip() or None,
            "note": self.note.toPlainText(),
            "paths": [self.files.item(i).text() for i in range(self.files.count())],
        }
