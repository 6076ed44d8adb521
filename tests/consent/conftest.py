import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "session"))
sys.path.insert(0, str(HERE))


@pytest.fixture
def consent_store(store):
    """The ``store`` fixture (its schema includes the consent tables)."""
    return store


@pytest.fixture
def completed(consent_store, faces_dir):
    from consenthelpers import run_session

    return run_session(consent_store, faces_dir)
