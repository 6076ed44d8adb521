"""What to do right after the studio is created: staff, devices, public keys, status list, a backup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label


def save_backup(store, out: Path) -> Path:
    from consent_app.store.backup import backup

    return backup(store, out)


class SetupChecklist(Retranslatable, QWidget):
    """A short numbered checklist; each item has its action. ``finished(where)`` leaves it."""

    finished = Signal(str)

    ITEMS = ("staff", "devices", "keys", "status", "backup")

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.passphrase = True
        self.title = title_label(self)
        self.intro = title_label(self, "subtitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self.numbers: dict[str, QLabel] = {}
        self.headings: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, key in enumerate(self.ITEMS):
            number = QLabel(str(row + 1), self)
            number.setProperty("role", "step-number")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            number.setFixedSize(28, 28)
            heading = QLabel(self)
            heading.setStyleSheet("font-weight: 600;")
            text = QLabel(self)
            text.setWordWrap(True)
            text.setProperty("role", "hint")
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            words = QVBoxLayout()
            words.setSpacing(2)
            words.addWidget(heading)
            words.addWidget(text)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(words, row, 1)
            if key != "status":
                button = QPushButton(self)
                button.clicked.connect(lambda *_, k=key: self._act(k))
                grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
                self.buttons[key] = button
            self.numbers[key], self.headings[key], self.texts[key] = number, heading, text
        grid.setColumnStretch(1, 1)
        self.message = MessageBar(self)
        self.done = primary(QPushButton(self))
        self.done.clicked.connect(lambda *_: self.finished.emit(""))
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addSpacing(16)
        column.addLayout(grid)
        column.addSpacing(8)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.done)
        column.addLayout(row)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 4)
        outer.addStretch(1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def prepare(self, passphrase: bool) -> None:
        self.passphrase = passphrase
        self.message.clear_message()
        self.retranslate()
        self.done.setFocus()

    def retranslate(self) -> None:
        studio = self.ctx.studio.name if getattr(self.ctx, "studio", None) is not None else ""
        self.title.setText(self.tr("{studio} is ready").format(studio=studio) if studio
                           else self.tr("Your studio is ready"))
        self.intro.setText(self.tr("You are signed in as its administrator. Before the first session:"))
        texts = {
            "staff": (self.tr("Add your staff"),
                      self.tr("Each person who runs capture sessions gets their own account."),
                      self.tr("Add &staff…")),
            "devices": (self.tr("Test the camera and microphone"),
                        self.tr("Choose them and check the picture and the sound level."),
                        self.tr("Test &devices…")),
            "keys": (self.tr("Export the public keys"),
                     self.tr("Production tools check consent tokens offline with the studio's public keys "
                             "(a JWKS file)."),
                     self.tr("Export &keys…")),
            "status": (self.tr("Publish the status list every day"),
                       self.tr("Tools also check a signed list of revoked tokens, valid for 24 hours. Export "
                               "it at least daily with the command-line tool (its “status export” command, "
                               "e.g. from a scheduled task) to the shared folder or web address your tools "
                               "read it from."),
                       ""),
            "backup": (self.tr("Save a recovery backup"),
                       (self.tr("A lost passphrase cannot be recovered, and a broken disk loses every "
                                "record. Save an encrypted backup on another drive; restoring it needs "
                                "the same passphrase.") if self.passphrase else
                        self.tr("A broken disk loses every record. Save an encrypted backup on another "
                                "drive.")),
                       self.tr("Save a &backup…")),
        }
        for key, (heading, text, button) in texts.items():
            self.headings[key].setText(heading)
            self.texts[key].setText(text)
            if key in self.buttons:
                self.buttons[key].setText(button)
        self.done.setText(self.tr("&Go to the console"))

    def _act(self, key: str) -> None:
        if key == "backup":
            self.save_backup()
        else:
            self.finished.emit(key)

    def save_backup(self, path: Path | None = None):
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save a recovery backup"),
                                                    str(Path.home() / "consent-backup.db"),
                                                    self.tr("Encrypted backup (*.db)"))
            if not chosen:
                return None
            path = Path(chosen)
        saved = self.tr("Backup saved: {path} (with its key envelope beside it).")
        return self.ctx.run(save_backup, self.ctx.store, Path(path), busy=self.busy,
                            message=self.tr("Saving the backup…"),
                            done=lambda p: self.message.ok(saved.format(path=p)), error=self.message.error)
