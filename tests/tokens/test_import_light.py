"""``consent_app.verify`` loads only the standard library and the crypto dependency."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("PySide6", "dlib", "face_recognition", "numpy", "onnxruntime", "cv2", "PIL", "sqlcipher3")

CHECK = """
import sys
import consent_app.verify
import consent_app.verify.cli
import consent_app.verify.marking
heavy = [m for m in {heavy!r} if m in sys.modules]
print(",".join(heavy))
"""


def test_verifier_imports_nothing_heavy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(heavy=HEAVY)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert out.stdout.strip() == ""


def test_verifier_cli_run_imports_nothing_heavy() -> None:
    """A whole --help run and a refused (unreadable) token stay light too."""
    code = (
        "import sys; from consent_app.verify.cli import main; main(['--help']);"
        "main(['a.b.c', '--keys', 'nope', '--operation', 'face_swap']);"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "cannot read token a.b.c" in out.stderr
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"
