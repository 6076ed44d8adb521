"""Settings › Devices: the camera and the microphone (or files standing in for them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import Retranslatable


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
        demo = self.ctx.demo
        self.hint.setText(self.tr("DEMO studio: files stand in for a camera or microphone, and every capture "
                                  "made from a file says so in its record.") if demo else
                          self.tr("Captures come from a real camera and microphone: files stand in for them "
                                  "only in a demo studio."))
        for button in (self.camera_file_button, self.voice_file_button):
            button.setVisible(demo)
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
        demo = self.ctx.demo
        self.camera.clear()
        if dev.camera_file is not None and demo:
            self.camera.addItem(self.tr("File: {name}").format(name=dev.camera_file.name), ("file", None))
        for info in self._cameras:
            self.camera.addItem(info.name, ("device", info.index))
        if self.camera.count() == 0:
            self.camera.addItem(self.tr("No camera found"), ("none", None))
        if dev.camera_file is None or not demo:
            index = self.camera.findData(("device", dev.camera))
            self.camera.setCurrentIndex(max(0, index))
        self.microphone.clear()
        if dev.voice_files and demo:
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
