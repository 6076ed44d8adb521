"""A small read-only table model for lists of rows (audit entries, staff, keys, subjects...).

Ids (UUIDs, hashes) are shown shortened, with the full value on hover and copied in full (Ctrl+C or the
context menu); other cells are shown in full, wrapping onto several lines rather than being cut off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

#: Ids longer than this are shortened in tables.
SHORT_ID = 8


def short_id(value: str) -> str:
    """The first characters of an id, with an ellipsis (the full id is on hover and copied)."""
    return value if len(value) <= SHORT_ID + 4 else value[:SHORT_ID] + "…"


class RowsModel(QAbstractTableModel):
    """Rows of plain values; headers come from a callable so they retranslate.

    ``id_columns`` are shown shortened (full value in the tooltip and :data:`Qt.ItemDataRole.UserRole`).
    """

    def __init__(self, headers: Callable[[], Sequence[str]], parent=None,
                 id_columns: Iterable[int] = ()) -> None:
        super().__init__(parent)
        self._headers = headers
        self.id_columns = set(id_columns)
        self.rows: list[Sequence[Any]] = []
        self.keys: list[Any] = []

    def set_rows(self, rows: Sequence[Sequence[Any]], keys: Sequence[Any] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = list(keys) if keys is not None else [None] * len(self.rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def full_text(self, index) -> str:
        value = self.rows[index.row()][index.column()]
        return "" if value is None else str(value)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return self.full_text(index)
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.full_text(index)
            return short_id(text) if index.column() in self.id_columns else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            headers = self._headers()
            return headers[section] if section < len(headers) else None
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))


def copy_selection(view: QTableView) -> str:
    """Copy the current cell's full value (a whole id, not its shortened form) to the clipboard."""
    index = view.currentIndex()
    if not index.isValid():
        return ""
    text = view.model().data(index, Qt.ItemDataRole.UserRole) or ""
    QGuiApplication.clipboard().setText(text)
    return text


def make_table(model: RowsModel, parent: QWidget | None = None, stretch: int | None = None,
               wrap: bool = False) -> QTableView:
    """A read-only table; with ``wrap`` long cells (categories) wrap and rows grow to show them in full."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(wrap)
    view.verticalHeader().hide()
    if wrap:
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setTabKeyNavigation(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    copy = QAction(view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    copy.triggered.connect(lambda *_: copy_selection(view))
    view.addAction(copy)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.copy_action = copy  # type: ignore[attr-defined]
    return view


def selected_key(view: QTableView) -> Any:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows:
        return None
    model = view.model()
    return model.keys[rows[0].row()] if isinstance(model, RowsModel) else None


class EmptyState(QWidget):
    """What a list will hold, in the middle of the empty area, with the next action as a button."""

    action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "subtitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setProperty("role", "hint")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(lambda *_: self.action.emit())
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def set_texts(self, heading: str, text: str, button: str | None) -> None:
        self.heading.setText(heading)
        self.text.setText(text)
        self.button.setVisible(bool(button))
        self.button.setText(button or "")


class TableOrEmpty(QStackedWidget):
    """A table that gives way to an :class:`EmptyState` while it has no rows."""

    def __init__(self, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.empty = EmptyState(self)
        self.addWidget(table)
        self.addWidget(self.empty)
        self.use_empty = True
        model = table.model()
        model.modelReset.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        empty = self.use_empty and self.table.model().rowCount() == 0
        self.setCurrentWidget(self.empty if empty else self.table)
