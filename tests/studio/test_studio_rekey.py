"""Revoking a station rotates the studio data key (issue 16): the revoking station makes a new generation and
shares it, in a signed ``studio.rekey`` object, with every remaining active station only. Personal data
sealed after the revocation (complaints, staff accounts, subject keys of shared templates) opens at the
remaining stations and not with any key the revoked station holds; what was sealed before still opens; a
station approved later receives every generation."""

from __future__ import annotations

import json

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from studiohelpers import station

from consent_app import staff
from consent_app.complaints import register
from consent_app.errors import AuthError
from consent_app.studio import held, link, objects, sealed, service, sync

CONTACT = "jane.doe@example.org"


def _join(store, founder, dsn: str, name: str) -> str:
    joined = service.join(store, dsn, "admin", name)
    service.approve(founder, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(store)
    sync.sync_once(founder)
    return joined.station_id


def _file(store, contact: str = CONTACT) -> str:
    with store.transaction() as tx:
        return register.file(tx, claim="no_consent", role="subject", contact=contact,
                             url="https://video.example/watch?v=42", note="seen on a site", staff="admin",
                             attachments=[])


def _ring(store) -> dict[str, bytes]:
    with store.read() as conn:
        return dict(link.require(conn).keyring)


def _every_key(store) -> list[bytes]:
    """Every data key the station's store holds, read from its tables directly (what a thief has)."""
    with store.read() as conn:
        first = [bytes(k) for (k,) in conn.execute(
            "SELECT data_key FROM studio_link WHERE data_key IS NOT NULL")]
        return first + [bytes(k) for (k,) in conn.execute("SELECT key FROM studio_data_keys")]


def _objects(dsn: str, kind: str) -> list[objects.StudioObject]:
    import psycopg

    with psycopg.connect(dsn) as conn:
        rows = conn.execute("SELECT station, seq, envelope, signature FROM studio_objects WHERE kind = %s "
                            "ORDER BY gid", (kind,)).fetchall()
    return [held.parsed(bytes(e), bytes(s), st, seq) for st, seq, e, s in rows]


def _private(obj: objects.StudioObject):
    """A complaint naming no subject: its personal fields (the contact) sealed under the data key, apart."""
    from types import SimpleNamespace

    return SimpleNamespace(kind="complaint.private.intake", object_id=obj.object_id,
                           body={"sealed": obj.body["private"]["sealed"]})


def _opens_with(keys: list[bytes], obj: objects.StudioObject) -> bool:
    _label, text = sealed.split(obj.body["sealed"])
    raw = objects.unb64(text)
    for key in keys:
        try:
            AESGCM(key).decrypt(raw[:12], raw[12:], f"{obj.kind}\x00{obj.object_id}".encode())
            return True
        except InvalidTag:
            continue
    return False


def _contact(store, complaint_id: str) -> str | None:
    with store.read() as conn:
        row = conn.execute("SELECT contact FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
    return row[0] if row else None


def test_a_revocation_rotates_the_data_key_away_from_the_revoked_station(tmp_path, studio_dsn) -> None:
    a, b, c, d = (station(tmp_path, n) for n in "abcd")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        _join(b, a, studio_dsn, "stage")
        c_id = _join(c, a, studio_dsn, "annex")
        old_complaint = _file(a, "before@example.org")
        for st in (a, b, c):
            sync.sync_once(st)
        assert _contact(c, old_complaint) == "before@example.org"
        stolen = _every_key(c)
        assert len(stolen) == 1
        assert _ring(a) == _ring(b) == _ring(c) == {"0": stolen[0]}

        service.revoke(a, c_id, "laptop stolen", "admin")
        ring_a = _ring(a)
        assert sorted(ring_a) == ["0", next(g for g in ring_a if g.startswith("1."))]
        (rekey,) = _objects(studio_dsn, "studio.rekey")
        assert rekey.body["revoked"] == c_id
        assert c_id not in rekey.body["keys"]
        sync.sync_once(b)
        assert _ring(b) == ring_a  # b received the new generation at its sync

        # sealed after the revocation at b (a complaint) and at a (a staff account)
        new_complaint = _file(b)
        with a.transaction() as tx:
            staff.create(tx, "cam2", "camera operator 2", staff.Role.OPERATOR, actor="admin")
        for st in (b, a, c, b):
            sync.sync_once(st)
        assert _contact(a, new_complaint) == CONTACT
        assert staff.login(b, "cam2", "camera operator 2").role is staff.Role.OPERATOR
        new_label = sealed.newest(ring_a)
        complaint_obj = next(o for o in _objects(studio_dsn, "complaint.intake")
                             if o.object_id == new_complaint)
        staff_obj = next(o for o in _objects(studio_dsn, "staff") if o.body["username"] == "cam2")
        for obj in (complaint_obj, _private(complaint_obj), staff_obj):
            assert sealed.split(obj.body["sealed"])[0] == new_label
            assert _opens_with(list(ring_a.values()), obj)
            assert not _opens_with(_every_key(c), obj)  # no key c's store holds opens it
            with pytest.raises(sealed.MissingGeneration):
                sealed.unseal(_ring(c), obj.kind, obj.object_id, obj.body["sealed"])
        assert _every_key(c) == stolen  # c never received the new generation
        assert _contact(c, new_complaint) is None
        with pytest.raises(AuthError):
            staff.login(c, "cam2", "camera operator 2")

        # what was sealed before still opens at a and b
        old_obj = next(o for o in _objects(studio_dsn, "complaint.intake") if o.object_id == old_complaint)
        assert sealed.split(old_obj.body["sealed"])[0] == "0"
        old_private = _private(old_obj)
        assert sealed.split(old_private.body["sealed"])[0] == "0"
        for st in (a, b):
            opened = sealed.unseal(_ring(st), old_private.kind, old_obj.object_id, old_private.body["sealed"])
            assert "before@example.org" in json.dumps(opened)

        # a station approved later (by b) receives every generation and reads old and new
        _join(d, b, studio_dsn, "annex 2")
        sync.sync_once(d)
        assert _ring(d) == ring_a
        assert _contact(d, new_complaint) == CONTACT
        assert _contact(d, old_complaint) == "before@example.org"
    finally:
        for st in (a, b, c, d):
            st.close()


@pytest.fixture(scope="module")
def faces(faces_dir) -> dict[str, tuple[bytes, object]]:
    from test_studio_templates import faces as shared

    return shared.__wrapped__(faces_dir)


def test_subject_keys_on_the_server_are_rewrapped_under_the_new_generation(tmp_path, studio_dsn,
                                                                            faces) -> None:
    from test_studio_templates import _duplicates, _enrol, _server

    from consent_app.studio import templates

    a, b, c, d = (station(tmp_path, n) for n in "abcd")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        _join(b, a, studio_dsn, "stage")
        c_id = _join(c, a, studio_dsn, "annex")
        before = _enrol(a, faces["obama.jpg"])
        for st in (a, b, c):
            sync.sync_once(st)
        assert [s.subject_id for s in _duplicates(c, faces["obama2.jpg"][1])] == [before]
        assert _server(studio_dsn, "SELECT generation FROM subject_keys") == [("0",)]
        stolen = _every_key(c)

        service.revoke(a, c_id, "laptop stolen", "admin")  # its sync re-wraps the server's rows
        label = sealed.newest(_ring(a))
        sync.sync_once(b)
        after = _enrol(b, faces["biden.jpg"])
        sync.sync_once(b)
        rows = _server(studio_dsn, "SELECT key_id, subject, wrapped, generation FROM subject_keys")
        assert sorted(r[1] for r in rows) == sorted([before, after])
        for kid, subject, wrapped, generation in rows:
            assert generation == label
            assert templates.unwrap_key(_ring(a)[label], subject, kid, bytes(wrapped))
            for key in stolen:  # nothing c holds unwraps a subject key any more
                with pytest.raises(InvalidTag):
                    templates.unwrap_key(key, subject, kid, bytes(wrapped))

        # a station approved later fetches and opens both subjects' keys
        _join(d, a, studio_dsn, "annex 2")
        sync.sync_once(d)
        assert [s.subject_id for s in _duplicates(d, faces["obama2.jpg"][1])] == [before]
        assert [s.subject_id for s in _duplicates(d, faces["biden.jpg"][1])] == [after]
        sync.sync_once(c)
        assert _duplicates(c, faces["biden.jpg"][1]) == []  # c cannot open the template made after
    finally:
        for st in (a, b, c, d):
            st.close()
