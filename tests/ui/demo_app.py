"""Start `consent-app --demo` (through the real CLI entry) and report what the first screens show.

    python tests/ui/demo_app.py FACES_DIR VOICES_DIR   (prints one JSON line, then exits)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    faces, voices = sys.argv[1], sys.argv[2]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from consent_app.cli import main as cli_main
    from consent_app.ui import app as app_module

    report: dict = {}

    def wait(predicate, timeout=60.0):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the demo did not get ready")
            QApplication.processEvents()
            time.sleep(0.01)

    def drive():
        try:
            shell = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "Shell")
            ctx = shell.ctx
            wait(lambda: ctx.store is not None and shell.current_name == "login")
            login = shell.page("login")
            report.update(demo=ctx.demo, hint=login.demo_hint.text(), badge=not login.demo.isHidden(),
                          camera=str(ctx.devices.camera_file),
                          voices=[str(p) for p in ctx.devices.voice_files],
                          images=len(ctx.devices.demo_images), data_dir=str(ctx.data_dir))
            login.password.setText(app_module.DEMO_PASSWORD)
            login.sign_in.click()
            wait(lambda: shell.current_name == "main")
            report["title"] = shell.windowTitle()
        except Exception as exc:  # reported to the test
            report["error"] = repr(exc)
        QApplication.instance().quit()

    QTimer.singleShot(0, drive)
    code = cli_main(["--demo", "--demo-faces", faces, "--demo-voices", voices])
    report["exit"] = code
    report["data_dir_left"] = Path(report.get("data_dir", "/nonexistent")).exists()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
