"""The real app in demo mode with its biometrics helper process running (run by test_shutdown.py).

    python tests/ui/shutdown_app.py MODE        MODE: "signal" (wait for one) or "close" (close the window)

Prints ``ready TEMP_FOLDER PID...`` (the demo's temporary folder, the helper and resource-tracker
processes) once they all exist, then waits.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    mode = sys.argv[1]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from uihelpers import fast_argon2

    from consent_app.ui import app as app_module
    from consent_app.ui.context import AppContext

    real_make = app_module.make_demo_store
    app_module.make_demo_store = lambda folder, argon2=None: real_make(folder, argon2=fast_argon2())
    real_set_store = AppContext.set_store

    def set_store(ctx, store) -> None:
        real_set_store(ctx, store)
        if store is None or ctx.helper is not None:
            return
        from multiprocessing import resource_tracker

        from consent_app.ui.capture.offload import HelperProcess

        ctx.helper = HelperProcess(0.5, 0.845)

        def report() -> None:
            tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
            pids = ctx.helper.pids() if ctx.helper is not None else []
            if not pids or tracker is None or not multiprocessing.active_children():
                QTimer.singleShot(100, report)
                return
            print("ready", ctx.data_dir.parent, *pids, tracker, flush=True)
            if mode == "close":
                QTimer.singleShot(300, lambda: next(w for w in QApplication.topLevelWidgets()
                                                    if w.isWindow() and w.isVisible()).close())

        QTimer.singleShot(0, report)

    AppContext.set_store = set_store
    return app_module.run_app(argparse.Namespace(demo=True, data_dir=None), [])


if __name__ == "__main__":
    sys.exit(main())
