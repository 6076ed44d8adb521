"""First run, unlock, sign-in, lockout, idle lock, audit view, settings and staff management."""

from __future__ import annotations

import json

from uihelpers import ADMIN_PASSWORD, sign_in


def test_first_run_setup_creates_a_store_and_signs_in(qtbot, make_shell, tmp_path, monkeypatch):
    data_dir = tmp_path / "studio"
    shell = make_shell(data_dir)
    assert shell.current_name == "setup"
    page = shell.page("setup")
    assert page.passphrase_warning.isVisible()
    assert "cannot be opened" in page.passphrase_warning.text()  # a lost passphrase means lost data
    page.studio.setText("Harbour Studio")
    page.username.setText("boss")
    page.password.setText("long enough pw")
    page.password2.setText("long enough pw!")
    page.passphrase.setText("pass phrase")
    page.passphrase2.setText("pass phrase")
    page.create_button.click()
    assert "differ" in page.errors["password2"].text()
    page.password2.setText("long enough pw")
    assert page.errors["password2"].text() == "", "the error clears once the field is edited"
    page.create_button.click()
    assert "too weak" in page.errors["passphrase"].text()  # 11 characters, 2 words: the core's rule
    assert not (data_dir / "consent.db").exists()
    page.passphrase.setText("pass phrase for the harbour")
    page.passphrase2.setText("pass phrase for the harbour")
    page.create_button.click()
    # no second login: the admin is signed in and sees the checklist
    qtbot.waitUntil(lambda: page.pages.currentWidget() is page.checklist, timeout=60000)
    assert shell.current_name == "setup"
    assert (data_dir / "consent.db").exists()
    assert shell.ctx.studio.name == "Harbour Studio"
    assert "Harbour Studio" in shell.windowTitle()
    assert shell.ctx.member.username == "boss"
    assert shell.ctx.member.is_admin
    checklist = page.checklist
    assert set(checklist.buttons) == {"staff", "devices", "keys", "backup"}
    assert "daily" in checklist.texts["status"].text()
    # the recovery backup, through its real button
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "backup" / "consent.db"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    checklist.buttons["backup"].click()
    qtbot.waitUntil(lambda: "Backup saved" in checklist.message.text()
                    or checklist.message.property("level") == "error", timeout=60000)
    assert out.exists(), checklist.message.text()
    # each item leads where it is done
    checklist.buttons["staff"].click()
    assert shell.current_name == "main"
    settings = shell.page("main").view(2)
    assert settings.tabs.currentWidget() is settings.staff
    with shell.ctx.store.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert "auth.login" in actions  # the admin's sign-in is audited like any other


def test_setup_shows_every_problem_at_once_beside_its_field(qtbot, make_shell, tmp_path):
    shell = make_shell(tmp_path / "studio")
    page = shell.page("setup")
    page.studio.setText("")
    page.username.setText("bad name!")
    page.password.setText("short")
    page.password2.setText("short")
    page.passphrase.setText("")
    page.create_button.click()
    assert "needs a name" in page.errors["studio"].text()
    assert "letters" in page.errors["username"].text()
    assert "10 characters" in page.errors["password"].text()
    assert "passphrase" in page.errors["passphrase"].text()
    assert page.focusWidget() is page.studio  # the first field with a problem
    assert not (tmp_path / "studio" / "consent.db").exists()
    # only a too-short password: focus goes to the password, not to the studio name, and nothing is erased
    page.studio.setText("S")
    page.username.setText("admin")
    page.passphrase.setText("a good long passphrase")
    page.passphrase2.setText("a good long passphrase")
    page.password.setFocus()
    page.studio.setFocus()
    page.create_button.click()
    assert list(k for k, e in page.errors.items() if e.text()) == ["password"]
    assert page.focusWidget() is page.password
    assert page.studio.text() == "S"
    assert page.password.text() == "short"
    # showing the errors moved no control
    y = page.create_button.mapTo(page, page.create_button.rect().topLeft()).y()
    page.password.setText("long enough password")
    page.password2.setText("long enough password")
    assert page.create_button.mapTo(page, page.create_button.rect().topLeft()).y() == y


def test_unlock_wrong_then_right_passphrase(qtbot, make_shell, store):
    data_dir = store.data_dir
    store.close()
    shell = make_shell(data_dir)
    assert shell.current_name == "unlock"
    page = shell.page("unlock")
    page.passphrase.setText("not it")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: "wrong passphrase" in page.message.text(), timeout=60000)
    page.passphrase.setText("test passphrase")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: shell.current_name == "login", timeout=60000)


def test_lockout_message_comes_from_the_core(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    login = shell.page("login")
    for _ in range(5):
        login.username.setText("op")
        login.password.setText("wrong password!")
        login.sign_in.click()
        qtbot.waitUntil(lambda: login.sign_in.isEnabled() and login.message.isVisible(), timeout=60000)
    assert "locked" in login.message.text()
    login.username.setText("op")
    login.password.setText("operator password 1")
    login.sign_in.click()
    qtbot.waitUntil(lambda: login.sign_in.isEnabled(), timeout=60000)
    assert shell.current_name == "login"
    assert "locked" in login.message.text()


def test_idle_timeout_locks_and_the_same_user_resumes(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    assert shell.idle.active
    main = shell.page("main")
    main.nav.setCurrentRow(1)  # audit view
    shell.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: shell.current_name == "login", timeout=60000)
    login = shell.page("login")
    assert login.locked
    assert login.username.isReadOnly()
    login.password.setText("wrong password!")
    login.sign_in.click()
    qtbot.waitUntil(lambda: login.message.isVisible(), timeout=60000)
    assert shell.current_name == "login"
    login.password.setText(ADMIN_PASSWORD)
    login.sign_in.click()
    qtbot.waitUntil(lambda: shell.current_name == "main", timeout=60000)
    assert main.nav.currentRow() == 1


def test_input_to_any_window_of_the_app_restarts_the_idle_timer(qtbot, make_shell, store):
    """The idle watcher filters the app's windows (every input event reaches its window first), not
    every event of every widget."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog

    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    window = shell.windowHandle()
    assert window is not None
    shell.idle._timer.stop()
    QTest.keyClick(window, Qt.Key.Key_Shift)
    qtbot.waitUntil(lambda: shell.idle.active, timeout=60000)
    shell.idle._timer.stop()
    QTest.mouseMove(window, QPoint(40, 40))
    qtbot.waitUntil(lambda: shell.idle.active, timeout=60000)
    # a dialog's own window too: typing in it is activity
    dialog = QDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle(), timeout=60000)
    shell.idle._timer.stop()
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
    qtbot.waitUntil(lambda: shell.idle.active, timeout=60000)
    dialog.close()


def test_audit_view_lists_and_verifies_the_chain(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(1)
    audit_view = main.view(1)
    qtbot.waitUntil(lambda: audit_view.model.rowCount() > 3, timeout=60000)
    actions = {row[3] for row in audit_view.model.rows}
    assert {"studio created", "staff account created", "signed in"} <= actions  # actions by their names
    audit_view.verify_button.click()
    qtbot.waitUntil(lambda: audit_view.message.isVisible() and "intact" in audit_view.message.text(),
                    timeout=60000)
    # tamper with one entry: the view reports where the chain breaks
    with store.transaction() as tx:  # an attacker with the key, bypassing the append-only triggers
        tx.execute("DROP TRIGGER audit_no_update")
        tx.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 2")
    audit_view.verify_button.click()
    qtbot.waitUntil(lambda: "broken" in audit_view.message.text(), timeout=60000)
    assert "entry 2" in audit_view.message.text()


def test_settings_thresholds_staff_and_keys(qtbot, make_shell, store, tmp_path):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(2)
    settings_view = main.view(2)
    thresholds = settings_view.thresholds
    settings_view.tabs.setCurrentWidget(thresholds)
    qtbot.waitUntil(lambda: abs(thresholds.face.value() - 0.5) < 1e-6, timeout=60000)
    thresholds.face.setValue(0.45)
    thresholds.save.click()
    qtbot.waitUntil(lambda: thresholds.message.isVisible(), timeout=60000)
    assert thresholds.message.property("level") == "ok", thresholds.message.text()
    from consent_app import settings

    with store.read() as conn:
        assert settings.get(conn, "face.match_threshold") == 0.45
        changes = conn.execute("SELECT count(*) FROM audit WHERE action = 'settings.change'").fetchone()[0]
    assert changes == 1

    staff_tab = settings_view.staff
    settings_view.tabs.setCurrentWidget(staff_tab)
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 2, timeout=60000)
    staff_tab.username.setText("newbie")
    staff_tab.display_name.setText("New Person")
    staff_tab.password.setText("newbie password")
    staff_tab.add.click()
    qtbot.waitUntil(lambda: staff_tab.model.rowCount() == 3, timeout=60000)
    staff_tab.username.setText("newbie")
    staff_tab.password.setText("another password")
    staff_tab.add.click()
    qtbot.waitUntil(lambda: "already exists" in staff_tab.message.text(), timeout=60000)

    keys_tab = settings_view.keys
    settings_view.tabs.setCurrentWidget(keys_tab)
    qtbot.waitUntil(lambda: keys_tab.model.rowCount() == 1, timeout=60000)
    keys_tab.rotate.click()  # asks for confirmation first
    assert keys_tab.model.rowCount() == 1
    keys_tab.rotate.click()
    qtbot.waitUntil(lambda: keys_tab.model.rowCount() == 2, timeout=60000)
    out = tmp_path / "studio.jwks"
    keys_tab.message.clear_message()
    keys_tab.export_to(out)
    qtbot.waitUntil(lambda: not keys_tab.message.isHidden(), timeout=60000)
    assert out.exists(), keys_tab.message.text()
    assert len(json.loads(out.read_text())["keys"]) == 2


def test_language_switch_in_settings_retranslates_everything(qtbot, make_shell, store):
    from consent_app.ui import i18n

    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    main = shell.page("main")
    main.nav.setCurrentRow(2)
    general = main.view(2).general
    general.language.setCurrentIndex(general.language.findData("zh_CN"))
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "当事人", timeout=60000)
    assert i18n.current_language() == "zh_CN"
    assert "新建采集" in main.new_session.text()
    assert main.view(2).tabs.tabText(0).startswith("常规")
    general.language.setCurrentIndex(general.language.findData("en"))
    qtbot.waitUntil(lambda: main.nav.item(0).text() == "Subjects", timeout=60000)


def test_operator_cannot_reach_admin_settings(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell, "op", "operator password 1")
    main = shell.page("main")
    main.nav.setCurrentRow(2)
    settings_view = main.view(2)
    assert not settings_view.thresholds.save.isEnabled()
    assert not settings_view.tabs.isTabVisible(3)
    assert not settings_view.keys.rotate.isEnabled()
