"""The staff console: subjects, audit trail and settings, with the session controls on top."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui import i18n
from consent_app.ui.common import DemoBadge, Retranslatable, StackPage, primary


class MainPage(StackPage, Retranslatable, QWidget):
    lock_requested = Signal()
    sign_out_requested = Signal()
    capture_requested = Signal(object)  # subject id or None for a new subject
    folder_change_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.studio = QLabel(self)
        self.studio.setProperty("role", "title")
        self.demo = DemoBadge(self)
        self.user = QLabel(self)
        self.user.setProperty("role", "subtitle")
        self.new_session = primary(QPushButton(self))
        self.new_session.setDefault(False)
        self.new_session.clicked.connect(lambda: self.capture_requested.emit(None))
        self.lock_button = QPushButton(self)
        self.lock_button.clicked.connect(self.lock_requested)
        self.sign_out = QPushButton(self)
        self.sign_out.clicked.connect(self.sign_out_requested)
        self.nav = QListWidget(self)
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(210)
        for _ in range(6):
            self.nav.addItem("")
        self.views = QStackedWidget(self)
        self._views: dict[int, QWidget] = {}
        self.nav.currentRowChanged.connect(self._show_view)

        top = QHBoxLayout()
        top.addWidget(self.studio)
        top.addWidget(self.demo)
        top.addStretch(1)
        top.addWidget(self.user)
        top.addSpacing(12)
        top.addWidget(self.new_session)
        top.addWidget(self.lock_button)
        top.addWidget(self.sign_out)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.views, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        for row, key in enumerate(("Ctrl+1", "Ctrl+2", "Ctrl+3")):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda r=row: self.nav.setCurrentRow(r))
        new = QShortcut(QKeySequence("Ctrl+N"), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_session.click)
        ctx.data_changed.connect(self._data_changed)
        self.retranslate()

    def view(self, row: int):
        widget = self._views.get(row)
        if widget is None:
            if row == 0:
                from consent_app.ui.subjects_view import SubjectsView

                widget = SubjectsView(self.ctx, self)
                widget.capture_requested.connect(self.capture_requested)
            elif row == 1:
                from consent_app.ui.audit_view import AuditView

                widget = AuditView(self.ctx, self)
            elif row == 3:
                from consent_app.ui.trace_view import TraceView

                widget = TraceView(self.ctx, self)
            elif row == 4:
                from consent_app.ui.complaints_view import ComplaintsView

                widget = ComplaintsView(self.ctx, self)
            elif row == 5:
                from consent_app.ui.duties_view import DutiesView

                widget = DutiesView(self.ctx, self)
            else:
                from consent_app.ui.settings_view import SettingsView

                widget = SettingsView(self.ctx, self)
                widget.language_chosen.connect(self.set_language)
                widget.folder_change_requested.connect(self.folder_change_requested)
            self._views[row] = widget
            self.views.addWidget(widget)
        return widget

    def open_settings(self, tab: str) -> None:
        """Show one Settings tab: "general", "devices", "thresholds", "staff" or "keys"."""
        self.nav.setCurrentRow(2)
        settings = self.view(2)
        settings.tabs.setCurrentWidget(getattr(settings, tab))

    def _show_view(self, row: int) -> None:
        if row < 0:
            return
        widget = self.view(row)
        self.views.setCurrentWidget(widget)
        widget.refresh()

    def enter(self) -> None:
        """Called each time the console is shown (after sign-in, after a capture)."""
        self.retranslate()
        self.new_session.setFocus()
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        else:
            self._show_view(self.nav.currentRow())

    def _data_changed(self, _what: str) -> None:
        current = self.views.currentWidget()
        if current is not None and self.isVisible():
            current.refresh()

    def set_language(self, code: str) -> None:
        i18n.set_language(code)

    def retranslate(self) -> None:
        ctx = self.ctx
        self.studio.setText(ctx.studio.name if ctx.studio else "")
        self.demo.setVisible(ctx.demo)
        if ctx.member is not None:
            role = self.tr("administrator") if ctx.is_admin else self.tr("operator")
            self.user.setText(self.tr("Signed in: {name} ({role})").format(name=ctx.member.display_name,
                                                                          role=role))
        self.new_session.setText(self.tr("&New capture session"))
        self.lock_button.setText(self.tr("&Lock screen"))
        self.sign_out.setText(self.tr("Sign &out"))
        for row, text in enumerate((self.tr("Subjects"), self.tr("Audit trail"), self.tr("Settings"),
                                    self.tr("Trace a file"), self.tr("Complaints"), self.tr("Duties"))):
            self.nav.item(row).setText(text)
