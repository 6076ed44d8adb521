"""Helpers shared by the UI tests (the values match tests/conftest.py's store fixture)."""

from __future__ import annotations

ADMIN_PASSWORD = "correct horse battery"
OPERATOR_PASSWORD = "operator password 1"


def fast_argon2():
    from consent_app.store.keys import Argon2Params

    return Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def sign_in(qtbot, shell, username="admin", password=ADMIN_PASSWORD):
    login = shell.page("login")
    qtbot.waitUntil(lambda: shell.current_name == "login", timeout=10000)
    login.username.setText(username)
    login.password.setText(password)
    login.sign_in.click()
    qtbot.waitUntil(lambda: shell.current_name == "main", timeout=10000)
