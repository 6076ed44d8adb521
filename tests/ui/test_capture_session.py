"""A complete capture session driven through the wizard and the kiosk, then checked in the database.

Camera and microphone are file-backed (the shared photos and voice clips); everything else is
real: face detection and matching, the liveness check, the signed record, the token.
"""

from __future__ import annotations

import json

import pytest
from uihelpers import ADMIN_PASSWORD, draw_signature, sign_in, to_live_face

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]

LONG = 60000


@pytest.fixture
def store(demo_store):
    """A file stands in for the camera and the microphone only in a demo studio (issue 12): these
    sessions run on a demo store; ``test_a_real_studio_refuses_a_file_camera`` covers the other case."""
    return demo_store


@pytest.fixture
def session_shell(qtbot, make_shell, store, faces_dir, voices_dir):
    from consent_app.ui.context import DeviceChoice

    speaker = sorted(p for p in (voices_dir / "speakers").iterdir() if p.is_dir())[0]
    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg",
                           voice_files=sorted(speaker.glob("*.flac"))[:2],
                           demo_images=[faces_dir / "obama.jpg"])
    shell = make_shell(store.data_dir, store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    assert shell.current_name == "capture"
    return shell


def _to_live_face(qtbot, wizard, faces_dir):
    face = to_live_face(qtbot, wizard, faces_dir, timeout=LONG)
    qtbot.waitUntil(lambda: face.preview.paints > 3 and face.preview.result is not None, timeout=LONG)
    assert face.preview.result.boxes, "the preview shows the face box"
    face.capture()
    qtbot.waitUntil(lambda: (wizard.flow.identity is not None or face.message.isVisible())
                    and not wizard.busy.pending, timeout=LONG)
    assert wizard.flow.identity is not None, face.message.text()
    return face


def test_complete_session_end_to_end(qtbot, session_shell, store, faces_dir, tmp_path, monkeypatch):
    shell = session_shell
    wizard = shell.page("capture")
    flow = wizard.flow
    face = _to_live_face(qtbot, wizard, faces_dir)
    assert flow.identity.match.match
    # one identity card: both photos, the verdicts in words (icon + colour), the score as a detail
    card = face.card
    # the photos are decoded off the GUI thread: wait until both are drawn
    qtbot.waitUntil(lambda: not card.id_photo.pixmap().isNull() and not card.live_photo.pixmap().isNull(),
                    timeout=30000)
    assert card.match_verdict.text().startswith("✔")
    assert "Match" in card.match_verdict.text()
    assert "distance" in card.score.text()
    assert "Liveness not checked yet" in card.liveness_verdict.text()
    assert not wizard.next_button.isEnabled()  # identity not passed, nothing overridden yet
    assert face.demo_note.isVisible()  # a recorded clip can never pass liveness: said so

    # a photo held to the camera cannot pass the liveness challenge ...
    face.start_challenge()
    qtbot.waitUntil(lambda: face.challenge_button.isEnabled() and (flow.liveness is not None
                                                                   or face.message.isVisible()), timeout=LONG)
    assert flow.liveness is not None, face.message.text()
    assert not flow.liveness.passed
    assert card.liveness_verdict.text().startswith("✖")
    assert "liveness_failed" in card.state
    assert not wizard.next_button.isEnabled()
    # ... so an administrator records an override with a reason and their password (audited at once)
    assert face.override.isVisible()
    face.reason.setText("ID checked in person; camera cannot do liveness")
    face.override_button.click()  # the signed-in admin's session is not enough: the password is asked
    qtbot.waitUntil(lambda: face.message.isVisible() and not wizard.busy.pending, timeout=LONG)
    assert flow.override is None
    face.admin_password.setText(ADMIN_PASSWORD)
    face.override_button.click()
    qtbot.waitUntil(lambda: flow.override is not None and not face.override.isVisible()
                    and not wizard.busy.pending, timeout=LONG)
    assert "overridden" in card.state
    assert card.override_verdict.text().startswith("⚠")
    assert wizard.next_button.isEnabled()

    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "voice" and not wizard.busy.pending, timeout=LONG)
    voice = wizard.voice_step
    voice.skip.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "consent_form", timeout=LONG)

    form = wizard.form_step
    form.project.setText("Blue River")
    form.purpose.setText("de-ageing in flashback scenes")
    form.withdrawal.setText("consent@studio.example")
    form.kiosk_button.click()
    assert shell.current_name == "kiosk"

    kiosk = shell.page("kiosk")
    assert not shell.page("main").isVisible()  # no staff control reachable
    kiosk.w_start.click()
    from consent_app.consent import categories
    from consent_app.ui.words import category_label

    # the voice categories cannot be offered (no voice sample): explained once, on one screen
    assert kiosk.screens.currentWidget() is kiosk.unoffered
    voice = [c.id for c in categories.CATEGORIES if c.modality == "voice"]
    assert all(category_label(c) in kiosk.u_text.text() for c in voice)
    assert "voice" in kiosk.u_text.text()
    kiosk.u_next.click()
    asked = []
    for _ in range(len(kiosk.offered)):
        assert kiosk.screens.currentWidget() is kiosk.category
        cat = kiosk.current_category
        asked.append(cat)
        # Yes and No carry the same weight: same style, neither is the default
        assert kiosk.c_yes.property("choice") is True
        assert kiosk.c_no.property("choice") is True
        assert not kiosk.c_yes.isDefault()
        assert not kiosk.c_no.isDefault()
        assert kiosk.c_yes.sizeHint().height() == kiosk.c_no.sizeHint().height()
        (kiosk.c_yes if cat in ("face_generation", "face_swap") else kiosk.c_no).click()
    assert asked == [c.id for c in categories.CATEGORIES if c.modality == "face"]
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.terms, timeout=LONG)
    assert "Blue River" in kiosk.t_text.toPlainText()
    kiosk.t_ok.click()
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.summary, timeout=LONG)
    assert "Blue River" in kiosk.s_text.toPlainText()
    kiosk.s_sign.click()
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.signature, timeout=LONG)
    # a dot is refused by the consent core with a clear message
    kiosk.g_ok.click()
    qtbot.waitUntil(lambda: kiosk.message.isVisible() and "empty" in kiosk.message.text(), timeout=LONG)
    draw_signature(kiosk.pad)
    assert kiosk.message.isHidden(), "the 'signature is empty' message goes once the subject signs"
    kiosk.g_ok.click()
    qtbot.waitUntil(lambda: kiosk.screens.currentWidget() is kiosk.handback, timeout=LONG)
    # only the password is asked for, so a wrong one is called a wrong password (not "username or")
    def failed_logins():
        with store.read() as conn:
            return conn.execute("SELECT count(*) FROM audit WHERE action = 'auth.login_failed'").fetchone()[0]

    failed_before = failed_logins()
    kiosk.h_password.setText("not the password")
    kiosk.h_ok.click()
    # a double tap: the screen takes no input until the answer is delivered (the second tap, with the
    # field already cleared, was a second failed sign-in counted towards the lockout)
    assert not kiosk.h_ok.isEnabled()
    kiosk.h_ok.click()
    qtbot.waitUntil(lambda: not kiosk.message.isHidden(), timeout=LONG)
    assert kiosk.h_ok.isEnabled()
    qtbot.waitUntil(lambda: not kiosk.busy.pending, timeout=LONG)
    assert failed_logins() == failed_before + 1, "the double tap was two sign-in attempts"
    assert "Wrong password for admin" in kiosk.message.text()
    assert "username" not in kiosk.message.text()
    assert kiosk.h_password.width() >= 400
    kiosk.h_password.setText(ADMIN_PASSWORD)
    assert kiosk.message.isHidden(), "typing the password again clears the message"
    kiosk.h_ok.click()
    qtbot.waitUntil(lambda: shell.current_name == "capture"
                    and wizard.current_key() == "staff_countersign", timeout=LONG)

    counter = wizard.countersign_step
    draw_signature(counter.pad, loops=5)
    counter.finish.click()
    assert not counter.finish.isEnabled(), "a second click would record the session a second time"
    counter.finish.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "complete" or counter.message.isVisible(), timeout=LONG)
    assert wizard.current_key() == "complete", counter.message.text()
    done = flow.completed

    receipt = wizard.receipt_step
    # "Consent recorded" says who, which categories and how long, not only ids and a hash
    from consent_app.ui.words import category_label

    assert "Ada Example" in receipt.details.text()
    assert category_label("face_swap") in receipt.details.text()  # plain text: shown as it reads
    assert "until" in receipt.details.text()
    assert done.record_hash not in receipt.details.text()
    assert done.record_hash in receipt.details.toolTip()
    pdf = tmp_path / "receipt.pdf"
    from PySide6.QtWidgets import QFileDialog

    # the real button (its clicked(bool) once reached save_receipt's path parameter)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(pdf), "")))
    receipt.receipt.click()
    qtbot.waitUntil(pdf.exists, timeout=LONG)
    assert pdf.read_bytes().startswith(b"%PDF")

    from consent_app.ui.consent_dialogs import TokenDialog

    with store.read() as conn:
        from consent_app import subjects as readmodel

        consent = readmodel.subject_detail(conn, done.subject_id).consents[0]
    dialog = TokenDialog(shell.ctx, consent)
    qtbot.addWidget(dialog)
    dialog.bind_boxes["face"].setChecked(True)
    token_path = tmp_path / "token.jwt"
    dialog.out.setText(str(token_path))
    dialog.export.click()
    qtbot.waitUntil(token_path.exists, timeout=LONG)

    # -- what the database holds -------------------------------------------------------------
    with store.read() as conn:
        row = conn.execute("SELECT subject_id, session_id, state, categories FROM consents WHERE id = ?",
                           (done.consent_id,)).fetchone()
        assert row[0] == done.subject_id
        assert row[2] == "active"
        assert conn.execute("SELECT count(*) FROM consents").fetchone() == (1,)
        assert json.loads(row[3]) == ["face_generation", "face_swap"]
        session_state = conn.execute("SELECT state FROM capture_sessions WHERE id = ?", (row[1],)).fetchone()
        assert session_state[0] == "completed"
        kinds = {r[0] for r in conn.execute("SELECT kind FROM evidence WHERE session_id = ?", (row[1],))}
        sample_kinds = {r[0] for r in conn.execute("SELECT kind FROM samples WHERE session_id = ?",
                                                   (row[1],))}
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
        tokens = conn.execute("SELECT consent_id, operations, bindings FROM tokens").fetchall()
    assert {"face", "id_document", "signature"} <= sample_kinds
    assert kinds, "evidence is stored with the session"
    assert "session.identity_override" in actions
    assert "token.issue" in actions
    assert any(a.startswith("consent.") for a in actions)
    assert tokens == [(done.consent_id, json.dumps(["face_generation", "face_swap"]), json.dumps(["face"]))]
    from consent_app.consent import records

    with store.read() as conn:
        assert records.get(conn, done.consent_id).verified

    # the token verifies offline with the studio's keys and status list
    from consent_app.tokens.keyset import export_jwks
    from consent_app.tokens.statuslists import export_status_lists
    from consent_app.verify import KeySet, StatusLists, Verifier

    def verifier():
        with store.transaction() as tx:
            keys = KeySet.from_jwks(export_jwks(tx))
            lists = "\n".join(export_status_lists(tx, "admin")).encode()
        return Verifier(keys, StatusLists.from_bytes(lists, keys))

    token = token_path.read_text().strip()
    assert verifier().decide(token, "face_swap").code == 0
    assert verifier().decide(token, "tts_voice_clone").code == 5

    # withdrawal from the subject's page: signed, audited, the token revoked
    from consent_app.ui.consent_dialogs import WithdrawDialog

    withdraw = WithdrawDialog(shell.ctx, consent)
    qtbot.addWidget(withdraw)
    withdraw.reason.setPlainText("the subject changed their mind")
    assert not withdraw.whole.isChecked(), "nothing is pre-selected"
    assert not withdraw.some.isChecked(), "nothing is pre-selected"
    withdraw.review_button.click()
    assert "Choose" in withdraw.message.text()
    assert withdraw.pages.currentIndex() == 0
    withdraw.whole.setChecked(True)
    assert withdraw.message.isHidden(), "the message clears once the choice is made"
    withdraw.review_button.click()
    qtbot.waitUntil(lambda: withdraw.pages.currentIndex() == 1 or not withdraw.message.isHidden(),
                    timeout=LONG)
    assert not withdraw.confirm.isHidden(), withdraw.message.text()
    # what will happen, before it happens: the token that will be revoked is named
    with store.read() as conn:
        token_id = conn.execute("SELECT id FROM tokens").fetchone()[0]
    assert token_id[:8] in withdraw.plan.text()
    assert verifier().decide(token, "face_swap").code == 0
    withdraw.confirm.click()
    qtbot.waitUntil(lambda: not withdraw.receipt.isHidden() or withdraw.message.property("level") == "error",
                    timeout=LONG)
    assert not withdraw.receipt.isHidden(), withdraw.message.text()
    assert verifier().decide(token, "face_swap").code == 6
    with store.read() as conn:
        assert conn.execute("SELECT state FROM consents").fetchone() == ("withdrawn",)

    # erasure of the biometric samples (admins): the signed record and the audit trail stay
    from consent_app.ui.consent_dialogs import EraseDialog

    erase = EraseDialog(shell.ctx, done.subject_id)
    qtbot.addWidget(erase)
    erase.confirm.click()
    assert "reason" in erase.message.text()
    erase.reason.setPlainText("the subject asked for it")
    erase.confirm.click()
    qtbot.waitUntil(lambda: "Erased" in erase.message.text(), timeout=LONG)
    assert erase.message.property("level") == "ok", erase.message.text()
    with store.read() as conn:
        left = conn.execute("SELECT count(*) FROM samples WHERE subject_id = ? AND data IS NOT NULL "
                            "AND kind != 'signature'", (done.subject_id,)).fetchone()[0]
        assert left == 0
        assert conn.execute("SELECT count(*) FROM consents WHERE subject_id = ?",
                            (done.subject_id,)).fetchone() == (1,)
        erasures = conn.execute("SELECT count(*) FROM audit WHERE action = 'subject.erase_biometrics'")
        assert erasures.fetchone()[0] == 1

    receipt.done.click()
    assert shell.current_name == "main"

    # the subjects list: search by name or id, filter by consent state. Each change loads on the task
    # helper (the search box after a short pause): wait until every load was delivered, since the rows
    # of the previous search may already satisfy the next check
    subjects = shell.page("main").view(0).list

    def shows(keys):
        return lambda: (not subjects._debounce.isActive() and not subjects.busy.pending
                        and subjects.model.keys == keys)

    subjects.search.setText("ada")
    subjects.refresh()
    qtbot.waitUntil(shows([done.subject_id]), timeout=LONG)
    subjects.search.setText("nobody by this name")
    subjects.refresh()
    qtbot.waitUntil(shows([]), timeout=LONG)
    subjects.search.setText(done.subject_id[:8])
    subjects.refresh()
    qtbot.waitUntil(shows([done.subject_id]), timeout=LONG)
    subjects.search.clear()
    subjects.state.setCurrentIndex(subjects.state.findData("active"))
    qtbot.waitUntil(shows([]), timeout=LONG)  # it was withdrawn
    subjects.state.setCurrentIndex(subjects.state.findData("withdrawn"))
    qtbot.waitUntil(shows([done.subject_id]), timeout=LONG)


def test_cancelled_session_leaves_no_consent(qtbot, session_shell, store, faces_dir):
    shell = session_shell
    wizard = shell.page("capture")
    _to_live_face(qtbot, wizard, faces_dir)
    session_id = wizard.flow.session_id
    wizard.cancel_button.click()
    assert wizard.cancel_panel.isVisible()
    wizard.discard_button.click()
    qtbot.waitUntil(lambda: shell.current_name == "main", timeout=LONG)
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM samples").fetchone()[0] == 0
        rows = conn.execute("SELECT count(*) FROM capture_sessions WHERE id = ?", (session_id,)).fetchone()
        assert rows[0] == 0
        notes = conn.execute("SELECT action FROM audit WHERE target = ?",
                             (f"session:{session_id}",)).fetchall()
    assert notes, "the cancellation is audited"

    # keep the captures: an incomplete session, still no consent
    shell.page("main").new_session.click()
    _to_live_face(qtbot, wizard, faces_dir)
    session_id = wizard.flow.session_id
    wizard.cancel_button.click()
    wizard.keep_button.click()
    qtbot.waitUntil(lambda: shell.current_name == "main", timeout=LONG)
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
        state = conn.execute("SELECT state FROM capture_sessions WHERE id = ?", (session_id,)).fetchone()
    assert state == ("incomplete",)


def test_operator_needs_an_administrator_to_override(qtbot, make_shell, store, faces_dir):
    from uihelpers import OPERATOR_PASSWORD

    from consent_app.ui.context import DeviceChoice

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg")
    shell = make_shell(store.data_dir, store, devices=devices)
    sign_in(qtbot, shell, "op", OPERATOR_PASSWORD)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    face = _to_live_face(qtbot, wizard, faces_dir)
    assert face.admin_user.isVisibleTo(face)  # an operator must name an administrator
    face.reason.setText("liveness camera broken; ID checked by hand")
    face.admin_user.setText("op")
    face.admin_password.setText(OPERATOR_PASSWORD)
    face.override_button.click()
    # an earlier message (the failed liveness check) may still show: wait for the refusal itself
    qtbot.waitUntil(lambda: face.message.isVisible() and "admin" in face.message.text(), timeout=LONG)
    assert wizard.flow.override is None
    face.admin_user.setText("admin")
    face.admin_password.setText(ADMIN_PASSWORD)
    face.override_button.click()
    qtbot.waitUntil(lambda: wizard.flow.override is not None, timeout=LONG)
    assert wizard.flow.override.admin == "admin"
    assert face.admin_password.text() == ""  # never kept on screen
    with store.read() as conn:
        actor = conn.execute("SELECT actor FROM audit WHERE action = 'session.identity_override'").fetchone()
    assert actor == ("admin",)
    wizard.cancel_session(wait=True)


@pytest.fixture
def real_store(data_dir):
    """A real (non-demo) studio's store."""
    from storesupport import make_store

    real = make_store(data_dir)
    yield real
    real.close()


def test_a_real_studio_refuses_a_file_camera(real_store, qtbot, make_shell, faces_dir):
    """Outside demo mode the live camera must be a capture device: a file is refused with a reason,
    and Settings › Devices does not offer files."""
    from consent_app.ui.context import DeviceChoice
    from consent_app.ui.settings_devices import DevicesTab

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg")
    shell = make_shell(real_store.data_dir, real_store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    wizard.subject_step.name.setText("Ada Example")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document", timeout=LONG)
    wizard.id_step.use_file(faces_dir / "obama.jpg")  # importing the ID document's photo is fine
    qtbot.waitUntil(lambda: wizard.flow.id_document is not None and not wizard.busy.pending, timeout=LONG)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "live_face", timeout=LONG)
    face = wizard.face_step
    qtbot.waitUntil(lambda: "the camera is a file" in face.preview.error, timeout=LONG)
    assert face.preview.current_frame() is None  # no frame from the file ever reaches the step
    assert not face.demo_note.isVisible()
    tab = DevicesTab(shell.ctx)
    assert not tab.camera_file_button.isVisibleTo(tab)
    assert not tab.voice_file_button.isVisibleTo(tab)
    assert "only in a demo studio" in tab.hint.text()
    wizard.cancel_session(wait=True)


def test_a_double_click_on_next_moves_one_step(qtbot, make_shell, store):
    """The wizard takes no second Next while the first one's work runs (its overlay shows after half a
    second): a double click ran the step's calls twice, and from the live face skipped the voice step."""
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    wizard = shell.page("capture")
    flow = wizard.flow
    moves = []
    real_next = flow.next

    def counted_next():
        moves.append(flow.step)
        return real_next()

    flow.next = counted_next  # the real flow; only its calls are counted
    wizard.subject_step.name.setText("Ada Example")
    wizard.next_button.click()
    wizard.next_button.click()  # the second click of a double click
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document" and not wizard.busy.pending, timeout=LONG)
    assert len(moves) == 1, moves
    assert wizard.subject_step.message.isHidden(), wizard.subject_step.message.text()
    wizard.cancel_session(wait=True)
