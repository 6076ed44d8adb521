"""Staff console, "Complaints": the register with deadlines, one complaint's trail, links and next step.

The view draws the core (:mod:`consent_app.complaints`); every read and write runs on the task helper.
Staff register a complaint (attachments are traced on intake), confirm or reject the links the trace
proposed, move the complaint through its workflow with a note (each step a signed event), and write the
signed refutation statement.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from consent_app import clock
from consent_app.ui import complaint_words as words
from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.table import RowsModel, TableOrEmpty, make_table, selected_key


def _load(conn):
    from consent_app.complaints import list_complaints

    return list_complaints(conn)


def _register(store, values: dict, actor: str):
    """Read the attachments, trace them and register the complaint (worker thread)."""
    from consent_app.complaints import Submission, media, register_complaint

    submission = Submission(claim=values["claim"], role=values["role"], contact=values["contact"],
                            channel="staff", attachments=media.read_files(values["paths"]), url=values["url"],
                            subject_id=values["subject_id"], consent_id=values["consent_id"],
                            note=values["note"])
    return register_complaint(store, submission, staff=actor)


def _short_time(iso_text: str | None) -> str:
    return (iso_text or "").replace("T", " ").replace("Z", "")[:16]


class ComplaintsView(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.complaints: dict[str, object] = {}
        self.title = title_label(self)
        self.deadlines = QLabel(self)
        self.new_button = primary(QPushButton(self))
        self.new_button.setDefault(False)
        self.new_button.clicked.connect(self.new_complaint)
        self.message = MessageBar(self)
        self.model = RowsModel(lambda: (self.tr("Received"), self.tr("Claim"), self.tr("From"),
                                        self.tr("State"), self.tr("Due")), self)
        self.table = make_table(self.model, self, stretch=1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.list = TableOrEmpty(self.table, self)
        self.list.empty.action.connect(self.new_complaint)
        # detail
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.links_model = RowsModel(lambda: (self.tr("Link"), self.tr("Target"), self.tr("Status")), self,
                                     id_columns=(1,))
        self.links = make_table(self.links_model, self, stretch=1)
        self.confirm = QPushButton(self)
        self.confirm.clicked.connect(lambda: self.decide(True))
        self.reject = QPushButton(self)
        self.reject.clicked.connect(lambda: self.decide(False))
        self.next_state = QComboBox(self)
        self.note = QLineEdit(self)
        self.step = QPushButton(self)
        self.step.clicked.connect(self.record_step)
        self.language = QComboBox(self)
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh-CN")
        self.refute = QPushButton(self)
        self.refute.clicked.connect(lambda _checked=False: self.write_statement())
        self.action = QComboBox(self)  # what to do about a confirmed link: withdraw, revoke a token or a tool
        self.reason = QLineEdit(self)
        self.act_button = QPushButton(self)
        self.act_button.clicked.connect(self.take_action)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.deadlines)
        top.addWidget(self.new_button)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.confirm)
        link_buttons.addWidget(self.reject)
        link_buttons.addStretch(1)
        step_row = QHBoxLayout()
        step_row.addWidget(self.next_state)
        step_row.addWidget(self.note, 1)
        step_row.addWidget(self.step)
        act_row = QHBoxLayout()
        act_row.addWidget(self.action)
        act_row.addWidget(self.reason, 1)
        act_row.addWidget(self.act_button)
        refute_row = QHBoxLayout()
        refute_row.addStretch(1)
        refute_row.addWidget(self.language)
        refute_row.addWidget(self.refute)
        detail = QWidget(self)
        box = QVBoxLayout(detail)
        box.addWidget(self.detail)
        box.addWidget(self.links, 1)
        box.addLayout(link_buttons)
        box.addLayout(step_row)
        box.addLayout(act_row)
        box.addLayout(refute_row)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(detail)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Complaints"))
        self.new_button.setText(self.tr("&New complaint…"))
        self.list.empty.set_texts(
            self.tr("No complaints"),
            self.tr("Complaints taken down by staff or imported from the web form or mailbox appear here."),
            self.tr("New complaint…"))
        self.confirm.setText(self.tr("&Confirm link"))
        self.reject.setText(self.tr("Re&ject link"))
        self.note.setPlaceholderText(self.tr("Note for this step (required)"))
        self.step.setText(self.tr("Record &step"))
        self.refute.setText(self.tr("Refutation &statement…"))
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.act_button.setText(self.tr("&Take action"))
        self.model.retranslate()
        self.links_model.retranslate()
        self._fill()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.store is not None:
            only = self._latest.new()
            self.ctx.read(_load, done=only(self._loaded), error=only(self.message.error))

    def _loaded(self, complaints) -> None:
        keep = self.selected_id()
        self.complaints = {c.id: c for c in complaints}
        self._fill(keep)

    def selected_id(self) -> str | None:
        return selected_key(self.table)

    def _fill(self, select: str | None = None) -> None:
        now = clock.now()
        rows, keys, overdue = [], [], 0
        for c in sorted(self.complaints.values(), key=lambda c: c.received_at, reverse=True):
            late = c.overdue(now)
            overdue += late
            due = _short_time(c.summary(now)["dueAt"]) or "—"
            rows.append((_short_time(c.received_at), words.claim(c.claim), words.role(c.role),
                         words.state(c.state) + ("" if c.verified else " ⚠"),
                         self.tr("{due} — OVERDUE").format(due=due) if late else due))
            keys.append(c.id)
        self.model.set_rows(rows, keys)
        self.deadlines.setText(self.tr("{n} overdue").format(n=overdue) if overdue else "")
        self.deadlines.setProperty("role", "error" if overdue else "hint")
        if select in keys:
            self.table.selectRow(keys.index(select))
        self._show_selected()

    def _show_selected(self) -> None:
        c = self.complaints.get(self.selected_id() or "")
        for w in (self.confirm, self.reject, self.next_state, self.note, self.step, self.refute):
            w.setEnabled(c is not None)
        self.next_state.clear()
        self.action.clear()
        if c is None:
            self.detail.setText(self.tr("Select a complaint to see its trail."))
            self.links_model.set_rows([])
            return
        from consent_app.complaints.model import TRANSITIONS

        for state in sorted(TRANSITIONS[c.state]):
            self.next_state.addItem(words.state(state), state)
        self.step.setEnabled(bool(TRANSITIONS[c.state]))
        concurrent = self.tr(" [concurrent: another branch decided]")
        trail = "; ".join(f"{words.state(e.state)} {_short_time(e.at)} ({e.staff}): {e.note}"
                          f"{concurrent if e.concurrent else ''}" for e in c.events)
        outcome = "; ".join(f"{a.kind} {a.target}" for a in c.actions)
        self.detail.setText(self.tr(
            "{claim} — from {who} ({contact})\nSignatures: {verified}\n"
            "Attachments: {media}; URL: {url}\nTrail: {trail}\nActions: {actions}").format(
            claim=words.claim(c.claim), who=words.role(c.role), contact={
                "erased": self.tr("personal data erased with the subject"),
                "waiting": self.tr("personal data waiting for the subject's key")}.get(c.personal, c.contact),
            verified=self.tr("verified") if c.verified else "; ".join(c.problems),
            media=", ".join(m.name for m in c.media) or "—", url=c.url or "—", trail=trail,
            actions=outcome or "—"))
        self.links_model.set_rows([(words.link_kind(lk.kind), lk.target, words.link_status(lk.status))
                                   for lk in c.links], [lk.id for lk in c.links])
        for lk in c.links:  # the existing flows, for what staff confirmed
            if lk.status != "confirmed":
                continue
            if lk.kind == "consent":
                self.action.addItem(self.tr("Withdraw consent {id}").format(id=lk.target),
                                    ("withdraw", lk.target))
            elif lk.kind == "token":
                self.action.addItem(self.tr("Revoke token {id}").format(id=lk.target), ("token", lk.target))
            elif lk.kind == "tool" and self.ctx.is_admin:
                self.action.addItem(self.tr("Revoke tool {id}").format(id=lk.target), ("tool", lk.target))
        for w in (self.action, self.reason, self.act_button):
            w.setEnabled(self.action.count() > 0)

    # -- actions -------------------------------------------------------------------------
    def new_complaint(self) -> None:
        from consent_app.ui.complaint_dialogs import NewComplaintDialog

        dialog = NewComplaintDialog(self)
        if dialog.exec():
            self.register(dialog.values())

    def register(self, values: dict) -> None:
        self.message.clear_message()
        self.ctx.run(_register, self.ctx.store, values, self.ctx.actor, done=self._registered,
                     error=self.message.error, busy=self.busy,
                     message=self.tr("Tracing the attachments and registering the complaint…"))

    def _registered(self, filed) -> None:
        found = sum(len(r.links) for r in filed.reports)
        self.message.ok(self.tr("Complaint registered; the trace proposed {n} link(s) to confirm.")
                        .format(n=found))
        self.ctx.data_changed.emit("complaints")
        only = self._latest.new()
        self.ctx.read(_load, done=only(lambda cs: (self._loaded(cs), self._select(filed.complaint_id))))

    def _select(self, complaint_id: str) -> None:
        if complaint_id in self.model.keys:
            self.table.selectRow(self.model.keys.index(complaint_id))

    def decide(self, confirm: bool) -> None:
        from consent_app.complaints import decide_link

        cid, link = self.selected_id(), selected_key(self.links)
        if not cid or not link:
            self.message.error(self.tr("Select a link first."))
            return
        self.ctx.write(lambda tx: decide_link(tx, cid, link, confirm=confirm, staff=self.ctx.actor),
                       changed="complaints", error=self.message.error, done=lambda _r: self.refresh())

    def record_step(self) -> None:
        from consent_app.complaints import transition

        cid, state, note = self.selected_id(), self.next_state.currentData(), self.note.text()
        self.message.clear_message()
        self.ctx.write(lambda tx: transition(tx, cid, state, note=note, staff=self.ctx.actor),
                       changed="complaints", error=self.message.error, done=self._stepped)

    def _stepped(self, event) -> None:
        self.note.clear()
        self.message.ok(self.tr("Recorded: {state} (signed event {seq}).").format(
            state=words.state(event.state), seq=event.seq))
        self.refresh()

    def take_action(self) -> None:
        from consent_app.complaints import actions

        cid, choice, reason = self.selected_id(), self.action.currentData(), self.reason.text()
        if not cid or not choice:
            return
        kind, target = choice
        actor = self.ctx.actor

        def job(tx):
            if kind == "withdraw":
                return actions.withdraw(tx, cid, target, None, reason, actor)
            if kind == "token":
                return actions.revoke_token(tx, cid, target, reason, actor)
            return actions.revoke_tool(tx, cid, target, reason, actor)

        self.message.clear_message()
        self.ctx.write(job, changed="consents", error=self.message.error, done=self._acted)

    def _acted(self, result: dict) -> None:
        self.reason.clear()
        self.message.ok(self.tr("Done: {what} {target}, recorded on the complaint.").format(
            what=result["kind"], target=result["target"]))
        self.refresh()

    def write_statement(self, path: str | None = None) -> None:
        from consent_app.complaints import refutation

        cid = self.selected_id()
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the refutation statement"),
                                                  f"statement-{(cid or '')[:8]}.pdf", self.tr("PDF (*.pdf)"))
        if not cid or not path:
            return
        self.ctx.run(refutation.write_statement, self.ctx.store, cid, path,
                     language=self.language.currentData(), staff=self.ctx.actor, done=self._stated,
                     error=self.message.error, busy=self.busy,
                     message=self.tr("Tracing again and signing the statement…"))

    def _stated(self, statement) -> None:
        self.message.ok(self.tr("Statement written: this media is {verdict}.").format(
            verdict=words.verdict(statement["verdict"])))
        self.refresh()
