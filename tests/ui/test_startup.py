"""The first screen paints without what it does not need; what was left out still comes when needed.

``bench/startup.py`` times the first paint of the unlock screen against a bare PySide6 window. Before
that paint the app does not import the store (SQLCipher, the audit trail, the migrations: ~25 ms) nor
load PySide6's ``Qt`` namespace (its ~100 enums: ~15 ms); the unlock screen is still the real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

#: Runs the app as ``consent-app --data-dir DIR`` with the bench's probe and reports, at its first
#: paint, what was loaded and what the window shows.
AT_FIRST_PAINT = r"""
import json, sys
import PySide6.QtCore as QtCore
from consent_app.ui import app as app_module

plain = app_module._FirstPaint.__init__

def probe(self, app, callback):
    def at_first_paint():
        from PySide6.QtWidgets import QApplication
        shell = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "Shell")
        page = shell.stack.currentWidget()
        print(json.dumps({
            "store": "consent_app.store" in sys.modules,
            "qt_namespace": "Qt" in vars(QtCore),
            "socket": "socket" in sys.modules,
            "screen": shell.current_name,
            "passphrase_shown": page.passphrase.isVisibleTo(shell),
            "title": page.title.text(),
            "button": page.unlock_button.text(),
            "primary": page.unlock_button.property("primary"),
        }), flush=True)
        callback()
    plain(self, app, at_first_paint)

app_module._FirstPaint.__init__ = probe
from consent_app.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_the_unlock_screen_paints_before_the_store_and_the_qt_namespace_load(tmp_path):
    from uihelpers import fast_argon2

    from consent_app.setup import initialize

    data = tmp_path / "studio"
    initialize(data, studio_name="Start Studio", admin_username="admin", admin_password="start password",
               passphrase="start passphrase", argon2=fast_argon2()).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(QT_QPA_PLATFORM="offscreen", CONSENT_APP_STARTUP_PROBE="1", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, str(data)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    seen = json.loads(lines[0])
    assert lines[1].startswith("painted")
    # the real unlock screen: the store's envelope was read (it asks for the passphrase), in English
    assert seen["screen"] == "unlock"
    assert seen["passphrase_shown"] is True
    assert seen["title"] == "Unlock the consent database"
    assert (seen["button"], seen["primary"]) == ("&Unlock", True)
    assert seen["store"] is False, "the store is imported after the first paint (on the task helper)"
    assert seen["qt_namespace"] is False, "PySide6's Qt namespace is loaded after the first paint"
    if os.name == "posix":
        assert seen["socket"] is False, "the signal guard wakes the loop through a pipe"


def test_the_first_store_installs_the_publication_after_revocations(qtbot, store, monkeypatch):
    """The app no longer installs the hook at start (that imported the store): the first store it is
    given does, so a withdrawal in the app still publishes a fresh status list at once."""
    from consent_app.duties.publish import publish_after_revocation
    from consent_app.store import Store
    from consent_app.ui.context import AppContext

    monkeypatch.setattr(Store, "revocation_hook", None)
    ctx = AppContext(store.data_dir)
    ctx.set_store(None)
    assert Store.revocation_hook is None
    ctx.set_store(store)
    assert Store.revocation_hook is publish_after_revocation
    ctx.store = None  # the fixture closes it


def test_a_message_is_selectable_and_centred_in_its_slot(qtbot):
    """The message bar sets its alignment and selectable text with its first message (not when made)."""
    from PySide6.QtCore import Qt

    from consent_app.ui.common import MessageBar

    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.error("wrong passphrase: it does not unlock this store")
    assert bar.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert bar.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    bar.clear_message()
    bar.info("again")
    assert bar.alignment() == Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@pytest.mark.parametrize("kind", ["primary", "danger"])
def test_a_new_marked_button_is_drawn_in_its_style_when_shown(qtbot, kind):
    """``primary``/``danger`` only set the property (no re-polish): the style sheet still applies it."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

    from consent_app.ui import common, theme

    theme.apply(QApplication.instance())
    page = QWidget()
    qtbot.addWidget(page)
    button = getattr(common, kind)(QPushButton("Go", page))
    plain = QPushButton("Go", page)
    layout = QVBoxLayout(page)
    layout.addWidget(button)
    layout.addWidget(plain)
    page.show()
    qtbot.waitExposed(page, timeout=60000)
    marked, other = button.grab().toImage(), plain.grab().toImage()
    if kind == "primary":  # filled with the accent colour
        assert marked.pixelColor(6, marked.height() // 2) == QColor(theme.ACCENT)
        assert other.pixelColor(6, other.height() // 2) != QColor(theme.ACCENT)
    else:  # a border in the danger colour
        colours = {marked.pixelColor(x, marked.height() // 2).name() for x in range(4)}
        assert QColor(theme.DANGER).name() in colours
        assert QColor(theme.DANGER).name() not in {other.pixelColor(x, other.height() // 2).name()
                                                   for x in range(4)}
