"""Refresh the Qt Linguist catalogues from the UI sources and the core's messages, and compile them.

    .venv/bin/python resources/i18n/update_translations.py          # lupdate + core messages + lrelease
    .venv/bin/python resources/i18n/update_translations.py --check  # exit 1 if a string is untranslated

Translators edit ``consent_app_zh_CN.ts`` (with Qt Linguist: ``pyside6-linguist``); the app loads
the compiled ``.qm`` next to it.

Two kinds of entries:

- UI strings (``self.tr()``, ``QCoreApplication.translate()``), found by ``pyside6-lupdate`` in
  ``consent_app/ui``;
- the core's messages: every English template registered with ``consent_app.messages.define()``
  (``messages.load_all()`` imports the whole core), in context ``core``, the message code as the
  disambiguation comment. ``consent_app/ui/core_words.py`` looks them up the same way. A changed
  English template keeps its old translation as an unfinished hint until a translator checks it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
UI = ROOT / "consent_app" / "ui"
LANGUAGES = ("zh_CN",)
CORE_CONTEXT = "core"
_CORE_BLOCK = re.compile(r"<context>\s*<name>core</name>.*?</context>\n?", re.S)


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
    """The UI strings through pyside6-lupdate, then the core's message templates (context ``core``)."""
    previous = core_translations(ts) if ts.exists() else {}
    templates = core_templates()  # first: lupdate drops the core context, a failing import must not
    cmd = [tool("pyside6-lupdate"), *sources(), "-ts", str(ts)]
    if no_obsolete:
        cmd.insert(1, "-no-obsolete")
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    merge_core(ts, templates, previous)


def core_templates() -> dict[str, str]:
    """Code -> English template of every message the core defines."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from consent_app import messages

    return messages.load_all()


def core_translations(ts: Path) -> dict[str, tuple[str, str, bool]]:
    """Code -> (English template, translation, finished) as the catalogue has them now."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own catalogue
        if context.findtext("name") != CORE_CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is not None and translation.get("type") is None and bool(text.strip())
            out[message.findtext("comment") or ""] = (message.findtext("source") or "", text, finished)
    return out


def merge_core(ts: Path, templates: dict[str, str], previous: dict[str, tuple[str, str, bool]]) -> None:
    """Write the ``core`` context: one message per code, keeping translations of unchanged templates."""
    lines = ["<context>", f"    <name>{CORE_CONTEXT}</name>"]
    for code in sorted(templates):
        source = templates[code]
        old_source, old_text, finished = previous.get(code, ("", "", False))
        done = finished and old_source == source
        kind = "" if done else ' type="unfinished"'
        lines += ["    <message>",
                  f"        <source>{escape(source)}</source>",
                  f"        <comment>{escape(code)}</comment>",
                  f"        <translation{kind}>{escape(old_text)}</translation>",
                  "    </message>"]
    lines.append("</context>")
    text = _CORE_BLOCK.sub("", ts.read_text(encoding="utf-8"))
    text = text.replace("</TS>", "\n".join(lines) + "\n</TS>")
    ts.write_text(text, encoding="utf-8")


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def unfinished(ts: Path) -> list[str]:
    """Source texts without a finished translation (core messages as ``core code: template``)."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 - our own catalogue
        core = context.findtext("name") == CORE_CONTEXT
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            if translation is None or translation.get("type") == "unfinished" \
                    or not (translation.text or "").strip():
                source = message.findtext("source") or ""
                missing.append(f"core {message.findtext('comment')}: {source}" if core else source)
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
        catalogue = core_translations(ts)
        missing += [f"core {code}: {text} (not in the catalogue yet: run without --check)"
                    for code, text in sorted(core_templates().items())
                    if code not in catalogue or catalogue[code][0] != text]
        for text in missing:
            print(f"{ts.name}: untranslated: {text!r}")
        status |= bool(missing)
    return status


if __name__ == "__main__":
    sys.exit(main())
