"""The kiosk's screens, built once: welcome, not offered, one category, none chosen, terms, summary,
signature, hand-back.

Mixed into :class:`consent_app.ui.capture.kiosk.KioskPage`, which fills them with text and
connects them to the flow (the slots named here are the page's).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import StackPage, primary
from consent_app.ui.signature_pad import SignaturePad
from consent_app.ui.theme import set_prop


def _big(parent, role: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def _choice(parent) -> QPushButton:
    """A Yes or No answer: both with the same weight, size and style (neither is the default)."""
    button = QPushButton(parent)
    set_prop(button, "choice", True)
    button.setAutoDefault(False)
    return button


class _Screen(StackPage, QWidget):
    """One kiosk screen: while another is shown, its large word-wrapped text is not measured."""


class KioskScreens:
    """Builds the kiosk's stacked screens on ``self.screens``; no text, no behaviour."""

    def _screen(self) -> tuple[QWidget, QVBoxLayout]:
        w = _Screen(self.screens)
        lay = QVBoxLayout(w)
        lay.setSpacing(18)
        self.screens.addWidget(w)
        return w, lay

    def _buttons(self, lay, *buttons) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        for b in buttons:
            row.addWidget(b)
        lay.addLayout(row)

    def _build_welcome(self) -> None:
        self.welcome, lay = self._screen()
        self.w_title = _big(self.welcome, "title")
        self.w_text = _big(self.welcome)
        self.w_start = primary(QPushButton(self.welcome))
        self.w_start.clicked.connect(lambda *_: self.begin_choices())
        lay.addStretch(1)
        lay.addWidget(self.w_title)
        lay.addWidget(self.w_text)
        lay.addStretch(1)
        self._buttons(lay, self.w_start)

    def _build_unoffered(self) -> None:
        """One screen for every category this session cannot offer, grouped by the true reason."""
        self.unoffered, lay = self._screen()
        self.u_title = _big(self.unoffered, "title")
        self.u_text = _big(self.unoffered)
        self.u_back = QPushButton(self.unoffered)
        self.u_back.clicked.connect(lambda *_: self.screens.setCurrentWidget(self.welcome))
        self.u_next = primary(QPushButton(self.unoffered))
        self.u_next.clicked.connect(lambda *_: self.show_category(0))
        lay.addStretch(1)
        lay.addWidget(self.u_title)
        lay.addWidget(self.u_text)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.u_back)
        row.addStretch(1)
        row.addWidget(self.u_next)
        lay.addLayout(row)

    def _build_category(self) -> None:
        self.category, lay = self._screen()
        self.c_title = _big(self.category, "title")
        self.c_text = _big(self.category)
        self.c_back = QPushButton(self.category)
        self.c_back.clicked.connect(lambda *_: self.show_category(self.index - 1))
        self.c_no = _choice(self.category)
        self.c_no.clicked.connect(lambda *_: self.choose(False))
        self.c_yes = _choice(self.category)
        self.c_yes.clicked.connect(lambda *_: self.choose(True))
        lay.addStretch(1)
        lay.addWidget(self.c_title)
        lay.addWidget(self.c_text)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.c_back)
        row.addStretch(1)
        row.addWidget(self.c_no)
        row.addSpacing(16)
        row.addWidget(self.c_yes)
        lay.addLayout(row)

    def _build_none(self) -> None:
        self.none, lay = self._screen()
        self.n_title = _big(self.none, "title")
        self.n_text = _big(self.none)
        self.n_review = QPushButton(self.none)
        self.n_review.clicked.connect(lambda: self.show_category(0))
        self.n_end = primary(QPushButton(self.none))
        self.n_end.clicked.connect(self.show_handback)
        lay.addStretch(1)
        lay.addWidget(self.n_title)
        lay.addWidget(self.n_text)
        lay.addStretch(1)
        self._buttons(lay, self.n_review, self.n_end)

    def _build_terms(self) -> None:
        self.terms, lay = self._screen()
        self.t_title = _big(self.terms, "title")
        self.t_text = QTextBrowser(self.terms)
        self.t_text.setOpenExternalLinks(False)
        self.t_back = QPushButton(self.terms)
        self.t_back.clicked.connect(lambda: self.show_category(len(self.choices) - 1))
        self.t_ok = primary(QPushButton(self.terms))
        self.t_ok.clicked.connect(self.acknowledge)
        lay.addWidget(self.t_title)
        lay.addWidget(self.t_text, 1)
        row = QHBoxLayout()
        row.addWidget(self.t_back)
        row.addStretch(1)
        row.addWidget(self.t_ok)
        lay.addLayout(row)

    def _build_summary(self) -> None:
        self.summary, lay = self._screen()
        self.s_title = _big(self.summary, "title")
        self.s_text = QTextBrowser(self.summary)
        self.s_back = QPushButton(self.summary)
        self.s_back.clicked.connect(lambda: self.screens.setCurrentWidget(self.terms))
        self.s_sign = primary(QPushButton(self.summary))
        self.s_sign.clicked.connect(self.to_signature)
        lay.addWidget(self.s_title)
        lay.addWidget(self.s_text, 1)
        row = QHBoxLayout()
        row.addWidget(self.s_back)
        row.addStretch(1)
        row.addWidget(self.s_sign)
        lay.addLayout(row)

    def _build_signature(self) -> None:
        self.signature, lay = self._screen()
        self.g_title = _big(self.signature, "title")
        self.g_text = _big(self.signature)
        self.pad = SignaturePad(self.signature)
        self.pad.setMinimumHeight(260)
        self.pad.hint_point_size = 20
        self.g_clear = QPushButton(self.signature)
        self.g_clear.clicked.connect(self.pad.clear)
        self.g_undo = QPushButton(self.signature)
        self.g_undo.clicked.connect(self.pad.undo)
        self.g_back = QPushButton(self.signature)
        self.g_back.clicked.connect(self.back_to_summary)
        self.g_ok = primary(QPushButton(self.signature))
        self.g_ok.clicked.connect(self.sign)
        lay.addWidget(self.g_title)
        lay.addWidget(self.g_text)
        lay.addWidget(self.pad, 1)
        row = QHBoxLayout()
        row.addWidget(self.g_back)
        row.addWidget(self.g_clear)
        row.addWidget(self.g_undo)
        row.addStretch(1)
        row.addWidget(self.g_ok)
        lay.addLayout(row)

    def _build_handback(self) -> None:
        self.handback, lay = self._screen()
        self.h_title = _big(self.handback, "title")
        self.h_text = _big(self.handback)
        self.h_password = QLineEdit(self.handback)
        self.h_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.h_password.setMinimumWidth(420)
        self.h_password.returnPressed.connect(self.staff_return)
        self.h_label = QLabel(self.handback)
        self.h_label.setBuddy(self.h_password)
        self.h_ok = QPushButton(self.handback)
        self.h_ok.clicked.connect(self.staff_return)
        lay.addStretch(1)
        lay.addWidget(self.h_title)
        lay.addWidget(self.h_text)
        lay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.h_label)
        row.addWidget(self.h_password)
        row.addWidget(self.h_ok)
        lay.addLayout(row)

