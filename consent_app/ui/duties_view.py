"""Staff console, "Duties": when each scheduled duty last ran, and a warning before the published status
list expires. Administrators can run the due duties now and choose the folders they write to.

The view draws :func:`consent_app.duties.duty_status`; running goes through the task helper.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from consent_app.messages import Message
from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable, primary, title_label
from consent_app.ui.core_words import word
from consent_app.ui.table import RowsModel, make_table


def _status(conn):
    from consent_app.duties import duty_status

    return duty_status(conn)


def _run(store, actor: str):
    from consent_app.duties import run_duties

    return run_duties(store, actor=actor, attempts=2, retry_delay=1.0)


class DutiesView(Retranslatable, QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.status: dict | None = None
        self.title = title_label(self)
        self.expiry = QLabel(self)
        self.expiry.setWordWrap(True)
        self.folders = QLabel(self)
        self.folders.setWordWrap(True)
        self.message = MessageBar(self)
        self.model = RowsModel(lambda: (self.tr("Duty"), self.tr("Last run"), self.tr("Result"),
                                        self.tr("Due now")), self)
        self.table = make_table(self.model, self, stretch=2, wrap=True)
        self.run_button = primary(QPushButton(self))
        self.run_button.setDefault(False)
        self.run_button.clicked.connect(self.run_now)
        self.status_folder = QPushButton(self)
        self.status_folder.clicked.connect(lambda: self.choose_folder("status"))
        self.backup_folder = QPushButton(self)
        self.backup_folder.clicked.connect(lambda: self.choose_folder("backup"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_folder)
        buttons.addWidget(self.backup_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.expiry)
        layout.addWidget(self.folders)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.busy = BusyOverlay(self)
        self.retranslate()

    def names(self) -> dict[str, str]:
        return {"status_list": self.tr("Publish the status list"), "checkpoint": self.tr("Signed checkpoint"),
                "backup": self.tr("Encrypted backup"), "retention": self.tr("Retention sweep"),
                "complaints": self.tr("Complaint deadlines")}

    def retranslate(self) -> None:
        self.title.setText(self.tr("Duties"))
        self.run_button.setText(self.tr("&Run due duties now"))
        self.status_folder.setText(self.tr("Status list &folder…"))
        self.backup_folder.setText(self.tr("&Backup folder…"))
        self.model.retranslate()
        self._fill()

    def refresh(self) -> None:
        admin = self.ctx.is_admin
        for w in (self.run_button, self.status_folder, self.backup_folder):
            w.setEnabled(admin)
        if self.ctx.store is not None:
            only = self._latest.new()
            self.ctx.read(_status, done=only(self._loaded), error=only(self.message.error))

    def _loaded(self, status: dict) -> None:
        self.status = status
        self._fill()

    def _fill(self) -> None:
        status = self.status
        if status is None:
            self.model.set_rows([])
            return
        sl = status["status_list"]
        if sl["valid_until"] is None:
            text, level = self.tr("No status list has been published by a duty run yet: verifiers will "
                                  "refuse tokens once the last list they have expires."), "error"
        elif sl["expired"]:
            text, level = self.tr("The published status list EXPIRED at {until}: run the duties now.").format(
                until=sl["valid_until"]), "error"
        elif sl["warning"]:
            text, level = self.tr("The published status list expires in {hours} h ({until}): run the duties "
                                  "now.").format(hours=sl["hours_left"], until=sl["valid_until"]), "error"
        else:
            text, level = self.tr("The published status list is valid until {until} ({hours} h).").format(
                until=sl["valid_until"], hours=sl["hours_left"]), "ok"
        self.expiry.setText(text)
        self.expiry.setProperty("level", level)
        self.expiry.setProperty("role", "error" if level == "error" else "hint")
        folders = status["folders"]
        self.folders.setText(self.tr("Status list folder: {status}; backup folder: {backup}").format(
            status=folders["status"] or self.tr("not set"), backup=folders["backup"] or self.tr("not set")))
        names, rows = self.names(), []
        for duty, info in status["duties"].items():
            last = info["last"]
            if last is None:
                when, result = self.tr("never"), ""
            else:
                when = last["finished_at"]
                code = last["detail"].get("code")
                params = {k: v for k, v in last["detail"].items() if k not in ("code", "message", "attempts")}
                result = (self.tr("ok") if last["ok"] else self.tr("FAILED")) + ": " + (
                    word(Message(code, params)) if code else last["detail"].get("message", ""))
            rows.append((names.get(duty, duty), when, result, self.tr("yes") if info["due"] else ""))
        self.model.set_rows(rows, list(status["duties"]))

    def run_now(self) -> None:
        self.message.clear_message()
        self.ctx.run(_run, self.ctx.store, self.ctx.actor, done=self._ran, error=self.message.error,
                     busy=self.busy, message=self.tr("Running the due duties…"))

    def _ran(self, results) -> None:
        failed = [r for r in results if not r.ok]
        if failed:
            self.message.error("; ".join(word(r.message) for r in failed))
        else:
            self.message.ok(self.tr("{n} duty(ies) done.").format(n=sum(not r.skipped for r in results)))
        self.ctx.data_changed.emit("duties")
        self.refresh()

    def choose_folder(self, which: str, folder: str | None = None) -> None:
        from consent_app.duties import config

        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if not folder:
            return
        kwargs = {"status_folder": folder} if which == "status" else {"backup_folder": folder}
        self.ctx.write(lambda tx: config.configure(tx, actor=self.ctx.actor, **kwargs), changed="settings",
                       error=self.message.error, done=lambda _r: self.refresh())
