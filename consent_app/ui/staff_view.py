"""Staff accounts, for administrators: add, reset a password, deactivate, unlock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import Latest, MessageBar, Retranslatable, primary
from consent_app.ui.table import RowsModel, make_table, selected_key


def load_staff(conn):
    from consent_app import staff

    rows = conn.execute("SELECT username, locked_until, last_login_at FROM staff").fetchall()
    extra = {r[0]: (r[1], r[2]) for r in rows}
    return [(m, *extra.get(m.username, (None, None))) for m in staff.list_staff(conn)]


def add_staff(tx, username, password, role, display_name, actor):
    from consent_app import staff

    return staff.create(tx, username, password, role, actor=actor, display_name=display_name or None)


def reset_password(tx, username, password, actor):
    from consent_app import staff

    staff.set_password(tx, username, password, actor)


def set_active(tx, username, active, actor):
    from consent_app import staff

    staff.set_active(tx, username, active, actor)


def unlock(tx, username, actor):
    from consent_app import staff

    staff.unlock(tx, username, actor)


class StaffView(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.model = RowsModel(lambda: (self.tr("Username"), self.tr("Name"), self.tr("Role"),
                                        self.tr("Status"), self.tr("Last sign-in")), self)
        self.table = make_table(self.model, self, stretch=1)
        self.group = QGroupBox(self)
        self.username = QLineEdit(self)
        self.display_name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox(self)
        self.role.addItem("", "operator")
        self.role.addItem("", "admin")
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.labels, (self.username, self.display_name, self.password, self.role),
                                strict=True):
            label.setBuddy(field)
        self.add = primary(QPushButton(self))
        self.add.clicked.connect(self._add)
        self.add.setDefault(False)
        self.reset = QPushButton(self)
        self.reset.clicked.connect(self._reset)
        self.toggle = QPushButton(self)
        self.toggle.clicked.connect(self._toggle)
        self.unlock_button = QPushButton(self)
        self.unlock_button.clicked.connect(self._unlock)
        self.message = MessageBar(self)
        form = QFormLayout(self.group)
        for label, field in zip(self.labels, (self.username, self.display_name, self.password, self.role),
                                strict=True):
            form.addRow(label, field)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add)
        form.addRow(add_row)
        actions = QHBoxLayout()
        actions.addWidget(self.reset)
        actions.addWidget(self.toggle)
        actions.addWidget(self.unlock_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.group)
        self._members: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.group.setTitle(self.tr("New staff account"))
        for label, text in zip(self.labels, (self.tr("&Username:"), self.tr("&Full name:"),
                                             self.tr("Pass&word:"), self.tr("R&ole:")), strict=True):
            label.setText(text)
        self.role.setItemText(0, self.tr("Operator — runs capture sessions"))
        self.role.setItemText(1, self.tr("Administrator — also manages staff, thresholds and keys"))
        self.add.setText(self.tr("&Add account"))
        self.reset.setText(self.tr("Set a new &password for the selected account"))
        self.toggle.setText(self.tr("&Deactivate / reactivate"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.password.setPlaceholderText(self.tr("at least 10 characters"))
        self.model.retranslate()
        self._fill()

    def refresh(self) -> None:
        only = self._latest.new()
        self.ctx.read(load_staff, done=only(self._loaded), error=only(self.message.error))

    def _loaded(self, members) -> None:
        self._members = list(members)
        self._fill()

    def _fill(self) -> None:
        rows = []
        for m, locked_until, last in self._members:
            status = self.tr("active") if m.active else self.tr("deactivated")
            if locked_until:
                status = self.tr("locked until {when}").format(when=locked_until.replace("T", " ")[:16])
            role = self.tr("Administrator") if m.is_admin else self.tr("Operator")
            rows.append((m.username, m.display_name, role, status,
                         (last or "").replace("T", " ")[:16]))
        self.model.set_rows(rows, [(m.username, m.active) for m, _l, _t in self._members])

    def _done(self, text: str):
        def show(_result=None):
            self.message.ok(text)
            self.refresh()
        return show

    def _add(self) -> None:
        self.message.clear_message()
        username = self.username.text().strip()
        self.ctx.write(add_staff, username, self.password.text(), self.role.currentData(),
                       self.display_name.text().strip(), self.ctx.actor, changed="staff",
                       done=self._added, error=self.message.error)

    def _added(self, member) -> None:
        for field in (self.username, self.display_name, self.password):
            field.clear()
        self._done(self.tr("Account {user} created.").format(user=member.username))()

    def _selected(self):
        key = selected_key(self.table)
        if key is None:
            self.message.error(self.tr("Select an account in the list first."))
        return key

    def _reset(self) -> None:
        key = self._selected()
        if key is None:
            return
        if not self.password.text():
            self.message.error(self.tr("Type the new password in the Password field below, then press "
                                       "this button again."))
            self.password.setFocus()
            return
        self.ctx.write(reset_password, key[0], self.password.text(), self.ctx.actor, changed="staff",
                       done=lambda _r: (self.password.clear(),
                                        self._done(self.tr("Password of {user} changed.")
                                                   .format(user=key[0]))()),
                       error=self.message.error)

    def _toggle(self) -> None:
        key = self._selected()
        if key is None:
            return
        self.ctx.write(set_active, key[0], not key[1], self.ctx.actor, changed="staff",
                       done=self._done(self.tr("Account {user} updated.").format(user=key[0])),
                       error=self.message.error)

    def _unlock(self) -> None:
        key = self._selected()
        if key is None:
            return
        self.ctx.write(unlock, key[0], self.ctx.actor, changed="staff",
                       done=self._done(self.tr("Account {user} unlocked.").format(user=key[0])),
                       error=self.message.error)
