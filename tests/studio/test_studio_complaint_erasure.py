"""A complaint about a subject reaches every station with its personal fields sealed under the subject's key;
erasing the subject at any station makes those fields unreadable everywhere — at every station, in every
station's inbox and in PostgreSQL — while every register still lists the complaint with its verified
signed workflow."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from studiohelpers import pair as _pair

from consent_app.complaints import register
from consent_app.complaints.media import Attachment
from consent_app.consent import erasure
from consent_app.studio import complaint_private, db, link, objects, sealed, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent

CONTACT = "jane.doe@example.org"
URL = "https://video.example/watch?v=42"
NOTE = "seen on a video site, posted by someone she does not know"
SECRETS = (CONTACT, URL, NOTE, "called her back", "B phoned her lawyer", "her-face.png")


def _complaint_objects(dsn: str) -> list[objects.StudioObject]:
    with db.connect(dsn) as pg:
        rows = pg.execute("SELECT envelope, signature, station, seq FROM studio_objects WHERE kind IN "
                          "('complaint.intake', 'complaint.event')").fetchall()
    return [objects.parse(bytes(e), bytes(s), station=st, seq=seq) for e, s, st, seq in rows]


def _openable(store, obj: objects.StudioObject, subject: str) -> bool:
    """Whether anything this station holds (its subject keys, every data key generation) opens the
    object's personal fields."""
    from cryptography.exceptions import InvalidTag

    private = obj.body["private"]
    kind = "intake" if obj.kind == "complaint.intake" else "event"
    with store.read() as conn:
        ring = link.require(conn).keyring
        keys = [bytes(k) for (k,) in conn.execute("SELECT key FROM subject_keys")]
    blob = objects.unb64(private["sealed"])
    for key in keys:
        try:
            complaint_private._open(key, kind, subject, obj.object_id, blob)
            return True
        except InvalidTag:
            pass
    try:
        sealed.unseal(ring, f"complaint.private.{kind}", obj.object_id, private["sealed"])
        return True
    except (InvalidTag, ValueError, sealed.MissingGeneration):
        return False


def test_erasing_the_subject_at_one_station_ends_the_complaint_personal_data_everywhere(tmp_path,
                                                                                     studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        consent_id, subject = record_consent(a)
        with a.transaction() as tx:
            cid = register.file(tx, claim="no_consent", role="subject", contact=CONTACT, url=URL, note=NOTE,
                                consent_id=consent_id, staff="admin",
                                attachments=[Attachment("her-face.png", "image", "image/png", b"\x89PNG x")])
            register.transition(tx, cid, "acknowledged", note="called her back", staff="admin")
        for store in (a, b):
            sync.sync_once(store)
        with b.read() as conn:  # B opened the fields with the subject key it fetched from the server
            at_b = register.get(conn, cid)
        assert at_b.personal == "here"
        assert not at_b.problems
        assert (at_b.contact, at_b.url, at_b.note) == (CONTACT, URL, NOTE)
        assert [e.note for e in at_b.events] == ["complaint received", "called her back"]
        assert at_b.media[0].name == "her-face.png"
        with b.transaction() as tx:
            register.transition(tx, cid, "investigating", note="B phoned her lawyer", staff="admin")
        for store in (b, a):
            sync.sync_once(store)
        with a.read() as conn:
            assert [e.note for e in register.get(conn, cid).events][-1] == "B phoned her lawyer"
        shared = _complaint_objects(studio_dsn)
        assert {o.kind for o in shared} == {"complaint.intake", "complaint.event"}
        assert all("key" in o.body["private"] for o in shared)  # under the subject's key
        assert all(_openable(b, o, subject) for o in shared)

        with b.transaction() as tx:  # erased at B, not at the station that received the complaint
            erasure.erase_subject(tx, subject, actor="admin", reason="subject's request")
        for store in (b, a, b):
            sync.sync_once(store)

        for store in (a, b):
            with store.read() as conn:
                listed = register.list_complaints(conn)
                row = conn.execute("SELECT contact, url, note FROM complaints WHERE id = ?",
                                   (cid,)).fetchone()
                left = conn.execute("SELECT (SELECT COUNT(*) FROM complaint_event_notes) + "
                                    "(SELECT COUNT(*) FROM complaint_sealed) + (SELECT COUNT(*) FROM "
                                    "subject_keys WHERE subject_id = ?)", (subject,)).fetchone()[0]
                names = [r[0] for r in conn.execute("SELECT name FROM complaint_media")]
            assert [c.id for c in listed] == [cid]
            complaint = listed[0]
            assert complaint.personal == "erased"
            assert not complaint.problems  # the signed intake and every step still verify
            assert complaint.state == "investigating"
            assert [e.state for e in complaint.events] == ["received", "acknowledged", "investigating"]
            assert [e.note for e in complaint.events] == ["", "", ""]
            assert row == ("", None, "")
            assert names == [""]
            assert left == 0
            text = json.dumps(complaint.as_dict(complaint.due_at), ensure_ascii=False, default=str)
            for secret in SECRETS:
                assert secret not in text
        # no station can open what the object log and its own inbox keep, and the server has no key
        for obj in _complaint_objects(studio_dsn):
            assert not _openable(a, obj, subject)
            assert not _openable(b, obj, subject)
        with db.connect(studio_dsn) as pg:
            assert pg.execute("SELECT COUNT(*) FROM subject_keys WHERE subject = %s",
                              (subject,)).fetchone()[0] == 0
            envelopes = b"".join(bytes(e) for (e,) in pg.execute("SELECT envelope FROM studio_objects"))
        for secret in SECRETS:
            assert secret.encode() not in envelopes
    finally:
        a.close()
        b.close()


def test_a_complaint_arriving_after_its_subject_was_erased_arrives_erased(tmp_path, studio_dsn) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        consent_id, subject = record_consent(a)
        with a.transaction() as tx:
            cid = register.file(tx, claim="other", role="third_party", contact=CONTACT, url=URL,
                                consent_id=consent_id, staff="admin")
        for store in (a, b):
            sync.sync_once(store)
        with b.transaction() as tx:  # erased at B before A's complaint... was opened there: B's copy goes
            erasure.erase_subject(tx, subject, actor="admin")
        with a.transaction() as tx:  # A files another one about the subject before it hears of the erasure
            later = register.file(tx, claim="other", role="subject", contact="second@example.org", url=URL,
                                  consent_id=consent_id, staff="admin")
        for store in (a, b, a, b):
            sync.sync_once(store)
        for store in (a, b):
            with store.read() as conn:
                seen = {c.id: (c.personal, c.contact, c.problems) for c in register.list_complaints(conn)}
            assert seen == {cid: ("erased", "", ()), later: ("erased", "", ())}
    finally:
        a.close()
        b.close()
