"""Versions of the shared studio database's schema: one module per version, applied in order, frozen.

Like the local store's migrations (``consent_app/store/migrations``): each module defines ``VERSION``,
``DESCRIPTION`` and ``SQL``. The shared database records its version in ``studio_schema``.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def all_versions() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("v"):
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    found.sort(key=lambda m: m.VERSION)
    if [m.VERSION for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("studio schema migrations are not numbered 1..n")
    return found


def latest_version() -> int:
    return len(all_versions())
