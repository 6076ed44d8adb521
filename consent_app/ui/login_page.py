"""Staff sign-in, also used as the lock screen after the idle timeout."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consent_app.ui.common import (
    BusyOverlay,
    DemoBadge,
    MessageBar,
    Retranslatable,
    primary,
    title_label,
)


class LoginPage(Retranslatable, QWidget):
    """``signed_in(member)`` after a successful login; failures show the core's reason."""

    signed_in = Signal(object)
    sign_out_requested = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.locked = False
        self.locked_user = ""
        self.studio = title_label(self)
        self.demo = DemoBadge(self)
        self.title = title_label(self, "subtitle")
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.user_label, self.pass_label = QLabel(self), QLabel(self)
        self.user_label.setBuddy(self.username)
        self.pass_label.setBuddy(self.password)
        self.sign_in = primary(QPushButton(self))
        self.sign_in.clicked.connect(self.submit)
        self.switch_user = QPushButton(self)
        self.switch_user.clicked.connect(self.sign_out_requested)
        self.demo_hint = QLabel(self)
        self.demo_hint.setProperty("role", "hint")
        self.demo_hint.setWordWrap(True)
        self.message = MessageBar(self)
        form = QFormLayout()
        form.addRow(self.user_label, self.username)
        form.addRow(self.pass_label, self.password)
        column = QVBoxLayout()
        column.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.studio, 1)
        head.addWidget(self.demo)
        column.addLayout(head)
        column.addWidget(self.title)
        column.addSpacing(8)
        column.addLayout(form)
        column.addWidget(self.demo_hint)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.switch_user)
        row.addStretch(1)
        row.addWidget(self.sign_in)
        column.addLayout(row)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def prepare(self, *, locked: bool = False, username: str = "", note: str = "") -> None:
        self.locked = locked
        self.locked_user = username if locked else ""
        self.username.setText(username)
        self.username.setReadOnly(locked)
        self.password.clear()
        self.switch_user.setVisible(locked)
        self.demo.setVisible(self.ctx.demo)
        creds = self.ctx.demo_credentials if self.ctx.demo else None
        self.demo_hint.setVisible(bool(creds) and not locked)
        if creds and not locked and not username:
            self.username.setText(creds[0])
        self.message.clear_message()
        if note:
            self.message.info(note)
        self.retranslate()
        (self.password if self.username.text() else self.username).setFocus()

    def retranslate(self) -> None:
        self.studio.setText(self.ctx.studio.label if self.ctx.studio else "")
        self.title.setText(self.tr("Screen locked — sign in again to continue") if self.locked
                           else self.tr("Staff sign-in"))
        self.user_label.setText(self.tr("&Username:"))
        self.pass_label.setText(self.tr("&Password:"))
        self.sign_in.setText(self.tr("&Sign in"))
        self.switch_user.setText(self.tr("Sign &out"))
        creds = self.ctx.demo_credentials
        if creds:
            self.demo_hint.setText(self.tr("Demo database: sign in as {user} with the password {password}")
                                   .format(user=creds[0], password=creds[1]))

    def submit(self) -> None:
        from consent_app import staff

        self.message.clear_message()
        username = self.username.text().strip()
        if not username or not self.password.text():
            self.message.error(self.tr("Type your username and password."))
            return
        self.sign_in.setEnabled(False)
        self.ctx.run(staff.login, self.ctx.store, username, self.password.text(), done=self._ok,
                     error=self._failed, busy=self.busy, message=self.tr("Checking…"))

    def _ok(self, member) -> None:
        from consent_app import staff
        from consent_app.errors import AuthError

        self.sign_in.setEnabled(True)
        self.password.clear()
        if member.role is staff.Role.DUTY:  # an unattended job's account never opens the console
            self._failed(AuthError(code="staff.duty_only", user=member.username))
            return
        self.signed_in.emit(member)

    def _failed(self, exc: BaseException) -> None:
        self.sign_in.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.error(exc)
