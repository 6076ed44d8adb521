"""The signature pad core: strokes as vectors, trivial marks refused, PNG rendering."""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent_app.consent import signature
from consent_app.consent.signature import Signature, SignatureError, check

W, H = 600, 200


def _sig(*strokes, device="pen") -> Signature:
    return Signature.from_points(strokes, W, H, device)


def handwriting() -> Signature:
    """A cursive-ish line of loops drawn with a pen (pressure varies), in two strokes."""
    first = [(60 + 3 * i + 18 * math.cos(i / 2), 110 - 30 * math.sin(i / 2), 8 * i, 0.3 + 0.4 * (i % 7) / 7)
             for i in range(120)]
    dot = [(150 + k, 40 + k, 900 + 8 * k, 0.5) for k in range(3)]
    return _sig(first, dot)


@pytest.mark.parametrize(("strokes", "code", "message"), [
    ((), "empty", "empty"),
    (([(300, 100, 0)],), "too_few_points", "only 1 points"),
    (([(300 + i % 2, 100, i) for i in range(40)],), "too_small", "too small"),
    (([(50 + 10 * i, 100, i) for i in range(50)],), "line", "just a line"),
    (([(50 + 10 * i, 40 + 3 * i, i) for i in range(50)],), "line", "just a line"),
    (([(10, 10), (200, 150), (400, 20), (590, 180)],), "too_few_points", "only 4 points"),
    (([(100 + 5 * i, 100 + (i if i < 25 else 50 - i), i) for i in range(50)],), "line", "just a line"),
])
def test_trivial_signatures_are_refused(strokes, code, message):
    with pytest.raises(SignatureError, match=message) as info:
        check(_sig(*strokes))
    assert info.value.code == code


def test_a_zigzag_with_few_turns_is_too_simple():
    pts = [(50 + 5 * i, 60 + (100 if (i // 30) % 2 else 0) + (i % 30) * (3 if (i // 30) % 2 == 0 else -3), i)
           for i in range(60)]
    with pytest.raises(SignatureError) as info:
        check(_sig(pts))
    assert info.value.code in ("too_simple", "line")


def test_malformed_input_is_refused():
    with pytest.raises(SignatureError, match="invalid coordinates"):
        check(_sig([(1, 2, 0), (float("nan"), 2, 1)] * 20))
    with pytest.raises(SignatureError, match="pressure"):
        check(_sig([(10 + i, 20 + i % 5, i, 1.5) for i in range(30)]))
    with pytest.raises(SignatureError, match="pad size"):
        check(Signature.from_points([[(1, 1)]], 0, 100))
    with pytest.raises(SignatureError, match="needs x and y"):
        Signature.from_points([[(1,)]], W, H)
    with pytest.raises(SignatureError, match="unreadable"):
        Signature.from_json(b'{"format": "something else"}')


def test_real_signatures_pass_and_keep_their_measures():
    for sig in (handwriting(), signature.synthetic("Mei Lin 林美")):
        checked = check(sig)
        m = checked.measures
        assert m["points"] >= signature.MIN_POINTS
        assert m["path_ratio"] >= signature.MIN_PATH_RATIO
        assert m["turns"] >= signature.MIN_TURNS


def test_strokes_round_trip_as_canonical_json_with_pressure():
    sig = handwriting()
    data = sig.to_json()
    back = Signature.from_json(data)
    assert back.to_json() == data
    assert back.sha256 == sig.sha256
    assert back.strokes[0][0].pressure == pytest.approx(0.3)
    assert Signature.from_points([[(1, 2)]], W, H).strokes[0][0].pressure is None


def test_rendering_is_a_png_with_ink_where_the_strokes_are():
    from PIL import Image

    png = signature.render_png(handwriting(), scale=1.0)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (W, H)
    gray = image.convert("L")
    assert gray.getpixel((5, 5)) == 255  # paper
    ink = sum(gray.histogram()[:128])
    assert 500 < ink < W * H * 0.2


@settings(max_examples=60, deadline=None)
@given(x0=st.floats(0, W), y0=st.floats(0, H), x1=st.floats(0, W), y1=st.floats(0, H),
       n=st.integers(2, 400))
def test_any_straight_line_is_refused(x0, y0, x1, y1, n):
    pts = [(x0 + (x1 - x0) * k / (n - 1), y0 + (y1 - y0) * k / (n - 1), k) for k in range(n)]
    with pytest.raises(SignatureError):
        check(_sig(pts))
