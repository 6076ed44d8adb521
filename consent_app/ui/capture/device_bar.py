"""The camera chosen on the capture steps themselves: a list of the cameras found, a way to Settings ›
Devices, and — with no camera — an immediate "no camera found" instead of a preview that waits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consent_app.ui.common import Retranslatable


def cameras() -> list:
    """The cameras present (instant on Linux: /dev/video* nodes)."""
    from consent_app.biometrics.face.sources import list_cameras

    try:
        return list_cameras()
    except Exception:  # no video backend: no camera to offer
        return []


class DeviceBar(Retranslatable, QWidget):
    """``changed(available)`` when the camera choice changes; ``available`` is False with no camera."""

    changed = Signal(bool)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel(self)
        self.camera = QComboBox(self)
        self.label.setBuddy(self.camera)
        self.settings_button = QPushButton(self)
        self.settings_button.clicked.connect(lambda *_: self.open_settings())
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.missing.setProperty("level", "warning")
        self.missing.setContentsMargins(8, 4, 8, 4)
        self.missing.hide()
        self.camera.activated.connect(lambda *_: self._chosen())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.camera, 1)
        row.addWidget(self.settings_button)
        row.addWidget(self.missing, 2)
        self._found: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Ca&mera:"))
        self.settings_button.setText(self.tr("Settings › Devices…"))
        self.missing.setText(self.tr("No camera found. Connect a camera (then choose it here), or open "
                                     "Settings › Devices."))
        self.fill()

    @property
    def available(self) -> bool:
        devices = self.ctx.devices
        return devices.camera_file is not None or bool(self._found)

    def refresh(self) -> bool:
        """Look for cameras again; returns whether a camera (or a file standing in for it) is there."""
        self._found = [] if self.ctx.devices.camera_file is not None else cameras()
        self.fill()
        return self.available

    def fill(self) -> None:
        devices = self.ctx.devices
        self.camera.blockSignals(True)
        self.camera.clear()
        if devices.camera_file is not None:
            self.camera.addItem(self.tr("File: {name}").format(name=devices.camera_file.name), None)
        for info in self._found:
            self.camera.addItem(info.name, info.index)
        if devices.camera_file is None and self._found:
            self.camera.setCurrentIndex(max(0, self.camera.findData(devices.camera)))
        self.camera.blockSignals(False)
        self.camera.setEnabled(self.camera.count() > 1)
        self.camera.setVisible(self.camera.count() > 0)
        self.missing.setVisible(not self.available)

    def _chosen(self) -> None:
        index = self.camera.currentData()
        if index is not None and index != self.ctx.devices.camera:
            self.ctx.devices.camera = index
            self.changed.emit(True)

    def open_settings(self) -> None:
        """Settings › Devices in a dialog: the session stays where it is."""
        from consent_app.ui.settings_devices import DevicesTab

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Devices"))
        tab = DevicesTab(self.ctx, dialog)
        close = QPushButton(self.tr("Close"), dialog)
        close.clicked.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(tab)
        layout.addWidget(close)
        tab.refresh()
        dialog.resize(640, 360)
        dialog.finished.connect(lambda *_: self.changed.emit(self.refresh()))
        dialog.open()
        self.dialog = dialog
        return dialog
