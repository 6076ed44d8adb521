"""The token tables: defined (frozen) by ``store/migrations/v0003_tokens.py``; this module only
re-exports that migration for older callers and refuses clearly on stores without the tables."""

from __future__ import annotations

from consent_app.store.migrations.v0003_tokens import DESCRIPTION, SCHEMA, VERSION, upgrade

__all__ = ["DESCRIPTION", "SCHEMA", "VERSION", "require", "upgrade"]


def require(conn) -> None:
    """Refuse clearly when the store has no token tables (its schema predates version 3)."""
    from consent_app.errors import StoreError

    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").fetchone()
    if row is None:
        raise StoreError(f"this store has no token tables yet (schema version {VERSION}); update consent_app")
