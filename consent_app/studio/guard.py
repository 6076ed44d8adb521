"""What a station of a multi-station studio checks before it issues anything.

Kept free of the tokens package (which calls it), so the two never import each other.
"""

from __future__ import annotations

from datetime import timedelta

from consent_app import clock
from consent_app.errors import PolicyError
from consent_app.messages import define

MESSAGES = define({
    "studio.stale_pull": "this station last synced with the studio {when}, longer ago than a status list "
                         "is valid ({hours} h): it may not know of a withdrawal made elsewhere; sync first "
                         "(consent-app sync)",
})


def require_fresh_pull(conn, hours: float) -> None:
    """Refuse when this station belongs to a studio and its last successful pull is older than ``hours``."""
    linked = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'studio_link'").fetchone()
    if not linked or conn.execute("SELECT 1 FROM studio_link WHERE id = 1").fetchone() is None:
        return
    row = conn.execute("SELECT last_pull_at FROM studio_sync WHERE id = 1").fetchone()
    last = row[0] if row else None
    if last is None or clock.parse_iso(last) < clock.now() - timedelta(hours=hours):
        raise PolicyError(code="studio.stale_pull", when=last or "never", hours=f"{hours:g}")
