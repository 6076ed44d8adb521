"""Settings › Studio: connect this station to a studio, approve stations, sync state and alerts.

All work goes through the task helper (``ctx.run``); a timer starts a background sync every
:data:`SYNC_INTERVAL_MS` while the tab's window is open, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable
from consent_app.ui.table import RowsModel, make_table

SYNC_INTERVAL_MS = 15_000


def load_status(store) -> dict | None:
    from consent_app.studio import link, service

    with store.read() as conn:
        if link.get(conn) is None:
            return None
    return service.status(store)


class StudioTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.status: dict | None = None
        self._syncing = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        # not linked: found or join
        self.dsn = QLineEdit(self)
        self.dsn.setAccessibleName("studio database")
        self.dsn.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.station_name = QLineEdit(self)
        self.create_button = QPushButton(self)
        self.create_button.clicked.connect(lambda _checked=False: self._connect("create"))
        self.join_button = QPushButton(self)
        self.join_button.clicked.connect(lambda _checked=False: self._connect("join"))
        self.connect_form = QWidget(self)
        form = QFormLayout(self.connect_form)
        self.dsn_label, self.name_label = QLabel(self), QLabel(self)
        form.addRow(self.dsn_label, self.dsn)
        form.addRow(self.name_label, self.station_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.join_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        # linked: this station, the stations, approvals, alerts
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.fingerprint = QLabel(self)
        self.fingerprint.setProperty("role", "title")
        self.model = RowsModel(lambda: (self.tr("Station"), self.tr("Name"), self.tr("Key fingerprint"),
                                        self.tr("State")), self, id_columns=[0])
        self.table = make_table(self.model, self, stretch=2)
        self.approve_fp = QLineEdit(self)
        self.approve_fp.setAccessibleName("fingerprint to approve")
        self.approve_button = QPushButton(self)
        self.approve_button.clicked.connect(self._approve)
        self.sync_button = QPushButton(self)
        self.sync_button.clicked.connect(lambda _checked=False: self.sync_now())
        self.alerts = QLabel(self)
        self.alerts.setWordWrap(True)
        self.alerts.setProperty("role", "error")
        self.linked = QWidget(self)
        linked = QVBoxLayout(self.linked)
        linked.addWidget(self.fingerprint)
        linked.addWidget(self.summary)
        linked.addWidget(self.alerts)
        linked.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.approve_fp, 1)
        row.addWidget(self.approve_button)
        row.addWidget(self.sync_button)
        linked.addLayout(row)
        self.message = MessageBar(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.connect_form)
        layout.addWidget(self.linked, 1)
        layout.addWidget(self.message)
        self.busy = BusyOverlay(self)
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)
        self.retranslate()
        self._show(None)

    def retranslate(self) -> None:
        self.intro.setText(self.tr(
            "A studio with several stations shares one PostgreSQL database. Each station keeps its own "
            "encrypted store and works offline; signed changes are synced in the background. Use "
            "sslmode=verify-full in the connection string when the server is not on this machine."))
        self.dsn_label.setText(self.tr("Studio &database (PostgreSQL connection string):"))
        self.dsn_label.setBuddy(self.dsn)
        self.name_label.setText(self.tr("This station's &name:"))
        self.name_label.setBuddy(self.station_name)
        self.create_button.setText(self.tr("&Found a studio with this station"))
        self.join_button.setText(self.tr("&Join a studio"))
        self.approve_fp.setPlaceholderText(self.tr("Fingerprint read on the new station's screen"))
        self.approve_button.setText(self.tr("&Approve the selected station"))
        self.sync_button.setText(self.tr("S&ync now"))
        self.model.retranslate()
        self._show(self.status)

    def refresh(self) -> None:
        if self.ctx.store is None:
            return
        only = self._latest.new()
        self.ctx.run(load_status, self.ctx.store, done=only(self._show), error=only(self.message.error))

    def _show(self, status: dict | None) -> None:
        self.status = status
        linked = status is not None
        self.connect_form.setVisible(not linked)
        self.linked.setVisible(linked)
        for widget in (self.create_button, self.join_button, self.approve_button):
            widget.setEnabled(self.ctx.is_admin)
        if not linked:
            self.timer.stop()
            return
        if not self.timer.isActive():
            self.timer.start()
        self.fingerprint.setText(self.tr("This station's key fingerprint: {fp}")
                                 .format(fp=status["fingerprint"]))
        never = self.tr("never")
        self.summary.setText(self.tr(
            "Studio {studio} at {where}. Last push: {push}. Last pull: {pull}. Changes waiting to be "
            "pushed: {pending}.").format(studio=status["studio_name"], where=status["dsn"],
                                         push=status["last_push"] or never,
                                         pull=status["last_pull"] or never,
                                         pending=status["pending_outbox"])
                             + " " + self._templates_text(status["templates"])
                             + " " + self._settings_text(status.get("settings") or {}))
        from consent_app.messages import Message
        from consent_app.ui.core_words import word

        self.alerts.setText("\n".join(word(Message(a["code"], a["params"])) for a in status["alerts"]))
        rows, keys = [], []
        for s in status["stations"]:
            state = self.tr("trusted") if s["trusted"] else self.tr("waiting for approval")
            if s["revoked_after"] is not None:
                state = self.tr("revoked")
            if s["this_station"]:
                state += " " + self.tr("(this station)")
            rows.append((s["station"], s["name"], s["fingerprint"], state))
            keys.append(s["station"])
        self.model.set_rows(rows, keys)

    def _templates_text(self, templates: dict) -> str:
        return self.tr("Face and voice templates of other stations: {shown} in the search, {waiting} waiting "
                       "for their subject key.").format(shown=templates["shared_in_search"],
                                                        waiting=templates["waiting_for_key"])

    def _settings_text(self, shared: dict) -> str:
        def value(key: str) -> str:
            return str(shared[key]["value"]) if shared.get(key) else "—"

        return self.tr("Studio-wide settings: acknowledge a complaint within {ack} day(s), resolve it within "
                       "{res} day(s); studio code {code}.").format(
            ack=value("complaints.acknowledge_days"), res=value("complaints.resolve_days"),
            code=value("studio.code"))

    def _connect(self, how: str) -> None:
        from consent_app.studio import service

        dsn, name = self.dsn.text().strip(), self.station_name.text().strip() or self.tr("station")
        if not dsn:
            self.message.error(self.tr("Give the studio database's connection string."))
            return
        action = service.create if how == "create" else service.join
        self.ctx.run(action, self.ctx.store, dsn, self.ctx.actor, name, busy=self.busy,
                     message=self.tr("Connecting to the studio…"),
                     done=lambda _lk: (self.message.ok(self.tr("Connected.")), self.refresh()),
                     error=self.message.error)

    def _approve(self) -> None:
        from consent_app.studio import service

        selected = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not selected:
            self.message.error(self.tr("Select the station to approve."))
            return
        station = self.model.keys[selected[0].row()]
        self.ctx.run(service.approve, self.ctx.store, station, self.approve_fp.text(), self.ctx.actor,
                     busy=self.busy, message=self.tr("Approving…"),
                     done=lambda _r: (self.message.ok(self.tr("Approval recorded.")), self.refresh()),
                     error=self.message.error)

    def sync_now(self) -> None:
        from consent_app.studio import sync

        if self._syncing or self.ctx.store is None:
            return
        self._syncing = True

        def finished(result) -> None:
            self._syncing = False
            self.refresh()

        def failed(exc) -> None:
            self._syncing = False
            self.message.error(exc)

        self.ctx.run(sync.sync_once, self.ctx.store, done=finished, error=failed)
