"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import sys
import uuid
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


# -- the encrypted store -------------------------------------------------------------------------
# Real SQLCipher files everywhere. Only the Argon2 cost is lowered so the suite stays fast.
from storesupport import ADMIN_PASSWORD, PASSPHRASE, make_store  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> None:
    """Staff passwords hashed with a cheap Argon2id profile (the policy test raises it)."""
    from argon2 import PasswordHasher

    from consent_app import staff

    staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    """A fresh, real encrypted store with an admin ``admin`` and an operator ``op``."""
    store = make_store(data_dir)
    yield store
    store.close()


@pytest.fixture
def demo_store(tmp_path: Path):
    store = make_store(tmp_path / "demo", demo=True)
    yield store
    store.close()


@pytest.fixture
def cli_env(monkeypatch, data_dir: Path):
    """Environment for headless commands run against ``data_dir``."""
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("CONSENT_APP_ADMIN_PASSWORD", ADMIN_PASSWORD)
    return data_dir


# --- a real PostgreSQL server (tests of the multi-station studio), started by the project's own script ---


@pytest.fixture(autouse=True)
def _close_studio_connections():
    """Connections a station keeps between syncs are closed after each test (no ResourceWarning)."""
    yield
    module = sys.modules.get("consent_app.studio.db")
    if module is not None:
        module.close_all()


@pytest.fixture(scope="session")
def pg_server():
    sys.path.insert(0, str(REPO / "scripts"))
    from studio_db import ThrowawayServer, postgres_bindir

    try:
        postgres_bindir()
    except RuntimeError as exc:
        if os.environ.get("CI"):  # CI installs it (scripts/debian-packages.txt): missing is a failure there
            raise
        pytest.skip(str(exc))
    server = ThrowawayServer().start()
    yield server
    server.destroy()


@pytest.fixture
def studio_dsn(pg_server) -> str:
    """A fresh, empty database on the shared test server for each test."""
    import psycopg

    name = "s_" + uuid.uuid4().hex[:12]
    admin_dsn = pg_server.dsn.replace(f"/{pg_server.database}?", "/postgres?")
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.dsn.replace(f"/{pg_server.database}?", f"/{name}?")
