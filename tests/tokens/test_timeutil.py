"""The verifier's own date-time parser agrees with datetime and refuses what it must."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consent_app.verify.timeutil import format_time, parse_time


@settings(deadline=None)
@given(
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(9999, 12, 30)),
    st.integers(min_value=-14 * 60, max_value=14 * 60),
)
def test_agrees_with_datetime(moment: datetime, offset_minutes: int) -> None:
    zone = timezone(timedelta(minutes=offset_minutes))
    aware = moment.replace(microsecond=0, tzinfo=zone)
    text = aware.isoformat()
    assert parse_time(text) == aware.timestamp()
    if offset_minutes == 0:
        assert parse_time(text.replace("+00:00", "Z")) == aware.timestamp()


def test_fraction_and_format() -> None:
    assert parse_time("2026-11-23T12:00:00.250Z") == datetime(2026, 11, 23, 12, tzinfo=UTC).timestamp() + 0.25
    assert format_time(parse_time("2028-02-29T23:59:59Z")) == "2028-02-29T23:59:59Z"


@pytest.mark.parametrize(
    "bad",
    [
        "2027-02-29T00:00:00Z",  # not a leap year
        "2026-13-01T00:00:00Z",
        "2026-11-31T00:00:00Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T12:60:00Z",
        "2026-11-23T12:00:60Z",
        "2026-11-23T12:00:00",  # no zone
        "2026-11-23 12:00:00Z",
        "2026-11-23T12:00:00.Z",
        "2026-11-23T12:00:00+0800",
        "2026-11-23T12:00:00+25:00",
        "２０２６-11-23T12:00:00Z",  # non-ASCII digits
        "2026-1-23T12:00:00Z",
        "",
    ],
)
def test_refuses(bad: str) -> None:
    with pytest.raises(ValueError, match=r"date|time|zone|fraction"):
        parse_time(bad)


def test_refuses_non_strings() -> None:
    with pytest.raises(ValueError, match="must be a string"):
        parse_time(1764000000)
