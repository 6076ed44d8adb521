"""Duties on a schedule: status list, checkpoint, backup, retention sweep, complaint deadlines.

The names below load ``consent_app.duties.run`` on first use: the app and every CLI command import
``consent_app.duties.publish`` at start-up, and that must not pull in every duty (zip, backups, ...)
before the first window paints.
"""

from __future__ import annotations

__all__ = ["DUTIES", "DutyResult", "duty_status", "run_duties"]


def __getattr__(name: str):
    if name in __all__:
        from consent_app.duties import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
