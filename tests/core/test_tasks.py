"""The task helper runs work on the pool and delivers results on the GUI thread."""

import threading

import pytest

pytest.importorskip("PySide6")
from PySide6.QtCore import QThread

from consent_app.ui.tasks import TaskRunner


def test_result_arrives_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = {}
    gate = threading.Event()

    def work(x):
        gate.wait(5)
        seen["worker"] = threading.current_thread()
        return x * 2

    task = runner.submit(work, 21)
    task.finished.connect(lambda _r: seen.setdefault("delivered", QThread.currentThread()))
    with qtbot.waitSignal(task.finished, timeout=60000) as blocker:
        gate.set()
    assert blocker.args == [42]
    assert seen["worker"] is not threading.main_thread()
    assert seen["delivered"] is runner.thread()
    qtbot.waitUntil(lambda: runner.active == 0, timeout=60000)


def test_exceptions_are_delivered_not_swallowed(qtbot):
    runner = TaskRunner()

    gate = threading.Event()

    def boom():
        gate.wait(5)
        raise ValueError("no face found")

    task = runner.submit(boom)
    with qtbot.waitSignal(task.failed, timeout=60000) as blocker:
        gate.set()
    assert isinstance(blocker.args[0], ValueError)
    assert str(blocker.args[0]) == "no face found"


def test_cancelled_task_delivers_nothing(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    task = runner.submit(gate.wait, 5)
    got = []
    task.finished.connect(got.append)
    task.cancel()
    with qtbot.waitSignal(task.ended, timeout=60000):
        gate.set()
    qtbot.wait(20)
    assert got == []
    assert runner.active == 0


def test_progress_reports_reach_the_gui(qtbot):
    runner = TaskRunner()

    gate = threading.Event()

    def work(task):
        gate.wait(5)
        for i in (25, 50, 100):
            task.report(i, f"step {i}")
        return "done"

    task = runner.submit(work, pass_task=True)
    reports = []
    task.progress.connect(lambda p, m: reports.append((p, m)))
    with qtbot.waitSignal(task.finished, timeout=60000):
        gate.set()
    qtbot.waitUntil(lambda: len(reports) == 3, timeout=60000)
    assert reports[-1] == (100, "step 100")
