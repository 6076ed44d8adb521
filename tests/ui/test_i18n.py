"""Every screen in 简体中文: no visible string is left in English; the catalogue is complete."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "consent_app_zh_CN.ts"
QM = TS.with_suffix(".qm")

# Words that are the same in both languages: names of things, not UI text to translate.
ALLOWED = {"DEMO", "English", "JWKS", "PDF", "UTC", "README", "Ed25519", "CN", "AI-generated", "ID", "admin",
           "op", "en", "zh-CN"}
ENGLISH_PHRASE = re.compile(r"[A-Za-z][a-z]+(?:[ ,'-]+[A-Za-z][a-z]+)+")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Screens where the walk makes the core refuse something: the refusal must be shown, in Chinese.
CORE_ERROR_SCREENS = ("unlock_wrong_passphrase", "login_wrong_password", "token_export_error",
                      "wizard_subject_no_name", "wizard_id_missing", "wizard_id_no_portrait",
                      "wizard_override_reason_short", "wizard_form_incomplete")
# Screens that must show the core's coded words for what happened, in Chinese (the words checked).
CORE_WORDS = {
    "token_export_error": "不存在",  # file.no_folder: the token's folder does not exist
    "wizard_liveness_failed": "人脸全程没有任何动作",  # liveness.face_still, and the step that timed out
    "audit_entry_consent": "授权类别",  # an audit entry's details, each field by its name
    "audit_entry_override": "活体检测未通过",  # the override's coded problems
}


def _typed_texts() -> tuple[str, ...]:
    from consent_app.demo import NO_ID_REASON, OVERRIDE_REASON

    return (OVERRIDE_REASON, NO_ID_REASON)


TYPED = _typed_texts()


def english_sources() -> set[str]:
    sources = set()
    for message in ET.parse(TS).getroot().iter("message"):
        text = message.findtext("source") or ""
        sources.add(text.replace("&", "", 1))
    return sources


def visible_texts(window) -> list[tuple[str, str]]:
    """(widget class, text) of every string a person can see in ``window`` now."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QTableView,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    out = [("window", window.windowTitle())]
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        kind = type(w).__name__
        if isinstance(w, QLabel):
            out.append((kind, re.sub(r"<[^>]+>", " ", html.unescape(w.text()))))
        elif isinstance(w, QAbstractButton):
            out.append((kind, w.text()))
        elif isinstance(w, QLineEdit):
            out.append((kind, w.placeholderText()))
        elif isinstance(w, QTextEdit) and w.isReadOnly():  # text the app writes (summaries, terms)
            out.append((kind, w.toPlainText()))
        elif isinstance(w, QGroupBox):
            out.append((kind, w.title()))
        elif isinstance(w, QTabWidget):
            out += [(kind, w.tabText(i)) for i in range(w.count()) if w.isTabVisible(i)]
        elif isinstance(w, QComboBox):
            out += [(kind, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            out += [(kind, w.item(i).text()) for i in range(w.count())]
        elif isinstance(w, QTableView) and w.model() is not None:
            from PySide6.QtCore import Qt

            model = w.model()
            out += [(kind, str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                    for c in range(model.columnCount())]
            out += [(kind + ".cell", str(model.index(r, c).data() or ""))  # what the app writes in rows
                    for r in range(min(model.rowCount(), 50)) for c in range(model.columnCount())]
        if w.toolTip():
            out.append((kind + ".toolTip", w.toolTip()))
    return [(k, t.replace("&", "")) for k, t in out if t and t.strip()]


def test_catalogue_is_complete_and_compiled(tmp_path):
    """lupdate finds no string missing from the catalogue, all are translated, the .qm is current."""
    copy = tmp_path / TS.name
    copy.write_bytes(TS.read_bytes())
    sys.path.insert(0, str(ROOT / "resources" / "i18n"))
    try:
        import update_translations as ut
    finally:
        sys.path.pop(0)
    ut.lupdate(copy)
    assert ut.unfinished(copy) == [], "run resources/i18n/update_translations.py and translate"
    before = {m.findtext("source") for m in ET.parse(TS).getroot().iter("message")}
    after = {m.findtext("source") for m in ET.parse(copy).getroot().iter("message")}
    assert after == before, f"catalogue out of date: new {after - before}, gone {before - after}"
    qm = tmp_path / "check.qm"
    subprocess.run([ut.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    assert qm.read_bytes() == QM.read_bytes(), "the .qm is older than the .ts: run update_translations.py"


def test_every_screen_is_translated(qtbot, tmp_path, faces_dir):
    from walkthrough import walk

    from consent_app.ui import i18n

    sources = english_sources()
    problems: list[str] = []
    errors_seen: list[str] = []
    seen = 0

    def visit(name, window):
        nonlocal seen
        seen += 1
        texts = visible_texts(window)
        if name in CORE_WORDS and not any(CORE_WORDS[name] in text for _kind, text in texts):
            problems.append(f"{name}: the core's words {CORE_WORDS[name]!r} are not shown: {texts!r}")
        if name in CORE_ERROR_SCREENS:
            shown = [text for kind, text in texts if kind == "MessageBar"]
            errors_seen.append(name)
            if not any(CJK.search(text) for text in shown):
                problems.append(f"{name}: the core's refusal is not shown in Chinese: {shown!r}")
        for kind, text in texts:
            stripped = text.strip()
            for typed in TYPED:  # free text a person typed (here the demo seed) is shown as typed
                stripped = stripped.replace(typed, "")
                cut = next((typed[:n] + "…" for n in range(len(typed), 3, -1) if typed[:n] + "…" in stripped),
                           None)  # or its beginning, in a shortened table cell
                stripped = stripped.replace(cut, "") if cut else stripped
            if stripped in sources and stripped not in ALLOWED:
                problems.append(f"{name}: {kind} shows the English source {stripped!r}")
                continue
            data_free = re.sub(r"\S*[/\\\d]\S*", " ", stripped)  # paths, ids, dates, numbers are data
            for phrase in ENGLISH_PHRASE.findall(data_free):
                if not all(word in ALLOWED for word in re.split(r"[ ,'-]+", phrase)):
                    problems.append(f"{name}: {kind} shows English text {phrase!r} in {stripped!r}")

    try:
        walk(tmp_path, faces_dir, visit, studio_name="海港之光工作室", subject_name="李华", language="zh_CN")
    finally:
        i18n.set_language("en")
    assert seen >= 25
    assert errors_seen == list(CORE_ERROR_SCREENS)
    assert not problems, "\n".join(problems)
