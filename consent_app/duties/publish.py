"""Publish a fresh status list at once after a withdrawal, revocation or erasure commits.

Verifiers learn of a revocation from the status list they are given. Waiting for the next daily
export would leave a withdrawn consent usable for up to a day, so when a transaction that took rights
away commits, the store runs the ``status_list`` duty right away: a signed list (with its audit head)
in the configured publish folder (``duties.status_folder``) and a signed checkpoint beside it. The run
is recorded and audited like any duty; a failure (folder missing, disk full) is recorded as a failed
duty, shown by ``duties status``, and retried by the next ``duties run``. The withdrawal itself is
already committed and stays so. Without a configured folder nothing is published here (the daily
export, or ``status export``, still is).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def publish_after_revocation(store, actor: str) -> None:
    from consent_app.duties import config
    from consent_app.duties.run import run_duties

    with store.read() as conn:
        if not config.get(conn, config.STATUS_FOLDER):
            return
    try:
        results = run_duties(store, actor=actor, force=True, only=["status_list"], attempts=1)
    except Exception as exc:  # recorded by the duty where it can be; never undo the withdrawal
        log.warning("immediate status list publication failed: %s", exc)
        return
    for result in results:
        if not result.ok:
            log.warning("immediate status list publication failed: %s", result.message.english())


def install() -> None:
    """Make every store of this process publish after revocations (the CLI and the app call it)."""
    from consent_app.store import Store

    Store.revocation_hook = staticmethod(publish_after_revocation)
