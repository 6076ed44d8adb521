"""Settings › Signing keys: the public keys, their JWKS export for verifiers, key rotation (admins)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app.ui.common import BusyOverlay, Latest, MessageBar, Retranslatable
from consent_app.ui.table import RowsModel, make_table


def load_keys(conn) -> list:
    from consent_app.crypto import keys

    return keys.all_public_keys(conn)


def export_jwks(conn, path: Path) -> int:
    from consent_app.store.atomic import atomic_write_bytes
    from consent_app.studio.publish import jwks_for_farms

    document = jwks_for_farms(conn)  # a station of a studio exports the studio's JWKS
    atomic_write_bytes(Path(path), (json.dumps(document, indent=2) + "\n").encode(), mode=0o644)
    return len(document.get("keys", []))


def rotate_key(tx, actor: str):
    from consent_app.crypto import keys

    return keys.rotate(tx, actor)


class KeysTab(Retranslatable, QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._latest = Latest(self)  # only the newest load is drawn
        self.model = RowsModel(lambda: (self.tr("Key id"), self.tr("Created"), self.tr("Status")), self,
                               id_columns=(0,))
        self.table = make_table(self.model, self, stretch=0)
        self.export = QPushButton(self)
        self.export.clicked.connect(self._export)
        self.rotate = QPushButton(self)
        self.rotate.clicked.connect(self._rotate)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        self.message = MessageBar(self)
        row = QHBoxLayout()
        row.addWidget(self.export)
        row.addWidget(self.rotate)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.busy = BusyOverlay(self)
        self._confirm_rotate = False
        self._keys: list = []
        self.retranslate()

    def retranslate(self) -> None:
        self.export.setText(self.tr("&Export public keys (JWKS)…"))
        self.rotate.setText(self.tr("&Rotate the signing key"))
        self.note.setText(self.tr("The studio signs consent records and tokens with an Ed25519 key kept "
                                  "encrypted in the database. Generation tools check tokens with the "
                                  "exported public keys. After a rotation, tokens signed with older keys "
                                  "keep verifying until they expire."))
        self.model.retranslate()
        self.refresh_rows()

    def refresh(self) -> None:
        self.rotate.setEnabled(self.ctx.is_admin)
        self._confirm_rotate = False
        only = self._latest.new()
        self.ctx.read(load_keys, done=only(self._loaded), error=only(self.message.error))

    def _loaded(self, keys) -> None:
        self._keys = list(keys)
        self.refresh_rows()

    def refresh_rows(self) -> None:
        rows = [(k.kid, k.created_at.replace("T", " ")[:19],
                 self.tr("retired {when}").format(when=k.retired_at[:10]) if k.retired_at
                 else self.tr("active")) for k in self._keys]
        self.model.set_rows(rows, [k.kid for k in self._keys])

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export public keys"), "studio.jwks",
                                              self.tr("JSON Web Key Set (*.jwks *.json)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path):
        return self.ctx.read(export_jwks, path, busy=self.busy, message=self.tr("Exporting…"),
                             done=lambda n: self.message.ok(self.tr("Wrote {count} public keys to {path}")
                                                            .format(count=n, path=path)),
                             error=self.message.error)

    def _rotate(self) -> None:
        if not self._confirm_rotate:
            self._confirm_rotate = True
            self.message.info(self.tr("Press “Rotate the signing key” again to confirm. New records and "
                                      "tokens will be signed with a new key."))
            return
        self._confirm_rotate = False
        self.ctx.write(rotate_key, self.ctx.actor, changed="keys", busy=self.busy,
                       message=self.tr("Making a new key…"),
                       done=lambda k: (self.message.ok(self.tr("New signing key {kid} is active.")
                                                       .format(kid=k.kid)), self.refresh()),
                       error=self.message.error)
