"""Fixtures for marking tests: one studio farm per module (real store, token, keys, tool)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tokens"))


@pytest.fixture(scope="module")
def farm(tmp_path_factory):
    from markhelpers import make_farm
    from storesupport import ADMIN_PASSWORD, PASSPHRASE, make_store

    tmp = tmp_path_factory.mktemp("farm")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CONSENT_APP_DATA_DIR", str(tmp / "data"))
        mp.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
        mp.setenv("CONSENT_APP_USER", "admin")
        mp.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
        farm = make_farm(tmp, make_store(tmp / "data"))
        yield farm


@pytest.fixture
def farm_env(farm, monkeypatch):
    """The farm's store as the current data folder for ``consent-app`` commands."""
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(farm.data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    return farm
