"""Complaints reach every station of a studio: a complaint filed at one station is in every station's register
(same id, contact readable there, state from its signed events, deadlines), a step taken at another station
comes back, PostgreSQL holds no contact in clear, attachments stay where they were received, and a complaint
whose signed intake does not verify is refused."""

from __future__ import annotations

import json

import pytest
from storesupport import ADMIN_PASSWORD, PASSPHRASE
from studiohelpers import pair as _pair

from consent_app.canonical import sha256_hex
from consent_app.complaints import register
from consent_app.complaints.media import Attachment
from consent_app.studio import db, link, sync

CONTACT = "jane.doe@example.org"
PNG = b"\x89PNG fake bytes"
NOTE = "seen on a video site, posted by someone she does not know"


def _file(store) -> str:
    with store.transaction() as tx:
        return register.file(tx, claim="no_consent", role="subject", contact=CONTACT,
                             url="https://video.example/watch?v=42", note=NOTE, staff="admin",
                             attachments=[Attachment("clip.png", "image", "image/png", PNG)])


def _cli(monkeypatch, capsys, data_dir, *args) -> tuple[int, str]:
    from consent_app.cli import main

    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().out


def test_a_complaint_filed_at_one_station_is_in_every_register(tmp_path, studio_dsn, monkeypatch,
                                                               capsys) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        complaint_id = _file(a)
        sync.sync_once(a)
        sync.sync_once(b)
        b.close()
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "list", "--json")
        assert code == 0
        listed = json.loads(out)
        assert [c["id"] for c in listed] == [complaint_id]
        assert listed[0]["state"] == "received"
        assert listed[0]["verified"]
        assert listed[0]["dueAt"]
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "show", complaint_id, "--json")
        assert code == 0
        shown = json.loads(out)
        assert shown["contact"] == CONTACT
        assert shown["note"] == NOTE
        assert shown["problems"] == []
        assert [(m["sha256"], m["size"], m["kind"]) for m in shown["attachments"]] == [
            (sha256_hex(PNG), 15, "image")]

        # a step taken at B reaches A, with its note
        code, _ = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "update", complaint_id,
                       "--state", "acknowledged", "--note", "called her back")
        assert code == 0
        code, _ = _cli(monkeypatch, capsys, tmp_path / "b", "sync")
        assert code == 0
        sync.sync_once(a)
        with a.read() as conn:
            at_a = register.get(conn, complaint_id)
        assert at_a.state == "acknowledged"
        assert not at_a.problems
        assert [e.note for e in at_a.events] == ["complaint received", "called her back"]
        assert at_a.due_at is not None  # resolution now due (15 days by default)
        with a.transaction() as tx:  # and A can carry on from there
            register.transition(tx, complaint_id, "investigating", note="tracing the clip", staff="admin")
        sync.sync_once(a)

        # the attachment itself stayed at A: B has its hash, kind and size only
        from consent_app.errors import InputError
        from consent_app.store import Store

        with Store.open(tmp_path / "b", PASSPHRASE) as b2:
            sync.sync_once(b2)
            with b2.read() as conn:
                at_b = register.get(conn, complaint_id)
                assert at_b.state == "investigating"
                assert not at_b.problems
                from consent_app.records import sections
                from consent_app.records.export import Period

                exported = sections.complaints(conn, Period.parse("2000-01-01", "2100-01-01"), False)
                assert [item["complaint"] for item in exported] == [complaint_id]
                with pytest.raises(InputError) as refused:
                    register.attachment_data(conn, complaint_id, at_b.media[0].id)
                assert refused.value.code == "complaint.attachment_elsewhere"

        # PostgreSQL never saw the contact, the note or the URL in clear
        with db.connect(studio_dsn) as pg:
            envelopes = b"".join(bytes(e) for (e,) in pg.execute("SELECT envelope FROM studio_objects"))
        assert b"complaint.intake" in envelopes
        assert b"complaint.event" in envelopes
        for secret in (CONTACT, "called her back", "video.example", "clip.png"):
            assert secret.encode() not in envelopes
    finally:
        a.close()
        b.close()


def test_a_forged_complaint_is_refused(tmp_path, studio_dsn) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.studio import objects, sealed

    a, b = _pair(tmp_path, studio_dsn)
    try:
        complaint_id = _file(a)
        with a.read() as conn:
            lk = link.require(conn)
            row = conn.execute("SELECT intake_hash FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
        # a row inserted into PostgreSQL by hand, signed by no station of the studio
        forged = objects.make(Ed25519PrivateKey.generate(), studio=lk.studio_id, station="intruder", seq=1,
                              prev="", kind="complaint.intake", object_id="f00", at="2026-01-01T00:00:00Z",
                              body={"intake_hash": row[0], "sealed": "AAAA"})
        with db.connect(studio_dsn) as pg:
            pg.execute("INSERT INTO studio_objects (studio, station, seq, kind, object_id, hash, envelope, "
                       "signature) VALUES (%s, 'intruder', 1, 'complaint.intake', 'f00', %s, %s, %s)",
                       (lk.studio_id, forged.hash, forged.envelope, forged.signature))
        # and an approved station's object whose complaint intake was altered after it was signed
        with a.transaction() as tx:
            fake = dict(zip([r[1] for r in tx.execute("PRAGMA table_info(complaints)")],
                            tx.execute("SELECT * FROM complaints WHERE id = ?", (complaint_id,)).fetchone(),
                            strict=True))
            fake["id"] = "6d7c0b3e-0000-4000-8000-000000000001"
            fake["intake"] = fake["intake"].replace("no_consent", "other")
            fake["contact_salt"] = objects.b64(bytes(fake["contact_salt"]))
            link.append(tx, "complaint.intake", fake["id"],
                        {"intake_hash": fake["intake_hash"],
                         "sealed": sealed.seal(lk.data_key, "complaint.intake", fake["id"],
                                               {"complaint": fake, "media": []})})
        sync.sync_once(a)
        result = sync.sync_once(b)
        assert ("intruder", 1) not in {(o.station, o.seq) for o in result.report.accepted}
        assert "studio.forged_rows" in result.alerts
        with b.read() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM complaints")]
            alerts = [r[0] for r in conn.execute("SELECT code FROM studio_alerts")]
        assert ids == [complaint_id]  # the genuine one only
        assert "studio.complaint_refused" in alerts
    finally:
        a.close()
        b.close()


def _at(minutes: int) -> None:
    """Sign the next steps ``minutes`` from now (the order of two stations' clocks, without sleeping)."""
    from datetime import UTC, datetime, timedelta

    from consent_app import clock

    moment = datetime.now(UTC) + timedelta(minutes=minutes)
    clock.set_clock(lambda: moment)


@pytest.fixture(autouse=True)
def _real_clock():
    yield
    from consent_app import clock

    clock.set_clock(None)


def _seen(store, complaint_id: str) -> tuple[str, list[str], list[str], list[str]]:
    with store.read() as conn:
        complaint = register.get(conn, complaint_id)
        codes = [r[0] for r in conn.execute("SELECT code FROM studio_alerts")]
    assert not complaint.problems
    return (complaint.state, sorted(e.note for e in complaint.events),
            sorted(e.note for e in complaint.events if e.concurrent), codes)


def test_a_close_is_never_undone_by_a_station_whose_clock_is_an_hour_ahead(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        complaint_id = _file(a)
        for store in (a, b):
            sync.sync_once(store)
        with a.transaction() as tx:  # A closes it at the right time
            register.transition(tx, complaint_id, "rejected", note="not ours", staff="admin")
        _at(60)  # B's clock is an hour ahead: its steps, taken before it saw the close, are signed "later"
        with b.transaction() as tx:
            register.transition(tx, complaint_id, "acknowledged", note="ack at B", staff="admin")
        _at(61)
        with b.transaction() as tx:
            register.transition(tx, complaint_id, "investigating", note="B investigates", staff="admin")
        for store in (b, a, b):
            sync.sync_once(store)
        at_a, at_b = _seen(a, complaint_id), _seen(b, complaint_id)
        assert at_a[:3] == at_b[:3]
        state, notes, concurrent, codes = at_b
        assert state == "rejected"  # closed at every station, although B's steps are deeper and "later"
        assert notes == ["B investigates", "ack at B", "complaint received", "not ours"]
        assert concurrent == ["B investigates", "ack at B"]
        assert "studio.complaint_conflict" in codes
        with b.read() as conn:
            assert conn.execute("SELECT state FROM complaints WHERE id = ?", (complaint_id,)).fetchone() == (
                "rejected",)
            assert register.get(conn, complaint_id).due_at is None  # closed: nothing due
        from consent_app.errors import PolicyError

        with b.transaction() as tx, pytest.raises(PolicyError) as closed:  # B cannot carry on from its branch
            register.transition(tx, complaint_id, "resolved", note="B resolves", staff="admin")
        assert closed.value.code == "complaint.bad_transition"
    finally:
        a.close()
        b.close()


def test_two_stations_moving_one_complaint_at_once_agree_on_the_close(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        complaint_id = _file(a)
        sync.sync_once(a)
        sync.sync_once(b)
        _at(-30)  # B closes with a clock half an hour behind; A's deeper open branch is signed after it
        with b.transaction() as tx:
            register.transition(tx, complaint_id, "rejected", note="not ours", staff="admin")
        _at(1)
        with a.transaction() as tx:
            register.transition(tx, complaint_id, "acknowledged", note="ack at the desk", staff="admin")
        _at(2)
        with a.transaction() as tx:
            register.transition(tx, complaint_id, "investigating", note="tracing at A", staff="admin")
        for store in (a, b, a):
            sync.sync_once(store)
        at_a, at_b = _seen(a, complaint_id), _seen(b, complaint_id)
        assert at_a[:3] == at_b[:3]
        state, notes, concurrent, codes = at_a
        assert state == "rejected"
        assert notes == ["ack at the desk", "complaint received", "not ours", "tracing at A"]
        assert concurrent == ["ack at the desk", "tracing at A"]
        assert "studio.complaint_conflict" in codes
    finally:
        a.close()
        b.close()


def test_the_deeper_branch_decides_everywhere_and_the_next_step_follows_it(tmp_path, studio_dsn, monkeypatch,
                                                                         capsys) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        complaint_id = _file(a)
        for store in (a, b):
            sync.sync_once(store)
        _at(60)  # B acknowledges with its clock an hour ahead; A's branch has one step more
        with b.transaction() as tx:
            register.transition(tx, complaint_id, "acknowledged", note="ack at B", staff="admin")
        _at(1)
        with a.transaction() as tx:
            register.transition(tx, complaint_id, "acknowledged", note="ack at A", staff="admin")
            register.transition(tx, complaint_id, "investigating", note="A investigates", staff="admin")
        for store in (a, b, a):
            sync.sync_once(store)
        _at(62)
        with b.transaction() as tx:  # B goes on from the deciding branch (A's, the deeper)
            register.transition(tx, complaint_id, "resolved", note="B resolves", staff="admin")
        for store in (b, a):
            sync.sync_once(store)
        for store in (a, b):
            with store.read() as conn:
                complaint = register.get(conn, complaint_id)
            assert not complaint.problems
            assert complaint.state == "resolved"
            assert [e.note for e in complaint.events if not e.concurrent] == [
                "complaint received", "ack at A", "A investigates", "B resolves"]
            assert [e.note for e in complaint.events if e.concurrent] == ["ack at B"]
        b.close()
        code, out = _cli(monkeypatch, capsys, tmp_path / "b", "complaint", "show", complaint_id)
        assert code == 0
        concurrent = [line for line in out.splitlines() if "(concurrent:" in line]
        assert len(concurrent) == 1
        assert "ack at B" in concurrent[0]
    finally:
        a.close()
        b.close()


def test_link_decisions_and_actions_reach_the_other_station(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        with a.transaction() as tx:
            complaint_id = register.file(
                tx, claim="no_consent", role="subject", contact=CONTACT, url="https://video.example/1",
                note=NOTE, staff="admin", links=[{"media_index": None, "kind": "tool", "target": "deepfacer",
                                                  "evidence": {"mark": "tool cert"}}])
        for store in (a, b):
            sync.sync_once(store)
        with b.read() as conn:
            (proposed,) = register.get(conn, complaint_id).links
        assert proposed.status == "proposed"
        with b.transaction() as tx:  # B confirms what A's trace proposed, and records a refutation statement
            register.decide_link(tx, complaint_id, proposed.id, confirm=True, staff="admin")
            register.record_action(tx, complaint_id, kind="refutation", target="statement", staff="admin",
                                   details={"verdict": "not_covered", "hash": "sha256:" + "ab" * 32})
        for store in (b, a):
            sync.sync_once(store)
        with a.read() as conn:
            at_a = register.get(conn, complaint_id)
        assert [(lk.id, lk.status, lk.decided_by) for lk in at_a.links] == [
            (proposed.id, "confirmed", "admin")]
        assert [(x.kind, x.details["hash"]) for x in at_a.actions] == [("refutation", "sha256:" + "ab" * 32)]
        assert not at_a.problems
    finally:
        a.close()
        b.close()


def test_a_link_decided_at_two_stations_merges_by_what_each_decision_saw(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        with a.transaction() as tx:
            complaint_id = register.file(
                tx, claim="no_consent", role="subject", contact=CONTACT, url="https://video.example/1",
                note=NOTE, staff="admin", links=[{"media_index": None, "kind": "tool", "target": "deepfacer",
                                                  "evidence": {}}])
        for store in (a, b):
            sync.sync_once(store)
        with a.read() as conn:
            (proposed,) = register.get(conn, complaint_id).links
        with b.transaction() as tx:
            register.decide_link(tx, complaint_id, proposed.id, confirm=False, staff="admin")
        _at(60)  # A confirms at once with its clock an hour ahead: decided at once, "rejected" holds
        with a.transaction() as tx:
            register.decide_link(tx, complaint_id, proposed.id, confirm=True, staff="admin")
        for store in (a, b, a):
            sync.sync_once(store)
        assert _link_states(a, b, complaint_id) == ["rejected", "rejected"]
        _at(-60)  # A decides again after seeing B's rejection, its clock now an hour behind: that holds
        with a.transaction() as tx:
            register.decide_link(tx, complaint_id, proposed.id, confirm=True, staff="admin")
        for store in (a, b):
            sync.sync_once(store)
        assert _link_states(a, b, complaint_id) == ["confirmed", "confirmed"]
        _at(-120)
        with b.transaction() as tx:  # and B can decide again afterwards: that reaches A too
            register.decide_link(tx, complaint_id, proposed.id, confirm=False, staff="admin")
        for store in (b, a):
            sync.sync_once(store)
        assert _link_states(a, b, complaint_id) == ["rejected", "rejected"]
    finally:
        a.close()
        b.close()


def _link_states(a, b, complaint_id: str) -> list[str]:
    out = []
    for store in (a, b):
        with store.read() as conn:
            (link_now,) = register.get(conn, complaint_id).links
        out.append(link_now.status)
    return out
