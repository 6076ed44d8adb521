"""Writing an issued token out: the token, a readable summary beside it, a QR code of its id."""

from __future__ import annotations

import io
import json
from pathlib import Path

from consent_app import files as _files  # noqa: F401 - registers the file.* codes raised here
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.store.atomic import atomic_write_bytes
from consent_app.tokens.issue import IssuedToken

MESSAGES = define({
    "token.files_revoked": "{reason}; token {token} was revoked (it was never delivered)",
})


def sidecar_paths(out: Path) -> tuple[Path, Path]:
    """``token.jwt`` -> (``token.summary.json``, ``token.qr.png``)."""
    stem = out.with_suffix("") if out.suffix else out
    return stem.with_name(stem.name + ".summary.json"), stem.with_name(stem.name + ".qr.png")


def qr_png(text: str) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="png", scale=8, border=4)
    return buf.getvalue()


def _write(path: Path, data: bytes, mode: int) -> None:
    try:
        atomic_write_bytes(path, data, mode=mode)
    except OSError as exc:
        raise InputError(code="file.unwritable", path=str(path), reason=exc.strerror or str(exc)) from None


def check_writable(out: Path) -> None:
    """Refuse early (before anything is signed) when ``out``'s folder cannot take the files."""
    import os

    if Path(out).is_dir():  # `--out DIR`: said before a token is signed, recorded and revoked again
        raise InputError(code="file.is_folder", what="output", path=str(out))
    folder = Path(out).parent
    if not folder.is_dir():
        raise InputError(code="file.no_folder", path=str(out), folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(code="file.folder_unwritable", path=str(out), folder=str(folder))


def write_token_files(issued: IssuedToken, out: Path) -> tuple[Path, Path, Path]:
    """Write the three files; a token with a face/voice template is written owner-only (0600)."""
    out = Path(out)
    check_writable(out)
    summary_path, qr_path = sidecar_paths(out)
    binds_biometrics = bool(issued.payload["credentialSubject"].get("biometricBinding"))
    _write(out, (issued.token + "\n").encode("ascii"), 0o600 if binds_biometrics else 0o644)
    summary = json.dumps(issued.summary(), indent=2, ensure_ascii=False) + "\n"
    _write(summary_path, summary.encode("utf-8"), 0o644)
    _write(qr_path, qr_png(issued.payload["id"]), 0o644)
    return out, summary_path, qr_path


def issue_to_files(store, consent_id: str, operations, until, bindings, out: Path, actor: str
                   ) -> tuple[IssuedToken, tuple[Path, Path, Path]]:
    """Issue a token from a stored consent and write its files (token, summary, QR code).

    The folder is checked before anything is signed; a token whose files still cannot be written is
    revoked at once, so a token that was recorded but never delivered can never be used.
    """
    from consent_app.tokens.issue import issue
    from consent_app.tokens.revocation import revoke_token

    check_writable(out)
    with store.transaction() as tx:
        issued = issue(tx, consent_id, operations, until, bindings, actor=actor)
    try:
        paths = write_token_files(issued, out)
    except InputError as exc:
        with store.transaction() as tx:
            revoke_token(tx, issued.token_id, actor, "token files could not be written")
        raise InputError(code="token.files_revoked", reason=exc.as_message() or exc.message,
                         token=issued.payload["id"]) from None
    return issued, paths
