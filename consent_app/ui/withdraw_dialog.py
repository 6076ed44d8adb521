"""Withdraw a whole consent or single categories: nothing pre-selected, and what will happen shown first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import BusyOverlay, MessageBar, Retranslatable, danger, primary, title_label
from consent_app.ui.receipts import save_receipt
from consent_app.ui.table import short_id
from consent_app.ui.words import category_label


def withdraw(tx, consent_id: str, categories: list[str] | None, reason: str, staff: str):
    from consent_app.consent.records import withdraw as core_withdraw

    return core_withdraw(tx, consent_id, categories=categories, reason=reason, staff=staff)


def tokens_to_revoke(conn, consent_id: str, categories: list[str] | None):
    from consent_app.tokens import tokens_carrying

    return tokens_carrying(conn, consent_id, categories)


class WithdrawDialog(Retranslatable, QDialog):
    """Choose (nothing pre-selected), review what will happen (tokens revoked), then withdraw."""

    withdrawn = Signal(object)

    def __init__(self, ctx, consent: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.consent = consent
        self.remaining = [op for op in consent["categories"] if op not in consent["withdrawn"]]
        self.setModal(True)
        self.title = title_label(self)
        self.pages = QStackedWidget(self)
        # -- page 1: the choice -------------------------------------------------------------------------
        choose = QWidget(self.pages)
        self.info = QLabel(choose)
        self.info.setWordWrap(True)
        self.whole = QRadioButton(choose)
        self.some = QRadioButton(choose)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.whole)
        self.choice.addButton(self.some)
        self.group = QGroupBox(choose)
        group_layout = QVBoxLayout(self.group)
        group_layout.setContentsMargins(28, 8, 8, 8)
        self.boxes: dict[str, QCheckBox] = {}
        for op in self.remaining:
            box = QCheckBox(self.group)
            self.boxes[op] = box
            group_layout.addWidget(box)
        self.group.setEnabled(False)
        self.some.toggled.connect(self.group.setEnabled)
        self.reason = QPlainTextEdit(choose)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label = QLabel(choose)
        self.reason_label.setBuddy(self.reason)
        choose_layout = QVBoxLayout(choose)
        choose_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.info, self.whole, self.some, self.group, self.reason_label, self.reason):
            choose_layout.addWidget(widget)
        choose_layout.addStretch(1)
        # -- page 2: what will happen -------------------------------------------------------------------
        review = QWidget(self.pages)
        self.plan = QLabel(review)
        self.plan.setWordWrap(True)
        self.plan.setTextFormat(Qt.TextFormat.RichText)
        self.plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.plan, 1)
        self.pages.addWidget(choose)
        self.pages.addWidget(review)
        # -- buttons ------------------------------------------------------------------------------------
        self.review_button = primary(QPushButton(self))
        self.review_button.clicked.connect(lambda *_: self.review())
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(lambda *_: self.back())
        self.confirm = danger(QPushButton(self))
        self.confirm.clicked.connect(lambda *_: self.submit())
        self.receipt = QPushButton(self)
        self.receipt.clicked.connect(lambda *_: self._receipt())
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        self.message = MessageBar(self)
        self.message.clear_on_change(self.whole, self.some, self.reason, *self.boxes.values())
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self)
        self.event = None
        self.chosen: list[str] | None = None
        self.revoking: list[tuple[str, list, str]] = []
        self.resize(640, 540)
        self._show_page(0)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Withdraw consent"))
        self.title.setText(self.tr("Withdraw consent"))
        self.info.setText(self.tr("Consent {id}. The withdrawal is signed and recorded in the audit trail; "
                                  "every token covering a withdrawn category is revoked. Choose what the "
                                  "subject withdraws:").format(id=short_id(self.consent["id"])))
        self.info.setToolTip(self.consent["id"])
        self.whole.setText(self.tr("The &whole consent (every remaining category)"))
        self.some.setText(self.tr("&Only some categories:"))
        self.group.setTitle("")
        for op, box in self.boxes.items():
            box.setText(category_label(op))
        self.reason_label.setText(self.tr("&Reason (as the subject gave it):"))
        self.review_button.setText(self.tr("&Continue…"))
        self.back_button.setText(self.tr("&Back"))
        self.confirm.setText(self.tr("Withdraw &now"))
        self.receipt.setText(self.tr("Save the withdrawal &receipt…"))
        self.close_button.setText(self.tr("Close"))
        if self.pages.currentIndex() == 1:
            self._show_plan()

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        done = self.event is not None
        self.review_button.setVisible(index == 0 and not done)
        self.back_button.setVisible(index == 1 and not done)
        self.confirm.setVisible(index == 1 and not done)
        self.receipt.setVisible(done)

    def selection(self) -> list[str] | None:
        """The categories to withdraw (None: the whole consent); raises ValueError with the reason."""
        if self.whole.isChecked():
            return None
        if not self.some.isChecked():
            raise ValueError(self.tr("Choose the whole consent or some categories."))
        chosen = [op for op, box in self.boxes.items() if box.isChecked()]
        if not chosen:
            raise ValueError(self.tr("Tick the categories to withdraw."))
        return None if len(chosen) == len(self.remaining) else chosen

    def review(self) -> None:
        """Check the choice and show what will happen, with the tokens that will be revoked."""
        self.message.clear_message()
        try:
            chosen = self.selection()
        except ValueError as exc:
            self.message.error(str(exc))
            return
        if not self.reason.toPlainText().strip():
            self.message.error(self.tr("Give the reason for the withdrawal."))
            self.reason.setFocus()
            return
        self.chosen = chosen
        self.review_button.setEnabled(False)
        self.ctx.read(tokens_to_revoke, self.consent["id"], chosen, done=self._reviewed, error=self._failed,
                      busy=self.busy, message=self.tr("Finding the tokens to revoke…"))

    def _reviewed(self, tokens) -> None:
        self.review_button.setEnabled(True)
        self.revoking = list(tokens)
        self._show_plan()
        self._show_page(1)
        self.confirm.setFocus()

    def _show_plan(self) -> None:
        withdrawn = self.remaining if self.chosen is None else self.chosen
        left = [op for op in self.remaining if op not in withdrawn]

        def items(values) -> str:
            return "".join(f"<li>{value}</li>" for value in values)

        html = "<p><b>" + self.tr("This will withdraw:") + "</b></p><ul>" + items(
            category_label(op) for op in withdrawn) + "</ul>"
        if left:
            html += "<p>" + self.tr("The consent still allows:") + "</p><ul>" + items(
                category_label(op) for op in left) + "</ul>"
        else:
            html += "<p>" + self.tr("Nothing remains: the consent ends.") + "</p>"
        if self.revoking:
            html += "<p><b>" + self.tr("These tokens will be revoked:") + "</b></p><ul>" + items(
                self.tr("Token {id} ({categories}), valid until {until}").format(
                    id=f"<span title='{tid}'>{short_id(tid)}</span>",
                    categories=", ".join(category_label(op) for op in ops), until=until[:10])
                for tid, ops, until in self.revoking) + "</ul>"
        else:
            html += "<p>" + self.tr("No token is revoked: none carries these categories.") + "</p>"
        html += "<p>" + self.tr("The withdrawal is signed and cannot be undone.") + "</p>"
        self.plan.setText(html)

    def back(self) -> None:
        self.message.clear_message()
        self._show_page(0)

    def submit(self) -> None:
        self.message.clear_message()
        self.confirm.setEnabled(False)
        self.back_button.setEnabled(False)
        self.ctx.write(withdraw, self.consent["id"], self.chosen, self.reason.toPlainText(), self.ctx.actor,
                       changed="consents", done=self._done, error=self._failed, busy=self.busy,
                       message=self.tr("Recording the withdrawal…"))

    def _done(self, event) -> None:
        self.event = event
        self._show_page(1)
        self.message.ok(self.tr("Withdrawn: {categories}. Tokens covering them are revoked.")
                        .format(categories=", ".join(category_label(c) for c in event.categories)))
        self.receipt.setFocus()
        self.withdrawn.emit(event)

    def _failed(self, exc) -> None:
        self.review_button.setEnabled(True)
        self.confirm.setEnabled(True)
        self.back_button.setEnabled(True)
        self.message.error(exc)

    def _receipt(self) -> None:
        if self.event is not None:
            save_receipt(self, self.ctx, self.consent["id"], self.message, self.busy, seq=self.event.seq)
