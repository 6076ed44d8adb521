"""Studio settings (thresholds, lockout policy, ...), stored as JSON and audited on change."""

from __future__ import annotations

import json
from typing import Any

from consent_app import audit, clock

DEFAULTS: dict[str, Any] = {
    "auth.lockout_attempts": 5,
    "auth.lockout_minutes": 15,
    "ui.idle_lock_minutes": 5,
    "ui.language": "en",
}


def get(conn, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return json.loads(row[0])
    if default is not None:
        return default
    return DEFAULTS.get(key)


def put(tx, key: str, value: Any, actor: str) -> None:
    """Change a setting and audit old and new value in the same transaction."""
    old = get(tx, key)
    tx.execute(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        (key, json.dumps(value), clock.iso(), actor),
    )
    audit.append(tx, actor, "settings.change", f"setting:{key}", {"key": key, "old": old, "new": value})


def all_settings(conn) -> dict[str, Any]:
    values = dict(DEFAULTS)
    values.update({k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")})
    return values
