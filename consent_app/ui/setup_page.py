"""First run: name the studio, create the first admin, choose how the database key is protected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label


def keyring_available() -> bool:
    from consent_app.store.keys import keyring_available as available

    return available()


class SetupPage(Retranslatable, QWidget):
    """The first-run wizard, on one calm page; ``created(store, admin_username)`` when done."""

    created = Signal(object, str)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title_label(self)
        self.intro = title_label(self, "subtitle")
        self.studio = QLineEdit(self)
        self.username = QLineEdit(self)
        self.username.setText("admin")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(self)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.use_keyring = QRadioButton(self)
        self.use_passphrase = QRadioButton(self)
        group = QButtonGroup(self)
        group.addButton(self.use_keyring)
        group.addButton(self.use_passphrase)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2 = QLineEdit(self)
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = QLineEdit(str(ctx.data_dir), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.create_button = primary(QPushButton(self))
        self.create_button.clicked.connect(self.submit)
        self.message = MessageBar(self)

        self.keyring_ok = keyring_available()
        self.use_keyring.setEnabled(self.keyring_ok)
        self.use_passphrase.setChecked(True)
        self.use_passphrase.toggled.connect(self._protection_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels = [QLabel(self) for _ in range(7)]
        for label, field in zip(self.labels, (self.studio, self.username, self.password, self.password2,
                                              self.passphrase, self.passphrase2, self.folder), strict=True):
            label.setBuddy(field)
        form.addRow(self.labels[0], self.studio)
        form.addRow(self.labels[1], self.username)
        form.addRow(self.labels[2], self.password)
        form.addRow(self.labels[3], self.password2)
        self.protection_label = QLabel(self)
        protection = QVBoxLayout()
        protection.addWidget(self.use_passphrase)
        protection.addWidget(self.use_keyring)
        self.keyring_hint = QLabel(self)
        self.keyring_hint.setProperty("role", "hint")
        self.keyring_hint.setWordWrap(True)
        form.addRow(self.protection_label, protection)
        form.addRow("", self.keyring_hint)
        form.addRow(self.labels[4], self.passphrase)
        form.addRow(self.labels[5], self.passphrase2)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form.addRow(self.labels[6], folder_row)

        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addSpacing(12)
        column.addLayout(form)
        column.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        column.addLayout(buttons)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.busy = BusyOverlay(self)
        for first, second in ((self.studio, self.username), (self.username, self.password),
                              (self.password, self.password2), (self.password2, self.use_passphrase),
                              (self.use_passphrase, self.use_keyring), (self.use_keyring, self.passphrase),
                              (self.passphrase, self.passphrase2), (self.passphrase2, self.folder),
                              (self.folder, self.browse), (self.browse, self.create_button)):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome — set up your studio"))
        self.intro.setText(self.tr("This creates an encrypted database for consent records, the studio's "
                                   "signing key and the first administrator account."))
        texts = (self.tr("&Studio name:"), self.tr("&Administrator username:"), self.tr("&Password:"),
                 self.tr("Con&firm password:"), self.tr("Pass&phrase:"), self.tr("Confirm pass&phrase:"),
                 self.tr("&Data folder:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.protection_label.setText(self.tr("Key protection:"))
        self.use_passphrase.setText(self.tr("A passphrase typed at every start"))
        self.use_keyring.setText(self.tr("The operating system's keyring"))
        self.keyring_hint.setText(
            self.tr("The keyring keeps the key for this user account on this computer.") if self.keyring_ok
            else self.tr("No keyring is available on this computer; use a passphrase."))
        self.browse.setText(self.tr("&Browse…"))
        self.create_button.setText(self.tr("&Create studio"))
        self.studio.setPlaceholderText(self.tr("e.g. Northern Lights Studio"))
        self.password.setPlaceholderText(self.tr("at least 10 characters"))

    def _protection_changed(self) -> None:
        use = self.use_passphrase.isChecked()
        self.passphrase.setEnabled(use)
        self.passphrase2.setEnabled(use)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def submit(self) -> None:
        self.message.clear_message()
        if self.password.text() != self.password2.text():
            self.message.error(self.tr("The two passwords differ."))
            self.password2.setFocus()
            return
        use_keyring = self.use_keyring.isChecked()
        passphrase = None
        if not use_keyring:
            passphrase = self.passphrase.text()
            if not passphrase:
                self.message.error(self.tr("Choose a passphrase, or use the keyring."))
                self.passphrase.setFocus()
                return
            if passphrase != self.passphrase2.text():
                self.message.error(self.tr("The two passphrases differ."))
                self.passphrase2.setFocus()
                return
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip():
            self.message.error(self.tr("Choose a data folder."))
            return
        from consent_app.setup import initialize

        kwargs = {"studio_name": self.studio.text(), "admin_username": self.username.text().strip(),
                  "admin_password": self.password.text(), "passphrase": passphrase,
                  "use_keyring": use_keyring}
        if getattr(self.ctx, "argon2", None) is not None:
            kwargs["argon2"] = self.ctx.argon2
        self.create_button.setEnabled(False)
        self.ctx.run(initialize, folder, **kwargs, done=self._created, error=self._failed,
                     busy=self.busy, message=self.tr("Creating the encrypted database…"))

    def _created(self, store) -> None:
        self.create_button.setEnabled(True)
        for field in (self.password, self.password2, self.passphrase, self.passphrase2):
            field.clear()
        self.created.emit(store, self.username.text().strip())

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.message.error(exc)
