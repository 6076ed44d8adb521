"""A real PostgreSQL server for the studio tests, started by the project's own script (no mock)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def pg_server():
    from studio_db import ThrowawayServer, postgres_bindir

    try:
        postgres_bindir()
    except RuntimeError as exc:
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
