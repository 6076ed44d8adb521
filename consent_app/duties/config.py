"""Where duties write, and when they are due (studio settings, changed by admins and audited)."""

from __future__ import annotations

from pathlib import Path

from consent_app import settings
from consent_app.errors import InputError
from consent_app.messages import define

STATUS_FOLDER = "duties.status_folder"          # the published status list (status.jwt) and checkpoints
BACKUP_FOLDER = "duties.backup_folder"          # encrypted backups
REFRESH_HOURS = "duties.status_refresh_hours"   # publish a fresh list when the last expires within this
WARN_HOURS = "duties.status_warn_hours"         # the console warns when the published list expires this soon

DEFAULTS = {STATUS_FOLDER: "", BACKUP_FOLDER: "", REFRESH_HOURS: 12, WARN_HOURS: 6}

MESSAGES = define({
    "duty.folder_not_set": "no {what} folder is configured (consent-app duties configure --{option} DIR)",
    "duty.folder_missing": "the {what} folder {folder} does not exist or is not a folder",
    "duty.bad_hours": "{setting} must be between 1 and 720 hours, not {value}",
    "duty.relative_folder": "give the {what} folder as an absolute path, not {folder}",
})


def get(conn, key: str):
    return settings.get(conn, key, DEFAULTS[key])


def folder(conn, key: str, what: str, option: str) -> Path:
    """The configured folder, which must exist (a duty never creates it: a missing mount must show)."""
    value = get(conn, key)
    if not value:
        raise InputError(code="duty.folder_not_set", what=what, option=option)
    path = Path(value)
    if not path.is_dir():
        raise InputError(code="duty.folder_missing", what=what, folder=str(path))
    return path


def configure(tx, *, status_folder: str | None = None, backup_folder: str | None = None,
              refresh_hours: float | None = None, warn_hours: float | None = None, actor: str) -> None:
    for key, value, what in ((STATUS_FOLDER, status_folder, "status list"), (BACKUP_FOLDER, backup_folder,
                                                                            "backup")):
        if value is None:
            continue
        if not Path(value).is_absolute():
            raise InputError(code="duty.relative_folder", what=what, folder=value)
        settings.put(tx, key, str(Path(value)), actor)
    for key, value in ((REFRESH_HOURS, refresh_hours), (WARN_HOURS, warn_hours)):
        if value is None:
            continue
        if not 1 <= value <= 720:
            raise InputError(code="duty.bad_hours", setting=key, value=value)
        settings.put(tx, key, value, actor)
