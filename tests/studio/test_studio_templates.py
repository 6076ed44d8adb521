"""Face templates shared studio-wide under per-subject keys: a face enrolled at one station is found by the
duplicate check and the trace at another; erasure at any station destroys the subject's key everywhere (the
server's row, every station's copy), so the ciphertext left in the append-only object log opens for nobody."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from studiohelpers import pair as _pair
from studiohelpers import station

from consent_app.consent import erasure
from consent_app.studio import objects, service, sync, templates

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent


@pytest.fixture(scope="module")
def faces(faces_dir: Path) -> dict[str, tuple[bytes, object]]:
    """Real face_recognition templates of the shared photos: (jpeg bytes, 128-d encoding) by name."""
    from consent_app.biometrics.face.analysis import encode_single
    from consent_app.biometrics.images import load_image

    out = {}
    for name in ("obama.jpg", "obama2.jpg", "biden.jpg"):
        data = (faces_dir / name).read_bytes()
        out[name] = (data, encode_single(load_image(data, name=name).rgb, label=name).encoding)
    return out


def _enrol(store, photo: tuple[bytes, object]) -> str:
    """A subject with a signed consent and a face enrolled at this station; returns the subject id."""
    from consent_app.biometrics.face import records

    _consent, subject = record_consent(store)
    with store.transaction() as tx:
        records.save_enrolment(tx, photo[0], photo[1], subject_id=subject, session_id=None, actor="op")
    return subject


def _duplicates(store, encoding):
    from consent_app.biometrics.face import records

    with store.read() as conn:
        return records.find_duplicates(conn, encoding)


def _traced(store, data: bytes, name: str) -> list[dict]:
    from consent_app.provenance.apptrace import trace_with_store

    with store.read() as conn:
        return trace_with_store(conn, data, name).matches.get("faces", [])


def _local_keys(store, subject: str) -> list:
    with store.read() as conn:
        return conn.execute("SELECT key_id FROM subject_keys WHERE subject_id = ?", (subject,)).fetchall()


def _server(dsn: str, sql: str, *args):
    import psycopg

    with psycopg.connect(dsn) as conn:
        cur = conn.execute(sql, args)
        return cur.fetchall() if cur.description else []


def test_a_face_enrolled_at_one_station_is_found_at_another_until_erased(tmp_path, studio_dsn, faces) -> None:
    from cryptography.exceptions import InvalidTag

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        sync.sync_once(b)
        with a.read() as conn:
            lk_a = templates.link_mod.require(conn)
        # b's duplicate check finds the subject enrolled at a, naming the station; an unrelated face does not
        hits = _duplicates(b, faces["obama2.jpg"][1])
        assert [(h.subject_id, h.station, h.station_name) for h in hits] == [
            (subject, lk_a.station_id, "front desk")]
        assert hits[0].display_name == "Recorded Person"
        # the capture session's duplicate check at b (the same search the wizard runs) names the station too
        from consent_app.session.biometrics import RealBiometrics

        services = RealBiometrics(b)
        check = services.find_duplicates(services.capture_face(faces["obama2.jpg"][0], "image/jpeg"), None)
        assert [(d.subject_id, d.station) for d in check.matches] == [(subject, "front desk")]
        assert _duplicates(b, faces["biden.jpg"][1]) == []
        # and so does the trace of a file at b
        traced = _traced(b, faces["obama2.jpg"][0], "copy.jpg")
        assert [(m["subject"], m.get("station_name")) for m in traced] == [(subject, "front desk")]
        # and the complaint register's trace of an attachment, linking the consent replicated to b
        from consent_app.complaints.media import Attachment
        from consent_app.complaints.tracing import trace_all

        with b.read() as conn:
            attachment = Attachment("copy.jpg", "image", "image/jpeg", faces["obama2.jpg"][0])
            (report,) = trace_all(conn, [attachment])
            (consent_id,) = conn.execute("SELECT id FROM consents WHERE subject_id = ?",
                                         (subject,)).fetchone()
        assert [(m["subject"], m["station_name"]) for m in report.matches] == [(subject, "front desk")]
        assert {"kind": "consent", "target": consent_id} in [{k: x[k] for k in ("kind", "target")}
                                                             for x in report.links]

        # the server holds the key only wrapped, and the template only sealed
        with a.read() as conn:
            (key,) = conn.execute("SELECT key FROM subject_keys WHERE subject_id = ?", (subject,)).fetchone()
            (vector,) = conn.execute("SELECT vector FROM templates WHERE subject_id = ?",
                                     (subject,)).fetchone()
        rows = _server(studio_dsn, "SELECT subject, wrapped FROM subject_keys")
        assert [r[0] for r in rows] == [subject]
        assert bytes(key) not in bytes(rows[0][1])
        (envelope,) = _server(studio_dsn, "SELECT envelope FROM studio_objects WHERE kind = %s",
                              templates.KIND)[0]
        assert objects.b64(bytes(vector)) not in bytes(envelope).decode()
        assert bytes(vector) not in bytes(envelope)

        # erased at b (not where it was enrolled)
        with b.transaction() as tx:
            erasure.erase_subject(tx, subject, actor="admin", reason="subject's request")
        assert _local_keys(b, subject) == []
        sync.sync_once(b)
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys WHERE subject = %s", subject) == []
        sync.sync_once(a)
        assert _local_keys(a, subject) == []
        for st in (a, b):
            assert _duplicates(st, faces["obama2.jpg"][1]) == []
            assert _traced(st, faces["obama2.jpg"][0], "copy.jpg") == []
        with a.read() as conn:  # a wiped its own samples and templates of the subject too
            assert conn.execute("SELECT COUNT(*) FROM templates WHERE subject_id = ? AND vector IS NOT NULL",
                                (subject,)).fetchone()[0] == 0
            assert conn.execute("SELECT COUNT(*) FROM samples WHERE subject_id = ? AND data IS NOT NULL "
                                "AND kind = 'face'", (subject,)).fetchone()[0] == 0

        # the ciphertext stays in the append-only log; no key for it remains anywhere
        (env, sig, st_id, seq) = _server(studio_dsn, "SELECT envelope, signature, station, seq FROM "
                                         "studio_objects WHERE kind = %s", templates.KIND)[0]
        obj = objects.parse(bytes(env), bytes(sig), station=st_id, seq=seq)
        blob = objects.unb64(obj.body["sealed"])
        assert _server(studio_dsn, "SELECT * FROM subject_keys") == []
        assert _server(studio_dsn, "SELECT subject FROM subject_erasures") == [(subject,)]
        held = []
        for st in (a, b):
            with st.read() as conn:
                held += [bytes(k) for (k,) in conn.execute("SELECT key FROM subject_keys")]
                held.append(templates.link_mod.require(conn).data_key)
                assert conn.execute("SELECT COUNT(*) FROM shared_templates").fetchone()[0] == 0
        for candidate in held:  # nothing a station still holds opens it
            with pytest.raises(InvalidTag):
                templates.open_template(candidate, subject, obj.object_id, blob)
        assert templates.open_template(bytes(key), subject, obj.object_id, blob)["vector"]  # the lost key did
    finally:
        a.close()
        b.close()


def test_a_station_offline_during_the_erasure_drops_the_key_when_it_syncs(tmp_path, studio_dsn,
                                                                         faces) -> None:
    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        sync.sync_once(b)
        assert len(_local_keys(b, subject)) == 1
        with a.transaction() as tx:  # erased where it was enrolled, while b is offline
            erasure.erase_subject(tx, subject, actor="admin", reason="retention ended")
        sync.sync_once(a)
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys") == []
        assert len(_duplicates(b, faces["obama2.jpg"][1])) == 1  # b has not heard yet
        result = sync.sync_once(b)  # b comes back
        assert result.held_back == 0
        assert _local_keys(b, subject) == []
        assert _duplicates(b, faces["obama2.jpg"][1]) == []
        with b.read() as conn:
            entry = conn.execute("SELECT actor, details FROM audit WHERE action = 'subject.erase_biometrics' "
                                 "ORDER BY seq DESC LIMIT 1").fetchone()
        assert entry[0].startswith("station:")
        assert json.loads(entry[1])["subject_keys"] == 1
        assert service.verify(b)["ok"]
        # a key put back on the server for the erased subject (by hand, or from a server backup) is shown
        _server(studio_dsn, "INSERT INTO subject_keys (key_id, subject, station, wrapped) "
                "VALUES ('back', %s, 'x', '\\x00')", subject)
        report = service.verify(b)
        assert not report["ok"]
        assert report["erased_subject_keys"] == [{"key": "back", "subject": subject}]
    finally:
        a.close()
        b.close()


def test_a_template_pulled_before_its_key_waits_sealed_and_opens_later(tmp_path, studio_dsn, faces) -> None:
    """A template object arrives before its key reached the server: kept sealed, out of the search, and
    opened at the next sync."""
    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        from consent_app.studio import db

        with a.read() as conn:
            dsn = templates.link_mod.require(conn).dsn
        pg = db.reused(dsn, None)
        sync.push(a, pg)  # the object is on the server, the key not yet (a's exchange has not run)
        sync.sync_once(b)
        with b.read() as conn:
            assert conn.execute("SELECT vector IS NULL FROM shared_templates").fetchall() == [(1,)]
        assert _duplicates(b, faces["obama2.jpg"][1]) == []
        assert service.status(b)["templates"]["waiting_for_key"] == 1
        assert service.status(a)["templates"]["keys_to_upload"] == 1
        sync.sync_once(a)
        sync.sync_once(b)
        assert [h.subject_id for h in _duplicates(b, faces["obama2.jpg"][1])] == [subject]
        assert service.status(b)["templates"] == {"shared_in_search": 1, "waiting_for_key": 0,
                                                  "keys_to_upload": 0, "erasures_to_send": 0}
    finally:
        a.close()
        b.close()


def test_trace_and_erase_through_the_commands(tmp_path, studio_dsn, faces, monkeypatch, capsys) -> None:
    """`consent-app trace` at b names the station a face was enrolled at; `subject erase-biometrics` at b
    syncs at once, so the subject's key is off the server before the command returns."""
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    from consent_app.cli import main

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        sync.sync_once(b)
        b.close()
        copy = tmp_path / "copy.jpg"
        copy.write_bytes(faces["obama2.jpg"][0])
        for name, value in {"CONSENT_APP_DATA_DIR": str(tmp_path / "b"), "CONSENT_APP_PASSPHRASE": PASSPHRASE,
                            "CONSENT_APP_USER": "admin", "CONSENT_APP_PASSWORD": ADMIN_PASSWORD}.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        main(["trace", str(copy), "--json"])
        faces_found = json.loads(capsys.readouterr().out)["matches"]["faces"]
        assert [(m["subject"], m["station_name"]) for m in faces_found] == [(subject, "front desk")]
        main(["trace", str(copy)])
        assert f"face matches subject {subject} enrolled at station front desk" in capsys.readouterr().out

        assert main(["studio", "status"]) == 0
        assert "templates of other stations: 1 in the search, 0 waiting" in capsys.readouterr().out
        assert main(["subject", "erase-biometrics", subject]) == 0
        assert "erasure synced" in capsys.readouterr().out
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys") == []
        main(["trace", str(copy), "--json"])
        assert json.loads(capsys.readouterr().out)["matches"]["faces"] == []
        sync.sync_once(a)
        assert _traced(a, faces["obama2.jpg"][0], "copy.jpg") == []
    finally:
        a.close()
        b.close()


def test_a_face_bound_token_issued_before_the_erasure_arrived_is_revoked(tmp_path, studio_dsn, faces) -> None:
    """a issues a token bound to the face while b, offline, erases the subject: when the erasure arrives, a
    revokes the token with a signed event of its own."""
    from consent_app.consent import records
    from consent_app.tokens import issue

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        sync.sync_once(b)
        with b.transaction() as tx:
            erasure.erase_subject(tx, subject, actor="admin")
        with a.read() as conn:
            (consent_id,) = conn.execute("SELECT id FROM consents WHERE subject_id = ?",
                                         (subject,)).fetchone()
        with a.transaction() as tx:
            token = issue(tx, consent_id, ["face_swap"], bindings=["face"], actor="admin")
        sync.sync_once(b)
        sync.sync_once(a)
        for st in (a, b):
            sync.sync_once(st)
            with st.read() as conn:
                consent = records.get_verified(conn, consent_id)
            assert next(t for t in consent.tokens if t.id == token.token_id).state == "revoked"
            explicit = [e for e in consent.events if e.kind == "revocation"
                        and token.token_id in e.body.get("tokens", [])]
            assert [e.body["cause"] for e in explicit] == ["erasure"]  # one signed revocation, made at a
    finally:
        a.close()
        b.close()


def test_a_voice_enrolled_at_one_station_is_found_by_the_trace_at_another(tmp_path, studio_dsn,
                                                                           voices_dir) -> None:
    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import records
    from consent_app.messages import Message
    from consent_app.provenance.search import search_voice

    enrol, probe_clip = (voices_dir / "speakers" / "3080" / f"3080-5032-{n}.flac" for n in ("0006", "0007"))
    a, b = _pair(tmp_path, studio_dsn)
    try:
        _consent, subject = record_consent(a)
        with a.transaction() as tx:
            records.save_enrolment(tx, records.prepare_enrolment(audio.load(enrol)), subject_id=subject,
                                   session_id=None, actor="op")
        sync.sync_once(a)
        sync.sync_once(b)
        probe = probe_clip.read_bytes()
        notes: list[Message] = []
        with b.read() as conn:
            found = search_voice(conn, probe, "flac", probe_clip.name, notes)
            assert records.voice_template(conn, subject) is not None
        assert [(m["subject"], m["station_name"]) for m in found] == [(subject, "front desk")]
        assert [n.code for n in notes] == ["provenance.voice_match_at"]
        with a.transaction() as tx:
            erasure.erase_subject(tx, subject, actor="admin")
        sync.sync_once(a)
        sync.sync_once(b)
        for st in (a, b):
            with st.read() as conn:
                assert search_voice(conn, probe, "flac", probe_clip.name, []) == []
                assert records.voice_template(conn, subject) is None
    finally:
        a.close()
        b.close()


def test_a_subject_known_only_from_shared_templates_can_be_erased_there(tmp_path, studio_dsn, faces) -> None:
    """Enrolled at a with no consent yet (b has no subject row, only the shared template): erased at b."""
    from consent_app import clock
    from consent_app.biometrics.face import records
    from consent_app.errors import InputError

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = "0c3f6b9e-0000-4000-8000-000000000001"
        with a.transaction() as tx:
            tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                       (subject, "Walk-in", clock.iso(), "op"))
            records.save_enrolment(tx, *faces["obama.jpg"], subject_id=subject, session_id=None, actor="op")
        sync.sync_once(a)
        sync.sync_once(b)
        assert [h.display_name for h in _duplicates(b, faces["obama2.jpg"][1])] == ["Walk-in"]
        with b.transaction() as tx, pytest.raises(InputError):
            erasure.erase_subject(tx, "0c3f6b9e-0000-4000-8000-00000000ffff", actor="admin")
        with b.transaction() as tx:
            done = erasure.erase_subject(tx, subject, actor="admin")
        assert (done.samples, done.templates) == (0, 0)
        sync.sync_once(b)
        sync.sync_once(a)
        for st in (a, b):
            assert _duplicates(st, faces["obama2.jpg"][1]) == []
            assert _local_keys(st, subject) == []
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys") == []
    finally:
        a.close()
        b.close()


def test_a_store_rolled_back_past_an_erasure_does_it_again_when_reconciled(tmp_path, studio_dsn,
                                                                          faces) -> None:
    import shutil

    from storesupport import PASSPHRASE

    from consent_app.store import Store
    from consent_app.studio.db import StudioError

    a = station(tmp_path, "a")
    folder = tmp_path / "a"
    service.create(a, studio_dsn, "admin", "desk")
    subject = _enrol(a, faces["obama.jpg"])
    sync.sync_once(a)
    a.close()
    shutil.copytree(folder, tmp_path / "old-copy")
    a = Store.open(folder, PASSPHRASE)
    with a.transaction() as tx:
        erasure.erase_subject(tx, subject, actor="admin")
    sync.sync_once(a)
    a.close()
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "old-copy", folder)  # restored from before the erasure
    a = Store.open(folder, PASSPHRASE)
    try:
        assert len(_duplicates(a, faces["obama2.jpg"][1])) == 1  # the old copy holds the face again
        with pytest.raises(StudioError):
            sync.sync_once(a)
        service.reconcile(a, "admin", "restored after a disk failure")
        assert _duplicates(a, faces["obama2.jpg"][1]) == []
        assert _local_keys(a, subject) == []
        with a.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM samples WHERE subject_id = ? AND data IS NOT NULL "
                                "AND kind = 'face'", (subject,)).fetchone()[0] == 0
        sync.sync_once(a)
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys") == []
    finally:
        a.close()


def test_a_signed_template_object_that_does_not_open_is_an_alert_not_a_broken_sync(tmp_path, studio_dsn,
                                                                                    faces) -> None:
    from consent_app.studio import link

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        with a.transaction() as tx:  # a station of the studio signs a template without its key id,
            link.append(tx, templates.KIND, "bad-1", {"subject": subject, "modality": "face", "model": "x",
                                                       "sealed": "AAAA"})
            (row,) = tx.execute("SELECT key_id, key FROM subject_keys").fetchall()
            link.append(tx, templates.KIND, "bad-2", {  # one whose ciphertext is not under the key
                "subject": subject, "key": row[0], "modality": "face", "model": "x",
                "sealed": objects.b64(b"\0" * 40)})
            short = templates.seal_template(bytes(row[1]), subject, "bad-3",
                                            {"vector": objects.b64(b"\0" * 8)})
            link.append(tx, templates.KIND, "bad-3", {  # and one whose vector is not a face template
                "subject": subject, "key": row[0], "modality": "face", "model": "x",
                "sealed": objects.b64(short)})
        sync.sync_once(a)
        result = sync.sync_once(b)
        assert result.held_back == 0
        alerts = [(x["code"], x["params"]["template"]) for x in service.status(b)["alerts"]]
        assert sorted(alerts) == [("studio.template_unreadable", f"bad-{n}") for n in (1, 2, 3)]
        assert [h.subject_id for h in _duplicates(b, faces["obama2.jpg"][1])] == [subject]  # the good one
    finally:
        a.close()
        b.close()


def test_the_vector_sizes_shared_templates_must_have_are_the_models() -> None:
    from consent_app.biometrics.face.analysis import ENCODING_DIM
    from consent_app.biometrics.voice.embedding import EMBEDDING_SIZE

    assert templates.VECTOR_BYTES == {"face": ENCODING_DIM * 4, "voice": EMBEDDING_SIZE * 4}


def test_the_retention_duty_at_a_studio_station_takes_the_keys_off_the_server(tmp_path, studio_dsn,
                                                                              faces) -> None:
    from datetime import timedelta

    from consent_app import clock
    from consent_app.consent.erasure import retention_ends
    from consent_app.duties.run import run_duties

    a, b = _pair(tmp_path, studio_dsn)
    try:
        subject = _enrol(a, faces["obama.jpg"])
        sync.sync_once(a)
        sync.sync_once(b)
        with b.read() as conn:  # retention ends by the record replicated to b: b's duty erases it
            end = clock.parse_iso(retention_ends(conn, subject))
        try:
            clock.set_clock(lambda: end + timedelta(seconds=1))
            (result,) = run_duties(b, actor="admin", only=["retention"], force=True, attempts=1)
        finally:
            clock.set_clock(None)
        assert result.ok
        assert result.detail["erased_subjects"] == [subject]
        assert result.detail["studio_synced"] is True
        assert _server(studio_dsn, "SELECT key_id FROM subject_keys") == []
        sync.sync_once(a)
        assert _duplicates(a, faces["obama2.jpg"][1]) == []
        assert _local_keys(a, subject) == []
    finally:
        a.close()
        b.close()
