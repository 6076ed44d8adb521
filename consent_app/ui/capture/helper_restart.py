"""Another biometrics helper process when the session's one stopped (killed, out of memory, crashed).

The live-face step notices first (a preview frame's analysis raises ``AnalysisStopped``); it says so,
turns capture off and asks for another helper here. The stopped one is closed and a new one started on
the task helper; once it has loaded dlib and its models it becomes the session's (``OffloadedBiometrics``)
and the app's (``ctx.helper``), and the step turns capture on again.
"""

from __future__ import annotations

from collections.abc import Callable

#: The longest the new helper may take to start and load its models.
READY_TIMEOUT_S = 120.0


def restart_helper(ctx, services, done: Callable[[], None], failed: Callable[[BaseException], None]):
    """Replace ``services``' stopped helper; ``done()`` once the new one answers, else ``failed(exc)``."""
    from consent_app.ui.capture.offload import HelperProcess

    old = services.helper

    def job():
        old.close(timeout=1.0)
        helper = HelperProcess(*old.thresholds)
        try:
            helper.wait_ready(READY_TIMEOUT_S)
        except BaseException:
            helper.close()
            raise
        return helper

    def started(helper) -> None:
        used = False
        if services.helper is old:
            services.use_helper(helper)
            used = True
        if ctx.helper is old or ctx.helper is None:
            ctx.helper = helper  # closed with the app
            used = True
        if not used:  # the session ended and another began meanwhile, with a helper of its own
            helper.close()
        done()

    return ctx.run(job, done=started, error=failed)
