"""A stepper: each step at a fixed position, with done / current / to-do states (never shifting text)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from consent_app.ui import theme


class Stepper(QWidget):
    """Numbered circles joined by a line, the step's name under each; all cells have the same width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self.current = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("steps")

    def set_steps(self, names: list[str]) -> None:
        self.names = list(names)
        self._describe()
        self.updateGeometry()
        self.update()

    def set_current(self, index: int) -> None:
        self.current = index
        self._describe()
        self.update()

    def _describe(self) -> None:
        if self.names:
            name = self.names[min(self.current, len(self.names) - 1)]
            self.setAccessibleDescription(f"{self.current + 1}/{len(self.names)}: {name}")
            self.setToolTip(self.accessibleDescription())

    def state(self, index: int) -> str:
        return "done" if index < self.current else "current" if index == self.current else "todo"

    def centres(self) -> list[float]:
        """x of each step's circle: equal cells, whatever the names or the current step."""
        cell = self.width() / max(1, len(self.names))
        return [cell * (i + 0.5) for i in range(len(self.names))]

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(120 * max(1, len(self.names)), 30 + 6 + metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(48 * max(1, len(self.names)), self.sizeHint().height())

    def paintEvent(self, _event) -> None:
        if not self.names:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        n = len(self.names)
        cell = self.width() / n
        radius = 13.0
        cy = radius + 2
        accent, muted, ink = QColor(theme.ACCENT), QColor("#b9c2c0"), QColor("#1d2424")
        for i in range(n - 1):  # the line between circles: teal where done
            painter.setPen(QPen(accent if i < self.current else muted, 2))
            painter.drawLine(QPointF(cell * (i + 0.5) + radius, cy), QPointF(cell * (i + 1.5) - radius, cy))
        small = QFont(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        for i, (name, cx) in enumerate(zip(self.names, self.centres(), strict=True)):
            state = self.state(i)
            circle = QRectF(cx - radius, cy - radius, 2 * radius, 2 * radius)
            if state == "todo":
                painter.setPen(QPen(muted, 2))
                painter.setBrush(QColor("white"))
            else:
                painter.setPen(QPen(accent, 2))
                painter.setBrush(accent)
            painter.drawEllipse(circle)
            painter.setPen(QColor("white") if state != "todo" else QColor("#56625f"))
            painter.setFont(bold)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, "✓" if state == "done" else str(i + 1))
            # the name: the same font for every state (bold would widen it), colour tells the state
            painter.setFont(small)
            painter.setPen(ink if state == "current" else QColor("#56625f"))
            text_rect = QRectF(cell * i + 2, cy + radius + 4, cell - 4, self.height() - cy - radius - 4)
            text = QFontMetrics(small).elidedText(name, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
            if state == "current":
                painter.setPen(QPen(accent, 2))
                width = min(QFontMetrics(small).horizontalAdvance(text), text_rect.width())
                y = text_rect.top() + QFontMetrics(small).height() + 1
                painter.drawLine(QPointF(cx - width / 2, y), QPointF(cx + width / 2, y))
        painter.end()
