"""The GUI thread during a capture: longest blocking, and the live preview's frame rate.

The real wizard runs a capture from a file-backed camera: the preview (newest frame painted,
face detection on the face core's worker with stale frames dropped), the face capture and its
comparison with the ID document, and the liveness challenge (frames tapped to a worker). A 5 ms
QTimer heartbeat on the GUI thread records every gap between its ticks; the longest gap, minus the
timer period, is the longest time the GUI thread was blocked. The baseline is the same heartbeat
with the app idle, in the same process. Under Xvfb when installed, else offscreen.

    .venv/bin/python bench/gui_latency.py [--faces DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _report import target  # noqa: E402

HEARTBEAT_MS = 5


def start_display():
    xvfb = shutil.which("Xvfb")
    if xvfb is None or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    number = next(n for n in range(180, 220) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    proc = subprocess.Popen([xvfb, f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.environ.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    return proc


class Heartbeat:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    @property
    def max_block_ms(self) -> float:
        return max(0.0, max(self.gaps, default=0.0) * 1000 - HEARTBEAT_MS)

    def p99_ms(self) -> float:
        ordered = sorted(self.gaps)
        return ordered[int(0.99 * (len(ordered) - 1))] * 1000 if ordered else 0.0


def wait_until(predicate, timeout: float) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the wizard")
        QTest.qWait(10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--faces", type=Path, default=ROOT.parent / "shared" / "faces")
    parser.add_argument("--preview-seconds", type=float, default=6.0)
    args = parser.parse_args()
    clip = args.faces / "short_hamilton_clip.mp4"
    if not clip.exists():
        print(f"no test clip at {clip}")
        return 2
    xvfb = start_display()
    try:
        return run(args, clip)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def run(args, clip: Path) -> int:
    from argon2 import PasswordHasher
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from consent_app import staff
    from consent_app.setup import initialize
    from consent_app.store.keys import Argon2Params
    from consent_app.ui import theme
    from consent_app.ui.app import preload_models
    from consent_app.ui.context import AppContext, DeviceChoice
    from consent_app.ui.shell import Shell

    staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    theme.apply(app)
    preload_models()  # as the app does in the background after its first paint
    beat = Heartbeat()
    with tempfile.TemporaryDirectory() as tmp:
        store = initialize(Path(tmp) / "studio", studio_name="Bench", admin_username="admin",
                           admin_password="bench password", passphrase="bench passphrase",
                           argon2=Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1),
                           demo=True)  # the clip stands in for the camera: a demo studio only (issue 12)
        ctx = AppContext(store.data_dir, devices=DeviceChoice(camera=None, camera_file=clip))
        ctx.set_store(store)
        ctx.set_member(staff.login(store, "admin", "bench password"))
        shell = Shell(ctx)
        shell.resize(1280, 820)
        shell.show()
        shell.show_page("main").enter()
        QTest.qWait(300)

        beat.start()  # baseline: the idle app
        QTest.qWait(int(args.preview_seconds * 1000))
        beat.stop()
        idle_block, idle_p99 = beat.max_block_ms, beat.p99_ms()

        shell.start_capture()
        wizard = shell.page("capture")
        wizard.subject_step.name.setText("Bench Subject")
        wizard.next_button.click()
        wait_until(lambda: wizard.current_key() == "id_document", 30)
        wizard.id_step.use_file(args.faces / "lin-manuel-miranda.png")
        wait_until(lambda: wizard.flow.id_document is not None or wizard.id_step.message.isVisible(), 60)
        wizard.next_button.click()
        wait_until(lambda: wizard.current_key() == "live_face", 30)
        face = wizard.face_step
        preview = face.preview
        QTest.qWait(500)

        beat.start()  # the capture: preview, then a capture, then the liveness challenge
        painted0, read0, t0 = preview.paints, wizard.feed.frames_read, time.perf_counter()
        QTest.qWait(int(args.preview_seconds * 1000))
        seconds = time.perf_counter() - t0
        fps = (preview.paints - painted0) / seconds
        camera_fps = (wizard.feed.frames_read - read0) / seconds
        worker = wizard.feed._worker
        dropped, submitted = worker.dropped, worker.submitted
        for _attempt in range(8):  # the clip has moments with no face or several: try again, as staff do
            face.capture()
            wait_until(lambda: not ctx.runner.active, 60)
            QTest.qWait(50)
            if wizard.flow.face is not None:
                break
            QTest.qWait(400)
        outcome = "captured" if wizard.flow.face is not None else face.message.text()[:90]
        face.start_challenge()
        wait_until(lambda: face.challenge_button.isEnabled(), 60)
        beat.stop()
        capture_block, capture_p99 = beat.max_block_ms, beat.p99_ms()
        paint_ms = sorted(preview.paint_times)[int(0.99 * (len(preview.paint_times) - 1))] * 1000
        liveness = wizard.flow.liveness
        wizard.cancel_session(wait=True)
        ctx.runner.wait(20000)
        shell.close()
        ctx.close()

    print(f"platform: {QApplication.platformName()}; camera: {clip.name} (file-backed, 29.97 fps)")
    print(f"idle app: longest GUI block {idle_block:.1f} ms, p99 heartbeat gap {idle_p99:.1f} ms "
          "(baseline)")
    print(f"capture: longest GUI block {capture_block:.1f} ms, p99 heartbeat gap {capture_p99:.1f} ms")
    print(f"camera: {camera_fps:.1f} frames read per second")
    print(f"preview: {fps:.1f} frames painted per second; p99 paint {paint_ms:.1f} ms; detection dropped "
          f"{dropped} of {submitted} stale frames")
    verdict = "none" if liveness is None else ("passed" if liveness.passed else "failed: " + liveness.reason)
    print(f"capture result: {outcome}; liveness: {verdict}")
    ok = target("gui_thread_max_block_during_capture", capture_block, 50, higher_is_better=False, unit=" ms")
    ok &= target("preview_fps", fps, 25, higher_is_better=True, unit=" fps")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
