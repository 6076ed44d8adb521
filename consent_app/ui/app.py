"""Start the desktop app: one window that paints at once; heavy libraries load after the first paint.

``consent-app`` (no command) calls :func:`run_app`. ``consent-app --demo`` opens a throwaway demo
database with file-backed camera and microphone (``--demo-faces DIR --demo-voices DIR``, default:
a ``shared`` folder beside the working folder or the project when present).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from consent_app.ui.media_files import AUDIO_SUFFIXES, IMAGE_SUFFIXES, VIDEO_SUFFIXES

_T0 = time.perf_counter()

#: Set by ``bench/startup.py``: print the time of the first paint and quit.
PROBE_ENV = "CONSENT_APP_STARTUP_PROBE"
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-password"  # noqa: S105 - a throwaway demo database, shown on screen


def parse_extra(extra_argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="consent-app", add_help=False)
    parser.add_argument("--demo-faces", metavar="DIR", help="photos/videos acting as the camera (demo)")
    parser.add_argument("--demo-voices", metavar="DIR", help="WAV/FLAC clips acting as the microphone (demo)")
    parser.add_argument("--language", choices=("en", "zh_CN"), help="language of the app")
    return parser.parse_known_args(extra_argv)


def shared_folder(kind: str) -> Path | None:
    """A ``shared/<kind>`` folder beside the working folder or the project, if there is one."""
    candidates = []
    env = os.environ.get("CONSENT_APP_SHARED")
    if env:
        candidates.append(Path(env) / kind)
    candidates += [Path.cwd().parent / "shared" / kind, Path(__file__).resolve().parents[3] / "shared" / kind]
    return next((c for c in candidates if c.is_dir()), None)


def demo_devices(faces: Path | None, voices: Path | None):
    """File-backed camera and microphone from demo folders."""
    from consent_app.ui.context import DeviceChoice

    devices = DeviceChoice(camera=None)
    if faces is not None and faces.is_dir():
        files = sorted(p for p in faces.iterdir() if p.is_file())
        videos = [p for p in files if p.suffix.lower() in VIDEO_SUFFIXES]
        images = [p for p in files if p.suffix.lower() in IMAGE_SUFFIXES]
        devices.camera_file = (videos or images or [None])[0]
        devices.demo_images = images
    if voices is not None and voices.is_dir():
        clips = sorted(p for p in voices.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES)
        # one speaker's clips: the enrolment sample and the statement come from the same voice
        if clips:
            first_folder = clips[0].parent
            devices.voice_files = [p for p in clips if p.parent == first_folder]
    return devices


def make_demo_store(folder: Path, argon2=None):
    from consent_app.setup import initialize

    kwargs = {"argon2": argon2} if argon2 is not None else {}
    import secrets

    return initialize(folder, studio_name="Demo Studio", admin_username=DEMO_USER,
                      admin_password=DEMO_PASSWORD, passphrase=secrets.token_urlsafe(24), demo=True,
                      **kwargs)


class _FirstPaint:
    """Calls ``callback`` once, at the first paint of any widget."""

    def __init__(self, app, callback) -> None:
        from PySide6.QtCore import QEvent, QObject

        outer = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and not outer.fired:
                    outer.fired = True
                    from PySide6.QtCore import QTimer

                    QTimer.singleShot(0, callback)
                return False

        self.fired = False
        self.filter = Filter()
        app.installEventFilter(self.filter)


def run_app(args, extra_argv) -> int:
    """The desktop app's main loop; returns the exit code."""
    extra, qt_argv = parse_extra(list(extra_argv or []))
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("consent_app")
    QCoreApplication.setApplicationName("Consent Studio")
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_argv])
    from consent_app import paths
    from consent_app.ui import i18n, theme
    from consent_app.ui.context import AppContext
    from consent_app.ui.tasks import favour_gui_thread

    favour_gui_thread()
    from consent_app.ui.shell import Shell

    theme.apply(app)
    prefs = QSettings()
    saved = prefs.value("language")
    i18n.set_language(i18n.startup_language(extra.language, str(saved) if saved else None))
    demo = bool(getattr(args, "demo", False))
    probe = os.environ.get(PROBE_ENV) == "1"
    temp = None
    if demo:
        temp = tempfile.TemporaryDirectory(prefix="consent_app_demo_")
        data_dir = Path(temp.name) / "data"
        faces = Path(extra.demo_faces) if extra.demo_faces else shared_folder("faces")
        voices = Path(extra.demo_voices) if extra.demo_voices else shared_folder("voices")
        devices = demo_devices(faces, voices)
    else:
        explicit = getattr(args, "data_dir", None) or os.environ.get(paths.ENV_DATA_DIR)
        data_dir = paths.resolve_data_dir(explicit or prefs.value("data_dir") or None)
        devices = None
    ctx = AppContext(data_dir, demo=demo, devices=devices)
    ctx.member_changed.connect(lambda: ctx.start_helper() if ctx.member is not None else None)
    shell = Shell(ctx)

    def after_first_paint() -> None:
        if probe:
            print(f"painted {time.perf_counter() - _T0:.4f}", flush=True)
            app.quit()
            return
        from consent_app.ui.preload import preload, warm_gui

        def preloaded(names: list[str]) -> None:
            warm_gui()
            shell.prepare_capture()  # if the console is already shown
            for name in names:
                ctx.models_ready.emit(name)

        ctx.run(preload, done=preloaded)
        if demo:
            ctx.demo_credentials = (DEMO_USER, DEMO_PASSWORD)
            login = shell.show_page("login")
            ctx.run(make_demo_store, data_dir, done=lambda store: (ctx.set_store(store), shell.start()),
                    error=login.message.error, busy=login.busy,
                    message=QCoreApplication.translate("app", "Preparing the demo database…"))

    probe_filter = _FirstPaint(app, after_first_paint)
    if demo:
        shell.show_page("login").prepare()
    else:
        shell.start()
    shell.show()
    if not probe:
        QTimer.singleShot(0, shell.raise_)
    from consent_app.ui import shutdown

    guard = shutdown.install(app, shell)
    try:
        code = app.exec()
    finally:
        # the same clean end for a closed window, SIGTERM and SIGINT: no child process, no demo folder left
        guard.uninstall()
        del probe_filter
        ctx.close()
        if not demo and ctx.data_dir:
            prefs.setValue("language", i18n.current_language())
        if temp is not None:
            temp.cleanup()
    return code
