"""Walk every screen of the app (used by the i18n test and the Xvfb screenshot script).

``walk(workdir, faces_dir, visit, names=...)`` builds a studio, seeds one complete consent through
the core's demo seed, then goes through setup, unlock, login, the console (subjects, subject
detail, dialogs, audit, settings tabs), the lock screen, and a capture session through every
wizard step and every kiosk screen, calling ``visit(name, window)`` on each.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from uihelpers import ADMIN_PASSWORD, draw_signature, fast_argon2

PASSPHRASE = "walkthrough passphrase"


def wait_until(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state in time")
        QTest.qWait(20)


def settle(ms: int = 120) -> None:
    QTest.qWait(ms)
    QCoreApplication.processEvents()


def show_core_error(wizard, step, visit, name: str, window) -> None:
    """Press Next while the step is incomplete: the core's refusal shows, worded in the UI's language."""
    wait_until(lambda: not wizard.busy.pending)  # the wizard takes Next once its work is delivered
    step.message.clear_message()
    wizard.next_button.click()
    wait_until(lambda: not step.message.isHidden() and not wizard.busy.pending)  # the refusal delivered
    settle(200)
    visit(name, window)


def record_still_liveness(flow) -> None:
    """Run the face core's liveness checker on the drawn challenge with a face that never moves (a photo),
    and keep its failed result in the flow, bound to the captured face."""
    import sys
    from dataclasses import replace

    from consent_app.biometrics.face.liveness import Challenge, LivenessChecker
    from consent_app.session.biometrics import liveness_from_result

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "face"))
    from facehelpers import synth_landmarks

    drawn = flow.draw_challenge()
    checker = LivenessChecker(Challenge(tuple(drawn.actions), drawn.nonce))
    for k in range(400):
        checker.feed(k / 30, synth_landmarks(0.0, 0.0, 1.0))
    result = liveness_from_result(checker.finish())
    flow.record_liveness(replace(result, face_template_sha256=flow.face.template.sha256))


def blank_image(path: Path) -> None:
    """A photo with no face in it (a grey card)."""
    from PIL import Image

    Image.new("RGB", (640, 420), (180, 186, 190)).save(path)


def make_studio(data_dir: Path, faces_dir: Path, studio_name: str, subject_name: str):
    """A demo studio with one completed consent (through the core's demo seed), closed again."""
    from consent_app import demo, staff
    from consent_app.setup import initialize

    store = initialize(data_dir, studio_name=studio_name, admin_username="admin",
                       admin_password=ADMIN_PASSWORD, passphrase=PASSPHRASE, demo=True, argon2=fast_argon2())
    with store.transaction() as tx:
        staff.create(tx, "op", "operator password 1", staff.Role.OPERATOR, actor="admin")
    with store.read() as conn:
        admin = staff.get(conn, "admin")
    demo.seed(store, admin, face=faces_dir / "obama2.jpg", id_photo=faces_dir / "obama.jpg",
              name=subject_name)
    store.close()


def walk(workdir: Path, faces_dir: Path, visit, *, studio_name: str = "Demo Studio",
         subject_name: str = "Ada Example", language: str = "en") -> None:
    from PySide6.QtWidgets import QApplication

    from consent_app.ui import i18n, theme
    from consent_app.ui.context import AppContext, DeviceChoice
    from consent_app.ui.shell import Shell

    app = QApplication.instance()
    theme.apply(app)
    i18n.set_language(language)
    settle()

    # -- first run ----------------------------------------------------------------------------
    ctx0 = AppContext(workdir / "fresh")
    ctx0.argon2 = fast_argon2()
    setup_shell = Shell(ctx0)
    setup_shell.show()
    setup_shell.start()
    settle(300)
    visit("setup", setup_shell)
    setup = setup_shell.page("setup")
    setup.password.setText("short")
    setup.create_button.click()
    settle(200)
    visit("setup_errors", setup_shell)
    setup.studio.setText(studio_name)
    setup.password.setText(ADMIN_PASSWORD)
    setup.password2.setText(ADMIN_PASSWORD)
    setup.passphrase.setText(PASSPHRASE)
    setup.passphrase2.setText(PASSPHRASE)
    setup.create_button.click()
    wait_until(lambda: setup.pages.currentWidget() is setup.checklist)
    settle(300)
    visit("setup_checklist", setup_shell)
    ctx0.runner.wait(20000)
    setup_shell.close()

    # -- an existing studio: unlock, sign in, the console ------------------------------------------
    data_dir = workdir / "studio"
    make_studio(data_dir, faces_dir, studio_name, subject_name)
    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg",
                           demo_images=[faces_dir / "obama.jpg", faces_dir / "obama2.jpg"])
    ctx = AppContext(data_dir, devices=devices)
    shell = Shell(ctx)
    shell.resize(1280, 820)
    shell.show()
    shell.start()
    settle(300)
    visit("unlock", shell)
    unlock = shell.page("unlock")
    unlock.passphrase.setText("not the passphrase")
    unlock.unlock_button.click()
    wait_until(lambda: not unlock.message.isHidden())
    settle(200)
    visit("unlock_wrong_passphrase", shell)
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    wait_until(lambda: shell.current_name == "login")
    settle(300)
    visit("login", shell)
    login = shell.page("login")
    login.username.setText("admin")
    login.password.setText("not the password")
    login.sign_in.click()
    wait_until(lambda: not login.message.isHidden())
    settle(200)
    visit("login_wrong_password", shell)
    login.password.setText(ADMIN_PASSWORD)
    login.sign_in.click()
    wait_until(lambda: shell.current_name == "main")
    main = shell.page("main")
    subjects = main.view(0)
    wait_until(lambda: subjects.list.model.rowCount() == 1)
    settle(300)
    visit("subjects", shell)
    subjects.list.table.selectRow(0)
    subjects.list.open_button.click()
    detail = subjects.detail
    wait_until(lambda: detail.consents_model.rowCount() == 1)
    settle(300)
    visit("subject_detail", shell)
    detail.tabs.setCurrentIndex(2)
    settle()
    visit("subject_verifications", shell)
    detail.tabs.setCurrentIndex(0)
    detail.consents_table.selectRow(0)
    dialog = detail.export_token()
    settle(300)
    visit("token_dialog", dialog)
    dialog.out.setText(str(workdir / "no-such-folder" / "token.jwt"))  # the core refuses the folder
    dialog.submit()
    wait_until(lambda: not dialog.message.isHidden())
    settle(200)
    visit("token_export_error", dialog)
    dialog.close()
    dialog = detail.withdraw()
    settle(300)
    visit("withdraw_dialog", dialog)
    dialog.close()
    dialog = detail.erase_biometrics()
    settle(300)
    visit("erase_dialog", dialog)
    dialog.close()

    main.nav.setCurrentRow(1)
    audit_view = main.view(1)
    wait_until(lambda: audit_view.model.rowCount() > 5)
    audit_view.verify_button.click()
    wait_until(lambda: not audit_view.message.isHidden())
    settle(300)
    visit("audit", shell)
    for action, name in (("consent.create", "audit_entry_consent"),
                         ("session.identity_override", "audit_entry_override")):
        assert audit_view.select_entry(action), (action, {e[3] for e in audit_view.model.keys})
        wait_until(lambda: bool(audit_view.details.rows()))
        settle(200)
        visit(name, shell)

    main.nav.setCurrentRow(2)
    settings_view = main.view(2)
    for index, name in enumerate(("settings_general", "settings_devices", "settings_thresholds",
                                  "settings_staff", "settings_keys")):
        settings_view.tabs.setCurrentIndex(index)
        settle(400)
        visit(name, shell)

    shell.lock()
    settle(300)
    visit("locked", shell)
    login.password.setText(ADMIN_PASSWORD)
    login.sign_in.click()
    wait_until(lambda: shell.current_name == "main")

    # -- a capture session through every step --------------------------------------------------------
    main.nav.setCurrentRow(0)
    main.new_session.click()
    wizard = shell.page("capture")
    settle(300)
    visit("wizard_subject", shell)
    show_core_error(wizard, wizard.subject_step, visit, "wizard_subject_no_name", shell)  # no name yet
    wizard.subject_step.name.setText(subject_name)
    wizard.subject_step.language.setCurrentIndex(1 if language == "zh_CN" else 0)
    wizard.next_button.click()
    wait_until(lambda: wizard.current_key() == "id_document" and not wizard.busy.pending)  # Next taken again
    show_core_error(wizard, wizard.id_step, visit, "wizard_id_missing", shell)  # no ID document yet
    blank = workdir / "no-portrait.png"
    blank_image(blank)
    wizard.id_step.message.clear_message()
    wizard.id_step.use_file(blank)
    wait_until(lambda: not wizard.id_step.message.isHidden())
    settle(200)
    visit("wizard_id_no_portrait", shell)
    wizard.id_step.use_file(faces_dir / "obama.jpg")
    wait_until(lambda: wizard.flow.id_document is not None and bool(wizard.id_step.result.text())
               and not wizard.busy.pending)  # the wizard takes Next once its work is delivered
    settle(300)
    visit("wizard_id_document", shell)
    wizard.next_button.click()
    wait_until(lambda: wizard.current_key() == "live_face")
    face = wizard.face_step
    wait_until(lambda: face.preview.paints > 3 and face.preview.result is not None)
    face.capture()
    wait_until(lambda: "0." in face.match.text())  # the card's score line
    settle(400)
    visit("wizard_live_face", shell)
    record_still_liveness(wizard.flow)  # a photo held to the camera: the core's coded failure
    face.refresh()
    wait_until(lambda: "liveness_failed" in face.card.state)
    settle(200)
    visit("wizard_liveness_failed", shell)
    face.reason.setText("short")
    face.message.clear_message()
    face.override_button.click()
    wait_until(lambda: not face.message.isHidden())
    settle(200)
    visit("wizard_override_reason_short", shell)
    face.reason.setText("walkthrough: no live camera for the liveness challenge" if language == "en"
                        else "演示：没有摄像头可做活体挑战")  # staff type it in their own language
    face.admin_password.setText(ADMIN_PASSWORD)
    face.override_button.click()
    wait_until(lambda: wizard.flow.override is not None and not face.override.isVisible()
               and not wizard.busy.pending)
    wizard.next_button.click()
    wait_until(lambda: wizard.current_key() == "voice" and not wizard.busy.pending)
    settle(300)
    visit("wizard_voice", shell)
    wizard.voice_step.skip.click()
    wait_until(lambda: wizard.current_key() == "consent_form")
    form = wizard.form_step
    form.kiosk_button.click()  # nothing filled in yet: the core names what is missing
    wait_until(lambda: not form.message.isHidden())
    settle(200)
    visit("wizard_form_incomplete", shell)
    form.project.setText("Blue River" if language == "en" else "蓝河")
    form.purpose.setText("de-ageing in flashback scenes" if language == "en" else "回忆场景中的减龄处理")
    form.withdrawal.setText("consent@studio.example")
    settle(300)
    visit("wizard_consent_form", shell)
    form.kiosk_button.click()
    kiosk = shell.page("kiosk")
    settle(300)
    visit("kiosk_welcome", shell)
    kiosk.w_start.click()
    settle(200)
    visit("kiosk_not_offered", shell)
    kiosk.u_next.click()
    settle(200)
    visit("kiosk_category", shell)
    for _ in range(len(kiosk.offered)):
        cat = kiosk.current_category
        (kiosk.c_yes if cat in ("face_generation", "face_attribute_edit") else kiosk.c_no).click()
    wait_until(lambda: kiosk.screens.currentWidget() is kiosk.terms)
    settle(300)
    visit("kiosk_terms", shell)
    kiosk.t_ok.click()
    wait_until(lambda: kiosk.screens.currentWidget() is kiosk.summary)
    settle(300)
    visit("kiosk_summary", shell)
    kiosk.s_sign.click()
    wait_until(lambda: kiosk.screens.currentWidget() is kiosk.signature)
    settle()
    draw_signature(kiosk.pad)
    settle()
    visit("kiosk_signature", shell)
    kiosk.g_ok.click()
    wait_until(lambda: kiosk.screens.currentWidget() is kiosk.handback)
    settle()
    visit("kiosk_handback", shell)
    kiosk.h_password.setText(ADMIN_PASSWORD)
    kiosk.h_ok.click()
    wait_until(lambda: shell.current_name == "capture" and wizard.current_key() == "staff_countersign")
    i18n.set_language(language)
    settle(300)
    counter = wizard.countersign_step
    draw_signature(counter.pad, loops=5)
    settle()
    visit("wizard_countersign", shell)
    counter.finish.click()
    wait_until(lambda: wizard.current_key() == "complete")
    settle(300)
    visit("wizard_receipt", shell)
    wizard.receipt_step.done.click()
    settle()
    ctx.runner.wait(20000)
    shell.close()
    ctx.close()
    ctx0.close()
