"""Start-up: time to the first painted window, the app against a bare PySide6 window, side by side.

Each run is a fresh process: spawn → the first paint event of any widget → the process prints
``painted`` and quits; the bench times spawn-to-line from outside, so both sides pay the
interpreter start. Runs alternate (bare, app, bare, app, ...) and the medians are compared.
The app starts as a studio does every day: an existing (passphrase-protected) store, so the first
screen is the unlock screen; face_recognition and the voice model load after the first paint.
Under Xvfb when it is installed (a real X server), otherwise the offscreen platform.

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import target  # noqa: E402

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
class First(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print("painted", flush=True), app.quit()))
        return False
probe = First()
app.installEventFilter(probe)
w = QWidget()
w.resize(1180, 780)
w.setWindowTitle("bare")
w.show()
app.exec()
"""


def start_display(pycache: str) -> tuple[dict, subprocess.Popen | None]:
    # Bytecode as an installed app has it (pip compiles on install): compiled once by the warm-up
    # run into a private cache, so the repository is not touched.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("QT_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env, None
    number = next(n for n in range(140, 180) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    proc = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    return env, proc


def time_to_paint(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise SystemExit(f"{cmd[:3]} never painted (exit {proc.returncode})")
    proc.wait(30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env, xvfb = start_display(str(Path(tmp) / "pycache"))
        try:
            from consent_app.setup import initialize
            from consent_app.store.keys import Argon2Params

            data = Path(tmp) / "studio"
            initialize(data, studio_name="Bench Studio", admin_username="admin",
                       admin_password="bench password", passphrase="bench passphrase",
                       argon2=Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)).close()
            app_env = dict(env, CONSENT_APP_STARTUP_PROBE="1", HOME=tmp, XDG_CONFIG_HOME=tmp)
            bare_cmd = [sys.executable, "-c", BARE]
            app_cmd = [sys.executable, "-m", "consent_app", "--data-dir", str(data)]
            for _ in range(2):  # warm the file cache and the bytecode cache for both
                time_to_paint(bare_cmd, env)
                time_to_paint(app_cmd, app_env)
            bare, app = [], []
            for _ in range(args.runs):
                bare.append(time_to_paint(bare_cmd, env))
                app.append(time_to_paint(app_cmd, app_env))
        finally:
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait(10)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs each")
    print(f"bare PySide6 window: median {b * 1000:.0f} ms (min {min(bare) * 1000:.0f}, "
          f"max {max(bare) * 1000:.0f})")
    print(f"consent-app unlock screen: median {a * 1000:.0f} ms (min {min(app) * 1000:.0f}, "
          f"max {max(app) * 1000:.0f})")
    ok = target("startup_first_paint_ratio", a / b, 1.5, higher_is_better=False, unit="x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
