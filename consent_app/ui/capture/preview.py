"""The live camera preview: the newest frame with the face box and the quality-gate message."""

from __future__ import annotations

import time

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from consent_app.ui.common import Retranslatable
from consent_app.ui.words import gate_message


class PreviewWidget(Retranslatable, QWidget):
    """Paints ``feed``'s newest frame, mirrored like a mirror, with the latest analysis on top."""

    status_changed = Signal(bool, str)  # ready for capture?, message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.feed = None
        self.result = None
        self.prompt = ""
        self.error = ""
        self.paints = 0
        self.paint_times: list[float] = []
        self._image: QImage | None = None
        self._frame = None
        self.retranslate()

    def retranslate(self) -> None:
        self._waiting = self.tr("Starting the camera…")
        self.setAccessibleName(self.tr("Camera preview"))
        self.update()

    def attach(self, feed) -> None:
        self.feed = feed
        self.result = None
        self.error = ""
        feed.frame_ready.connect(self._on_frame)
        feed.analysed.connect(self._on_result)
        feed.failed.connect(self._on_failed)
        self._on_frame()  # also clears a paint request made before anyone listened
        if getattr(feed, "error", ""):  # it failed before this preview listened
            self._on_failed(feed.error)

    def _on_frame(self) -> None:
        if self.feed is None:
            return
        frame = self.feed.latest()
        if frame is None:
            return
        rgb = frame.rgb
        h, w = rgb.shape[:2]
        self._frame = frame  # keeps the buffer alive while the QImage refers to it
        self._image = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888)
        self.repaint()  # now: one paint per camera frame, not coalesced with the next

    def _on_result(self, result) -> None:
        self.result = result
        self.status_changed.emit(result.ready, gate_message(result.report))

    def _on_failed(self, message: str) -> None:
        self.error = message
        self.status_changed.emit(False, message)
        self.update()

    def set_prompt(self, text: str) -> None:
        self.prompt = text
        self.update()

    def paintEvent(self, _event) -> None:
        t0 = time.perf_counter()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1b2222"))
        if self._image is None:
            painter.setPen(QColor("#dfe6e5"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.error or self._waiting)
            painter.end()
            return
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        tw, th = iw * scale, ih * scale
        target = QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)
        painter.save()
        # a mirror image feels natural to the person in front of the camera
        painter.translate(target.center().x() * 2, 0)
        painter.scale(-1, 1)
        painter.drawImage(target, self._image)
        result = self.result
        if result is not None:
            color = QColor("#3fbf7f") if result.ready else QColor("#f0a030")
            painter.setPen(QPen(color, 3))
            for box in result.boxes:
                painter.drawRect(QRectF(target.x() + box.left * scale, target.y() + box.top * scale,
                                        box.width * scale, box.height * scale))
        painter.restore()
        lines = []
        if self.prompt:
            lines.append(self.prompt)
        elif result is not None:
            lines.append(gate_message(result.report))
        if self.error:
            lines = [self.error]
        if lines:
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.5)
            font.setBold(True)
            painter.setFont(font)
            band = QRectF(0, self.height() - 56, self.width(), 56)
            painter.fillRect(band, QColor(0, 0, 0, 150))
            painter.setPen(QColor("white"))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, "  ".join(lines))
        painter.end()
        self.paints += 1
        self.frames_painted = self.paints
        if len(self.paint_times) < 100_000:
            self.paint_times.append(time.perf_counter() - t0)

    def current_frame(self):
        return self.feed.peek() if self.feed is not None else None


def warm_up_painting() -> None:
    """Paint a preview once, off screen, with a frame, a face box and a message band.

    The first paint of a preview makes PySide build, lazily, the Python enum types its painter calls'
    overloads go through (~13 ms of the GUI thread, which fell on the first camera frame of the live-face
    step); ``preload.warm_gui`` calls this once, while the app is idle."""
    from types import SimpleNamespace

    widget = PreviewWidget()
    try:
        frame = QImage(16, 9, QImage.Format.Format_RGB888)
        frame.fill(QColor("#808080"))
        widget._image = frame
        widget.resize(480, 270)
        box = SimpleNamespace(left=2, top=2, width=4, height=4)
        widget.result = SimpleNamespace(ready=False, boxes=[box], report=None)
        widget.prompt = " "
        target = QImage(480, 270, QImage.Format.Format_ARGB32_Premultiplied)
        widget.render(target)
    finally:
        widget.deleteLater()
