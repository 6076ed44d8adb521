"""Closing the window, SIGTERM and SIGINT end every child process and remove the demo's folder.

A real app process (demo mode, offscreen) with its real biometrics helper process and multiprocessing's
resource tracker; the test sends the signal (or the app closes its window) and then checks that no
process of the app is left and the temporary folder is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.timeout(180),
              pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.mark.parametrize("how", ["close", "SIGTERM", "SIGINT"])
def test_every_child_ends_and_the_demo_folder_goes(tmp_path, how):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path))
    with subprocess.Popen([sys.executable, str(Path(__file__).with_name("shutdown_app.py")),
                           "close" if how == "close" else "signal"],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            line = proc.stdout.readline()
            if not line.startswith("ready"):
                proc.kill()
                pytest.fail(f"the app did not start: {line} {proc.communicate()[1][-3000:]}")
            _, folder, *pids = line.split()
            temp, children = Path(folder), [int(p) for p in pids]
            assert temp.is_dir()
            assert temp.parent == tmp_path
            assert children
            assert all(_alive(pid) for pid in children)
            if how != "close":
                proc.send_signal(getattr(signal, how))
            _out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, err[-3000:]
    deadline = time.monotonic() + 60  # a loaded machine may be slow to reap them; returns once they are
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in children if _alive(pid)] == [], "a child process outlived the app"
    assert not temp.exists(), "the demo's temporary folder was left behind"
    assert list(tmp_path.iterdir()) == []
