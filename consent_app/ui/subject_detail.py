"""One subject: sessions, verifications with scores, consents and categories, tokens, withdrawals."""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from consent_app import subjects as readmodel
from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable, title_label
from consent_app.ui.core_words import list_separator, word
from consent_app.ui.table import RowsModel, TableOrEmpty, make_table, selected_key
from consent_app.ui.words import category_label, state_label


def _short(ts: str | None) -> str:
    return (ts or "").replace("T", " ")[:16]


class SubjectDetailPage(Retranslatable, QWidget):
    back = Signal()
    capture_requested = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.subject_id: str | None = None
        self.detail: readmodel.SubjectDetail | None = None
        self._revoked: set[str] = set()
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(self.back)
        self.title = title_label(self)
        self.info = QLabel(self)
        self.info.setProperty("role", "subtitle")
        self.info.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.consents_model = RowsModel(lambda: (self.tr("Consent id"), self.tr("State"),
                                                 self.tr("Categories"),
                                                 self.tr("Valid from"), self.tr("Valid until"),
                                                 self.tr("Language"), self.tr("Signed")), self,
                                        id_columns=(0,))
        self.sessions_model = RowsModel(lambda: (self.tr("Session id"), self.tr("State"), self.tr("Staff"),
                                                 self.tr("Started"), self.tr("Ended")), self,
                                        id_columns=(0,))
        self.verif_model = RowsModel(lambda: (self.tr("Check"), self.tr("Scores and result"),
                                              self.tr("Time")), self)
        self.tokens_model = RowsModel(lambda: (self.tr("Token id"), self.tr("Consent id"),
                                               self.tr("Categories"), self.tr("Valid until"),
                                               self.tr("Issued by"), self.tr("Status")), self,
                                      id_columns=(0, 1))
        self.withdraw_model = RowsModel(lambda: (self.tr("Consent id"), self.tr("Categories withdrawn"),
                                                 self.tr("Time"), self.tr("Staff"), self.tr("Reason")), self,
                                        id_columns=(0,))
        self.uses_model = RowsModel(lambda: (self.tr("Made"), self.tr("Category"), self.tr("Tool"),
                                             self.tr("Output (SHA-256)"), self.tr("Consent id")), self,
                                    id_columns=(4,))
        self.consents_table = make_table(self.consents_model, self, stretch=2, wrap=True)
        self.sessions_table = make_table(self.sessions_model, self, wrap=True)
        self.verif_table = make_table(self.verif_model, self, stretch=1, wrap=True)
        self.tokens_table = make_table(self.tokens_model, self, stretch=2, wrap=True)
        self.withdraw_table = make_table(self.withdraw_model, self, stretch=4, wrap=True)
        self.uses_table = make_table(self.uses_model, self, stretch=3, wrap=True)
        self.areas = []
        for table in (self.consents_table, self.sessions_table, self.verif_table, self.tokens_table,
                      self.withdraw_table, self.uses_table):
            area = TableOrEmpty(table, self)
            area.use_empty = False
            self.areas.append(area)
            self.tabs.addTab(area, "")
        self.token_button = QPushButton(self)
        self.token_button.clicked.connect(self.export_token)
        self.withdraw_button = QPushButton(self)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.receipt_button = QPushButton(self)
        self.receipt_button.clicked.connect(self.save_receipt)
        self.erase_button = QPushButton(self)
        self.erase_button.clicked.connect(self.erase_biometrics)
        self.session_button = QPushButton(self)
        self.session_button.clicked.connect(lambda: self.capture_requested.emit(self.subject_id))
        self.message = MessageBar(self)
        self.areas[0].empty.action.connect(lambda: self.capture_requested.emit(self.subject_id))
        self.areas[3].empty.action.connect(self.export_token)
        head = QHBoxLayout()
        head.addWidget(self.back_button)
        head.addWidget(self.title, 1)
        actions = QHBoxLayout()
        for b in (self.token_button, self.withdraw_button, self.receipt_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.erase_button)
        actions.addWidget(self.session_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.info)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← &Back to subjects"))
        for i, text in enumerate((self.tr("&Consents"), self.tr("S&essions"), self.tr("&Verifications"),
                                  self.tr("To&kens"), self.tr("&Withdrawals"), self.tr("&Uses"))):
            self.tabs.setTabText(i, text)
        self.token_button.setText(self.tr("E&xport token…"))
        self.withdraw_button.setText(self.tr("Wit&hdraw…"))
        self.receipt_button.setText(self.tr("Save &receipt…"))
        self.erase_button.setText(self.tr("Erase &biometric data…"))
        self.session_button.setText(self.tr("New &session for this subject"))
        for model in (self.consents_model, self.sessions_model, self.verif_model, self.tokens_model,
                      self.withdraw_model, self.uses_model):
            model.retranslate()
        self._fill()

    # -- data -----------------------------------------------------------------------------
    def load(self, subject_id: str) -> None:
        self.subject_id = subject_id
        self.message.clear_message()
        self.refresh()

    def refresh(self) -> None:
        if self.subject_id is None or self.ctx.store is None:
            return

        def job(conn, sid):
            detail = readmodel.subject_detail(conn, sid)
            revoked = readmodel.revoked_tokens(conn, [t[0] for t in detail.tokens])
            return detail, revoked

        only = self._latest.new()  # another subject opened meanwhile: the earlier one's page never shows
        self.ctx.read(job, self.subject_id, done=only(self._loaded), error=only(self.message.error),
                      busy=self.busy, message=self.tr("Loading…"))

    def _loaded(self, result) -> None:
        self.detail, self._revoked = result
        for area in self.areas:
            area.use_empty = True
        self._fill()

    def _fill(self) -> None:
        d = self.detail
        if d is None:
            self.title.setText("")
            return
        self.title.setText(d.name)
        info = self.tr("Subject id {id} · registered {when} by {staff}").format(
            id=d.id, when=_short(d.created_at), staff=d.created_by)
        if d.erased_at:
            info += " · " + self.tr("biometric samples erased {when}").format(when=_short(d.erased_at))
        self.info.setText(info)

        def cats(ids):
            return "\n".join(category_label(c) for c in ids)

        self.consents_model.set_rows(
            [(c["id"], state_label(c["state"]), cats([x for x in c["categories"] if x not in c["withdrawn"]]),
              _short(c["valid_from"]), _short(c["valid_until"]), c["language"], _short(c["created_at"]))
             for c in d.consents], [c["id"] for c in d.consents])
        self.sessions_model.set_rows([(s[0], state_label(s[1]), s[2], _short(s[3]), _short(s[4]))
                                      for s in d.sessions], [s[0] for s in d.sessions])
        self.verif_model.set_rows([(_worded(kind), list_separator().join(word(f) for f in figures), _short(t))
                                   for kind, figures, t in d.verification_rows])
        self.tokens_model.set_rows(
            [(t[0], t[1], cats(json.loads(t[2])), _short(t[3]), t[4],
              self.tr("revoked") if t[0] in self._revoked else self.tr("valid")) for t in d.tokens],
            [t[0] for t in d.tokens])
        rows = []
        for consent_id, categories_json, at, staff_name, body in d.withdrawals:
            try:
                reason = json.loads(body).get("reason", "")
            except (ValueError, AttributeError):
                reason = ""
            rows.append((consent_id, cats(json.loads(categories_json)), _short(at), staff_name, reason))
        self.withdraw_model.set_rows(rows)
        self.uses_model.set_rows([(_short(u["madeAt"]), category_label(u["operation"]), u["tool"],
                                   u["outputSha256"], u["consentId"]) for u in d.uses])
        has_live = any(c["state"] != "withdrawn" for c in d.consents)
        self.token_button.setEnabled(has_live)
        self.withdraw_button.setEnabled(has_live)
        self.receipt_button.setEnabled(bool(d.consents))
        self.erase_button.setVisible(self.ctx.is_admin)
        self.erase_button.setEnabled(d.erased_at is None)
        self._empty_texts(has_live)
        for area in self.areas:
            area.update_state()

    def _empty_texts(self, has_live: bool) -> None:
        texts = (
            (self.tr("No consent recorded"),
             self.tr("A consent is recorded at the end of a capture session."),
             self.tr("Start a capture session")),
            (self.tr("No sessions"), self.tr("Capture sessions with this subject are listed here."), None),
            (self.tr("No verifications"), self.tr("Face, ID and voice checks of the capture sessions are "
                                                  "listed here."), None),
            (self.tr("No tokens exported"), self.tr("A token lets a production use this face or voice, "
                                                    "within the consent."),
             self.tr("Export a token…") if has_live else None),
            (self.tr("No withdrawals"), self.tr("The subject has not withdrawn any consent."), None),
            (self.tr("No recorded uses"), self.tr("Outputs marked under this subject's consents appear here "
                                                  "once their usage receipts are imported."), None),
        )
        for area, (heading, text, button) in zip(self.areas, texts, strict=True):
            area.empty.set_texts(heading, text, button)

    # -- actions --------------------------------------------------------------------------
    def selected_consent(self) -> dict | None:
        if self.detail is None or not self.detail.consents:
            return None
        key = selected_key(self.consents_table)
        live = [c for c in self.detail.consents if c["state"] != "withdrawn"]
        if key is not None:
            return next(c for c in self.detail.consents if c["id"] == key)
        return (live or self.detail.consents)[0]

    def export_token(self):
        from consent_app.ui.consent_dialogs import TokenDialog

        consent = self.selected_consent()
        if consent is None:
            return None
        dialog = TokenDialog(self.ctx, consent, self)
        dialog.issued.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def withdraw(self):
        from consent_app.ui.consent_dialogs import WithdrawDialog

        consent = self.selected_consent()
        if consent is None:
            return None
        dialog = WithdrawDialog(self.ctx, consent, self)
        dialog.withdrawn.connect(lambda _r: (self.message.clear_message(), self.refresh()))
        dialog.open()
        return dialog

    def erase_biometrics(self):
        from consent_app.ui.consent_dialogs import EraseDialog

        if self.subject_id is None or not self.ctx.is_admin:
            return None
        dialog = EraseDialog(self.ctx, self.subject_id, self)
        dialog.erased.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def save_receipt(self):
        from consent_app.ui.consent_dialogs import save_receipt

        consent = self.selected_consent()
        if consent is not None:
            save_receipt(self, self.ctx, consent["id"], self.message, self.busy)


def _worded(item) -> str:
    """A coded message in the UI's language (a plain string as it is)."""
    from consent_app.messages import Message

    return word(item) if isinstance(item, Message) else str(item)
