"""``consent-app --self-test`` from the source tree, and how it reports and cleans up."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consent_app import selftest
from consent_app.errors import StoreError


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        env.pop(name, None)
    result = subprocess.run([sys.executable, "-m", "consent_app", "--self-test"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == [name for name, _ in selftest.CHECKS], result.stdout
    assert all(line.startswith("OK ") for line in lines[:-1]), result.stdout + result.stderr
    assert lines[-1] == f"self-test: {len(selftest.CHECKS)} of {len(selftest.CHECKS)} checks passed"
    assert result.returncode == 0
    assert not any(home.iterdir()), list(home.rglob("*"))  # nothing written outside its temp folder


def test_failures_are_reported_one_line_each_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def writes_then_passes(ctx: selftest.Context) -> str:
        (ctx.tmp / "scratch.bin").write_bytes(b"x")
        seen.append(ctx.tmp)
        assert os.environ["XDG_CACHE_HOME"].startswith(str(ctx.tmp))
        return "wrote in its folder"

    def refuses(ctx: selftest.Context) -> str:
        selftest.require(False, "the thing is missing")
        return "unreachable"

    def crashes(ctx: selftest.Context) -> str:
        raise StoreError("cannot open\nthe store")

    checks = [("writes", writes_then_passes), ("refuses", refuses), ("crashes", crashes)]
    monkeypatch.setattr(selftest, "CHECKS", checks)
    out = io.StringIO()
    assert selftest.run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("OK    writes        wrote in its folder (")
    assert lines[1].startswith("FAIL  refuses       the thing is missing (")
    assert lines[2].startswith("FAIL  crashes       StoreError: cannot open the store [test_selftest.py:")
    assert lines[3] == "self-test: 1 of 3 checks passed"
    assert seen
    assert not seen[0].exists(), "the temporary folder was left behind"
    assert "XDG_CACHE_HOME" not in os.environ or not os.environ["XDG_CACHE_HOME"].startswith(str(seen[0]))


def test_all_passing_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "CHECKS", [("one", lambda ctx: "fine"), ("two", lambda ctx: "fine")])
    out = io.StringIO()
    assert selftest.run_self_test(out) == 0
    assert out.getvalue().splitlines()[-1] == "self-test: 2 of 2 checks passed"


def test_synthetic_inputs_are_deterministic() -> None:
    assert selftest.synthetic_face_png() == selftest.synthetic_face_png()
    voice = selftest.synthetic_voice()
    assert voice.dtype.name == "float32"
    assert float(abs(voice).max()) <= 1.0
    assert (voice == selftest.synthetic_voice()).all()
