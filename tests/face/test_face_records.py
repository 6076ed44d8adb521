"""Face data in the real encrypted store, and the headless `consent-app face` commands."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import numpy as np
import pytest

from consent_app import audit, clock
from consent_app.biometrics.face import records
from consent_app.biometrics.face.liveness import Challenge, LivenessChecker
from consent_app.biometrics.face.matching import DEFAULT_THRESHOLD, THRESHOLD_SETTING, compare
from consent_app.canonical import sha256_hex
from consent_app.cli import main
from consent_app.errors import InputError, PolicyError


def new_subject(store, name: str = "Test Subject", erased: bool = False) -> str:
    subject_id = str(uuid.uuid4())
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO subjects (id, display_name, created_at, created_by, biometrics_erased_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (subject_id, name, clock.iso(), "op", clock.iso() if erased else None))
    return subject_id


@pytest.fixture(scope="module")
def enc(face_encodings):
    return {(n, i): e for n, i, _w, e in face_encodings}


def _audit_actions(conn) -> list[str]:
    return [e.action for e in audit.entries(conn)]


def test_enrolment_stores_image_and_template_encrypted_and_audited(store, enc, faces_dir):
    subject = new_subject(store)
    image = (faces_dir / "obama.jpg").read_bytes()
    with store.transaction() as tx:
        sample_id, template_id = records.save_enrolment(
            tx, image, enc[("obama.jpg", 0)], subject_id=subject, session_id=None, actor="op")
    with store.read() as conn:
        kind, mime, data, digest = conn.execute(
            "SELECT kind, mime, data, sha256 FROM samples WHERE id = ?", (sample_id,)).fetchone()
        rows = records.face_templates(conn, subject)
        entries = [e for e in audit.entries(conn) if e.action == "face.enrol"]
    assert (kind, mime) == ("face", "image/jpeg")
    assert bytes(data) == image
    assert digest == sha256_hex(image)
    assert [r[0] for r in rows] == [template_id]
    assert np.allclose(rows[0][2], enc[("obama.jpg", 0)], atol=1e-6)
    assert entries[-1].details["template_id"] == template_id
    assert "Test Subject" not in json.dumps(entries[-1].details)
    # The database file holds neither the JPEG nor the template in the clear.
    raw = b"".join(p.read_bytes() for p in Path(store.data_dir).rglob("*") if p.is_file())
    assert image[2000:2064] not in raw
    assert records.to_bytes(enc[("obama.jpg", 0)])[:64] not in raw


def test_enrolment_refused_for_unknown_or_erased_subject(store, enc):
    erased = new_subject(store, erased=True)
    with store.transaction() as tx, pytest.raises(PolicyError, match="erased"):
        records.save_enrolment(tx, b"x", enc[("obama.jpg", 0)], subject_id=erased,
                               session_id=None, actor="op")
    with store.transaction() as tx, pytest.raises(PolicyError, match="unknown subject"):
        records.save_sample(tx, b"x", subject_id="nope", session_id=None, kind="id_document",
                            mime="image/jpeg", actor="op")


def test_duplicate_check_finds_the_same_face_under_another_name(store, enc):
    obama = new_subject(store, "B. Obama")
    biden = new_subject(store, "J. Biden")
    with store.transaction() as tx:
        records.save_enrolment(tx, b"jpeg1", enc[("obama.jpg", 0)], subject_id=obama,
                               session_id=None, actor="op")
        records.save_enrolment(tx, b"jpeg2", enc[("biden.jpg", 0)], subject_id=biden,
                               session_id=None, actor="op")
    newcomer = new_subject(store, "Barry Someone")
    with store.read() as conn:
        hits = records.find_duplicates(conn, enc[("obama3.jpg", 0)], subject_id=newcomer)
        none = records.find_duplicates(conn, enc[("alex-lacamoire.png", 0)], subject_id=newcomer)
        own = records.find_duplicates(conn, enc[("obama3.jpg", 0)], subject_id=obama)
    assert [h.subject_id for h in hits] == [obama]
    assert hits[0].display_name == "B. Obama"
    assert hits[0].distance < DEFAULT_THRESHOLD
    assert none == []
    assert own == []  # the subject's own templates are not duplicates
    with store.transaction() as tx:
        eid = records.save_duplicate_check(tx, hits, subject_id=newcomer, session_id=None,
                                           threshold=DEFAULT_THRESHOLD, searched=2, actor="op")
    with store.read() as conn:
        body = records.load_evidence(conn, eid)
        entry = [e for e in audit.entries(conn) if e.action == "face.duplicate_check"][-1]
    assert body["matches"][0]["subject_id"] == obama
    assert "B. Obama" not in json.dumps(body)
    assert entry.details["matches"] == 1


def test_returning_subject_and_verification_evidence(store, enc):
    subject = new_subject(store)
    with store.transaction() as tx:
        records.save_enrolment(tx, b"jpeg", enc[("obama.jpg", 0)], subject_id=subject,
                               session_id=None, actor="op")
        records.save_enrolment(tx, b"jpeg", enc[("obama2.jpg", 0)], subject_id=subject,
                               session_id=None, actor="op")
    with store.read() as conn:
        ok = records.verify_returning(conn, subject, enc[("obama-1080p.jpg", 0)])
        bad = records.verify_returning(conn, subject, enc[("lin-manuel-miranda.png", 0)])
    assert ok.match
    assert not bad.match
    with store.transaction() as tx:
        eid = records.save_verification(tx, ok, subject_id=subject, session_id=None,
                                         actor="op", reference="enrolled")
    with store.read() as conn:
        body = records.load_evidence(conn, eid)
        assert "face.verify" in _audit_actions(conn)
    assert body["match"] is True
    assert body["threshold"] == DEFAULT_THRESHOLD
    assert body["model"] == ok.model
    assert body["reference"] == "enrolled"
    assert body["template_id"] == ok.template_id
    other = new_subject(store)
    with store.read() as conn, pytest.raises(PolicyError, match="no enrolled face"):
        records.verify_returning(conn, other, enc[("obama.jpg", 0)])


def test_id_document_verification_evidence(store, enc):
    subject = new_subject(store)
    result = compare(enc[("obama.jpg", 0)], enc[("obama3.jpg", 0)])
    with store.transaction() as tx:
        doc = records.save_sample(tx, b"document-jpeg", subject_id=subject, session_id=None,
                                  kind="id_document", mime="image/jpeg", actor="op")
        eid = records.save_verification(tx, result, subject_id=subject, session_id=None,
                                        actor="op", reference="id_document",
                                        reference_sample_id=doc)
    with store.read() as conn:
        body = records.load_evidence(conn, eid)
        kind = conn.execute("SELECT kind FROM evidence WHERE id = ?", (eid,)).fetchone()[0]
    assert kind == records.EVIDENCE_VERIFY
    assert body["reference_sample_id"] == doc
    assert body["distance"] == pytest.approx(result.distance, abs=1e-6)


def test_liveness_evidence_has_challenge_nonce_and_steps(store):
    from facehelpers import synth_landmarks

    subject = new_subject(store)
    challenge = Challenge.draw(2)
    checker = LivenessChecker(challenge)
    for k in range(60):
        checker.feed(k / 30, synth_landmarks())
    result = checker.finish()
    with store.transaction() as tx:
        eid = records.save_liveness(tx, result, subject_id=subject, session_id=None, actor="op")
    with store.read() as conn:
        body = records.load_evidence(conn, eid)
        entry = [e for e in audit.entries(conn) if e.action == "face.liveness"][-1]
    assert body["challenge"] == list(challenge.steps)
    assert body["nonce"] == challenge.nonce
    assert body["passed"] is False
    assert [s["action"] for s in body["steps"]] == list(challenge.steps)
    assert entry.details["nonce"] == challenge.nonce


def test_threshold_setting_is_validated_and_audited(store):
    with store.read() as conn:
        assert records.match_threshold(conn) == DEFAULT_THRESHOLD
    with store.transaction() as tx:
        records.set_match_threshold(tx, 0.45, "admin")
    with store.transaction() as tx, pytest.raises(InputError, match="between"):
        records.set_match_threshold(tx, 0.95, "admin")
    with store.read() as conn:
        assert records.match_threshold(conn) == 0.45
        change = [e for e in audit.entries(conn) if e.action == "settings.change"][-1]
    assert change.details == {"key": THRESHOLD_SETTING, "old": None, "new": 0.45}


# -- headless command -----------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b", "code"), [("obama.jpg", "obama3.jpg", 0),
                                              ("obama-720p.jpg", "32bit.png", 0),
                                              ("obama.jpg", "biden.jpg", 1)])
def test_cli_compare_exit_codes(faces_dir, capsys, a, b, code):
    assert main(["face", "compare", str(faces_dir / a), str(faces_dir / b)]) == code
    out = capsys.readouterr().out
    assert ("same person" if code == 0 else "different people") in out


def test_cli_compare_json(faces_dir, capsys):
    assert main(["face", "compare", str(faces_dir / "obama.jpg"), str(faces_dir / "obama2.jpg"),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["match"] is True
    assert out["threshold"] == DEFAULT_THRESHOLD
    assert 0 < out["distance"] < DEFAULT_THRESHOLD
    assert len(out["images"]) == 2


def test_cli_compare_input_errors(faces_dir, tmp_path, capsys):
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("RGB", (400, 300), (120, 120, 120)).save(blank)
    cases = [(faces_dir / "README.md", "not a recognised image"),
             (empty, "empty (0 bytes)"),
             (blank, "no face found"),
             (faces_dir / "two_people.jpg", "2 faces found"),
             (tmp_path / "missing.jpg", "no such file")]
    for path, reason in cases:
        assert main(["face", "compare", str(faces_dir / "obama.jpg"), str(path)]) == 2
        assert reason in capsys.readouterr().err
    assert main(["face", "compare", str(faces_dir / "obama.jpg"), str(faces_dir / "obama2.jpg"),
                 "--threshold", "2"]) == 2
    assert "between" in capsys.readouterr().err


def test_cli_threshold_show_and_change(cli_env, capsys):
    assert main(["init", "--studio", "Acme", "--admin", "admin"]) == 0
    capsys.readouterr()
    assert main(["face", "threshold"]) == 0
    assert f"= {DEFAULT_THRESHOLD}" in capsys.readouterr().out
    assert main(["face", "threshold", "0.42"]) == 0
    assert main(["face", "threshold"]) == 0
    assert "= 0.42" in capsys.readouterr().out
    assert main(["face", "threshold", "0.99"]) == 2
