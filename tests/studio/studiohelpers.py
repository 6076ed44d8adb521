"""Stations for the studio tests: real encrypted stores, each with its own data folder."""

from __future__ import annotations

from pathlib import Path

from storesupport import make_store


def station(tmp_path: Path, name: str):
    return make_store(tmp_path / name)
