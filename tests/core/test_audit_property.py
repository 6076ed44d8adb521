"""No false alarms: any sequence of genuine entries verifies."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consent_app import audit

text = st.text(min_size=0, max_size=20)
details = st.dictionaries(st.text(min_size=1, max_size=8),
                          st.one_of(st.integers(-10**6, 10**6), text, st.booleans(), st.none()),
                          max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(text, text, text, details), min_size=1, max_size=8))
def test_genuine_logs_always_verify(store, entries):
    with store.transaction() as tx:
        for actor, action, target, det in entries:
            audit.append(tx, actor or "x", action or "a", target, det)
    with store.read() as conn:
        assert audit.verify_chain(conn).ok
