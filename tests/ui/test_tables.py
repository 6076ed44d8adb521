"""Tables: categories in full, ids shortened (full on hover, copied in full), empty states with an action."""

from __future__ import annotations

import pytest
from uihelpers import sign_in

pytestmark = pytest.mark.gui


def test_ids_are_shortened_shown_in_full_on_hover_and_copied_in_full(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from consent_app.ui.table import RowsModel, copy_selection, make_table

    full = "3dec9730-897b-4554-9d01-e8ac4da75e22"
    model = RowsModel(lambda: ("Consent id", "Categories"), id_columns=(0,))
    view = make_table(model, stretch=1, wrap=True)
    qtbot.addWidget(view)
    model.set_rows([(full, "Generate new images or video of my face\nPut my face on another person's body")])
    index = model.index(0, 0)
    assert model.data(index) == "3dec9730…"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == full
    assert "\n" in model.data(model.index(0, 1))  # every category, each on its line, none cut
    view.setCurrentIndex(index)
    assert copy_selection(view) == full
    assert QApplication.clipboard().text() == full


def test_empty_subject_list_offers_the_next_action(qtbot, make_shell, store):
    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    subjects = shell.page("main").view(0).list
    qtbot.waitUntil(lambda: subjects.table_area.currentWidget() is subjects.empty, timeout=60000)
    assert "No subjects yet" in subjects.empty.heading.text()
    assert not subjects.empty.button.isHidden()
    subjects.empty.button.click()
    assert shell.current_name == "capture"
    shell.page("capture").cancel_session(wait=True)
