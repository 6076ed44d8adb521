"""The audit trail: every change, who made it and when, with a check of the hash chain."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from consent_app.ui.audit_details import EntryDetails
from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable, title_label
from consent_app.ui.table import RowsModel, make_table

PAGE = 2000  # newest entries shown


def load_entries(conn, text: str) -> tuple[list[tuple], list[tuple]]:
    """The newest entries matching ``text`` as recorded (seq, ts, actor, action, target, details), and the
    same rows worded for the table (``shown``). ``text`` matches what was recorded (ids, names, codes) or
    the words shown: an action's and a target's name in the UI's language for every entry, the details'
    words for the newest ``PAGE`` entries. Runs on a worker (``QCoreApplication.translate`` is
    thread-safe), so the GUI thread only draws."""
    from consent_app import audit
    from consent_app.audit_fields import ensure_templates
    from consent_app.ui.audit_details import action_name, target_text

    entries = list(audit.entries(conn))[::-1]
    needle = text.lower()
    if needle:
        ensure_templates([e.details for e in entries[:PAGE]])
    rows: list[tuple] = []
    lines: list[tuple | None] = []  # a row worded while searching is not worded again
    for index, e in enumerate(entries):
        row = (e.seq, e.ts, e.actor, e.action, e.target, e.details)
        line = None
        if needle:
            recorded = (e.seq, e.ts, e.actor, e.action, e.target, json.dumps(e.details, ensure_ascii=False))
            names = (action_name(e.action), target_text(e.target)[0])
            if not any(needle in str(v).lower() for v in (*recorded, *names)):
                line = shown([row])[0] if index < PAGE else None
                if line is None or needle not in line[5].lower():
                    continue
        rows.append(row)
        lines.append(line)
        if len(rows) == PAGE:
            break
    ensure_templates([row[5] for row in rows])  # coded results and problems can be worded
    return rows, [line or shown([row])[0] for row, line in zip(rows, lines, strict=True)]


def shown(rows: list[tuple]) -> list[tuple]:
    """Rows as people read them, in the UI's language: each action by its name (the code when it has
    none), the target by its kind, the details worded (``ui/audit_details``). The recorded entry stays
    in the details pane ("Show recorded data")."""
    from consent_app.ui.audit_details import action_name, summary, target_text

    return [(seq, ts.replace("T", " ")[:19], actor, action_name(action), target_text(target)[0],
             summary(action, details)) for seq, ts, actor, action, target, details in rows]


def verify(conn):
    from consent_app import audit

    return audit.verify_chain(conn)


class AuditView(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
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
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.details = EntryDetails(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Audit trail"))
        self.search_label.setText(self.tr("&Find:"))
        self.search.setPlaceholderText(self.tr("staff, action, subject or consent id…"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.verify_button.setText(self.tr("&Verify the chain"))
        self.model.retranslate()
        if self.model.keys:
            self.refresh()  # the rows are worded again on the worker, in the new language

    def refresh(self) -> None:
        if self.ctx.store is None:
            return
        only = self._latest.new()  # an older search ending later never draws over this one
        self.ctx.read(load_entries, self.search.text().strip(),
                      done=only(self._loaded), error=only(self.message.error),
                      busy=self.busy, message=self.tr("Loading the audit trail…"))

    def _loaded(self, loaded: tuple[list[tuple], list[tuple]]) -> None:
        rows, worded = loaded
        self.model.set_rows(worded, rows)
        self.details.show_entry(None)

    def _selected(self, current, _previous=None) -> None:
        row = current.row() if current.isValid() else -1
        self.details.show_entry(self.model.keys[row] if 0 <= row < len(self.model.keys) else None)

    def select_entry(self, action: str) -> bool:
        """Select the newest entry of ``action`` (its details show below the table)."""
        for row, entry in enumerate(self.model.keys):
            if entry is not None and entry[3] == action:
                self.table.selectRow(row)
                return True
        return False

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
            from consent_app.ui.core_words import word

            problem = report.problem
            self.message.error(self.tr("The audit trail is broken at entry {seq}: {reason}")
                               .format(seq=report.first_bad,
                                       reason=word(problem) if problem is not None else report.reason))
