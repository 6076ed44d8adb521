"""``consent_app.verify`` loads only the standard library and the crypto dependency."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("PySide6", "dlib", "face_recognition", "numpy", "onnxruntime", "cv2", "PIL", "sqlcipher3")

CHECK = """
import sys

import pytest
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


def test_importing_the_cli_leaves_the_verification_modules_to_console() -> None:
    """The console script imports ``consent_app.verify.cli`` first: the package and the module load no
    JSON, crypto or verification module yet, so that ``console()`` imports them with collection off."""
    code = (
        "import sys, consent_app.verify.cli\n"
        "print(','.join(m for m in ('json', 'ctypes', 'zlib', 'consent_app.verify.jose',"
        " 'consent_app.verify.verifier') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""


def test_console_imports_with_collection_off_then_verifies_with_it_on(tmp_path) -> None:
    """``console()``: when ``main`` runs, the verification modules are loaded and frozen, and the cyclic
    collector is on again (a verification's own garbage is collected as in any process)."""
    import json

    from tokenhelpers import Studio

    studio = Studio()
    (tmp_path / "t.jwt").write_text(studio.token())
    (tmp_path / "k.jwks").write_text(json.dumps(studio.jwks))
    (tmp_path / "s.jwt").write_text(studio.status_jwt())
    argv = ["consent-verify", str(tmp_path / "t.jwt"), "--keys", str(tmp_path / "k.jwks"), "--status",
            str(tmp_path / "s.jwt"), "--operation", "face_swap", "--at", "2026-11-23T12:00:00Z"]  # fmt: skip
    code = (
        "import gc, sys\n"
        "import consent_app.verify.cli as cli\n"
        "real, seen = cli.main, {}\n"
        "def spy(argv=None):\n"
        "    seen.update(collecting=gc.isenabled(), frozen=gc.get_freeze_count(),\n"
        "                loaded='consent_app.verify.verifier' in sys.modules and 'json' in sys.modules)\n"
        "    return real(argv)\n"
        "cli.main = spy\n"
        f"sys.argv = {argv!r}\n"
        "rc = cli.console()\n"
        "print('SEEN', seen['collecting'], seen['frozen'] > 0, seen['loaded'], gc.isenabled())\n"
        "sys.exit(rc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("VALID: valid for this operation")
    assert out.stdout.strip().splitlines()[-1] == "SEEN True True True True"


def test_package_names_load_on_first_use() -> None:
    import consent_app.verify as package
    from consent_app.verify import Claims, Decision, KeySet, StatusLists, Verifier, VerifyError
    from consent_app.verify.codes import VerifyError as coded

    assert VerifyError is coded
    assert {Claims.__module__, Decision.__module__, KeySet.__module__, StatusLists.__module__,
            Verifier.__module__} == {"consent_app.verify.claims", "consent_app.verify.verifier",
                                     "consent_app.verify.jose", "consent_app.verify.statuslist"}  # fmt: skip
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        package.Nope  # noqa: B018
