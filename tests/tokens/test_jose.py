"""base64url and JSON as the verifier reads them: canonical, strict, same answers as json."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent_app.verify import strictjson
from consent_app.verify.jose import b64url_decode, b64url_encode, strict_json


@settings(deadline=None)
@given(st.binary(max_size=200))
def test_b64url_round_trip(data: bytes) -> None:
    text = b64url_encode(data)
    assert not set(text) & set("=+/")
    assert b64url_decode(text) == data


@pytest.mark.parametrize("bad", ["QQ=", "QR", "Q", "QQ==", "Q Q", "Q+", "Q/", "QQ\n", "é"])
def test_b64url_refuses_non_canonical_or_foreign_text(bad: str) -> None:
    with pytest.raises((ValueError, UnicodeEncodeError)):
        b64url_decode(bad)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)  # fmt: skip


@settings(deadline=None)
@given(JSON_VALUES)
def test_strictjson_agrees_with_json(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    assert strictjson.dumps(value) == text
    assert strictjson.loads(text) == json.loads(text)
    compact = json.dumps(value)
    assert strictjson.loads(" \n" + compact + "\t ") == json.loads(compact)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ('{"a": 1, "a": 2}', "duplicate member 'a'"),
        ('{"x": {"b": 1, "b": 1}}', "duplicate member 'b'"),
        ("NaN", "NaN is not JSON"),
        ('{"a": Infinity}', "Infinity is not JSON"),
        ('{"a": -Infinity}', "-Infinity is not JSON"),
        ('{"a": 1} x', "extra data"),
        ('{"a": 1}{"b": 2}', "extra data"),
        ("", "expecting a JSON value"),
        ("   ", "expecting a JSON value"),
        ('{"a": "\x01"}', "Invalid control character"),
        ("\ufeff{}", "expecting a JSON value"),
        ("{'a': 1}", "Expecting property name"),
        ('{"a": 1,}', "Expecting property name"),
    ],
)
def test_strict_json_refuses(bad: str, why: str) -> None:
    with pytest.raises(ValueError, match=why.replace("(", r"\(")):
        strict_json(bad.encode("utf-8"))


def test_strict_json_refuses_non_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        strict_json('{"a": "é"}'.encode("latin-1"))
    with pytest.raises(UnicodeDecodeError):
        strict_json('{"a": 1}'.encode("utf-16"))
