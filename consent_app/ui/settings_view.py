"""Settings: language, devices, thresholds (admins), data folder, staff (admins), signing keys."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui import i18n
from consent_app.ui.common import Latest, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.settings_devices import DevicesTab
from consent_app.ui.settings_keys import KeysTab
from consent_app.ui.settings_studio import StudioTab
from consent_app.ui.staff_view import StaffView


def load_thresholds(conn) -> dict:
    from consent_app import settings
    from consent_app.biometrics.face import matching
    from consent_app.biometrics.voice import records

    return {
        "face": float(settings.get(conn, matching.THRESHOLD_SETTING, matching.DEFAULT_THRESHOLD)),
        "voice": records.match_threshold(conn),
        "idle": float(settings.get(conn, "ui.idle_lock_minutes")),
    }


def save_thresholds(tx, face: float, voice: float, idle: float, actor: str) -> None:
    from consent_app import settings
    from consent_app.biometrics.face import matching
    from consent_app.biometrics.voice import records

    current = load_thresholds(tx)
    if abs(current["face"] - face) > 1e-9:
        settings.put(tx, matching.THRESHOLD_SETTING, matching.check_threshold(face), actor)
    if abs(current["voice"] - voice) > 1e-9:
        records.set_match_threshold(tx, voice, actor)
    if abs(current["idle"] - idle) > 1e-9:
        settings.put(tx, "ui.idle_lock_minutes", idle, actor)


class GeneralTab(Retranslatable, QWidget):
    language_chosen = Signal(str)
    folder_change_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.language = QComboBox(self)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(
            lambda _i: self.language_chosen.emit(self.language.currentData()))
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.folder = QLabel(self)
        self.folder.setWordWrap(True)
        self.folder_label = QLabel(self)
        self.folder_button = QPushButton(self)
        self.folder_button.clicked.connect(self.folder_change_requested)
        self.folder_label.setBuddy(self.folder_button)
        self.studio_label = QLabel(self)
        self.studio = QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.studio_label, self.studio)
        form.addRow(self.language_label, self.language)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.folder_button)
        form.addRow(self.folder_label, row)
        self.retranslate()

    def refresh(self) -> None:
        index = self.language.findData(i18n.current_language())
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, index))
        self.language.blockSignals(False)
        self.folder.setText(str(self.ctx.data_dir))
        self.studio.setText(self.ctx.studio.label if self.ctx.studio else "")

    def retranslate(self) -> None:
        self.studio_label.setText(self.tr("Studio:"))
        self.language_label.setText(self.tr("&Language:"))
        self.folder_label.setText(self.tr("Data folder:"))
        self.folder_button.setText(self.tr("Open another data &folder…"))
        self.refresh()


class ThresholdsTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.face = QDoubleSpinBox(self)
        self.face.setDecimals(3)
        self.face.setRange(0.30, 0.65)
        self.face.setSingleStep(0.01)
        self.voice = QDoubleSpinBox(self)
        self.voice.setDecimals(3)
        self.voice.setRange(0.5, 0.99)
        self.voice.setSingleStep(0.005)
        self.idle = QDoubleSpinBox(self)
        self.idle.setDecimals(1)
        self.idle.setRange(0.5, 120)
        self.labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(self.labels, (self.face, self.voice, self.idle), strict=True):
            label.setBuddy(field)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.save = primary(QPushButton(self))
        self.save.clicked.connect(self.submit)
        self.message = MessageBar(self)
        form = QFormLayout()
        form.addRow(self.labels[0], self.face)
        form.addRow(self.labels[1], self.voice)
        form.addRow(self.labels[2], self.idle)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.labels[0].setText(self.tr("&Face match threshold (distance, lower is stricter):"))
        self.labels[1].setText(self.tr("&Voice match threshold (similarity, higher is stricter):"))
        self.labels[2].setText(self.tr("&Lock the screen after (minutes idle):"))
        self.save.setText(self.tr("&Save settings"))
        self.note.setText(self.tr("Only administrators can change these; every change is recorded in "
                                  "the audit trail. The defaults were calibrated on reference photos and "
                                  "recordings (see the README)."))

    def refresh(self) -> None:
        admin = self.ctx.is_admin
        for w in (self.face, self.voice, self.idle, self.save):
            w.setEnabled(admin)
        only = self._latest.new()
        self.ctx.read(load_thresholds, done=only(self._loaded), error=only(self.message.error))

    def _loaded(self, values: dict) -> None:
        self.face.setValue(values["face"])
        self.voice.setValue(values["voice"])
        self.idle.setValue(values["idle"])

    def submit(self) -> None:
        self.message.clear_message()
        self.ctx.write(save_thresholds, self.face.value(), self.voice.value(), self.idle.value(),
                       self.ctx.actor, changed="settings",
                       done=lambda _r: self.message.ok(self.tr("Settings saved.")), error=self.message.error)


class SettingsView(Retranslatable, QWidget):
    language_chosen = Signal(str)
    folder_change_requested = Signal()

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title_label(self)
        self.tabs = QTabWidget(self)
        self.general = GeneralTab(ctx, self)
        self.devices = DevicesTab(ctx, self)
        self.thresholds = ThresholdsTab(ctx, self)
        self.staff = StaffView(ctx, self)
        self.keys = KeysTab(ctx, self)
        self.studio = StudioTab(ctx, self)
        for tab in (self.general, self.devices, self.thresholds, self.staff, self.keys, self.studio):
            self.tabs.addTab(tab, "")
        self.general.language_chosen.connect(self.language_chosen)
        self.general.folder_change_requested.connect(self.folder_change_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        for i, text in enumerate((self.tr("&General"), self.tr("De&vices"), self.tr("&Thresholds"),
                                  self.tr("&Staff"), self.tr("Signing &keys"), self.tr("St&udio"))):
            self.tabs.setTabText(i, text)

    def refresh(self) -> None:
        self.general.refresh()
        self.devices.refresh()
        self.thresholds.refresh()
        self.staff.setEnabled(self.ctx.is_admin)
        self.tabs.setTabVisible(3, self.ctx.is_admin)
        if self.ctx.is_admin:
            self.staff.refresh()
        self.keys.refresh()
        self.studio.refresh()


__all__ = ["SettingsView"]
