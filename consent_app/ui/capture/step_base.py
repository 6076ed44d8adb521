"""What every staff-side step of the capture wizard shares: the page frame, form rows, JPEG encoding."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import MessageBar, Retranslatable, StackPage, title_label


def form_rows(form: QFormLayout, pairs) -> list[QLabel]:
    labels = []
    for widget in pairs:
        label = QLabel(form.parentWidget())
        label.setBuddy(widget)
        form.addRow(label, widget)
        labels.append(label)
    return labels


def jpeg_of(rgb) -> bytes:
    from consent_app.biometrics.face.capture import jpeg_bytes

    return jpeg_bytes(rgb)


class Step(StackPage, Retranslatable, QWidget):
    """Base of a step page: a title, a hint, a message bar; ``wizard`` runs flow calls."""

    def __init__(self, wizard, parent=None) -> None:
        super().__init__(parent)
        self.wizard = wizard
        self.title = title_label(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.message = MessageBar(self)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.message)

    @property
    def flow(self):
        return self.wizard.flow

    def enter(self) -> None:
        """Called when the step is shown."""

    def leave(self) -> None:
        """Called when another step is shown."""

    def commit(self, proceed) -> None:
        """Record this step's input in the flow, then call ``proceed()``; default: nothing to record."""
        proceed()
