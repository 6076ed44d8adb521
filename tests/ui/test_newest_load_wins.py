"""Two loads of one view can end in either order (the task helper is a pool of threads): the newest one is
drawn, an older one ending later never draws over it (another search's rows, another subject's page).

The older load's job is held back until the newer one was drawn; the real store and read model run behind it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from uihelpers import sign_in

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from storehelpers import add_subject_with_sample, make_jpeg

pytestmark = pytest.mark.gui

LONG = 60000


def _idle(qtbot, shell) -> None:
    """Wait until the work started at sign-in (detector warm-up, the helper process) has ended, so that both
    pool threads are free for the two loads."""
    qtbot.waitUntil(lambda: shell.ctx.runner.active == 0, timeout=LONG * 3)
    if shell.ctx.runner.pool.maxThreadCount() < 2:
        pytest.skip("one pool thread: loads cannot overtake each other here")


def _hold_next_load(monkeypatch, ctx):
    """The next job submitted through ``ctx.run`` starts only once the returned event is set (as if its
    pool thread were slow to be scheduled on a busy machine); the job, store and read model are real."""
    release, entered = threading.Event(), threading.Event()
    real_run = ctx.run
    held: list = []

    def run(fn, *args, **kwargs):
        if held:
            return real_run(fn, *args, **kwargs)

        def late(*a, **k):
            entered.set()
            release.wait(LONG / 1000)
            return fn(*a, **k)

        held.append(fn)
        return real_run(late, *args, **kwargs)

    monkeypatch.setattr(ctx, "run", run)
    return release, entered


def test_an_older_search_ending_last_does_not_replace_the_newer_results(qtbot, make_shell, store,
                                                                        monkeypatch):
    ada = add_subject_with_sample(store, "Ada Example", make_jpeg())
    add_subject_with_sample(store, "Grace Example", make_jpeg())
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    subjects = shell.page("main").view(0).list
    qtbot.waitUntil(lambda: len(subjects.model.keys) == 2 and not subjects.busy.pending, timeout=LONG)
    _idle(qtbot, shell)
    release, entered = _hold_next_load(monkeypatch, shell.ctx)
    try:
        subjects.search.setText("grace")
        subjects.refresh()  # the older search: held on its pool thread
        assert entered.wait(LONG / 1000)
        subjects.search.setText("ada")
        subjects.refresh()  # the newer one ends first and is drawn
        qtbot.waitUntil(lambda: subjects.model.keys == [ada], timeout=LONG)
        # the search box's own (debounced) load of "ada" too: only the held one is left running
        qtbot.waitUntil(lambda: not subjects._debounce.isActive() and subjects.ctx.runner.active == 1,
                        timeout=LONG)
        assert subjects.model.keys == [ada]
    finally:
        release.set()
    # the older search ends now; every load was delivered once the overlay's count is back to zero
    qtbot.waitUntil(lambda: not subjects.busy.pending and not subjects._debounce.isActive(), timeout=LONG)
    qtbot.waitUntil(lambda: subjects.ctx.runner.active == 0, timeout=LONG)
    assert subjects.model.keys == [ada], "the older search's rows were drawn over the newer search's"


def test_a_subject_opened_while_another_loads_shows_its_own_page(qtbot, make_shell, store, monkeypatch):
    ada = add_subject_with_sample(store, "Ada Example", make_jpeg())
    grace = add_subject_with_sample(store, "Grace Example", make_jpeg())
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    view = shell.page("main").view(0)
    page = view.detail
    _idle(qtbot, shell)
    release, entered = _hold_next_load(monkeypatch, shell.ctx)
    try:
        view.open_subject(ada)  # held on its pool thread
        assert entered.wait(LONG / 1000)
        view.open_subject(grace)  # staff went on to another subject: this one is drawn
        qtbot.waitUntil(lambda: page.detail is not None and page.detail.id == grace, timeout=LONG)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.busy.pending and shell.ctx.runner.active == 0, timeout=LONG)
    assert page.subject_id == grace
    assert page.detail.id == grace, "the first subject's page was drawn over the one staff opened"
    assert page.title.text() == "Grace Example"


def test_a_load_ending_after_its_view_was_deleted_draws_nothing(qtbot, store, monkeypatch):
    """Nothing is called on a deleted view (pytest-qt fails a test on an exception in the event loop)."""
    import shiboken6

    from consent_app.ui.context import AppContext
    from consent_app.ui.subjects_view import SubjectsList

    add_subject_with_sample(store, "Ada Example", make_jpeg())
    ctx = AppContext(store.data_dir)
    ctx.set_store(store)
    subjects = SubjectsList(ctx)
    release, entered = _hold_next_load(monkeypatch, ctx)
    try:
        subjects.refresh()
        assert entered.wait(LONG / 1000)
        shiboken6.delete(subjects)  # the window closed while the load ran
        assert not shiboken6.isValid(subjects)
    finally:
        release.set()
    qtbot.waitUntil(lambda: ctx.runner.active == 0, timeout=LONG)
