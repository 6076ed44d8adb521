"""Helpers shared by the UI tests (the values match tests/conftest.py's store fixture)."""

from __future__ import annotations

ADMIN_PASSWORD = "correct horse battery"
OPERATOR_PASSWORD = "operator password 1"


def fast_argon2():
    from consent_app.store.keys import Argon2Params

    return Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def sign_in(qtbot, shell, username="admin", password=ADMIN_PASSWORD):
    login = shell.page("login")
    qtbot.waitUntil(lambda: shell.current_name == "login", timeout=60000)
    login.username.setText(username)
    login.password.setText(password)
    login.sign_in.click()
    qtbot.waitUntil(lambda: shell.current_name == "main", timeout=60000)


def draw_signature(pad, loops: int = 6) -> None:
    """Sign on the pad with real mouse events: a cursive run of loops and an underline."""
    import math

    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    w, h = pad.width(), pad.height()

    def send(kind, x, y, buttons):
        button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        pos = QPointF(x, y)
        event = QMouseEvent(kind, pos, pad.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, event)

    left, base, span = w * 0.1, h * 0.6, w * 0.75 / loops
    points = []
    for i in range(loops):
        for j in range(20):
            a = 2 * math.pi * j / 20
            points.append((left + span * (i + j / 20) + span * 0.35 * math.sin(a),
                           base - h * 0.3 * (0.5 - 0.5 * math.cos(a))))
    held = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, *points[0], held)
    for x, y in points[1:]:
        send(QEvent.Type.MouseMove, x, y, held)
    send(QEvent.Type.MouseButtonRelease, *points[-1], Qt.MouseButton.NoButton)
    send(QEvent.Type.MouseButtonPress, w * 0.12, h * 0.82, held)
    for k in range(1, 15):
        send(QEvent.Type.MouseMove, w * (0.12 + 0.05 * k), h * (0.82 + 0.02 * math.sin(k)), held)
    send(QEvent.Type.MouseButtonRelease, w * 0.82, h * 0.82, Qt.MouseButton.NoButton)


def to_live_face(qtbot, wizard, faces_dir, timeout: int = 60000):
    """A new session's wizard taken to its live-face step: a subject name, the ID photo ``obama.jpg`` read
    (and its result delivered), then Next; returns the face step (the caller waits for what it needs)."""
    wizard.subject_step.name.setText("Ada Example")
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "id_document", timeout=timeout)
    wizard.id_step.use_file(faces_dir / "obama.jpg")
    qtbot.waitUntil(lambda: wizard.flow.id_document is not None and not wizard.busy.pending, timeout=timeout)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.current_key() == "live_face", timeout=timeout)
    return wizard.face_step
