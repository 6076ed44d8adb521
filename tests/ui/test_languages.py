"""The app starts in the system's language and the first-run setup offers both languages."""

from __future__ import annotations

import re

import pytest

from consent_app.ui import i18n

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("locale_name", "expected"), [
    ("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh", "zh_CN"), ("en_US", "en"), ("de_DE", "en"), ("C", "en"),
])
def test_the_system_locale_picks_the_language(locale_name, expected):
    assert i18n.system_language(locale_name) == expected


def test_start_up_language_order_command_line_then_last_used_then_system():
    assert i18n.startup_language(None, None, "zh_CN") == "zh_CN"  # first run: the system's language
    assert i18n.startup_language(None, None, "en_GB") == "en"
    assert i18n.startup_language(None, "en", "zh_CN") == "en"  # the language last used wins over it
    assert i18n.startup_language("zh_CN", "en", "en_US") == "zh_CN"  # --language wins over both
    assert i18n.startup_language(None, "fr", "zh_CN") == "zh_CN"  # an unknown saved value is ignored


def test_first_run_setup_offers_both_languages_and_switches(qtbot, make_shell, tmp_path):
    shell = make_shell(tmp_path / "studio")
    page = shell.page("setup")
    try:
        buttons = page.language_buttons
        assert set(buttons) == {"en", "zh_CN"}
        assert buttons["en"].isVisible()
        assert buttons["zh_CN"].isVisible()
        assert buttons["en"].isChecked()
        assert not buttons["zh_CN"].isChecked()
        assert not CJK.search(page.title.text())
        buttons["zh_CN"].click()
        assert i18n.current_language() == "zh_CN"
        assert buttons["zh_CN"].isChecked()
        assert not buttons["en"].isChecked()
        assert CJK.search(page.title.text()), page.title.text()
        assert CJK.search(page.create_button.text())
        buttons["en"].click()
        assert i18n.current_language() == "en"
        assert not CJK.search(page.title.text())
    finally:
        i18n.set_language("en")


def test_the_setup_page_starts_in_the_language_the_app_started_in(qtbot, make_shell, tmp_path):
    i18n.set_language(i18n.startup_language(None, None, "zh_CN"))  # what run_app does on a Chinese system
    try:
        shell = make_shell(tmp_path / "studio")
        page = shell.page("setup")
        assert page.language_buttons["zh_CN"].isChecked()
        assert CJK.search(page.title.text())
    finally:
        i18n.set_language("en")
