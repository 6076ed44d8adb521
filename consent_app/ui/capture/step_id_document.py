"""Step 2 of the capture wizard: the ID document and its portrait."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from consent_app.ui.capture.document_panel import DocumentPanel
from consent_app.ui.capture.step_base import Step, jpeg_of


class IdDocumentStep(Step):
    def __init__(self, wizard, parent=None) -> None:
        super().__init__(wizard, parent)
        self.photo = QLabel(self)
        self.photo.setMinimumSize(360, 240)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("background: #e8eeed; border: 1px dashed #9aa7a5; border-radius: 6px;")
        self.demo_files = QComboBox(self)
        self.demo_label = QLabel(self)
        self.demo_label.setBuddy(self.demo_files)
        self.use_demo = QPushButton(self)
        self.use_demo.clicked.connect(self._use_demo)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self._import)
        self.camera_button = QPushButton(self)
        self.camera_button.clicked.connect(self._from_camera)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.document = DocumentPanel(self, self)
        row = QHBoxLayout()
        row.addWidget(self.camera_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_label)
        demo_row.addWidget(self.demo_files, 1)
        demo_row.addWidget(self.use_demo)
        self.body.addWidget(self.photo, 1)
        self.body.addLayout(row)
        self.body.addLayout(demo_row)
        self.body.addWidget(self.result)
        self.body.addWidget(self.document)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("ID document"))
        self.hint.setText(self.tr("Photograph the subject's ID card or passport (the page with the "
                                  "portrait and the machine-readable zone), or import a photo of it. The "
                                  "portrait is compared with the live face; the details are read from the "
                                  "document."))
        self.camera_button.setText(self.tr("Take a photo with the &camera"))
        self.import_button.setText(self.tr("&Import a photo…"))
        self.demo_label.setText(self.tr("Demo &photos:"))
        self.use_demo.setText(self.tr("&Use this photo"))
        if self.flow is None or self.flow.id_document is None:
            self.photo.setText(self.tr("No ID document yet"))
        self._show_result()

    def enter(self) -> None:
        images = list(getattr(self.wizard.ctx.devices, "demo_images", []) or [])
        self.demo_files.clear()
        for path in images:
            self.demo_files.addItem(path.name, str(path))
        for w in (self.demo_files, self.demo_label, self.use_demo):
            w.setVisible(bool(images))
        self.camera_button.setFocus()

    def reset(self) -> None:
        """A new session: nothing of the previous subject stays on screen."""
        self.photo.clear()
        self.photo.setText(self.tr("No ID document yet"))
        self.result.clear()
        self.document.refresh()

    def _import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the ID document"), "",
                                              self.tr("Images (*.jpg *.jpeg *.png *.webp *.tif *.tiff)"))
        if path:
            self.use_file(Path(path))

    def _use_demo(self) -> None:
        if self.demo_files.currentData():
            self.use_file(Path(self.demo_files.currentData()))

    def use_file(self, path: Path) -> None:
        from consent_app.biometrics.images import read_image_bytes

        mime = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"
        self.wizard.call(lambda: self._capture(read_image_bytes(path), mime), done=self._captured, step=self,
                         message=self.tr("Reading the document and finding its portrait…"))

    def _from_camera(self) -> None:
        frame = self.wizard.feed.peek() if self.wizard.feed else None
        if frame is None:
            self.message.error(self.tr("The camera shows no picture yet."))
            return
        rgb = frame.rgb.copy()
        self.wizard.call(lambda: self._capture(jpeg_of(rgb), "image/jpeg"), done=self._captured, step=self,
                         message=self.tr("Reading the document and finding its portrait…"))

    def _capture(self, data: bytes, mime: str):
        return data, self.flow.capture_id_document(data, mime)

    def _captured(self, result) -> None:
        data, _document = result
        image = QImage.fromData(data)
        if not image.isNull():
            self.photo.setPixmap(QPixmap.fromImage(image).scaled(
                self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self._show_result()

    def _show_result(self) -> None:
        doc = self.flow.id_document if self.flow is not None else None
        if doc is None:
            self.result.clear()
            self.document.refresh()
            return
        faces = doc.details.get("faces_on_document", 1) if hasattr(doc, "details") else 1
        self.result.setText(self.tr("Portrait found on the document.") if faces == 1 else
                            self.tr("{faces} faces on the document: the largest is taken as the portrait; "
                                    "confirm it below.").format(faces=faces))
        self.document.refresh()

    def refresh_document(self) -> None:
        self._show_result()
