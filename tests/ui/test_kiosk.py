"""Kiosk details that do not need a whole session: mnemonics, the signature placeholder, the terms view."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.gui


def _mnemonics(widget) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QLabel):
        text = child.text().replace("&&", "")
        match = re.search(r"&(\w)", text)
        if match:
            keys.append(match.group(1).lower())
    return keys


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_kiosk_screen_has_distinct_mnemonics(qtbot, tmp_path, language):
    from consent_app.ui import i18n
    from consent_app.ui.capture.kiosk import KioskPage
    from consent_app.ui.context import AppContext

    ctx = AppContext(tmp_path)
    kiosk = KioskPage(ctx)
    qtbot.addWidget(kiosk)
    try:
        i18n.set_language(language)
        kiosk.retranslate()
        for index in range(kiosk.screens.count()):
            screen = kiosk.screens.widget(index)
            keys = _mnemonics(screen)
            assert len(keys) == len(set(keys)), (screen.objectName(), keys)
        signature = _mnemonics(kiosk.signature)
        assert len(signature) == 4  # Back, Clear, Undo, Confirm: all reachable from the keyboard
    finally:
        i18n.set_language("en")
        ctx.close()


def test_signature_placeholder_is_large(qtbot):
    from PySide6.QtGui import QImage

    from consent_app.ui.signature_pad import SignaturePad

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(800, 300)
    pad.hint_point_size = 20
    pad.set_hint("Sign here")
    image = QImage(pad.size(), QImage.Format.Format_RGB32)
    pad.render(image)
    # the placeholder's ink spans a height of at least ~20 px (it was ~10 px)
    rows = [y for y in range(image.height())
            if any(image.pixelColor(x, y).value() < 150 for x in range(250, 550, 2))]
    assert rows
    assert max(rows) - min(rows) >= 18


def test_terms_show_names_headings_and_marks_not_ids():
    from consent_app.ui.terms_view import terms_html

    html = terms_html("TERMS (version 1)\n\n1. What this is about\nText.\n"
                      "[x] Generate new images (face_generation)\n      Make new pictures.\n"
                      "[ ] Swap faces (face_swap)\n      Put a face on a body.\n\n"
                      "3. Where\n- Valid from A until B\n- Territory: CN\n")
    assert "<h2>TERMS (version 1)</h2>" in html
    assert "<h3>1. What this is about</h3>" in html
    assert "face_generation" not in html
    assert "face_swap" not in html
    assert "<b>Generate new images</b>" in html
    assert "✔" in html
    assert "✗" in html
    assert "<li>Territory: CN</li>" in html
