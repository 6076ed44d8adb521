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


def issuing_studio(conn) -> Studio:
    """The studio tokens and status lists are issued for: a station approved into a multi-station studio
    issues for that studio (one issuer id, one JWKS, docs/studio.md); a single station for itself."""
    from dataclasses import replace

    base = studio(conn)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'studio_link'").fetchone():
        return base  # a store older than the studio link (the migration tests build those)
    row = conn.execute("SELECT studio_id, studio_name FROM studio_link WHERE id = 1 "
                       "AND data_key IS NOT NULL").fetchone()
    return base if row is None else replace(base, id=row[0], name=row[1])


def studio(conn) -> Studio:
    return Studio(
        id=get(conn, "studio_id") or "",
        name=get(conn, "studio_name") or "",
        demo=get(conn, "demo") == "1",
        created_at=get(conn, "created_at") or "",
    )
