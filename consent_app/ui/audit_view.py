"""The audit trail: every change, who made it and when, with a check of the hash chain."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, title_label
from consent_app.ui.table import RowsModel, make_table

PAGE = 2000  # newest entries shown


def load_entries(conn, text: str) -> list[tuple]:
    from consent_app import audit

    rows = []
    needle = text.lower()
    for e in audit.entries(conn):
        details = json.dumps(e.details, ensure_ascii=False, sort_keys=True)
        row = (e.seq, e.ts.replace("T", " ")[:19], e.actor, e.action, e.target, details)
        if needle and not any(needle in str(v).lower() for v in row):
            continue
        rows.append(row)
    return rows[-PAGE:][::-1]


def shown(rows: list[tuple]) -> list[tuple]:
    """Rows as people read them: each action by its name in the UI's language (the code when it has none).
    The details stay as recorded: they are the entry's hashed content, in the words it was written with."""
    from consent_app.audit import action_message
    from consent_app.ui.core_words import word

    out = []
    for seq, ts, actor, action, target, details in rows:
        message = action_message(action)
        out.append((seq, ts, actor, word(message) if message is not None else action, target, details))
    return out


def verify(conn):
    from consent_app import audit

    return audit.verify_chain(conn)


class AuditView(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title_label(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self)
        self.verify_button.clicked.connect(self.verify)
        self.message = MessageBar(self)
        self.model = RowsModel(lambda: (self.tr("No."), self.tr("Time (UTC)"), self.tr("Staff"),
                                        self.tr("Action"), self.tr("Target"), self.tr("Details")), self)
        self.table = make_table(self.model, self, stretch=5)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Audit trail"))
        self.search_label.setText(self.tr("&Find:"))
        self.search.setPlaceholderText(self.tr("staff, action, subject or consent id…"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.verify_button.setText(self.tr("&Verify the chain"))
        self.model.retranslate()

    def refresh(self) -> None:
        if self.ctx.store is None:
            return
        self.ctx.read(load_entries, self.search.text().strip(),
                      done=self._loaded, error=self.message.error,
                      busy=self.busy, message=self.tr("Loading the audit trail…"))

    def _loaded(self, rows: list[tuple]) -> None:
        self.model.set_rows(shown(rows))

    def verify(self) -> None:
        self.message.clear_message()
        self.verify_button.setEnabled(False)
        self.ctx.read(verify, done=self._verified, error=self._failed, busy=self.busy,
                      message=self.tr("Checking every entry of the audit trail…"))

    def _failed(self, exc) -> None:
        self.verify_button.setEnabled(True)
        self.message.error(exc)

    def _verified(self, report) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self.message.ok(self.tr("The audit trail is intact: {count} entries, each linked to the one "
                                    "before it.").format(count=report.count))
        else:
            self.message.error(self.tr("The audit trail is broken at entry {seq}: {reason}")
                               .format(seq=report.first_bad, reason=report.reason))
