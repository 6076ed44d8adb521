"""First run: name the studio, create the first admin, choose how the database key is protected.

Every problem is shown at once beside its field; once the studio exists the admin is signed in (no second
login) and sees a short checklist of what to do next.
"""

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
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui import i18n
from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.setup_checklist import SetupChecklist


def keyring_available() -> bool:
    from consent_app.store.keys import keyring_available as available

    return available()


def create_and_sign_in(folder: Path, **kwargs):
    """Create the studio, then sign its first admin in (an audited login) so no second login is needed."""
    from consent_app import staff
    from consent_app.setup import initialize

    store = initialize(folder, **kwargs)
    member = staff.login(store, kwargs["admin_username"], kwargs["admin_password"])
    return store, member


class FieldError(QLabel):
    """A field's error, under the field, in space reserved for it (showing it moves nothing)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setProperty("role", "field-error")
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 2)
        self.setAccessibleName("error")

    def show_error(self, text: str) -> None:
        self.setText("⚠ " + text if text else "")
        self.field.setProperty("invalid", bool(text))
        self.field.style().unpolish(self.field)
        self.field.style().polish(self.field)
        self.field.setAccessibleDescription(text)


class SetupPage(Retranslatable, QWidget):
    """The first-run form, then the checklist.

    ``created(store, member)`` once the studio exists (the admin is signed in);
    ``finished(where)`` when the admin leaves the checklist ("" for the console, or a Settings tab name).
    """

    created = Signal(object, object)
    finished = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = QStackedWidget(self)
        form_page = QWidget(self.pages)
        self.title = title_label(form_page)
        self.intro = title_label(form_page, "subtitle")
        # both languages offered from the first screen; it starts in the system's (see i18n.startup_language)
        self.language_buttons = {code: QPushButton(name, form_page) for code, name in i18n.LANGUAGES.items()}
        for code, button in self.language_buttons.items():
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.clicked.connect(lambda *_, c=code: self.set_language(c))
        self.studio = QLineEdit(form_page)
        self.username = QLineEdit(form_page)
        self.username.setText("admin")
        self.password = QLineEdit(form_page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(form_page)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.use_keyring = QRadioButton(form_page)
        self.use_passphrase = QRadioButton(form_page)
        group = QButtonGroup(self)
        group.addButton(self.use_keyring)
        group.addButton(self.use_passphrase)
        self.passphrase = QLineEdit(form_page)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2 = QLineEdit(form_page)
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_warning = QLabel(form_page)
        self.passphrase_warning.setWordWrap(True)
        self.passphrase_warning.setProperty("level", "warning")
        self.passphrase_warning.setContentsMargins(8, 6, 8, 6)
        self.passphrase_warning.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.folder = QLineEdit(str(ctx.data_dir), form_page)
        self.browse = QPushButton(form_page)
        self.browse.clicked.connect(lambda *_: self._browse())
        self.create_button = primary(QPushButton(form_page))
        self.create_button.clicked.connect(lambda *_: self.submit())
        self.message = MessageBar(form_page)

        self.keyring_ok = keyring_available()
        self.use_keyring.setEnabled(self.keyring_ok)
        self.use_passphrase.setChecked(True)
        self.use_passphrase.toggled.connect(self._protection_changed)

        fields = {"studio": self.studio, "username": self.username, "password": self.password,
                  "password2": self.password2, "passphrase": self.passphrase, "passphrase2": self.passphrase2,
                  "folder": self.folder}
        self.errors = {name: FieldError(field, form_page) for name, field in fields.items()}
        for name, field in fields.items():
            field.textChanged.connect(lambda _t, n=name: self.errors[n].show_error(""))
        self.use_passphrase.toggled.connect(lambda _on: (self.errors["passphrase"].show_error(""),
                                                         self.errors["passphrase2"].show_error("")))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(2)
        self.labels = [QLabel(form_page) for _ in range(7)]
        for label, field in zip(self.labels, fields.values(), strict=True):
            label.setBuddy(field)

        def field_with_error(name: str, widget) -> QVBoxLayout:
            box = QVBoxLayout()
            box.setSpacing(0)
            if isinstance(widget, QWidget):
                box.addWidget(widget)
            else:
                box.addLayout(widget)
            box.addWidget(self.errors[name])
            return box

        form.addRow(self.labels[0], field_with_error("studio", self.studio))
        form.addRow(self.labels[1], field_with_error("username", self.username))
        form.addRow(self.labels[2], field_with_error("password", self.password))
        form.addRow(self.labels[3], field_with_error("password2", self.password2))
        self.protection_label = QLabel(form_page)
        protection = QVBoxLayout()
        protection.addWidget(self.use_passphrase)
        protection.addWidget(self.use_keyring)
        self.keyring_hint = QLabel(form_page)
        self.keyring_hint.setProperty("role", "hint")
        self.keyring_hint.setWordWrap(True)
        form.addRow(self.protection_label, protection)
        form.addRow("", self.keyring_hint)
        form.addRow(self.labels[4], field_with_error("passphrase", self.passphrase))
        form.addRow(self.labels[5], field_with_error("passphrase2", self.passphrase2))
        form.addRow("", self.passphrase_warning)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form.addRow(self.labels[6], field_with_error("folder", folder_row))

        column = QVBoxLayout()
        languages = QHBoxLayout()
        languages.addStretch(1)
        for button in self.language_buttons.values():
            languages.addWidget(button)
        column.addLayout(languages)
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
        outer = QHBoxLayout(form_page)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.checklist = SetupChecklist(ctx, self.pages)
        self.checklist.finished.connect(self.finished)
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.checklist)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.busy = BusyOverlay(self)
        for first, second in ((self.studio, self.username), (self.username, self.password),
                              (self.password, self.password2), (self.password2, self.use_passphrase),
                              (self.use_passphrase, self.use_keyring), (self.use_keyring, self.passphrase),
                              (self.passphrase, self.passphrase2), (self.passphrase2, self.folder),
                              (self.folder, self.browse), (self.browse, self.create_button)):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def set_language(self, code: str) -> None:
        """Switch the whole app's language (kept for the next start)."""
        i18n.set_language(code)
        self.retranslate()

    def retranslate(self) -> None:
        for code, button in self.language_buttons.items():
            button.setChecked(code == i18n.current_language())
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
        self.passphrase_warning.setText(self.tr(
            "Keep the passphrase safe: nobody can recover it. Without it the database — every consent "
            "record — cannot be opened. After setup, save a recovery backup on another drive."))
        self.browse.setText(self.tr("&Browse…"))
        self.create_button.setText(self.tr("&Create studio"))
        self.studio.setPlaceholderText(self.tr("e.g. Northern Lights Studio"))
        self.password.setPlaceholderText(self.tr("at least 10 characters"))
        for error in self.errors.values():
            error.show_error("")

    def _protection_changed(self) -> None:
        use = self.use_passphrase.isChecked()
        self.passphrase.setEnabled(use)
        self.passphrase2.setEnabled(use)
        self.passphrase_warning.setVisible(use)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def problems(self) -> dict[str, str]:
        """Every problem of the form, by field, worded in the UI language (the rules are the core's)."""
        from consent_app.setup import problems
        from consent_app.store.passphrase import problem as passphrase_problem
        from consent_app.ui.core_words import word

        found = {field: word(message) for field, message in
                 problems(self.studio.text(), self.username.text().strip(), self.password.text()).items()}
        if "password" not in found and self.password.text() != self.password2.text():
            found["password2"] = self.tr("The two passwords differ.")
        if self.use_passphrase.isChecked():
            if not self.passphrase.text():
                found["passphrase"] = self.tr("Choose a passphrase, or use the keyring.")
            elif (weak := passphrase_problem(self.passphrase.text())) is not None:
                found["passphrase"] = word(weak)  # the core's strength rule
            elif self.passphrase.text() != self.passphrase2.text():
                found["passphrase2"] = self.tr("The two passphrases differ.")
        if not self.folder.text().strip():
            found["folder"] = self.tr("Choose a data folder.")
        return found

    def submit(self) -> None:
        self.message.clear_message()
        found = self.problems()
        for name, error in self.errors.items():
            error.show_error(found.get(name, ""))
        if found:
            first = next(name for name in self.errors if name in found)
            self.errors[first].field.setFocus()  # focus only: nothing typed is selected or overwritten
            self.message.error(self.tr("Correct the fields marked above."))
            return
        use_keyring = self.use_keyring.isChecked()
        kwargs = {"studio_name": self.studio.text(), "admin_username": self.username.text().strip(),
                  "admin_password": self.password.text(),
                  "passphrase": None if use_keyring else self.passphrase.text(), "use_keyring": use_keyring}
        if getattr(self.ctx, "argon2", None) is not None:
            kwargs["argon2"] = self.ctx.argon2
        self.create_button.setEnabled(False)
        folder = Path(self.folder.text().strip()).expanduser()
        self.ctx.run(create_and_sign_in, folder, **kwargs, done=self._created, error=self._failed,
                     busy=self.busy, message=self.tr("Creating the encrypted database…"))

    def _created(self, result) -> None:
        store, member = result
        self.create_button.setEnabled(True)
        for field in (self.password, self.password2, self.passphrase, self.passphrase2):
            field.clear()
        self.created.emit(store, member)
        self.checklist.prepare(passphrase=not self.use_keyring.isChecked())
        self.pages.setCurrentWidget(self.checklist)
        self.checklist.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.message.error(exc)
