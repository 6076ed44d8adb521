"""Before a studio station publishes status lists: sync first, and refuse to publish from a stale pull.

A station that cannot reach the studio (offline, server down) or whose last successful pull is older than
``studio.publish_fresh_minutes`` (default 5) would sign lists that may leave out a revocation another
station already published: farms without verifier state would accept a revoked token again. So
``studio publish``, the status list duty (also the immediate publication after a revocation) and
``status export`` first sync, and refuse (``studio.publish_unsynced`` / ``studio.publish_stale``, exit 1,
nothing written) when the sync fails or the pull is too old, unless the publisher explicitly allows it
(``studio publish --allow-stale``): the publication then says how old its pull was (``publication.json``)
and a warning is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from consent_app import clock, settings
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define

MESSAGES = define({
    "studio.publish_unsynced": "refusing to publish: the sync before publishing failed ({reason}), so the "
                               "lists could leave out a revocation made at another station (last successful "
                               "pull {when}); nothing was written (sync first, or `studio publish "
                               "--allow-stale`)",
    "studio.publish_stale": "refusing to publish: this station's last successful pull ({when}) is more than "
                            "{minutes} min old, so the lists could leave out a revocation made at another "
                            "station; nothing was written (sync first, or `studio publish --allow-stale`)",
    "studio.publish_stale_warning": "warning: published from a stale view of the studio (last successful "
                                    "pull {when}); publication.json in the folder says so",
    "studio.bad_fresh_setting": "setting {setting} must be 0 < minutes <= 1440, not {minutes}",
})

FRESH_SETTING = "studio.publish_fresh_minutes"
DEFAULT_FRESH_MINUTES = 5
MANIFEST_FILE = "publication.json"


@dataclass
class Freshness:
    last_pull_at: str | None
    sync_error: str | None
    stale: bool

    def manifest(self) -> dict:
        return {"publishedAt": clock.iso(), "lastPullAt": self.last_pull_at, "stale": self.stale,
                "syncError": self.sync_error}


def linked(conn) -> bool:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'studio_link'").fetchone():
        return False
    return conn.execute("SELECT 1 FROM studio_link WHERE id = 1").fetchone() is not None


def fresh_minutes(conn) -> float:
    minutes = settings.get(conn, FRESH_SETTING, DEFAULT_FRESH_MINUTES)
    if not isinstance(minutes, int | float) or isinstance(minutes, bool) or not 0 < minutes <= 1440:
        raise InputError(code="studio.bad_fresh_setting", setting=FRESH_SETTING, minutes=repr(minutes))
    return float(minutes)


def ensure_fresh(store, *, allow_stale: bool = False) -> Freshness | None:
    """Sync, then check the last successful pull; None when the store is not a studio station.

    Raises ``studio.publish_stale`` (PolicyError) when the sync failed or the pull is older than the
    limit, unless ``allow_stale``: then the returned Freshness is marked stale."""
    from consent_app.errors import ConsentAppError
    from consent_app.studio import sync

    with store.read() as conn:
        if not linked(conn):
            return None
        minutes = fresh_minutes(conn)
    error = None
    try:
        sync.sync_once(store)
    except ConsentAppError as exc:  # unreachable, refused (rolled back, conflict): not a fresh view
        error = exc.message
    with store.read() as conn:
        row = conn.execute("SELECT last_pull_at FROM studio_sync WHERE id = 1").fetchone()
    last = row[0] if row else None
    stale = error is not None or too_old(last, minutes)
    if stale and not allow_stale:
        if error is not None:
            raise PolicyError(code="studio.publish_unsynced", reason=error, when=last or "never")
        raise PolicyError(code="studio.publish_stale", when=last or "never", minutes=f"{minutes:g}")
    return Freshness(last_pull_at=last, sync_error=error, stale=stale)


def too_old(last_pull_at: str | None, minutes: float, now=None) -> bool:
    """Whether a last successful pull at ``last_pull_at`` (ISO time, None: never) is older than ``minutes``.

    A sync that succeeds records its pull now, so after ``ensure_fresh``'s sync this guards the view a
    station would publish from against a pull time that did not move (never pulled, a clock set back)."""
    if last_pull_at is None:
        return True
    return clock.parse_iso(last_pull_at) < (now or clock.now()) - timedelta(minutes=minutes)


def set_fresh_minutes(tx, minutes: float, actor: str) -> None:
    """Change the freshness limit (audited, like every setting); refused outside 0 < minutes <= 1440."""
    if isinstance(minutes, bool) or not 0 < minutes <= 1440:
        raise InputError(code="studio.bad_fresh_setting", setting=FRESH_SETTING, minutes=repr(minutes))
    settings.put(tx, FRESH_SETTING, minutes, actor)
