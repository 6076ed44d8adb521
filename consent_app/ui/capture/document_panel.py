"""The ID-document step's data panel: what the MRZ said, staff corrections, the cross-check flags.

Draws the flow's document state (``consent_app.session.document_steps``); every change goes through
the flow on the wizard's task helper. Check digits catch reading errors, not forgeries: the panel says
"check digits correct", never "verified".
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import Retranslatable
from consent_app.ui.core_words import word

FIELDS = ("surname", "givenNames", "documentNumber", "birthDate", "expiryDate", "sex", "nationality",
          "issuingState", "documentType")
BLOCKING_COLOUR, NOTE_COLOUR = "#a12622", "#8a5a00"


class DocumentPanel(Retranslatable, QWidget):
    def __init__(self, step, parent=None) -> None:
        super().__init__(parent)
        self.step = step
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.edits = {name: QLineEdit(self) for name in FIELDS}
        for name, edit in self.edits.items():
            edit.setObjectName(f"document_{name}")
        form = QFormLayout()
        self.labels = {}
        for name, edit in self.edits.items():
            label = QLabel(self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.labels[name] = label
        self.save = QPushButton(self)
        self.save.clicked.connect(self._save_corrections)
        self.prc_label = QLabel(self)
        self.prc_number = QLineEdit(self)
        self.prc_number.setMaxLength(24)
        self.prc_label.setBuddy(self.prc_number)
        self.prc_check = QPushButton(self)
        self.prc_check.clicked.connect(self._check_prc)
        prc_row = QHBoxLayout()
        prc_row.addWidget(self.prc_label)
        prc_row.addWidget(self.prc_number, 1)
        prc_row.addWidget(self.prc_check)
        # a typed name that differs from the document's: both shown side by side
        self.names = QWidget(self)
        grid = QGridLayout(self.names)
        grid.setContentsMargins(0, 0, 0, 0)
        self.typed_title, self.doc_title = QLabel(self.names), QLabel(self.names)
        self.typed_name, self.doc_name = QLabel(self.names), QLabel(self.names)
        pairs = ((self.typed_title, self.typed_name), (self.doc_title, self.doc_name))
        for col, (title, value) in enumerate(pairs):
            title.setProperty("role", "hint")
            value.setStyleSheet("font-weight: 600;")
            grid.addWidget(title, 0, col)
            grid.addWidget(value, 1, col)
        self.use_name = QPushButton(self.names)
        self.use_name.clicked.connect(self._use_document_name)
        grid.addWidget(self.use_name, 2, 1)
        self.flags = QLabel(self)
        self.flags.setWordWrap(True)
        self.confirm_portrait = QPushButton(self)
        self.confirm_portrait.clicked.connect(self._confirm_portrait)
        # an expired document: an administrator's credentials at this moment and a reason
        self.override_box = QWidget(self)
        override = QFormLayout(self.override_box)
        override.setContentsMargins(0, 0, 0, 0)
        self.admin_user, self.admin_password, self.reason = QLineEdit(), QLineEdit(), QLineEdit()
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.override_labels = [QLabel(self.override_box) for _ in range(3)]
        for label, edit in zip(self.override_labels, (self.admin_user, self.admin_password, self.reason),
                               strict=True):
            label.setBuddy(edit)
            override.addRow(label, edit)
        self.override_button = QPushButton(self.override_box)
        self.override_button.clicked.connect(self._override)
        override.addRow(self.override_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.save)
        layout.addLayout(prc_row)
        layout.addWidget(self.names)
        layout.addWidget(self.flags)
        layout.addWidget(self.confirm_portrait)
        layout.addWidget(self.override_box)
        self.retranslate()

    def retranslate(self) -> None:
        names = {"surname": self.tr("Surname"), "givenNames": self.tr("Given names"),
                 "documentNumber": self.tr("Document number"), "birthDate": self.tr("Date of birth"),
                 "expiryDate": self.tr("Date of expiry"), "sex": self.tr("Sex"),
                 "nationality": self.tr("Nationality"), "issuingState": self.tr("Issuing state"),
                 "documentType": self.tr("Document type")}
        for name, label in self.labels.items():
            label.setText(names[name] + ":")
        self.save.setText(self.tr("&Save corrections"))
        self.prc_label.setText(self.tr("Resident ID &number:"))
        self.prc_check.setText(self.tr("Check the number"))
        self.typed_title.setText(self.tr("Name typed by staff"))
        self.doc_title.setText(self.tr("Name on the document"))
        self.confirm_portrait.setText(self.tr("Confirm the portrait (largest face)"))
        self.use_name.setText(self.tr("Use the name on the document"))
        for label, text in zip(self.override_labels, (self.tr("Administrator:"), self.tr("Password:"),
                                                      self.tr("Reason:")), strict=True):
            label.setText(text)
        self.override_button.setText(self.tr("Accept the expired document"))
        self.refresh()

    @property
    def flow(self):
        return self.step.flow

    def _call(self, job) -> None:
        self.step.wizard.call(job, done=lambda _r: self.step.refresh_document(), step=self.step)

    def _save_corrections(self) -> None:
        flow = self.flow
        if flow is None or flow.document is None:
            return
        fields = flow.document.fields
        changed = [(n, e.text()) for n, e in self.edits.items() if e.text().strip() != fields.get(n, "")]

        def job():
            for name, value in changed:
                flow.correct_document(name, value)

        self._call(job)

    def _check_prc(self) -> None:
        flow, number = self.flow, self.prc_number.text()
        if flow is not None:
            self._call(lambda: flow.enter_prc_id(number))

    def _use_document_name(self) -> None:
        if self.flow is not None:
            self._call(self.flow.use_document_name)

    def _confirm_portrait(self) -> None:
        if self.flow is not None:
            self._call(self.flow.confirm_portrait)

    def _override(self) -> None:
        from consent_app import staff

        flow, ctx = self.flow, self.step.wizard.ctx
        user, password = self.admin_user.text().strip(), self.admin_password.text()
        reason = self.reason.text()
        self.admin_password.clear()

        def job():
            admin = staff.login(ctx.store, user, password)
            return flow.override_expired_document(admin, reason)

        self._call(job)

    def refresh(self) -> None:
        flow = self.flow
        doc = flow.document if flow is not None else None
        has_photo = flow is not None and flow.id_document is not None
        for name, edit in self.edits.items():
            edit.setText(doc.fields.get(name, "") if doc is not None else "")
            edit.setEnabled(doc is not None)
        self.save.setEnabled(doc is not None)
        if doc is None:
            self.status.setText(self.tr("No document data read yet.") if not has_photo else
                                self.tr("No machine-readable zone was read: type the resident ID number, "
                                        "or check the document by hand."))
        elif doc.source == "prc_id":
            self.status.setText(self.tr("Resident ID number: check character correct (this catches typing "
                                        "errors, not forgeries)."))
        else:
            self.status.setText(self.tr("Read from the machine-readable zone ({format}): all check digits "
                                        "correct (they catch reading errors, not forgeries). Correct any "
                                        "field below; corrections are kept as evidence.").format(
                                            format=doc.format))
        flags = flow.document_flags() if flow is not None else []
        mismatch = [f for f in flags if f.code == "document.name_mismatch"]
        self.names.setVisible(bool(mismatch))
        if mismatch:
            self.typed_name.setText(str(mismatch[0].params.get("typed", "")))
            self.doc_name.setText(str(mismatch[0].params.get("document", "")))
        lines = []
        for f in flags:
            colour = BLOCKING_COLOUR if f.blocking else NOTE_COLOUR
            lines.append(f'<span style="color:{colour}">• {_html(word(f.message()))}</span>')
        portrait = flow is not None and has_photo and flow.faces_on_document() > 1
        if portrait:
            box = flow.id_document.details.get("box") or {}
            lines.append(_html(self.tr("{faces} faces on the document: the largest, at x {x}–{x2}, "
                                       "y {y}–{y2}, is taken as the holder's portrait.").format(
                faces=flow.faces_on_document(), x=box.get("left", "?"), x2=box.get("right", "?"),
                y=box.get("top", "?"), y2=box.get("bottom", "?"))))
        self.flags.setText("<br>".join(lines))
        self.flags.setVisible(bool(lines))
        self.confirm_portrait.setVisible(bool(portrait) and not flow.portrait_confirmed)
        expired = any(f.code == "document.expired" for f in flags)
        self.override_box.setVisible(expired and flow is not None and flow.document_override is None)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
