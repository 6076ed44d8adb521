"""Unlock a passphrase-protected store (or one whose key is in the OS keyring)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label


def open_store(data_dir, passphrase):
    """``Store.open`` on the task helper: the store's modules (SQLCipher, the audit trail) are imported
    there too, not on the GUI thread, when the unlock screen is shown before the background preload."""
    from consent_app.store import Store

    return Store.open(data_dir, passphrase)


class UnlockPage(Retranslatable, QWidget):
    """Asks for the passphrase and opens the store on the task helper; ``opened(store)``."""

    opened = Signal(object)
    other_folder = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title_label(self)
        self.folder_label = title_label(self, "subtitle")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.submit)
        self.pass_label = QLabel(self)
        self.pass_label.setBuddy(self.passphrase)
        self.unlock_button = primary(QPushButton(self))
        self.unlock_button.clicked.connect(self.submit)
        self.other_button = QPushButton(self)
        self.other_button.clicked.connect(self.other_folder)
        self.message = MessageBar(self)
        form = QFormLayout()
        form.addRow(self.pass_label, self.passphrase)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.folder_label)
        column.addLayout(form)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        column.addLayout(row)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.busy = BusyOverlay(self)
        self.needs_passphrase = True
        self.retranslate()

    def prepare(self, needs_passphrase: bool) -> None:
        self.needs_passphrase = needs_passphrase
        self.passphrase.setVisible(needs_passphrase)
        self.pass_label.setVisible(needs_passphrase)
        self.message.clear_message()
        self.retranslate()
        if needs_passphrase:
            self.passphrase.setFocus()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Unlock the consent database"))
        self.folder_label.setText(self.tr("Data folder: {folder}").format(folder=self.ctx.data_dir))
        self.pass_label.setText(self.tr("&Passphrase:"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.other_button.setText(self.tr("Use another &folder…"))

    def submit(self) -> None:
        self.message.clear_message()
        secret = self.passphrase.text() if self.needs_passphrase else None
        if self.needs_passphrase and not secret:
            self.message.error(self.tr("Type the passphrase chosen when the studio was set up."))
            return
        self.unlock_button.setEnabled(False)
        self.ctx.run(open_store, self.ctx.data_dir, secret, done=self._opened, error=self._failed,
                     busy=self.busy, message=self.tr("Unlocking…"))

    def _opened(self, store) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        self.opened.emit(store)

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.selectAll()
        self.message.error(exc)
