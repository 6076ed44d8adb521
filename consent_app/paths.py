"""Where the app keeps its data: one folder holding the encrypted database and its key envelope."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "consent_app"
ENV_DATA_DIR = "CONSENT_APP_DATA_DIR"

DB_NAME = "consent.db"
ENVELOPE_NAME = "consent.key.json"


def default_data_dir() -> Path:
    """The platform's per-user data folder (e.g. ~/.local/share/consent_app on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``$CONSENT_APP_DATA_DIR``, then the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def envelope_path(data_dir: Path) -> Path:
    return data_dir / ENVELOPE_NAME
