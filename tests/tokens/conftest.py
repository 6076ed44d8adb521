"""Fixtures for token tests."""

from __future__ import annotations

import pytest
from tokenhelpers import NOW, Studio


@pytest.fixture
def studio() -> Studio:
    return Studio()


@pytest.fixture
def at() -> float:
    return NOW.timestamp()
