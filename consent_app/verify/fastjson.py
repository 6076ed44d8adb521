"""Strict JSON in and out without importing the ``json`` package (it pulls in ``re`` and
``enum``, which would double ``consent-verify``'s start-up).

Parsing uses CPython's C scanner from ``_json`` (the same code ``json.loads`` runs) with our own
hooks: duplicate members and NaN/Infinity are refused. Output is a small encoder for the plain
data the verifier reports. Where ``_json`` is missing (other Pythons) the ``json`` package is used.
"""

from __future__ import annotations

_WS = " \t\n\r"


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate member {key!r}")
            seen.add(key)
    return obj


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


class _Context:
    """The attributes ``_json.make_scanner`` reads (as ``json.JSONDecoder`` provides them)."""

    strict = True
    object_hook = None
    object_pairs_hook = staticmethod(_no_duplicates)
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_no_constant)


try:
    from _json import encode_basestring as _quote
    from _json import make_scanner as _make_scanner
except ImportError:  # pragma: no cover - not CPython
    _scan = None
    _quote = None
else:
    _scan = _make_scanner(_Context())


def loads(text: str) -> object:
    """Parse one JSON value; ``ValueError`` for anything ``json.loads`` would refuse, and for
    duplicate members and NaN/Infinity."""
    if _scan is None:  # pragma: no cover
        import json

        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    start = len(text) - len(text.lstrip(_WS))
    try:
        value, end = _scan(text, start)
    except StopIteration as stop:
        raise ValueError(f"expecting a JSON value at position {stop.value}") from None
    if text[end:].strip(_WS):
        raise ValueError(f"extra data after the JSON value at position {end}")
    return value


def dumps(value: object, indent: int = 2) -> str:
    """Pretty JSON (UTF-8 text, like ``json.dumps(ensure_ascii=False, indent=2)``)."""
    if _quote is None:  # pragma: no cover
        import json

        return json.dumps(value, ensure_ascii=False, indent=indent)
    out: list[str] = []
    _emit(value, out, 0, indent)
    return "".join(out)


def _emit(value: object, out: list[str], level: int, indent: int) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_quote(value))
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("NaN and Infinity are not JSON")
        out.append(float.__repr__(value))
    elif isinstance(value, dict | list | tuple):
        items = list(value.items()) if isinstance(value, dict) else list(value)
        open_, close = ("{", "}") if isinstance(value, dict) else ("[", "]")
        if not items:
            out.append(open_ + close)
            return
        pad = "\n" + " " * (indent * (level + 1))
        out.append(open_)
        for n, item in enumerate(items):
            out.append(("," if n else "") + pad)
            if isinstance(value, dict):
                key, item = item
                if not isinstance(key, str):
                    raise TypeError(f"JSON keys must be strings, not {type(key).__name__}")
                out.append(_quote(key) + ": ")
            _emit(item, out, level + 1, indent)
        out.append("\n" + " " * (indent * level) + close)
    else:
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
