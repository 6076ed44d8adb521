"""``consent-app --self-test``: headless checks that every part of this installation works.

Each check drives the real component on generated input — an encrypted database, a signed token,
the face and voice models, the Qt platform and multimedia plugins, translations, resources — and
prints one line::

    OK    store         created, reopened, wrong passphrase refused, ... (1.31 s)
    FAIL  voice         InputError: no speech found in the recording

The last line is ``self-test: N of M checks passed``; the exit code is 0 only when all pass.
Everything the checks write (the database, Qt's runtime and cache folders) goes into one
temporary folder, removed at the end; no biometric data is involved (the inputs are synthetic).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from consent_app.selftest.base import FAIL, OK, CheckFailed, Context, Result, require
from consent_app.selftest.biometric_checks import (
    check_face,
    check_helper,
    check_voice,
    synthetic_face_png,
    synthetic_voice,
)
from consent_app.selftest.core_checks import check_consent, check_environment, check_resources, check_store
from consent_app.selftest.identity_checks import check_mrz
from consent_app.selftest.marking_checks import check_marking
from consent_app.selftest.qt_checks import check_multimedia, check_qt, check_translations, check_ui

CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("environment", check_environment),
    ("resources", check_resources),
    ("store", check_store),
    ("consent", check_consent),
    ("marking", check_marking),
    ("face", check_face),
    ("voice", check_voice),
    ("mrz", check_mrz),
    ("helper", check_helper),
    ("qt", check_qt),
    ("multimedia", check_multimedia),
    ("translations", check_translations),
    ("ui", check_ui),
]


# --- running ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _sandboxed_env(tmp: Path) -> Iterator[None]:
    """Point the per-user folders libraries may write to (Qt, fontconfig) into ``tmp``."""
    names = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        folder = tmp / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_checks(out: TextIO, checks: list[tuple[str, Callable[[Context], str]]] | None = None) -> list[Result]:
    """Run ``checks`` (default: all) in a fresh temporary folder, printing one line per check."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="consent-app-selftest-") as name:
        tmp = Path(name)
        ctx = Context(tmp)
        with _sandboxed_env(tmp):
            try:
                for check_name, check in checks or CHECKS:
                    start = time.perf_counter()
                    try:
                        detail, ok = check(ctx), True
                    except CheckFailed as exc:
                        detail, ok = str(exc), False
                    except Exception as exc:
                        frame = traceback.extract_tb(exc.__traceback__)[-1]
                        where = f"{Path(frame.filename).name}:{frame.lineno}"
                        detail, ok = f"{type(exc).__name__}: {exc} [{where}]", False
                    result = Result(check_name, ok, " ".join(detail.split()), time.perf_counter() - start)
                    results.append(result)
                    print(result.line(), file=out, flush=True)
            finally:
                if ctx.store is not None:
                    ctx.store.close()
    return results


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check; 0 when all pass, 1 otherwise."""
    if out is None:
        out = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # never fail on a non-UTF-8 console
            out.reconfigure(errors="backslashreplace")
    results = run_checks(out)
    passed = sum(r.ok for r in results)
    print(f"self-test: {passed} of {len(results)} checks passed", file=out, flush=True)
    return 0 if passed == len(results) else 1


__all__ = ["CHECKS", "FAIL", "OK", "CheckFailed", "Context", "Result", "require", "run_checks",
           "run_self_test", "synthetic_face_png", "synthetic_voice"]
