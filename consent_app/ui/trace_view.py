"""Trace a file: staff choose a file; the core reads its marks and searches faces, voice and receipts.

The view only draws :func:`consent_app.provenance.apptrace.trace_with_store`'s report; the work runs
on the task helper (``ctx.read``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consent_app.messages import Message
from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, title_label
from consent_app.ui.core_words import word
from consent_app.ui.table import RowsModel, make_table


def trace_job(conn, path: str):
    """Read ``path`` (bounded, format checked) and trace it with the store (worker thread)."""
    from consent_app.marking.inputs import read_input
    from consent_app.provenance.apptrace import trace_with_store

    data, _fmt = read_input(path)
    return trace_with_store(conn, data, path)


class TraceView(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report = None
        self.title = title_label(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.choose = QPushButton(self)
        self.choose.clicked.connect(self.choose_file)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setProperty("role", "subtitle")
        self.message = MessageBar(self)
        self.model = RowsModel(lambda: (self.tr("What"), self.tr("Finding")), self)
        self.table = make_table(self.model, self, stretch=1, wrap=True)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Trace a file"))
        self.intro.setText(self.tr("Choose an image, video or recording: its marks (C2PA manifest, "
                                   "AIGC label) are checked, and its faces, voice and fingerprints are "
                                   "searched among the enrolled subjects and the imported usage receipts."))
        self.choose.setText(self.tr("&Choose a file…"))
        self.model.retranslate()
        self._fill()

    def refresh(self) -> None:
        """Nothing to load until a file is chosen."""

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Trace a file"), "",
            self.tr("Media (*.jpg *.jpeg *.png *.webp *.mp4 *.m4v *.wav *.mp3 *.flac);;All files (*)"))
        if path:
            self.trace(path)

    def trace(self, path: str) -> None:
        self.message.clear_message()
        self.ctx.read(trace_job, path, done=self._traced, error=self._failed, busy=self.busy,
                      message=self.tr("Reading the marks and searching faces, voices and receipts…"))

    def _failed(self, exc) -> None:
        self.report = None
        self._fill()
        self.message.error(exc)

    def _traced(self, report) -> None:
        self.report = report
        self._fill()

    def _fill(self) -> None:
        report = self.report
        if report is None:
            self.verdict.setText("")
            self.model.set_rows([])
            return
        self.verdict.setText(self.tr("{file}: {verdict} (code {code})").format(
            file=report.file, verdict=word(report.verdict), code=report.exit_code))
        rows = [(self.tr("Mark"), word(m)) for m in report.findings]
        if report.consent:
            rows.append((self.tr("Consent"), report.consent.get("consentId", "")))
            rows.append((self.tr("Token"), report.consent.get("tokenId", "")))
            rows.append((self.tr("Category"), report.consent.get("operation", "")))
        if report.tool:
            rows.append((self.tr("Tool"), str(report.tool.get("name", ""))))
        for note in report.matches.get("notes", []):
            rows.append((self.tr("Search"), word(Message(note["code"], note["params"]))))
        self.model.set_rows(rows)
