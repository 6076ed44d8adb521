"""Settings: language, devices, thresholds (admins), data folder, staff (admins), signing keys."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui import i18n
from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.staff_view import StaffView
from consent_app.ui.table import RowsModel, make_table


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


def load_keys(conn) -> list:
    from consent_app.crypto import keys

    return keys.all_public_keys(conn)


def export_jwks(conn, path: Path) -> int:
    from consent_app.store.atomic import atomic_write_bytes
    from consent_app.tokens.keyset import export_jwks as jwks

    document = jwks(conn)
    atomic_write_bytes(Path(path), (json.dumps(document, indent=2) + "\n").encode(), mode=0o644)
    return len(document.get("keys", []))


def rotate_key(tx, actor: str):
    from consent_app.crypto import keys

    return keys.rotate(tx, actor)


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


class DevicesTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.camera = QComboBox(self)
        self.microphone = QComboBox(self)
        self.camera_label, self.mic_label = QLabel(self), QLabel(self)
        self.camera_label.setBuddy(self.camera)
        self.mic_label.setBuddy(self.microphone)
        self.camera_file_button = QPushButton(self)
        self.camera_file_button.clicked.connect(self._pick_camera_file)
        self.voice_file_button = QPushButton(self)
        self.voice_file_button.clicked.connect(self._pick_voice_files)
        self.rescan = QPushButton(self)
        self.rescan.clicked.connect(self.refresh)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        form = QFormLayout()
        cam_row = QHBoxLayout()
        cam_row.addWidget(self.camera, 1)
        cam_row.addWidget(self.camera_file_button)
        mic_row = QHBoxLayout()
        mic_row.addWidget(self.microphone, 1)
        mic_row.addWidget(self.voice_file_button)
        form.addRow(self.camera_label, cam_row)
        form.addRow(self.mic_label, mic_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.rescan)
        layout.addLayout(row)
        layout.addStretch(1)
        self.camera.activated.connect(self._camera_chosen)
        self.microphone.activated.connect(self._mic_chosen)
        self._cameras: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.camera_label.setText(self.tr("&Camera:"))
        self.mic_label.setText(self.tr("&Microphone:"))
        self.camera_file_button.setText(self.tr("Use a video or &photo file…"))
        self.voice_file_button.setText(self.tr("Use &audio files…"))
        self.rescan.setText(self.tr("&Look for devices again"))
        self.hint.setText(self.tr("Files stand in for a camera or microphone in demos and training: the "
                                  "capture runs exactly as with a device."))
        self._fill()

    def refresh(self) -> None:
        def scan():
            from consent_app.biometrics.face.sources import list_cameras

            return list_cameras()

        self.ctx.run(scan, done=self._cameras_found, error=lambda _e: self._cameras_found([]))

    def _cameras_found(self, cameras) -> None:
        self._cameras = list(cameras)
        self._fill()

    def _fill(self) -> None:
        dev = self.ctx.devices
        self.camera.clear()
        if dev.camera_file is not None:
            self.camera.addItem(self.tr("File: {name}").format(name=dev.camera_file.name), ("file", None))
        for info in self._cameras:
            self.camera.addItem(info.name, ("device", info.index))
        if self.camera.count() == 0:
            self.camera.addItem(self.tr("No camera found"), ("none", None))
        if dev.camera_file is None:
            index = self.camera.findData(("device", dev.camera))
            self.camera.setCurrentIndex(max(0, index))
        self.microphone.clear()
        if dev.voice_files:
            self.microphone.addItem(self.tr("Files: {count} clips").format(count=len(dev.voice_files)),
                                    ("file", None))
        self.microphone.addItem(self.tr("System default microphone"), ("device", None))
        try:
            from consent_app.ui.audio_input import input_devices

            for d in input_devices():
                self.microphone.addItem(d.description, ("device", d.id))
        except Exception:  # noqa: S110 - no audio backend: the default entry remains
            pass

    def _camera_chosen(self) -> None:
        kind, index = self.camera.currentData()
        if kind == "device":
            self.ctx.devices.camera = index
            self.ctx.devices.camera_file = None

    def _mic_chosen(self) -> None:
        kind, device_id = self.microphone.currentData()
        if kind == "device":
            self.ctx.devices.microphone_id = device_id
            self.ctx.devices.voice_files = []

    def _pick_camera_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a video or photo"), "",
                                              self.tr("Video or image (*.mp4 *.avi *.mov *.mkv *.jpg "
                                                      "*.jpeg *.png)"))
        if path:
            self.ctx.devices.camera_file = Path(path)
            self._fill()

    def _pick_voice_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose audio clips"), "",
                                                self.tr("Audio (*.wav *.flac)"))
        if files:
            self.ctx.devices.voice_files = [Path(f) for f in files]
            self._fill()


class ThresholdsTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        self.ctx.read(load_thresholds, done=self._loaded, error=self.message.error)

    def _loaded(self, values: dict) -> None:
        self.face.setValue(values["face"])
        self.voice.setValue(values["voice"])
        self.idle.setValue(values["idle"])

    def submit(self) -> None:
        self.message.clear_message()
        self.ctx.write(save_thresholds, self.face.value(), self.voice.value(), self.idle.value(),
                       self.ctx.actor, changed="settings",
                       done=lambda _r: self.message.ok(self.tr("Settings saved.")), error=self.message.error)


class KeysTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowsModel(lambda: (self.tr("Key id"), self.tr("Created"), self.tr("Status")), self)
        self.table = make_table(self.model, self, stretch=0)
        self.export = QPushButton(self)
        self.export.clicked.connect(self._export)
        self.rotate = QPushButton(self)
        self.rotate.clicked.connect(self._rotate)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.message = MessageBar(self)
        row = QHBoxLayout()
        row.addWidget(self.export)
        row.addWidget(self.rotate)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.busy = BusyOverlay(self)
        self._confirm_rotate = False
        self._keys: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.export.setText(self.tr("&Export public keys (JWKS)…"))
        self.rotate.setText(self.tr("&Rotate the signing key"))
        self.note.setText(self.tr("The studio signs consent records and tokens with an Ed25519 key kept "
                                  "encrypted in the database. Generation tools check tokens with the "
                                  "exported public keys. After a rotation, tokens signed with older keys "
                                  "keep verifying until they expire."))
        self.model.retranslate()
        self.refresh_rows()

    def refresh(self) -> None:
        self.rotate.setEnabled(self.ctx.is_admin)
        self._confirm_rotate = False
        self.ctx.read(load_keys, done=self._loaded, error=self.message.error)

    def _loaded(self, keys) -> None:
        self._keys = list(keys)
        self.refresh_rows()

    def refresh_rows(self) -> None:
        rows = [(k.kid, k.created_at.replace("T", " ")[:19],
                 self.tr("retired {when}").format(when=k.retired_at[:10]) if k.retired_at
                 else self.tr("active")) for k in self._keys]
        self.model.set_rows(rows, [k.kid for k in self._keys])

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export public keys"), "studio.jwks",
                                              self.tr("JSON Web Key Set (*.jwks *.json)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):
        return self.ctx.read(export_jwks, path, busy=self.busy, message=self.tr("Exporting…"),
                             done=lambda n: self.message.ok(self.tr("Wrote {count} public keys to {path}")
                                                            .format(count=n, path=path)),
                             error=self.message.error)

    def _rotate(self) -> None:
        if not self._confirm_rotate:
            self._confirm_rotate = True
            self.message.info(self.tr("Press “Rotate the signing key” again to confirm. New records and "
                                      "tokens will be signed with a new key."))
            return
        self._confirm_rotate = False
        self.ctx.write(rotate_key, self.ctx.actor, changed="keys", busy=self.busy,
                       message=self.tr("Making a new key…"),
                       done=lambda k: (self.message.ok(self.tr("New signing key {kid} is active.")
                                                       .format(kid=k.kid)), self.refresh()),
                       error=self.message.error)


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
        for tab in (self.general, self.devices, self.thresholds, self.staff, self.keys):
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
                                  self.tr("&Staff"), self.tr("Signing &keys"))):
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


__all__ = ["SettingsView"]
