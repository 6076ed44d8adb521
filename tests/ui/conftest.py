"""Fixtures for the desktop UI tests (pytest-qt, offscreen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def english():
    from consent_app.ui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def make_shell(qtbot, english):
    """A Shell on a context for ``data_dir`` (optionally with an open store already)."""
    from PySide6.QtWidgets import QApplication
    from uihelpers import fast_argon2

    from consent_app.ui import theme
    from consent_app.ui.context import AppContext
    from consent_app.ui.shell import Shell

    made = []

    def make(data_dir, store=None, devices=None):
        theme.apply(QApplication.instance())
        ctx = AppContext(data_dir, devices=devices)
        ctx.argon2 = fast_argon2()
        if store is not None:
            ctx.set_store(store)
        shell = Shell(ctx)
        qtbot.addWidget(shell)
        shell.show()
        shell.start()
        made.append(ctx)
        return shell

    yield make
    for ctx in made:
        # the pool idle, then every result delivered (a task counts until its ``ended``, queued after its
        # result, arrives) while the shell's widgets still exist: a result delivered later, during another
        # test, would call into deleted widgets and fail that test
        ctx.runner.wait(120000)
        qtbot.waitUntil(lambda ctx=ctx: ctx.runner.active == 0, timeout=60000)
