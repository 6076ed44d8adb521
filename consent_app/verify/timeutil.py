"""Strict XML Schema ``dateTimeStamp`` parsing to POSIX seconds, without importing datetime."""

from __future__ import annotations

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _digits(text: str, start: int, count: int) -> int:
    part = text[start : start + count]
    if len(part) != count or not (part.isascii() and part.isdigit()):
        raise ValueError(f"bad date-time {text!r}")
    return int(part)


def parse_time(text: object) -> float:
    """``YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`` -> seconds since the epoch; ``ValueError`` else."""
    if not isinstance(text, str):
        raise ValueError(f"date-time must be a string, not {type(text).__name__}")
    if len(text) < 20 or text[4] != "-" or text[7] != "-" or text[10] not in "Tt":
        raise ValueError(f"bad date-time {text!r}")
    if text[13] != ":" or text[16] != ":":
        raise ValueError(f"bad date-time {text!r}")
    digits = text[0:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:19]
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"bad date-time {text!r}")
    year, month, day = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    hour, minute, second = int(digits[8:10]), int(digits[10:12]), int(digits[12:14])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS[month - 1] + (month == 2 and leap):
        raise ValueError(f"no such date in {text!r}")
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"no such time in {text!r}")
    pos, frac = 19, 0.0
    if pos < len(text) and text[pos] == ".":
        end = pos + 1
        while end < len(text) and text[end].isascii() and text[end].isdigit():
            end += 1
        if end == pos + 1:
            raise ValueError(f"bad fraction in {text!r}")
        frac = float("0" + text[pos:end])
        pos = end
    zone = text[pos:]
    if zone in ("Z", "z"):
        offset = 0
    elif len(zone) == 6 and zone[0] in "+-" and zone[3] == ":":
        oh, om = _digits(zone, 1, 2), _digits(zone, 4, 2)
        if oh > 23 or om > 59:
            raise ValueError(f"bad time zone in {text!r}")
        offset = (oh * 60 + om) * 60 * (1 if zone[0] == "+" else -1)
    else:
        raise ValueError(f"date-time {text!r} needs a time zone (Z or ±hh:mm)")
    days = _days_from_civil(year, month, day)
    return days * 86400 + hour * 3600 + minute * 60 + second + frac - offset


def format_time(seconds: float) -> str:
    """Seconds since the epoch -> ``YYYY-MM-DDThh:mm:ssZ`` (whole seconds, UTC)."""
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(seconds)))
