"""Subjects: search by name or id, filter by consent state; the detail page of one subject."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app import subjects as readmodel
from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable, title_label
from consent_app.ui.subject_detail import SubjectDetailPage
from consent_app.ui.table import RowsModel, TableOrEmpty, make_table, selected_key
from consent_app.ui.words import category_label, state_label


class SubjectsList(Retranslatable, QWidget):
    open_subject = Signal(str)
    capture_requested = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title_label(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        self.state = QComboBox(self)
        for code in ("", *readmodel.CONSENT_STATES, "none"):
            self.state.addItem("", code)
        self.state_label = QLabel(self)
        self.state_label.setBuddy(self.state)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self._open_selected)
        self.model = RowsModel(lambda: (self.tr("Name"), self.tr("Consent"), self.tr("Categories"),
                                        self.tr("Sessions"), self.tr("Registered"), self.tr("Subject id")),
                               self, id_columns=(5,))
        self.table = make_table(self.model, self, stretch=2, wrap=True)
        self.table_area = TableOrEmpty(self.table, self)
        self.table_area.empty.action.connect(self._empty_action)
        self.table_area.use_empty = False  # until the first load: no "no subjects" while loading
        self.table.doubleClicked.connect(self._open_selected)
        self.table.activated.connect(self._open_selected)
        self.empty = self.table_area.empty
        self.message = MessageBar(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.state.currentIndexChanged.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 2)
        top.addWidget(self.state_label)
        top.addWidget(self.state, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table_area, 1)
        self.busy = BusyOverlay(self)
        self._latest = Latest(self)  # a search typed on: an older search's rows never win
        self._rows: list[readmodel.SubjectRow] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Subjects"))
        self.search_label.setText(self.tr("&Find:"))
        self.search.setPlaceholderText(self.tr("name or subject id"))
        self.state_label.setText(self.tr("Consent &state:"))
        for i, text in enumerate((self.tr("All"), self.tr("Active consent"), self.tr("Partly withdrawn"),
                                  self.tr("Withdrawn"), self.tr("No consent"))):
            self.state.setItemText(i, text)
        self.open_button.setText(self.tr("&Open"))
        self.model.retranslate()
        self._fill()

    def refresh(self) -> None:
        if self.ctx.store is None:
            return
        only = self._latest.new()
        self.ctx.read(readmodel.subjects, self.search.text(), self.state.currentData(),
                      done=only(self._loaded), error=only(self.message.error), busy=self.busy,
                      message=self.tr("Loading subjects…"))

    def _loaded(self, rows) -> None:
        self._rows = list(rows)
        self.table_area.use_empty = True
        self._fill()

    def _fill(self) -> None:
        self.model.set_rows([(r.name, state_label(r.state),
                              "\n".join(category_label(c) for c in r.categories),
                              r.sessions, r.created_at[:10], r.id) for r in self._rows],
                            [r.id for r in self._rows])
        if self.filtered:
            self.empty.set_texts(self.tr("No subject matches"),
                                 self.tr("No subject has this name, id or consent state."),
                                 self.tr("Show &all subjects"))
        else:
            self.empty.set_texts(self.tr("No subjects yet"),
                                 self.tr("Each capture session registers a subject: their face, ID document, "
                                         "voice and signed consent are listed here."),
                                 self.tr("Start a &new capture session"))
        self.table_area.update_state()

    @property
    def filtered(self) -> bool:
        return bool(self.search.text()) or bool(self.state.currentData())

    def _empty_action(self) -> None:
        if self.filtered:
            self.search.clear()
            self.state.setCurrentIndex(0)
        else:
            self.capture_requested.emit(None)

    def _open_selected(self, *_args) -> None:
        key = selected_key(self.table)
        if key:
            self.open_subject.emit(key)


class SubjectsView(Retranslatable, QWidget):
    capture_requested = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stack = QStackedWidget(self)
        self.list = SubjectsList(ctx, self)
        self.detail = SubjectDetailPage(ctx, self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.detail)
        self.list.open_subject.connect(self.open_subject)
        self.list.capture_requested.connect(self.capture_requested)
        self.detail.back.connect(self.show_list)
        self.detail.capture_requested.connect(self.capture_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def open_subject(self, subject_id: str) -> None:
        self.detail.load(subject_id)
        self.stack.setCurrentWidget(self.detail)

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        self.list.refresh()
        self.list.table.setFocus()

    def refresh(self) -> None:
        (self.detail if self.stack.currentWidget() is self.detail else self.list).refresh()
