"""A complaint's signed steps form a tree under its intake. When two stations took a step at once, the branch
that decides is chosen causally, never by the stations' clocks: a closing step wins over every step that does
not descend from it (a close is never undone by a concurrent step signed "later"), otherwise the branch with
more signed steps, then the larger hash. The other branch stays with its notes (concurrent), the next step
chains to the deciding branch, and a step not allowed from the step it follows is still caught."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from consent_app import clock
from consent_app.complaints import register
from consent_app.errors import PolicyError


@pytest.fixture(autouse=True)
def _real_clock():
    yield
    clock.set_clock(None)


def _at(minutes: int) -> None:
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    clock.set_clock(lambda: moment)


def _file(tx) -> str:
    return register.file(tx, claim="other", role="subject", contact="a@example.org",
                         url="https://video.example/1", staff="admin")


def _branch(tx, complaint_id: str, steps: list[str], note: str) -> None:
    """Steps taken from 'received' as another station would have (numbers already taken here)."""
    previous = register.get(tx, complaint_id).events[0]
    before, parent = "received", previous.proof["hash"]
    for seq, state in enumerate(steps, start=2):
        event = register._append_event(tx, complaint_id, seq=seq, previous=parent, from_state=before,
                                       state=state, note=f"{note} {seq}", staff="admin")
        before, parent = state, event.proof["hash"]
    tx.execute("UPDATE complaints SET state = ? WHERE id = ?", (register.signed_state(tx, complaint_id),
                                                                 complaint_id))


def _get(store, cid):
    with store.read() as conn:
        c = register.get(conn, cid)
    assert not c.problems
    return c


def test_a_close_is_not_undone_by_a_concurrent_step_signed_an_hour_later(store) -> None:
    with store.transaction() as tx:
        cid = _file(tx)
        register.transition(tx, cid, "rejected", note="not ours", staff="admin")
        _at(60)  # the other station's clock is an hour ahead, and its branch is deeper
        _branch(tx, cid, ["acknowledged", "investigating"], note="elsewhere")
    c = _get(store, cid)
    assert c.state == "rejected"
    assert c.due_at is None
    assert [(e.note, e.concurrent) for e in c.events] == [
        ("complaint received", False), ("not ours", False), ("elsewhere 2", True), ("elsewhere 3", True)]
    with store.transaction() as tx, pytest.raises(PolicyError) as closed:  # and it stays closed
        register.transition(tx, cid, "investigating", note="try to reopen", staff="admin")
    assert closed.value.code == "complaint.bad_transition"


def test_two_concurrent_closes_agree_without_clocks(store) -> None:
    with store.transaction() as tx:
        cid = _file(tx)
        register.transition(tx, cid, "acknowledged", note="ack here", staff="admin")
        register.transition(tx, cid, "resolved", note="resolved here", staff="admin")
        _at(-60)  # an earlier clock, and a shorter branch: the deeper close decides
        _branch(tx, cid, ["rejected"], note="rejected elsewhere")
    c = _get(store, cid)
    assert c.state == "resolved"
    assert [e.note for e in c.events if e.concurrent] == ["rejected elsewhere 2"]


def test_the_deeper_open_branch_decides_whatever_the_clocks_say(store) -> None:
    with store.transaction() as tx:
        cid = _file(tx)
        register.transition(tx, cid, "acknowledged", note="ack here", staff="admin")
        register.transition(tx, cid, "investigating", note="investigating here", staff="admin")
        _at(60)
        _branch(tx, cid, ["acknowledged"], note="ack elsewhere, clock ahead")
    c = _get(store, cid)
    assert c.state == "investigating"
    assert [e.note for e in c.events if e.concurrent] == ["ack elsewhere, clock ahead 2"]


def test_equal_open_branches_are_decided_by_hash_and_steps_chain_to_the_head(store) -> None:
    with store.transaction() as tx:
        cid = _file(tx)
        register.transition(tx, cid, "acknowledged", note="ack here", staff="admin")
        _branch(tx, cid, ["acknowledged"], note="ack elsewhere")
    c = _get(store, cid)
    tips = [e for e in c.events if e.seq == 2]
    winner = max(tips, key=lambda e: e.proof["hash"])
    assert [e.note for e in c.events if not e.concurrent] == ["complaint received", winner.note]
    with store.transaction() as tx:
        register.transition(tx, cid, "investigating", note="next", staff="admin")
    c = _get(store, cid)
    assert c.state == "investigating"
    assert [e.note for e in c.events if not e.concurrent] == ["complaint received", winner.note, "next"]
    assert [e.note for e in c.events if e.concurrent] == [next(e.note for e in tips if e is not winner)]


def test_a_branch_step_not_allowed_from_its_parent_is_caught(store) -> None:
    with store.transaction() as tx:
        cid = _file(tx)
        first = register.get(tx, cid).events[0]
        register._append_event(tx, cid, seq=2, previous=first.proof["hash"], from_state="received",
                               state="investigating", note="skips acknowledging", staff="admin")
    with store.read() as conn:
        c = register.get(conn, cid)
    assert any("not an allowed step" in p for p in c.problems)
