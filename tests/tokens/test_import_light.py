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


def test_full_verification_run_imports_nothing_heavy(tmp_path) -> None:
    import json

    from tokenhelpers import Studio

    studio = Studio()
    (tmp_path / "t.jwt").write_text(studio.token())
    (tmp_path / "k.jwks").write_text(json.dumps(studio.jwks))
    (tmp_path / "s.jwt").write_text(studio.status_jwt())
    argv = [str(tmp_path / "t.jwt"), "--keys", str(tmp_path / "k.jwks"), "--status", str(tmp_path / "s.jwt"),
            "--operation", "face_swap", "--at", "2026-11-23T12:00:00Z", "--json"]  # fmt: skip
    code = (
        f"import sys; from consent_app.verify.cli import main; rc = main({argv!r});"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(rc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert '"decision": "valid"' in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:"
