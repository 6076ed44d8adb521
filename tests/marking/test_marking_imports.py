"""The base verifier stays light: ``consent_app.verify`` loads no c2pa, PyAV or Pillow."""

from __future__ import annotations

import json
import subprocess
import sys


def test_verifier_does_not_load_the_marking_stack() -> None:
    probe = (
        "import json, sys\n"
        "import consent_app.verify, consent_app.verify.cli, consent_app.verify.media\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(out.stdout))
    assert not {"c2pa", "av", "PIL", "xmpkit", "numpy", "soundfile"} & loaded


def test_marking_cli_loads_c2pa_only_when_it_works() -> None:
    probe = (
        "import json, sys\n"
        "import consent_app.marking.cli, consent_app.marking.trace\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(out.stdout))
    assert not {"c2pa", "av", "PySide6", "dlib", "face_recognition"} & loaded
