"""The staff's subject list and detail: states from verified records, with expiry and tampering."""

from datetime import timedelta

import pytest
from storesupport import ADMIN_PASSWORD

from consent_app import clock, staff, subjects
from consent_app.consent import records
from consent_app.demo import seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, faces_dir):
    from storesupport import make_store

    store = make_store(tmp_path_factory.mktemp("subjects") / "d", demo=True)
    admin = staff.login(store, "admin", ADMIN_PASSWORD)
    first = seed(store, admin, face=faces_dir / "obama.jpg", id_photo=faces_dir / "obama2.jpg",
                 name="Barack Example").completed
    second = seed(store, admin, face=faces_dir / "biden.jpg", name="Joe Example").completed
    yield store, admin, first, second
    store.close()


def _row(store, subject_id):
    with store.read() as conn:
        (row,) = [r for r in subjects.subjects(conn) if r.id == subject_id]
    return row


def test_list_search_and_filter(seeded):
    store, _, first, _ = seeded
    with store.read() as conn:
        assert {r.name for r in subjects.subjects(conn)} == {"Barack Example", "Joe Example"}
        assert [r.name for r in subjects.subjects(conn, "barack")] == ["Barack Example"]
        assert [r.id for r in subjects.subjects(conn, first.subject_id[:8])] == [first.subject_id]
        active = {r.name for r in subjects.subjects(conn, state="active")}
        assert active == {"Barack Example", "Joe Example"}
        assert subjects.subjects(conn, state="withdrawn") == []
    row = _row(store, first.subject_id)
    assert row.state == "active"
    assert "face_swap" in row.categories
    assert (row.consents, row.sessions) == (1, 1)


def test_expired_consents_show_as_expired(seeded):
    store, _, first, _ = seeded
    with store.read() as conn:
        until = clock.parse_iso(records.get(conn, first.consent_id).valid_until)
    clock.set_clock(lambda: until + timedelta(seconds=1))
    try:
        row = _row(store, first.subject_id)
    finally:
        clock.set_clock(None)
    assert row.state == "expired"
    assert row.categories == ()


def test_withdrawal_changes_the_state_and_categories(seeded):
    store, admin, _, second = seeded
    with store.transaction() as tx:
        records.withdraw(tx, second.consent_id, categories=["face_swap"], reason="asked to",
                         staff=admin.username)
    row = _row(store, second.subject_id)
    assert row.state == "partially_withdrawn"
    assert "face_swap" not in row.categories
    with store.read() as conn:
        detail = subjects.subject_detail(conn, second.subject_id)
    assert detail.consents[0]["withdrawn"] == ["face_swap"]
    assert len(detail.withdrawals) == 1
    assert any(kind for kind, figures, _ in detail.verifications if "distance" in figures)


def test_a_tampered_record_shows_as_unverified(tmp_path, faces_dir):
    from storesupport import make_store

    with make_store(tmp_path / "d", demo=True) as store:
        admin = staff.login(store, "admin", ADMIN_PASSWORD)
        done = seed(store, admin, face=faces_dir / "obama.jpg", name="Tamper Target").completed
        with store.read() as conn:
            conn.execute("DROP TRIGGER consents_record_frozen")
            conn.execute("UPDATE consents SET record = replace(record, 'face_swap', 'face_swop') "
                         "WHERE id = ?", (done.consent_id,))
        row = _row(store, done.subject_id)
        assert row.state == "unverified"
        with store.read() as conn:
            assert subjects.subject_detail(conn, done.subject_id).consents[0]["problems"]
