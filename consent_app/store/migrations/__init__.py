"""Schema versions: one module per version (``vNNNN_name.py``), applied in order, never edited.

Each module defines ``VERSION``, ``DESCRIPTION`` and ``upgrade(conn)``. A store records its version
in ``PRAGMA user_version``; opening a store applies the missing upgrades in one transaction each.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from consent_app.errors import StoreError
from consent_app.messages import define

MESSAGES = define({
    "schema.newer": "this store has schema version {version}, newer than this app knows ({known}); update "
                    "consent_app",
    "schema.misnumbered": "schema migrations are not numbered 1..n: {versions}",
})


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    module: ModuleType

    def upgrade(self, conn) -> None:
        self.module.upgrade(conn)


def all_migrations() -> list[Migration]:
    return list(_discovered())


@cache
def _discovered() -> tuple[Migration, ...]:
    """The migration modules, found and checked once per process (every store open asks for them)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("v"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(module.VERSION, module.DESCRIPTION, module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(code="schema.misnumbered", versions=versions)
    return tuple(found)


def latest_version() -> int:
    return len(_discovered())


def current_version(conn) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn, target: int | None = None) -> list[int]:
    """Bring ``conn`` up to ``target`` (default: latest). Returns the versions applied."""
    migrations = _discovered()
    target = len(migrations) if target is None else target
    version = current_version(conn)
    if version > len(migrations):
        raise StoreError(
            code="schema.newer", version=version, known=len(migrations)
        )
    applied = []
    for migration in migrations[version:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
