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
    """An Xvfb on a display it chose itself (-displayfd): picking a free number first and starting the
    server on it raced with any other Xvfb started meanwhile on this machine (then the test drew on the
    other one's display)."""
    import select

    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([binary, "-displayfd", str(write_fd), "-screen", "0", "2700x1800x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    number = b""
    deadline = time.monotonic() + 60
    try:
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], 0.5)
            if ready:
                chunk = os.read(read_fd, 64)
                if not chunk:  # the server ended without naming its display
                    break
                number += chunk
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        proc.kill()
        proc.wait(10)
        pytest.skip("Xvfb did not start")
    yield f":{number.strip().decode()}"
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
