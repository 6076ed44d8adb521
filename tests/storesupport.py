"""Helpers for tests that need a real store (importable from any test: tests/ is on sys.path)."""

from __future__ import annotations

from pathlib import Path

ADMIN_PASSWORD = "correct horse battery"
OPERATOR_PASSWORD = "operator password 1"
PASSPHRASE = "test passphrase"


def fast_argon2():
    """Cheap Argon2id for tests; production parameters are covered by test_keys.py."""
    from consent_app.store.keys import Argon2Params

    return Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def make_store(data_dir: Path, *, demo: bool = False):
    """A real encrypted store with an admin ``admin`` and an operator ``op``."""
    from consent_app import staff
    from consent_app.setup import initialize

    store = initialize(data_dir, studio_name="Test Studio", admin_username="admin",
                       admin_password=ADMIN_PASSWORD, passphrase=PASSPHRASE, demo=demo,
                       argon2=fast_argon2())
    with store.transaction() as tx:
        staff.create(tx, "op", OPERATOR_PASSWORD, staff.Role.OPERATOR, actor="admin")
    return store
