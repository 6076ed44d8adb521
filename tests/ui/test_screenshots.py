"""Every screen rendered under a real X server (Xvfb), in English, 简体中文 and at 200 % scaling.

The PNGs land in ``test-artifacts/screenshots/`` (git-ignored) for review.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.xvfb, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-artifacts" / "screenshots"
SCREENS = ("setup", "setup_errors", "setup_checklist", "unlock", "login",
           "subjects", "subject_detail", "subject_verifications", "token_dialog",
           "withdraw_dialog", "erase_dialog", "audit", "settings_general", "settings_devices",
           "settings_thresholds",
           "settings_staff", "settings_keys", "locked", "wizard_subject", "wizard_id_document",
           "wizard_live_face", "wizard_voice", "wizard_consent_form", "kiosk_welcome", "kiosk_category",
           "kiosk_not_offered", "kiosk_terms", "kiosk_summary", "kiosk_signature", "kiosk_handback",
           "wizard_countersign", "wizard_receipt",
           # the core's words in the UI's language: an audit entry's details, a failed liveness challenge,
           # a token that cannot be saved
           "audit_entry_consent", "audit_entry_override", "wizard_liveness_failed", "token_export_error")


@pytest.fixture(scope="module")
def xvfb():
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    for number in range(90, 130):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    display = f":{number}"
    proc = subprocess.Popen([binary, display, "-screen", "0", "2700x1800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.skip("Xvfb did not start")
        time.sleep(0.05)
    yield display
    proc.terminate()
    proc.wait(10)


def _run(display: str, language: str, out: Path, faces_dir: Path, scale: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("screenshot_app.py")), str(out),
                             language, str(faces_dir)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize(("language", "scale"), [("en", None), ("zh_CN", None), ("en", "2")])
def test_screenshots_of_every_screen(xvfb, faces_dir, language, scale):
    from PySide6.QtGui import QImage

    out = OUT / (f"scale{scale}" if scale else "")
    stdout = _run(xvfb, language, out, faces_dir, scale)
    assert "platform xcb" in stdout
    widths = []
    for name in SCREENS:
        path = out / f"{language}-{name}.png"
        assert path.is_file(), f"no screenshot of {name}"
        image = QImage(str(path))
        assert not image.isNull()
        widths.append(image.width())
        # a real rendering, not an empty window: many distinct colours
        colours = {image.pixel(x, y) for x in range(0, image.width(), 17)
                   for y in range(0, image.height(), 13)}
        assert len(colours) > 3, f"{name} looks empty"
    main_width = widths[SCREENS.index("subjects")]
    assert main_width >= (2400 if scale == "2" else 1200)
