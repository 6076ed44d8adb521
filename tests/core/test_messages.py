"""The core's message convention: errors carry a code and parameters, English comes from a template."""

from __future__ import annotations

import pytest

from consent_app import messages
from consent_app.errors import InputError, PolicyError
from consent_app.messages import Message, define, load_all, placeholders, render, template


@pytest.fixture(autouse=True)
def _sample_message():
    """A template of this test only, removed afterwards so the app's catalogue checks never see it."""
    define({"test.sample": "consent {consent}: category {category} was withdrawn"})
    yield
    messages._TEMPLATES.pop("test.sample", None)


def test_coded_error_renders_english_and_keeps_code_and_params():
    exc = PolicyError(code="test.sample", consent="c-1", category="face_swap")
    assert str(exc) == "consent c-1: category face_swap was withdrawn"
    assert exc.code == "test.sample"
    assert exc.params == {"consent": "c-1", "category": "face_swap"}
    assert exc.as_message() == Message("test.sample", {"consent": "c-1", "category": "face_swap"})


def test_plain_error_still_works_and_has_no_message_code():
    exc = InputError("the file is empty")
    assert str(exc) == "the file is empty"
    assert exc.as_message() is None
    assert exc.exit_code == 2


def test_redefinition_must_be_identical_and_codes_are_area_dot_what():
    define({"test.sample": "consent {consent}: category {category} was withdrawn"})
    with pytest.raises(ValueError, match="defined twice"):
        define({"test.sample": "something else"})
    with pytest.raises(ValueError, match=r"area\.what"):
        define({"NoDot": "x"})


def test_render_keeps_missing_parameters_visible():
    assert render("need {n} of {total}", {"n": 3}) == "need 3 of {total}"
    assert placeholders("{a} and {b:.2f}") == {"a", "b"}


def test_every_core_template_is_well_formed():
    templates = load_all()
    assert template("test.sample")
    for code, text in templates.items():
        filled = render(text, {name: 1 for name in placeholders(text)})
        assert "{" not in filled, code
