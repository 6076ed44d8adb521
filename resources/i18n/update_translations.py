"""Refresh the Qt Linguist catalogues from the UI sources and compile them.

    .venv/bin/python resources/i18n/update_translations.py          # lupdate + lrelease
    .venv/bin/python resources/i18n/update_translations.py --check  # exit 1 if a string is untranslated

Translators edit ``consent_app_zh_CN.ts`` (with Qt Linguist: ``pyside6-linguist``); the app loads
the compiled ``.qm`` next to it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
UI = ROOT / "consent_app" / "ui"
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (it ships {name})")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def ts_path(code: str) -> Path:
    return HERE / f"consent_app_{code}.ts"


def lupdate(ts: Path, *, no_obsolete: bool = True) -> None:
    cmd = [tool("pyside6-lupdate"), *sources(), "-ts", str(ts)]
    if no_obsolete:
        cmd.insert(1, "-no-obsolete")
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts without a finished translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):  # noqa: S314 - our own catalogue
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not (translation.text or "").strip():
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report untranslated strings")
    args = parser.parse_args(argv)
    status = 0
    for code in LANGUAGES:
        ts = ts_path(code)
        if not args.check:
            lupdate(ts)
            lrelease(ts, ts.with_suffix(".qm"))
        missing = unfinished(ts)
        for text in missing:
            print(f"{ts.name}: untranslated: {text!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
