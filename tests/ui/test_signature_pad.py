"""The signature pad: mouse, pen (with pressure) and touch input, clear and undo, the core's verdict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication
from uihelpers import draw_signature

pytestmark = pytest.mark.gui


@pytest.fixture
def pad(qtbot):
    from consent_app.ui.signature_pad import SignaturePad

    widget = SignaturePad()
    widget.resize(600, 220)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_mouse_signature_is_accepted_by_the_core_and_can_be_undone(pad):
    from consent_app.consent import signature

    draw_signature(pad)
    assert len(pad.strokes) == 2
    sig = pad.signature()
    assert sig.device == "mouse"
    assert (sig.width, sig.height) == (600.0, 220.0)
    checked = signature.check(sig)
    assert checked.measures["points"] > 50
    pad.undo()
    assert len(pad.strokes) == 1
    pad.clear()
    assert pad.is_empty
    with pytest.raises(signature.SignatureError) as err:
        signature.check(pad.signature())
    assert err.value.code == "empty"


def test_a_dot_is_refused(pad):
    from PySide6.QtGui import QMouseEvent

    from consent_app.consent import signature

    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        pos = QPointF(100, 100)
        QApplication.sendEvent(pad, QMouseEvent(kind, pos, pad.mapToGlobal(pos), Qt.MouseButton.LeftButton,
                                                buttons, Qt.KeyboardModifier.NoModifier))
    with pytest.raises(signature.SignatureError):
        signature.check(pad.signature())


def test_pen_pressure_is_recorded(pad):
    import math

    from PySide6.QtGui import QPointingDevice, QTabletEvent

    device = QPointingDevice.primaryPointingDevice()

    def tablet(kind, x, y, pressure, buttons):
        pos = QPointF(x, y)
        event = QTabletEvent(kind, device, pos, pad.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
        QApplication.sendEvent(pad, event)

    held = Qt.MouseButton.LeftButton
    tablet(QEvent.Type.TabletPress, 60, 120, 0.2, held)
    for i in range(1, 80):
        x = 60 + i * 6
        y = 120 - 50 * math.sin(i / 4)
        tablet(QEvent.Type.TabletMove, x, y, min(1.0, 0.2 + i / 100), held)
    tablet(QEvent.Type.TabletRelease, 540, 120, 0.0, Qt.MouseButton.NoButton)
    sig = pad.signature()
    assert sig.device == "pen"
    pressures = [p.pressure for p in sig.strokes[0]]
    assert all(p is not None for p in pressures)
    assert max(pressures) > 0.9
    assert min(pressures) < 0.3


def test_touch_strokes(pad):
    import math

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    device = QTest.createTouchDevice()
    point = QPoint(60, 100)
    QTest.touchEvent(pad, device).press(0, point)
    for i in range(1, 60):
        point = QPoint(60 + i * 7, int(100 + 30 * math.sin(i / 3)))
        QTest.touchEvent(pad, device).move(0, point)
    QTest.touchEvent(pad, device).release(0, point)
    assert pad.device == "touch"
    assert len(pad.strokes) == 1
    assert len(pad.strokes[0]) > 30
