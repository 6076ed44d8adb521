"""Frame sources behind one small interface: a camera, a video file, a still image.

All deliver :class:`Frame` objects (RGB uint8, never mirrored, with a timestamp in seconds). A
camera that stops delivering frames mid-session raises :class:`CameraLostError`; file sources
return ``None`` at their end. Frames are kept in memory only.
"""

from __future__ import annotations

import glob
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from consent_app.biometrics.face.errors import CameraError, CameraLostError
from consent_app.errors import InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "camera.cannot_open": "{camera} cannot be opened (not connected, or in use by another program)",
    "camera.lost": "{camera} stopped delivering frames {when} (unplugged or taken by another program); "
                   "reconnect it and start the capture again: what was captured is kept",
    "camera.lost_after": "after {frames} frames",
    "camera.lost_before": "before the first frame",
    "camera.name": "camera {index}",
    "video.missing": "{path}: no such video file",
    "video.unreadable": "{path}: not a readable video",
})


@dataclass(frozen=True)
class Frame:
    rgb: np.ndarray  # (H, W, 3) uint8
    index: int
    timestamp: float  # seconds: media time for files, monotonic time for cameras


@runtime_checkable
class FrameSource(Protocol):
    """Anything that yields frames: ``read()`` returns the next frame or None at the end."""

    name: str

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


def frames(source: FrameSource, limit: int | None = None) -> Iterator[Frame]:
    """Iterate a source until it ends (or ``limit`` frames)."""
    n = 0
    while limit is None or n < limit:
        frame = source.read()
        if frame is None:
            return
        n += 1
        yield frame


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str


def list_cameras(probe: int = 4) -> list[CameraInfo]:
    """Cameras present: /dev/video* on Linux (capture nodes only), else indices 0..probe-1 that
    open."""
    import cv2

    found: list[CameraInfo] = []
    if sys.platform.startswith("linux"):
        for dev in sorted(glob.glob("/dev/video*"), key=lambda p: int(p[10:] or 0)):
            idx = int(dev[len("/dev/video"):] or 0)
            name_file = Path(f"/sys/class/video4linux/video{idx}/name")
            try:
                name = name_file.read_text().strip()
            except OSError:
                name = dev
            index_file = Path(f"/sys/class/video4linux/video{idx}/index")
            try:  # index > 0 is a metadata node of the same device, not a second camera
                if int(index_file.read_text().strip()) != 0:
                    continue
            except (OSError, ValueError):
                pass
            found.append(CameraInfo(idx, name))
        return found
    for idx in range(probe):
        cap = cv2.VideoCapture(idx)
        try:
            if cap.isOpened():
                found.append(CameraInfo(idx, f"Camera {idx}"))
        finally:
            cap.release()
    return found


class CameraSource:
    """A live camera through OpenCV.

    ``capture_factory`` makes the underlying capture object (``cv2.VideoCapture`` by default);
    tests pass a hardware double with the same ``isOpened/read/release`` methods.
    """

    def __init__(
        self,
        index: int = 0,
        *,
        width: int | None = 1280,
        height: int | None = 720,
        retries: int = 10,
        capture_factory: Callable[[int], Any] | None = None,
    ) -> None:
        import cv2

        self.name = f"camera {index}"
        self.index = index
        self._retries = retries
        self._count = 0
        factory = capture_factory or cv2.VideoCapture
        self._cap = factory(index)
        if not self._cap.isOpened():
            self._cap.release()
            raise CameraError(code="camera.cannot_open", camera=Message("camera.name", {"index": index}))
        if capture_factory is None and width and height:
            self._cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            self._cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)

    def read(self) -> Frame:
        import cv2

        for _ in range(self._retries + 1):
            ok, bgr = self._cap.read()
            if ok and bgr is not None and bgr.size:
                frame = Frame(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), self._count, time.monotonic())
                self._count += 1
                return frame
            time.sleep(0.02)
        when = (Message("camera.lost_after", {"frames": self._count}) if self._count
                else Message("camera.lost_before"))
        raise CameraLostError(code="camera.lost", camera=Message("camera.name", {"index": self.index}),
                              when=when)

    def close(self) -> None:
        self._cap.release()

    def __enter__(self) -> CameraSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class VideoFileSource:
    """A video file used as a camera (tests and the demo). Timestamps are media time, so a run
    is reproducible however fast it goes; ``realtime=True`` paces reads at the file's rate."""

    def __init__(self, path: str | Path, *, realtime: bool = False) -> None:
        import cv2

        self.path = Path(path)
        self.name = self.path.name
        if not self.path.is_file():
            raise InputError(code="video.missing", path=str(self.path))
        self._cap = cv2.VideoCapture(str(self.path))
        if not self._cap.isOpened():
            self._cap.release()
            raise InputError(code="video.unreadable", path=str(self.path))
        fps = self._cap.get(cv2.CAP_PROP_FPS)
        self.fps = fps if fps and fps > 0 else 30.0
        self._realtime = realtime
        self._t0: float | None = None
        self._count = 0

    def read(self) -> Frame | None:
        import cv2

        ok, bgr = self._cap.read()
        if not ok or bgr is None:
            return None
        ts = self._count / self.fps
        if self._realtime:
            now = time.monotonic()
            if self._t0 is None:
                self._t0 = now
            delay = self._t0 + ts - now
            if delay > 0:
                time.sleep(delay)
        frame = Frame(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), self._count, ts)
        self._count += 1
        return frame

    def close(self) -> None:
        self._cap.release()

    def __enter__(self) -> VideoFileSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StillImageSource:
    """One image delivered ``repeat`` times at ``fps`` (None = forever): what a photo held up
    to the camera looks like to the pipeline."""

    def __init__(self, rgb: np.ndarray, *, repeat: int | None = None, fps: float = 30.0,
                 name: str = "still image") -> None:
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError("a still image is an (H, W, 3) uint8 RGB array")
        self.name = name
        self._rgb = rgb
        self._repeat = repeat
        self._fps = fps
        self._count = 0

    @classmethod
    def from_file(cls, path: str | Path, **kw: Any) -> StillImageSource:
        from consent_app.biometrics.images import load_image

        return cls(load_image(path).rgb, name=Path(path).name, **kw)

    def read(self) -> Frame | None:
        if self._repeat is not None and self._count >= self._repeat:
            return None
        frame = Frame(self._rgb, self._count, self._count / self._fps)
        self._count += 1
        return frame

    def close(self) -> None:
        pass
