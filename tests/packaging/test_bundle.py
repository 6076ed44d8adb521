"""The packaged desktop bundle (build.spec) runs its self-test from anywhere, with a clean environment.

Builds ``consent-app`` with ``scripts/build-bundle`` into a temporary folder (about 1.5 minutes on
2 cores), or reuses the bundle ``$CONSENT_APP_BUNDLE`` points at (``dist/consent-app``) when it is
newer than every source file. Each program then runs from an empty folder under ``env -i`` with only
``PATH=/usr/bin:/bin``, ``HOME`` (empty) and ``QT_QPA_PLATFORM=offscreen``: no project virtualenv.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from consent_app import selftest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("consent_app", "resources", "packaging", "build.spec", "uv.lock")
SELF_TEST_TIMEOUT = 300


def _newest_source() -> tuple[float, Path]:
    newest = (0.0, REPO)
    for name in SOURCES:
        root = REPO / name
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, (path.stat().st_mtime, path))
    return newest


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("CONSENT_APP_BUNDLE")
    if given:
        path = Path(given).resolve()
        if path.is_file():
            path = path.parent
        exe = path / "consent-app"
        assert exe.is_file(), f"CONSENT_APP_BUNDLE={given}: no consent-app program in {path}"
        mtime, source = _newest_source()
        assert exe.stat().st_mtime >= mtime, (
            f"CONSENT_APP_BUNDLE={given} is older than {source.relative_to(REPO)}; rebuild it "
            "(scripts/build-bundle) or unset CONSENT_APP_BUNDLE"
        )
        return path
    work = tmp_path_factory.mktemp("bundle")
    start = time.perf_counter()
    result = subprocess.run(
        [str(REPO / "scripts" / "build-bundle"), "--distpath", str(work / "dist"),
         "--workpath", str(work / "build")],
        cwd=REPO, env={**os.environ, "SKIP_SELF_TEST": "1"}, capture_output=True, text=True,
        timeout=1200,
    )
    assert result.returncode == 0, f"bundle build failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    print(f"bundle built in {time.perf_counter() - start:.0f} s")
    return work / "dist" / "consent-app"


def _clean_run(program: Path, args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run ``program`` from an empty folder with an empty HOME and nothing of the project's environment."""
    home, cwd = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir(exist_ok=True)
    cwd.mkdir(exist_ok=True)
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=clean, capture_output=True, text=True,
        timeout=SELF_TEST_TIMEOUT,
    )


def _leftover_temp() -> set[str]:
    return {p.name for p in Path("/tmp").glob("consent-app-selftest-*")}


def test_self_test_passes_from_elsewhere_with_clean_environment(bundle: Path, tmp_path: Path) -> None:
    temp_before = _leftover_temp()
    result = _clean_run(bundle / "consent-app", ["--self-test"], tmp_path)
    report = result.stdout + result.stderr
    print(report)
    lines = result.stdout.splitlines()
    checks = {}
    for line in lines[:-1]:
        match = re.match(r"^(OK|FAIL)\s+(\S+)\s", line)
        assert match, f"unexpected self-test line: {line!r}"
        checks[match.group(2)] = match.group(1)
    assert list(checks) == [name for name, _ in selftest.CHECKS], report
    failed = [name for name, status in checks.items() if status != "OK"]
    assert not failed, f"self-test checks failed: {failed}\n{report}"
    assert lines[-1] == f"self-test: {len(checks)} of {len(checks)} checks passed", report
    assert result.returncode == 0, report
    assert "Traceback" not in result.stderr, report
    # It wrote nothing outside its temporary folder, and removed that.
    assert not any((tmp_path / "home").iterdir()), list((tmp_path / "home").rglob("*"))
    assert not any((tmp_path / "elsewhere").iterdir()), list((tmp_path / "elsewhere").rglob("*"))
    assert _leftover_temp() <= temp_before, "the self-test left its temporary folder behind"


def test_desktop_app_starts_and_paints(bundle: Path, tmp_path: Path) -> None:
    """The GUI (demo database, offscreen) paints its first window, then the probe quits it."""
    result = _clean_run(bundle / "consent-app", ["--demo"], tmp_path, CONSENT_APP_STARTUP_PROBE="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^painted \d+\.\d+$", result.stdout, re.M), result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not any((tmp_path / "elsewhere").iterdir())


def test_bundle_runs_headless_commands(bundle: Path, tmp_path: Path) -> None:
    """Subcommands and schema migrations are found by pkgutil inside the frozen app."""
    import argparse

    from consent_app.cli import build_parser

    result = _clean_run(bundle / "consent-app", ["--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert len(sub.choices) > 20
    for name in sub.choices:  # every command the source registers, by the name it registers
        assert re.search(rf"^    {re.escape(name)}\b", result.stdout, re.M), \
            f"subcommand {name} missing:\n{result.stdout}"

    data = tmp_path / "data"
    password = "correct horse battery"
    secrets = {"CONSENT_APP_PASSPHRASE": "bundle passphrase 1", "CONSENT_APP_ADMIN_PASSWORD": password,
               "CONSENT_APP_PASSWORD": password, "CONSENT_APP_USER": "admin"}
    init = _clean_run(bundle / "consent-app",
                      ["init", "--data-dir", str(data), "--studio", "Bundle studio", "--admin", "admin"],
                      tmp_path, **secrets)
    assert init.returncode == 0, init.stdout + init.stderr
    check = _clean_run(bundle / "consent-app", ["db", "check", "--data-dir", str(data)], tmp_path, **secrets)
    assert check.returncode == 0, check.stdout + check.stderr
    wrong = _clean_run(bundle / "consent-app", ["db", "check", "--data-dir", str(data)], tmp_path,
                       **{**secrets, "CONSENT_APP_PASSPHRASE": "not it"})
    assert wrong.returncode != 0, wrong.stdout + wrong.stderr
    assert "consent-app: error:" in wrong.stderr, wrong.stderr


def test_bundled_verifier_runs(bundle: Path, tmp_path: Path) -> None:
    result = _clean_run(bundle / "consent-verify", ["--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "--operation" in result.stdout
    assert "exit codes" in result.stdout
    refused = _clean_run(bundle / "consent-verify", ["missing.jwt", "--keys", "missing.jwks",
                                                     "--operation", "face_swap"], tmp_path)
    assert refused.returncode == 2, refused.stdout + refused.stderr


def _face_bound_token(tmp_path: Path, template) -> tuple[Path, Path, Path]:
    """A token (app format, fresh Ed25519 key) bound to ``template``, its JWKS and status list."""
    import json
    import uuid
    from datetime import UTC, datetime, timedelta

    import numpy as np
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.biometrics.face.analysis import MODEL_NAME
    from consent_app.tokens import credential, signing, statuslist
    from consent_app.tokens.grant import ConsentGrant
    from consent_app.verify.jose import b64url_encode

    key, kid = Ed25519PrivateKey.generate(), "bundle-test-key"
    now = datetime.now(UTC).replace(microsecond=0)
    grant = ConsentGrant(
        consent_id=str(uuid.uuid4()), subject_id=str(uuid.uuid4()), operations=("face_swap",),
        project="bundle test", purpose="bundle test", territory=("CN",), prohibited_uses=(),
        marking="AI-generated", valid_from=now - timedelta(hours=1), valid_until=now + timedelta(days=1),
        record_hash="sha256:" + "ef" * 32,
    )
    issuer = credential.issuer_for(str(uuid.uuid4()), "Bundle Studio", False)
    list_id = f"urn:uuid:{uuid.uuid4()}"
    binding = {"face": {"model": MODEL_NAME, "metric": "euclidean", "threshold": 0.6,
                        "template": b64url_encode(np.asarray(template, dtype="<f4").tobytes())}}
    payload = credential.token_payload(grant, credential.plan_token(grant, now), token_id=str(uuid.uuid4()),
                                       issuer=issuer, status_list_id=list_id, status_index=3, binding=binding)
    status = statuslist.status_list_payload(list_id, issuer, statuslist.new_bitstring(), now,
                                            now + timedelta(hours=1))
    files = (tmp_path / "token.jwt", tmp_path / "studio.jwks", tmp_path / "status.jwt")
    files[0].write_text(signing.sign_compact(payload, key, kid))
    files[1].write_text(json.dumps(signing.jwks([(kid, key.public_key())])))
    files[2].write_text(signing.sign_compact(status, key, kid))
    return files


def test_bundled_verifier_checks_a_face_binding(bundle: Path, tmp_path: Path) -> None:
    """consent-verify --media runs the bundled face models: same face valid (0), other face refused (8)."""
    import json

    import numpy as np

    from consent_app.biometrics.face.analysis import encode_single
    from consent_app.biometrics.images import load_image

    image = tmp_path / "elsewhere" / "face.png"
    image.parent.mkdir()
    image.write_bytes(selftest.synthetic_face_png(300))
    encoding = encode_single(load_image(image).rgb).encoding
    for template, code in ((encoding, 0), (np.asarray(encoding) + 0.2, 8)):
        token, jwks, status = _face_bound_token(tmp_path, template)
        args = [str(token), "--keys", str(jwks), "--status", str(status), "--operation", "face_swap",
                "--media", str(image), "--json"]
        result = _clean_run(bundle / "consent-verify", args, tmp_path)
        assert result.returncode == code, result.stdout + result.stderr
        report = json.loads(result.stdout)
        assert "distance" in report["media"]["checks"]["face"], report


def test_bundle_runs_a_studio_workflow_end_to_end(bundle: Path, tmp_path: Path, faces_dir: Path,
                                                 voices_dir: Path) -> None:
    """From the bundle only: a demo studio, one complete capture session through the app's flow
    (face vs ID photo, voice, spoken statement), a token with a face binding, the studio's keys and
    status list, the bundled verifier (valid, media match), then withdrawal revokes the token."""
    import json

    data = tmp_path / "data"
    password = "correct horse battery"
    env = {"CONSENT_APP_DATA_DIR": str(data), "CONSENT_APP_PASSPHRASE": "bundle workflow 1",
           "CONSENT_APP_ADMIN_PASSWORD": password, "CONSENT_APP_PASSWORD": password,
           "CONSENT_APP_USER": "admin"}

    def app(*args: str) -> subprocess.CompletedProcess:
        result = _clean_run(bundle / "consent-app", list(args), tmp_path, **env)
        assert result.returncode == 0, f"consent-app {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    app("init", "--studio", "Bundle Demo Studio", "--admin", "admin", "--demo")
    speaker = sorted((voices_dir / "speakers").iterdir())[0]
    clips = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)
    seeded = app("demo", "seed", "--face", str(faces_dir / "obama.jpg"), "--id-photo",
                 str(faces_dir / "obama2.jpg"), "--voice", str(clips[0]), str(clips[1]))
    consent_id = seeded.stdout.strip().splitlines()[-1]
    out = tmp_path / "out"
    out.mkdir()
    app("token", "issue", consent_id, "--out", str(out / "token.jwt"), "--bind", "face")
    app("keys", "export", str(out / "studio.jwks"))
    app("status", "export", str(out / "status.jwt"))

    def verify(*extra: str) -> subprocess.CompletedProcess:
        args = [str(out / "token.jwt"), "--keys", str(out / "studio.jwks"),
                "--status", str(out / "status.jwt"), "--json", *extra]
        return _clean_run(bundle / "consent-verify", args, tmp_path)

    operation = json.loads((out / "token.summary.json").read_text())["operations"][0]
    same_person = verify("--operation", operation, "--media", str(faces_dir / "obama3.jpg"))
    assert same_person.returncode == 0, same_person.stdout + same_person.stderr
    report = json.loads(same_person.stdout)
    assert report["consentId"] == consent_id
    assert report["demo"] is True
    assert report["media"]["checks"]["face"]["match"] is True
    other_person = verify("--operation", operation, "--media", str(faces_dir / "biden.jpg"))
    assert other_person.returncode == 8, other_person.stdout + other_person.stderr

    app("consent", "withdraw", consent_id, "--reason", "bundle test")
    app("status", "export", str(out / "status.jwt"))
    revoked = verify("--operation", operation)
    assert revoked.returncode == 6, revoked.stdout + revoked.stderr
    app("audit", "verify")


def test_bundled_marking_programs_run(bundle: Path, tmp_path: Path) -> None:
    """consent-mark and consent-trace start from the bundle (c2pa's native library included) and refuse
    an empty file with one line and exit 2."""
    empty = tmp_path / "elsewhere" / "empty.jpg"
    empty.parent.mkdir(exist_ok=True)
    empty.write_bytes(b"")
    for program in ("consent-mark", "consent-trace"):
        result = _clean_run(bundle / program, ["--help"], tmp_path)
        assert result.returncode == 0, result.stderr
        assert "exit codes" in result.stdout
    result = _clean_run(bundle / "consent-trace", [str(empty)], tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bundle_carries_the_lgpl_ffmpeg_and_no_gpl_encoder(bundle: Path) -> None:
    """PyAV's FFmpeg in the bundle is the LGPL build (openh264 for H.264): no x264/x265 file is
    bundled and the bundled libavcodec links none (its licence is checked by the self-test)."""
    names = [p.name for p in bundle.rglob("*") if p.is_file()]
    assert not [n for n in names if re.search(r"x26[45]", n, re.I)]
    codecs = list(bundle.rglob("libavcodec_consentapp.so*"))
    assert codecs, "no libavcodec of the LGPL build (scripts/build_lgpl_av.sh) in the bundle"
    assert any(n.startswith("libopenh264.so") for n in names)
    for lib in codecs:
        ldd = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, check=True).stdout
        assert not re.search(r"x26[45]", ldd), ldd
        assert b"--enable-gpl" not in lib.read_bytes()
