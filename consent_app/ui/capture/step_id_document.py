"""Step 2 of the capture wizard: the ID document and its portrait."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
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
        self.portrait = QLabel(self)  # the portrait found, as the face check will use it
        self.portrait.setFixedSize(PORTRAIT_SIZE[0], PORTRAIT_SIZE[1])
        self.portrait.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.portrait.setStyleSheet("background: #e8eeed; border-radius: 6px;")
        self.portrait.hide()
        self.verdict = QLabel(self)  # the portrait's quality verdict, in words, colour and an icon
        self.verdict.setWordWrap(True)
        self.document = DocumentPanel(self, self)
        row = QHBoxLayout()
        row.addWidget(self.camera_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        demo_row = QHBoxLayout()
        demo_row.addWidget(self.demo_label)
        demo_row.addWidget(self.demo_files, 1)
        demo_row.addWidget(self.use_demo)
        # the photo (shrinks with the window), and beside it the portrait found with its verdict
        self.photo.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.photo.setMinimumSize(320, 150)
        side = QVBoxLayout()
        side.addWidget(self.portrait, 0, Qt.AlignmentFlag.AlignHCenter)
        for label in (self.result, self.verdict):
            label.setFixedWidth(300)
            side.addWidget(label)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.photo, 1)
        top.addLayout(side)
        self.body.addLayout(top, 1)
        self.body.addLayout(row)
        self.body.addLayout(demo_row)
        self.body.addWidget(self.document)
        self._photo_image = None
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
        present = self.wizard.camera_present()
        self.camera_button.setEnabled(present)
        self.camera_button.setToolTip("" if present else self.tr("No camera found: import a photo instead."))
        (self.camera_button if present else self.import_button).setFocus()

    def reset(self) -> None:
        """A new session: nothing of the previous subject stays on screen."""
        self.photo.clear()
        self.photo.setText(self.tr("No ID document yet"))
        self.result.clear()
        self.verdict.clear()
        self.portrait.clear()
        self.portrait.hide()
        self._photo_image = None
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
        if not self.wizard.camera_present():
            self.message.error(self.tr("No camera found: import a photo of the document instead, or connect "
                                       "a camera and choose it in Settings › Devices."))
            return
        frame = self.wizard.feed.peek() if self.wizard.feed else None
        if frame is None:
            self.message.error(self.tr("The camera shows no picture yet."))
            return
        rgb = frame.rgb.copy()
        self.wizard.call(lambda: self._capture(jpeg_of(rgb), "image/jpeg"), done=self._captured, step=self,
                         message=self.tr("Reading the document and finding its portrait…"))

    def _capture(self, data: bytes, mime: str):
        """On the worker: the document and, decoded reduced for the screen, the photo and its portrait."""
        document = self.flow.capture_id_document(data, mime)
        size = (max(320, self.photo.width()), max(200, self.photo.height()))
        return document, *display_images(data, document.details, size)

    def _captured(self, result) -> None:
        _document, photo, portrait = result
        self.message.clear_message()  # e.g. a camera error: its cause is gone once a photo is in
        self._photo_image = photo
        self._show_photo()
        if portrait is not None:
            self.portrait.setPixmap(QPixmap.fromImage(portrait))
            self.portrait.show()
        self._show_result()

    def _show_photo(self) -> None:
        if self._photo_image is not None and not self._photo_image.isNull():
            self.photo.setPixmap(QPixmap.fromImage(self._photo_image).scaled(
                self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._show_photo()

    def portrait_shown(self) -> bool:
        """The portrait and its verdict are on screen (what bench/id_portrait.py waits for)."""
        return (not self.portrait.isHidden() and self.portrait.pixmap() is not None
                and not self.portrait.pixmap().isNull() and bool(self.verdict.text()))

    def _show_result(self) -> None:
        doc = self.flow.id_document if self.flow is not None else None
        if doc is None:
            self.result.clear()
            self.verdict.clear()
            self.document.refresh()
            return
        faces = doc.details.get("faces_on_document", 1) if hasattr(doc, "details") else 1
        self._show_verdict(doc.details.get("quality") if hasattr(doc, "details") else None)
        self.result.setText(self.tr("Portrait found on the document.") if faces == 1 else
                            self.tr("{faces} faces on the document: the largest is taken as the portrait; "
                                    "confirm it below.").format(faces=faces))
        self.document.refresh()

    def refresh_document(self) -> None:
        self._show_result()

    def _show_verdict(self, quality: dict | None) -> None:
        """The portrait's quality in words, colour and an icon (not colour alone), with what to do."""
        if not quality:
            self.verdict.clear()
            return
        failed = [g for g in quality.get("gates", []) if not g.get("passed")]
        if not failed:
            self.verdict.setText("✔ " + self.tr("Portrait usable: large, sharp and evenly lit enough for the "
                                               "face check."))
            self.verdict.setStyleSheet("color: #2e7d4f; font-weight: 600;")
            return
        advice = {
            "face_too_small": self.tr("Portrait too small: photograph the document closer."),
            "too_dark": self.tr("Portrait too dark: add light, avoid shadows on the document."),
            "too_bright": self.tr("Portrait too bright: avoid glare (tilt the document away from the "
                                  "light)."),
            "too_blurred": self.tr("Portrait blurred: hold the document flat and still, and focus."),
        }
        text = " ".join(advice.get(g["code"], g.get("message", "")) for g in failed)
        self.verdict.setText("⚠ " + text + " " + self.tr("The face check may fail: consider another photo."))
        self.verdict.setStyleSheet("color: #8a4b00; font-weight: 600;")


#: The portrait shown beside the verdict (px).
PORTRAIT_SIZE = (128, 160)


def display_images(data: bytes, details: dict, size: tuple[int, int]):
    """The document photo scaled to ``size`` and the portrait crop, decoded reduced (libjpeg scales
    while it decodes), for the screen; either is None when it cannot be decoded."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize

    def reader(payload: QByteArray):
        buffer = QBuffer()
        buffer.setData(payload)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        image_reader = QImageReader(buffer)
        image_reader.setAutoTransform(True)
        return image_reader, buffer

    payload = QByteArray(data)
    first, _buffer = reader(payload)
    stored = first.size()
    if not stored.isValid():
        return None, None
    target = stored.scaled(QSize(*size), Qt.AspectRatioMode.KeepAspectRatio)
    box = details.get("box") if isinstance(details, dict) else None
    portrait = None
    if box and not details.get("exif_rotated"):
        margin_x = (box["right"] - box["left"]) * 0.45
        margin_y = (box["bottom"] - box["top"]) * 0.55
        clip = QRect(round(box["left"] - margin_x), round(box["top"] - margin_y),
                     round(box["right"] - box["left"] + 2 * margin_x),
                     round(box["bottom"] - box["top"] + 2 * margin_y)).intersected(QRect(0, 0, stored.width(),
                                                                                         stored.height()))
        crop_reader, _crop_buffer = reader(payload)
        crop_reader.setAutoTransform(False)
        crop_reader.setClipRect(clip)
        crop_reader.setScaledSize(clip.size().scaled(QSize(*PORTRAIT_SIZE),
                                                     Qt.AspectRatioMode.KeepAspectRatio))
        image = crop_reader.read()
        portrait = None if image.isNull() else image
    first.setScaledSize(target)
    photo = first.read()
    if portrait is None and box and not photo.isNull():  # a rotated photo: crop from the upright copy
        turned = (photo.width() > photo.height()) != (stored.width() > stored.height())
        scale = photo.width() / max(1, stored.height() if turned else stored.width())
        portrait = photo.copy(QRect(round(box["left"] * scale), round(box["top"] * scale),
                                    round((box["right"] - box["left"]) * scale),
                                    round((box["bottom"] - box["top"]) * scale)))
    return (None if photo.isNull() else photo), portrait
