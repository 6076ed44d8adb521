"""The small ``consent-verify`` distribution (packaging/verifier): built as a wheel, installed into a
fresh virtualenv with pip (dependencies from PyPI), it runs without Qt, dlib or numpy and verifies
tokens the app issued from a real encrypted store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from consent_app import clock

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DIST_DIR = REPO / "packaging" / "verifier"
HEAVY = ("PySide6", "shiboken6", "dlib", "_dlib_pybind11", "numpy", "face_recognition", "cv2", "onnxruntime")


def _outside_env() -> dict[str, str]:
    """This process's environment without the project's virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p and p != venv_bin)
    return env


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv made with ``python -m venv`` (base interpreter, no project packages)."""
    root = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True, env=_outside_env(), timeout=300)
    return root


def _pip(venv: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", *args, "--disable-pip-version-check", "--no-input", "-q"],
        env=_outside_env(), capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def wheel(fresh_venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The consent-verify wheel, built from packaging/verifier by pip (PEP 517, hatchling from PyPI)."""
    out = tmp_path_factory.mktemp("wheel")
    built = _pip(fresh_venv, "wheel", "--no-deps", "--wheel-dir", str(out), str(DIST_DIR))
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = out.glob("consent_verify-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(fresh_venv: Path, wheel: Path) -> Path:
    """The fresh virtualenv with the wheel pip-installed into it (its dependencies from PyPI)."""
    install = _pip(fresh_venv, "install", str(wheel))
    assert install.returncode == 0, install.stdout + install.stderr
    return fresh_venv


def _run(venv: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "consent-verify"), *args], cwd=cwd, env=_outside_env(),
                          capture_output=True, text=True, timeout=120)


def test_wheel_holds_only_the_verifier(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    modules = sorted(n for n in names if not n.split("/")[0].endswith(".dist-info"))
    verify = sorted(f"consent_app/verify/{p.name}" for p in (REPO / "consent_app" / "verify").glob("*.py"))
    marking = sorted(f"consent_app/marking/{p.name}" for p in (REPO / "consent_app" / "marking").glob("*.py"))
    fonts = ["consent_app/marking/fonts/DROID_LICENSE-Apache-2.0.txt",
             "consent_app/marking/fonts/DroidSansFallback.ttf"]
    expected = ["consent_app/__init__.py", "consent_app/errors.py", "consent_app/messages.py",
                "consent_app/files.py", *verify, *marking, *fonts]
    assert modules == sorted(expected)
    requires = [line.split(":", 1)[1].strip() for line in metadata.splitlines()
                if line.startswith("Requires-Dist:")]
    assert [r for r in requires if "extra ==" not in r] == ["pynacl>=1.5"]
    mark_extra = [r.split(";")[0].strip() for r in requires if "extra == 'mark'" in r.replace('"', "'")]
    assert any(r.startswith("c2pa-python") for r in mark_extra)
    assert not any(r.startswith(("mutagen", "pyexiv2")) for r in mark_extra)  # no GPL tag libraries
    assert not any(r.startswith("av") for r in mark_extra)  # PyAV's PyPI wheels are GPL: its own extra
    video_extra = [r.split(";")[0].strip() for r in requires if "extra == 'video'" in r.replace('"', "'")]
    assert any(r.startswith("av") for r in video_extra)
    app_version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert f"\nVersion: {app_version}\n" in metadata, "consent-verify's version differs from consent-app's"


def test_installs_without_qt_dlib_or_numpy(venv: Path) -> None:
    listed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"],
                            env=_outside_env(), capture_output=True, text=True, timeout=120, check=True)
    installed = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert "consent-verify" in installed
    assert installed - {"pip", "setuptools", "wheel"} <= {"consent-verify", "pynacl", "cffi", "pycparser"}
    probe = (
        "import json, sys\n"
        "import consent_app.verify, consent_app.verify.cli, consent_app.verify.media\n"
        "from consent_app.verify import KeySet, StatusLists, Verifier\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([str(venv / "bin" / "python"), "-c", probe], env=_outside_env(),
                            capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    modules = set(json.loads(loaded.stdout))
    assert not [m for m in modules if m.split(".")[0] in HEAVY]
    help_ = _run(venv, "--help")
    assert help_.returncode == 0, help_.stderr
    assert "--operation" in help_.stdout


@pytest.fixture
def issued(store, tmp_path: Path) -> dict[str, Path | str]:
    """Two tokens issued by the app from a real encrypted store (one then revoked), with the
    studio's JWKS and status list exported as files, the way a studio hands them to a tool."""
    from storesupport import store_consent

    from consent_app.tokens import export_jwks, export_status_lists, issue, revoke_token

    now = clock.now().replace(microsecond=0)

    def consent(tx) -> str:
        return store_consent(tx, operations=("face_swap", "tts_voice_clone"), project="Dist test",
                             purpose="verifier install test", valid_from=now - timedelta(hours=1),
                             valid_until=now + timedelta(days=30), marking="AI-generated (人工智能生成)")

    with store.transaction() as tx:
        good = issue(tx, consent(tx), actor="admin")
        revoked = issue(tx, consent(tx), actor="admin")
        revoke_token(tx, revoked.token_id, "admin", "withdrawn in test")
        jwks = export_jwks(tx)
        lists = export_status_lists(tx, "admin")
    files: dict[str, Path | str] = {"consent_id": good.payload["credentialSubject"]["consentId"]}
    for name, text in (("good.jwt", good.token), ("revoked.jwt", revoked.token),
                       ("studio.jwks", json.dumps(jwks)), ("status.jwt", "\n".join(lists))):
        (tmp_path / name).write_text(text)
        files[name] = tmp_path / name
    return files


def test_installed_verifier_checks_tokens_the_app_issued(venv: Path, issued: dict, tmp_path: Path) -> None:
    common = ["--keys", str(issued["studio.jwks"]), "--status", str(issued["status.jwt"])]
    valid = _run(venv, str(issued["good.jwt"]), *common, "--operation", "face_swap", "--json", cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    report = json.loads(valid.stdout)
    assert report["decision"] == "valid"
    assert report["consentId"] == issued["consent_id"]
    assert report["operations"] == ["face_swap", "tts_voice_clone"]
    assert report["marking"]
    not_covered = _run(venv, str(issued["good.jwt"]), *common, "--operation", "voice_conversion")
    assert not_covered.returncode == 5, not_covered.stdout + not_covered.stderr
    revoked = _run(venv, str(issued["revoked.jwt"]), *common, "--operation", "face_swap")
    assert revoked.returncode == 6, revoked.stdout + revoked.stderr
    tampered = tmp_path / "tampered.jwt"
    token = Path(issued["good.jwt"]).read_text()
    head, payload, sig = token.split(".")
    tampered.write_text(f"{head}.{payload}.{sig[:10]}{'A' if sig[10] != 'A' else 'B'}{sig[11:]}")
    bad = _run(venv, str(tampered), *common, "--operation", "face_swap")
    assert bad.returncode == 3, bad.stdout + bad.stderr
    no_status = _run(venv, str(issued["good.jwt"]), "--keys", str(issued["studio.jwks"]),
                     "--operation", "face_swap")
    assert no_status.returncode == 7, no_status.stdout + no_status.stderr


def test_installed_verifier_says_a_biometric_check_needs_the_app(venv: Path, tmp_path: Path) -> None:
    """A face binding cannot be checked without the app's models: a clear refusal (8), no traceback."""
    import uuid
    from datetime import UTC, datetime

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app import selftest
    from consent_app.biometrics.face.analysis import MODEL_NAME
    from consent_app.tokens import credential, signing, statuslist
    from consent_app.tokens.grant import ConsentGrant
    from consent_app.verify.jose import b64url_encode

    key, kid = Ed25519PrivateKey.generate(), "dist-test-key"
    now = datetime.now(UTC).replace(microsecond=0)
    grant = ConsentGrant(
        consent_id=str(uuid.uuid4()), subject_id=str(uuid.uuid4()), operations=("face_swap",),
        project="p", purpose="p", territory=("CN",), prohibited_uses=(), marking="AI-generated",
        valid_from=now - timedelta(hours=1), valid_until=now + timedelta(days=1),
        record_hash="sha256:" + "0" * 64,
    )
    issuer = credential.issuer_for(str(uuid.uuid4()), "Dist Studio", False)
    list_id = f"urn:uuid:{uuid.uuid4()}"
    face = {"model": MODEL_NAME, "metric": "euclidean", "threshold": 0.6,
            "template": b64url_encode(bytes(4 * 128))}
    payload = credential.token_payload(grant, credential.plan_token(grant, now), token_id=str(uuid.uuid4()),
                                       issuer=issuer, status_list_id=list_id, status_index=1,
                                       binding={"face": face})
    status = statuslist.status_list_payload(list_id, issuer, statuslist.new_bitstring(), now,
                                            now + timedelta(hours=1))
    (tmp_path / "t.jwt").write_text(signing.sign_compact(payload, key, kid))
    (tmp_path / "k.jwks").write_text(json.dumps(signing.jwks([(kid, key.public_key())])))
    (tmp_path / "s.jwt").write_text(signing.sign_compact(status, key, kid))
    (tmp_path / "face.png").write_bytes(selftest.synthetic_face_png())
    result = _run(venv, "t.jwt", "--keys", "k.jwks", "--status", "s.jwt", "--operation", "face_swap",
                  "--media", "face.png", cwd=tmp_path)
    assert result.returncode == 8, result.stdout + result.stderr
    assert "not installed" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
