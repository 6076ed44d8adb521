"""Strict JSON in and out for the verifier, on the standard ``json`` module.

Parsing refuses what ``json.loads`` refuses and also duplicate members, NaN/Infinity and nesting
deeper than :data:`MAX_DEPTH` (a token, key set or status list never nests more than a few levels;
a deeper document is an attack on the parser's recursion, refused with ``ValueError`` before parsing).
"""

from __future__ import annotations

import json

#: Deepest nesting of objects/arrays accepted in any input of the verifier.
MAX_DEPTH = 32


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


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, counting brackets outside strings (linear scan).

    Only run when the text has more opening brackets than MAX_DEPTH could need, so ordinary
    inputs skip it."""
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ValueError(f"JSON nested deeper than {MAX_DEPTH} levels")
        elif ch in "]}":
            depth -= 1


#: One decoder for every call (``json.loads`` with hooks builds a new one each time).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def loads(text: str) -> object:
    """Parse one JSON value; ``ValueError`` for anything ``json.loads`` would refuse, and for
    duplicate members, NaN/Infinity and nesting deeper than MAX_DEPTH."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        _check_depth(text)
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            raise ValueError(f"extra data after the JSON value at position {exc.pos}") from None
        if exc.msg.startswith(("Expecting value", "Unexpected UTF-8 BOM")):
            raise ValueError(f"expecting a JSON value at position {exc.pos}") from None
        raise ValueError(f"{exc.msg} at position {exc.pos}") from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise ValueError("JSON nested too deeply") from None


def dumps(value: object, indent: int = 2) -> str:
    """Pretty JSON (UTF-8 text): ``json.dumps(ensure_ascii=False, indent=2)``, NaN refused."""
    return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
