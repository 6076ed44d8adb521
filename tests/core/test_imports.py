"""The core and the verifier load neither Qt nor dlib; the GUI and face_recognition load on use."""

import subprocess
import sys

import pytest

HEAVY = ("PySide6", "dlib", "face_recognition", "onnxruntime")

CORE_MODULES = [
    "consent_app",
    "consent_app.store",
    "consent_app.store.backup",
    "consent_app.audit",
    "consent_app.staff",
    "consent_app.settings",
    "consent_app.setup",
    "consent_app.crypto.keys",
    "consent_app.cli",
]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_loads_no_qt_and_no_dlib(module):
    loaded = _loaded_after(f"import {module}")
    assert module in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_cli_parser_loads_no_heavy_module():
    loaded = _loaded_after("from consent_app.cli import build_parser\nbuild_parser()")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_verifier_loads_no_qt_no_dlib_no_numpy():
    loaded = _loaded_after("import consent_app.verify")
    assert "consent_app.verify" in loaded
    assert not {m for m in loaded if m.split(".")[0] in (*HEAVY, "numpy", "cv2")}


def test_task_helper_is_where_qt_loads():
    loaded = _loaded_after("import consent_app.ui.tasks")
    assert "PySide6.QtCore" in loaded
