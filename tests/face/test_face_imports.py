"""The face package is cheap to import: dlib / face_recognition / OpenCV / onnxruntime load on use."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("PySide6", "dlib", "face_recognition", "cv2", "onnxruntime")


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return {m.split(".")[0] for m in out.split()}


@pytest.mark.parametrize("module", ["consent_app.biometrics.face", "consent_app.biometrics.images",
                                    "consent_app.biometrics.face.liveness",
                                    "consent_app.cli.commands.face"])
def test_light_modules(module):
    loaded = _loaded_after(f"import {module}")
    assert not loaded & {*HEAVY, "numpy", "PIL"}


@pytest.mark.parametrize("module", ["consent_app.biometrics.face.analysis",
                                    "consent_app.biometrics.face.matching",
                                    "consent_app.biometrics.face.index",
                                    "consent_app.biometrics.face.records",
                                    "consent_app.biometrics.face.preview",
                                    "consent_app.biometrics.face.capture"])
def test_engine_modules_defer_dlib_and_face_recognition(module):
    assert not _loaded_after(f"import {module}") & set(HEAVY)
