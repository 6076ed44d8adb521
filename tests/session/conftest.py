import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def consent_store(store):
    """The ``store`` fixture (its schema includes the consent tables)."""
    return store


@pytest.fixture
def operator(consent_store):
    from consent_app import staff

    with consent_store.read() as conn:
        return staff.get(conn, "op")


@pytest.fixture
def admin(consent_store):
    from consent_app import staff

    with consent_store.read() as conn:
        return staff.get(conn, "admin")


@pytest.fixture
def services(consent_store):
    from sessionhelpers import CachedBiometrics

    return CachedBiometrics(consent_store)


@pytest.fixture
def flow(consent_store, operator, services):
    from consent_app.session.flow import CaptureFlow

    return CaptureFlow(consent_store, operator, services)
