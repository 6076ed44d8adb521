"""onnxruntime, loaded with its telemetry off.

onnxruntime's Linux builds write a device id and an event database under
``~/.cache/Microsoft/DeveloperTools/.onnxruntime/`` (and session files under ``$TMPDIR``) as soon as
the library loads, unless ``ORT_DISABLE_TELEMETRY`` is set *before* the import. The app writes nothing
outside its data folder, so every import of onnxruntime goes through :func:`runtime`.
"""

from __future__ import annotations

import os
from types import ModuleType


def runtime() -> ModuleType:
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime
