"""Signed but hostile payloads: the verifier answers with an exit code, never an exception."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tokenhelpers import NOW, Studio

from consent_app.tokens.signing import sign_compact
from consent_app.verify import codes as C

STUDIO = Studio()
BASE = STUDIO.payload()
VERIFIER = STUDIO.verifier()

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
    max_leaves=8,
)  # fmt: skip


def _paths(obj: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(obj, dict):
        for key, value in obj.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            out += _paths(value, (*prefix, i))
    return out


PATHS = _paths(BASE)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON, st.booleans())
def test_any_field_replaced_or_removed(path: tuple, value: object, remove: bool) -> None:
    payload = copy.deepcopy(BASE)
    target = payload
    for key in path[:-1]:
        target = target[key]
    if remove:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    token = sign_compact(payload, STUDIO.key, STUDIO.kid)
    decision = VERIFIER.decide(token, "face_swap", NOW.timestamp())
    assert decision.code in (C.VALID, C.MALFORMED, C.OUTSIDE_VALIDITY, C.NOT_COVERED, C.REVOKED,
                             C.STATUS_UNAVAILABLE)  # fmt: skip
    decision.as_dict()
    decision.text()


@settings(deadline=None, max_examples=200)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_garbage_tokens(token: bytes | str) -> None:
    decision = VERIFIER.decide(token, "face_swap", NOW.timestamp())
    assert decision.code == C.MALFORMED
