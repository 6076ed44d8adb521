"""The Qt binding itself: a signal delivered to a Python slot must not drop references.

PySide6 6.12.0 released a reference to ``True`` on every slot call, so a running app aborted
("bool_dealloc") after a few hundred signals; pyproject excludes that version.
"""

from __future__ import annotations

import sys


def test_signal_delivery_keeps_reference_counts(qapp):
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        value = Signal(object)

    received = []
    emitter = Emitter()
    emitter.value.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emitter.value.emit(i)
    assert len(received) == 2000
    assert sys.getrefcount(True) - before > -10, "this PySide6 drops a reference per slot call"
