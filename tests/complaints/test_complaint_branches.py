"""A complaint's signed steps form a tree under its intake: when two stations took a step at once, the branch
with the latest signed step decides its state, the other branch stays with its notes (concurrent), the next
step chains to the deciding branch, and a step not allowed from the step it follows is still caught."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from consent_app import clock
from consent_app.complaints import register


@pytest.fixture(autouse=True)
def _real_clock():
    yield
    clock.set_clock(None)


def _at(minutes: int) -> None:
    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    clock.set_clock(lambda: moment)


def _branch(tx, complaint_id: str, state: str, note: str) -> None:
    """A step taken from 'received' as another station would have (same number as a step already here)."""
    first = register.get(tx, complaint_id).events[0]
    register._append_event(tx, complaint_id, seq=2, previous=first.proof["hash"], from_state="received",
                           state=state, note=note, staff="admin")


def test_the_later_branch_decides_and_the_next_step_follows_it(store) -> None:
    with store.transaction() as tx:
        cid = register.file(tx, claim="other", role="subject", contact="a@example.org",
                            url="https://video.example/1", staff="admin")
        _at(1)
        register.transition(tx, cid, "acknowledged", note="ack here", staff="admin")
        _at(2)
        _branch(tx, cid, "rejected", note="rejected elsewhere, later")
        tx.execute("UPDATE complaints SET state = ? WHERE id = ?", (register.signed_state(tx, cid), cid))
    with store.read() as conn:
        c = register.get(conn, cid)
    assert not c.problems
    assert c.state == "rejected"
    assert [(e.note, e.concurrent) for e in c.events] == [
        ("complaint received", False), ("ack here", True), ("rejected elsewhere, later", False)]
    assert c.due_at is None


def test_an_earlier_branch_stays_concurrent_and_steps_chain_to_the_head(store) -> None:
    with store.transaction() as tx:
        cid = register.file(tx, claim="other", role="subject", contact="a@example.org",
                            url="https://video.example/1", staff="admin")
        _at(1)
        _branch(tx, cid, "acknowledged", note="ack elsewhere, earlier")
    with store.transaction() as tx:  # the complaint is 'acknowledged' (one branch only so far)
        assert register.get(tx, cid).state == "acknowledged"
    with store.transaction() as tx:
        _at(3)
        _branch(tx, cid, "acknowledged", note="ack here, later")
        tx.execute("UPDATE complaints SET state = ? WHERE id = ?", (register.signed_state(tx, cid), cid))
        _at(4)
        register.transition(tx, cid, "investigating", note="next", staff="admin")
    with store.read() as conn:
        c = register.get(conn, cid)
    assert not c.problems
    assert c.state == "investigating"
    assert [e.note for e in c.events if not e.concurrent] == ["complaint received", "ack here, later", "next"]
    assert [e.note for e in c.events if e.concurrent] == ["ack elsewhere, earlier"]


def test_a_branch_step_not_allowed_from_its_parent_is_caught(store) -> None:
    with store.transaction() as tx:
        cid = register.file(tx, claim="other", role="subject", contact="a@example.org",
                            url="https://video.example/1", staff="admin")
        first = register.get(tx, cid).events[0]
        register._append_event(tx, cid, seq=2, previous=first.proof["hash"], from_state="received",
                               state="investigating", note="skips acknowledging", staff="admin")
    with store.read() as conn:
        c = register.get(conn, cid)
    assert any("not an allowed step" in p for p in c.problems)
