"""A signature pad for mouse, touch and pen (with pressure), with clear and undo.

Strokes are kept as vectors ``(x, y, t_ms, pressure)`` in the pad's logical pixels and handed to
the consent core (:mod:`consent_app.consent.signature`), which decides whether they are a signature.
"""

from __future__ import annotations

import time
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from consent_app.ui.common import Retranslatable

INK = QColor(16, 24, 64)


class SignaturePad(Retranslatable, QWidget):
    """Draw to sign. ``changed`` after every stroke, clear or undo."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(480, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[tuple[float, float, float, float | None]]] = []
        self._current: list[tuple[float, float, float, float | None]] | None = None
        self._t0: float | None = None
        self._size: tuple[float, float] | None = None
        self.device = "mouse"
        self._hint = ""
        #: Size of the "Sign here" placeholder (points); large enough to read at arm's length.
        self.hint_point_size = 16
        self.retranslate()

    def retranslate(self) -> None:
        self._hint = self.tr("Sign here")
        self.setAccessibleName(self.tr("Signature pad"))
        self.setToolTip(self.tr("Sign with the mouse, a finger or a pen"))
        self.update()

    # -- data -----------------------------------------------------------------------------
    def set_hint(self, text: str) -> None:
        self._hint = text
        self.update()

    @property
    def is_empty(self) -> bool:
        return not self.strokes

    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self._t0 = None
        self._size = None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()
            self.changed.emit()

    def signature(self):
        """The strokes as a ``consent_app.consent.signature.Signature`` (not yet checked)."""
        from consent_app.consent.signature import Signature

        width, height = self._size or (float(self.width()), float(self.height()))
        return Signature.from_points(self.strokes, width, height, self.device)

    # -- input ----------------------------------------------------------------------------
    def _now_ms(self) -> float:
        now = time.monotonic()
        if self._t0 is None:
            self._t0 = now
        return round((now - self._t0) * 1000.0, 1)

    def _begin(self, pos: QPointF, pressure: float | None, device: str) -> None:
        if self._size is None:
            self._size = (float(self.width()), float(self.height()))
        self.device = device
        self._current = [(pos.x(), pos.y(), self._now_ms(), pressure)]
        self.strokes.append(self._current)
        self.update()

    def _extend(self, pos: QPointF, pressure: float | None) -> None:
        if self._current is None:
            return
        x = min(max(pos.x(), 0.0), float(self.width()))
        y = min(max(pos.y(), 0.0), float(self.height()))
        last = self._current[-1]
        if abs(last[0] - x) < 0.5 and abs(last[1] - y) < 0.5:
            return
        self._current.append((x, y, self._now_ms(), pressure))
        self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), None, "mouse")

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), None)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), None)
            self._end()

    def tabletEvent(self, event) -> None:
        pressure = max(0.0, min(1.0, float(event.pressure())))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure, "pen")
        elif kind == QEvent.Type.TabletMove and event.buttons():
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesized mouse events follow

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                point = points[0]
                pressure = float(point.pressure()) if point.pressure() > 0 else None
                if kind == QEvent.Type.TouchBegin:
                    self._begin(point.position(), pressure, "touch")
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(point.position(), pressure)
                else:
                    self._extend(point.position(), pressure)
                    self._end()
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.undo()
            return
        super().keyPressEvent(event)

    # -- drawing --------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, QColor("white"))
        border = QColor("#2f6f73") if self.hasFocus() else QColor("#9aa7a5")
        painter.setPen(QPen(border, 2 if self.hasFocus() else 1))
        painter.drawRoundedRect(rect, 6, 6)
        baseline = rect.bottom() - rect.height() * 0.25
        painter.setPen(QPen(QColor("#c9d1cf"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(rect.left() + 24, baseline), QPointF(rect.right() - 24, baseline))
        if not self.strokes:
            painter.setPen(QColor("#6b7674"))
            font = painter.font()
            font.setPointSizeF(self.hint_point_size)
            painter.setFont(font)
            painter.drawText(rect.adjusted(0, 0, 0, -rect.height() * 0.3),
                             Qt.AlignmentFlag.AlignCenter, self._hint)
        for stroke in self.strokes:
            if len(stroke) == 1:
                x, y, _t, _p = stroke[0]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(INK)
                painter.drawEllipse(QPointF(x, y), 1.8, 1.8)
                continue
            if stroke[0][3] is None:
                pen = QPen(INK, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                           Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                path = QPainterPath(QPointF(stroke[0][0], stroke[0][1]))
                for x, y, _t, _p in stroke[1:]:
                    path.lineTo(x, y)
                painter.drawPath(path)
            else:
                for a, b in pairwise(stroke):
                    width = 1.0 + 3.5 * (b[3] if b[3] is not None else 0.5)
                    painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                    painter.drawLine(QPointF(a[0], a[1]), QPointF(b[0], b[1]))
        painter.end()
