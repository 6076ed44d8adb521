"""A hidden page of a stack is not measured: only the shown page gives the stack its height for a width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def _page(text: str):
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from consent_app.ui.common import StackPage

    class Page(StackPage, QWidget):
        pass

    page = Page()
    label = QLabel(text, page)
    label.setWordWrap(True)
    QVBoxLayout(page).addWidget(label)
    return page


def test_only_the_shown_page_has_a_height_for_a_width(qtbot):
    from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    stack = QStackedWidget(window)
    layout = QVBoxLayout(window)
    layout.addWidget(stack, 1)
    layout.addWidget(QLabel("footer", window))
    short, long = _page("a short page"), _page("a long word-wrapped text " * 300)
    stack.addWidget(short)
    stack.addWidget(long)
    window.resize(500, 300)
    window.show()
    qtbot.waitExposed(window)

    assert long.isHidden()
    assert long.heightForWidth(400) == -1  # hidden: nothing to measure
    assert short.heightForWidth(400) > 0
    short_height = stack.heightForWidth(400)
    assert short_height == short.heightForWidth(400)

    stack.setCurrentWidget(long)
    assert short.heightForWidth(400) == -1
    long_height = long.heightForWidth(400)
    assert long_height > 5 * short_height
    qtbot.waitUntil(lambda: stack.heightForWidth(400) == long_height)
    # the window's layout follows the page shown
    qtbot.waitUntil(lambda: layout.totalHeightForWidth(400) > long_height)


def test_the_wizard_measures_only_its_current_step(qtbot, tmp_path):
    from uihelpers import fast_argon2

    from consent_app.setup import initialize
    from consent_app.ui.capture.wizard import PAGES, CaptureWizard
    from consent_app.ui.context import AppContext

    store = initialize(tmp_path / "studio", studio_name="T", admin_username="admin",
                       admin_password="a long admin password", passphrase="a long passphrase",
                       argon2=fast_argon2())
    ctx = AppContext(store.data_dir)
    ctx.set_store(store)
    wizard = CaptureWizard(ctx)
    qtbot.addWidget(wizard)
    for key in PAGES:
        wizard.page(key)
    wizard.stack.setCurrentWidget(wizard.page("complete"))
    wizard.resize(1000, 700)
    wizard.show()
    qtbot.waitExposed(wizard)
    current = wizard.page("complete")
    assert current.heightForWidth(900) > 0
    hidden = [key for key, page in wizard.pages.items() if page is not current]
    assert len(hidden) == len(PAGES) - 1
    assert all(wizard.pages[key].heightForWidth(900) == -1 for key in hidden)
    store.close()


def test_the_kiosk_measures_only_its_current_screen(qtbot, tmp_path):
    from consent_app.ui.capture.kiosk import KioskPage
    from consent_app.ui.context import AppContext

    kiosk = KioskPage(AppContext(tmp_path))
    qtbot.addWidget(kiosk)
    kiosk.resize(1200, 800)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    current = kiosk.screens.currentWidget()
    screens = [kiosk.screens.widget(i) for i in range(kiosk.screens.count())]
    assert len(screens) >= 8
    assert current.heightForWidth(1000) > 0
    assert all(screen.heightForWidth(1000) == -1 for screen in screens if screen is not current)
