"""Facts about the studio this store belongs to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Studio:
    id: str
    name: str
    demo: bool
    created_at: str

    @property
    def label(self) -> str:
        """The name shown everywhere; a demo store says so, so no demo consent passes for real."""
        return f"DEMO — {self.name}" if self.demo else self.name


def get(conn, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put(tx, key: str, value: str) -> None:
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def studio(conn) -> Studio:
    return Studio(
        id=get(conn, "studio_id") or "",
        name=get(conn, "studio_name") or "",
        demo=get(conn, "demo") == "1",
        created_at=get(conn, "created_at") or "",
    )
