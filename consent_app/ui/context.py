"""What every screen shares: the open store, the signed-in staff member, the task helper, devices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from consent_app.ui.common import BusyOverlay, run_task
from consent_app.ui.tasks import TaskRunner


@dataclass
class DeviceChoice:
    """Which camera and microphone a capture uses; file-backed sources for demos and tests."""

    camera: int | None = 0  # OpenCV device index, None when a file is used
    camera_file: Path | None = None  # a video or still image acting as the camera
    microphone_id: bytes | None = None  # QAudioDevice.id(); None = the system default
    voice_files: list[Path] = field(default_factory=list)  # WAV/FLAC clips acting as the microphone
    id_document_file: Path | None = None  # a photo imported as the ID document
    demo_images: list[Path] = field(default_factory=list)  # photos offered as ID documents in a demo

    @property
    def file_backed(self) -> bool:
        return self.camera_file is not None


class AppContext(QObject):
    """Holds the session of the app; screens ask it to run work and tell it what changed."""

    store_changed = Signal()
    member_changed = Signal()
    data_changed = Signal(str)  # "subjects", "audit", "staff", "settings", "keys", "consents", "tokens"
    models_ready = Signal(str)  # "face" / "voice" once their libraries are loaded in the background

    def __init__(self, data_dir: Path, runner: TaskRunner | None = None, *, demo: bool = False,
                 devices: DeviceChoice | None = None) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.runner = runner or TaskRunner(parent=self)
        self.demo_requested = demo
        self.devices = devices or DeviceChoice()
        self.store = None
        self.member = None
        self.studio = None
        self.demo_credentials: tuple[str, str] | None = None
        self.loaded_models: set[str] = set()
        self.helper = None  # the biometrics helper process (consent_app.ui.capture.offload)
        self._helper_starting = False

    # -- state ----------------------------------------------------------------------------
    def set_store(self, store) -> None:
        from consent_app.store import meta

        if self.store is not None and self.store is not store:
            self.store.close()
        self.store = store
        if store is not None:
            from consent_app.duties.publish import install

            # A withdrawal or revocation publishes a fresh status list at once. Installed with the
            # first store the app is given (no store, no revocation), not at start: it imports the
            # store, which the first screen does not need.
            install()
            with store.read() as conn:
                self.studio = meta.studio(conn)
            self.data_dir = store.data_dir
        else:
            self.studio = None
        self.store_changed.emit()

    def set_member(self, member) -> None:
        self.member = member
        self.member_changed.emit()

    def start_helper(self) -> None:
        """Start the biometrics helper process now (the app does once a staff member signs in), on the
        task helper: its fork/exec and dlib's models then come before, not during, the first capture
        session. A session that begins first makes its own; this one is then closed."""
        store = self.store
        if store is None or self.helper is not None or self._helper_starting:
            return
        self._helper_starting = True

        def job():
            from consent_app.session.biometrics import RealBiometrics
            from consent_app.ui.capture.offload import HelperProcess

            local = RealBiometrics(store)
            return HelperProcess(local.face_threshold, local.voice_threshold)

        def started(helper) -> None:
            self._helper_starting = False
            if self.helper is None and self.store is store:
                self.helper = helper
            else:
                helper.close()

        def failed(_exc) -> None:  # the session starts its own, and reports what fails then
            self._helper_starting = False

        self.run(job, done=started, error=failed)

    @property
    def is_admin(self) -> bool:
        return bool(self.member and self.member.is_admin)

    @property
    def actor(self) -> str:
        return self.member.username if self.member else "?"

    @property
    def demo(self) -> bool:
        return bool(self.studio and self.studio.demo)

    # -- work -----------------------------------------------------------------------------
    def run(self, fn: Callable[..., Any], *args: Any, done=None, error=None,
            busy: BusyOverlay | None = None, message: str = "", pass_task: bool = False, **kwargs: Any):
        return run_task(self.runner, fn, *args, done=done, error=error, busy=busy, message=message,
                        pass_task=pass_task, **kwargs)

    def read(self, fn: Callable[..., Any], *args: Any, **kw: Any):
        """Run ``fn(conn, *args)`` on the task helper under the store's read lock."""
        store = self.store

        def job():
            with store.read() as conn:
                return fn(conn, *args)

        return self.run(job, **kw)

    def write(self, fn: Callable[..., Any], *args: Any, changed: str = "", done=None, **kw: Any):
        """Run ``fn(tx, *args)`` in one transaction on the task helper; then announce ``changed``."""
        store = self.store

        def job():
            with store.transaction() as tx:
                return fn(tx, *args)

        def finished(result):
            if done is not None:
                done(result)
            if changed:
                self.data_changed.emit(changed)

        return self.run(job, done=finished, **kw)

    def close(self) -> None:
        self.runner.wait(10000)
        if self.helper is not None:
            from consent_app.ui.capture.offload import stop_resource_tracker

            self.helper.close()
            self.helper = None
            stop_resource_tracker()
        if self.store is not None:
            self.store.close()
            self.store = None
