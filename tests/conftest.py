"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _shared_root() -> Path:
    env = os.environ.get("CONSENT_APP_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared data folder (or $CONSENT_APP_SHARED); skip when it is absent."""
    root = _shared_root()
    if not root.is_dir():
        pytest.skip(f"shared test data not found at {root} (set CONSENT_APP_SHARED)")
    return root


@pytest.fixture(scope="session")
def faces_dir(shared_dir: Path) -> Path:
    path = shared_dir / "faces"
    if not path.is_dir():
        pytest.skip(f"shared face photos not found at {path}")
    return path


@pytest.fixture(scope="session")
def voices_dir(shared_dir: Path) -> Path:
    path = shared_dir / "voices"
    if not path.is_dir():
        pytest.skip(f"shared voice clips not found at {path}")
    return path
