"""Saving a subject's PDF receipt (consent or withdrawal) from any screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from consent_app.ui.common import BusyOverlay, MessageBar


def make_receipt(conn, consent_id: str, seq: int | None, language: str | None) -> bytes:
    from consent_app.consent import receipt

    if seq is None:
        return receipt.consent_receipt(conn, consent_id, language)
    return receipt.withdrawal_receipt(conn, consent_id, seq, language)


def write_receipt(store, consent_id: str, seq: int | None, language: str | None, path: Path) -> Path:
    from consent_app.consent import receipt

    with store.read() as conn:
        data = make_receipt(conn, consent_id, seq, language)
    receipt.write(path, data)
    return path


def save_receipt(parent: QWidget, ctx, consent_id: str, message: MessageBar, busy: BusyOverlay | None,
                 seq: int | None = None, path: Path | None = None, language: str | None = None):
    """Ask where (unless ``path`` is given) and write the PDF receipt in the subject's language."""
    if path is not None and not isinstance(path, str | Path):
        raise TypeError(f"path must be a file path, not {type(path).__name__}")
    if path is None:
        name = f"consent-{consent_id}{'-withdrawal-' + str(seq) if seq else ''}.pdf"
        title = QCoreApplication.translate("receipt", "Save the receipt")
        chosen, _ = QFileDialog.getSaveFileName(parent, title, name,
                                                QCoreApplication.translate("receipt", "PDF (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
    return ctx.run(write_receipt, ctx.store, consent_id, seq, language, Path(path), busy=busy,
                   message=QCoreApplication.translate("receipt", "Writing the receipt…"),
                   done=lambda p: message.ok(QCoreApplication.translate("receipt", "Receipt saved: {path}")
                                             .format(path=p)),
                   error=message.error)
