"""The capture-session flow, without Qt, with the real face code on the shared photos."""

from __future__ import annotations

import json

import pytest
from sessionhelpers import details, face_rgb, performed, read, sign_and_finish, walk_to_form

from consent_app import audit
from consent_app.consent import records, signature
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.session.flow import (
    Attester,
    AttesterRole,
    CaptureFlow,
    State,
    Step,
    SubjectDetails,
)


def _counts(store) -> dict[str, int]:
    with store.read() as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("subjects", "capture_sessions", "samples", "templates", "evidence", "consents")}


def _actions(store) -> list[str]:
    with store.read() as conn:
        return [e.action for e in audit.entries(conn)]


def test_a_complete_session_writes_one_verifiable_consent(flow, consent_store, faces_dir):
    walk_to_form(flow, faces_dir)
    assert flow.identity_passed
    done = sign_and_finish(flow, ("face_swap", "face_generation"))
    assert flow.state is State.COMPLETED
    assert flow.step is Step.COMPLETE

    with consent_store.read() as conn:
        consent = records.get(conn, done.consent_id)
        assert consent.verified
        assert consent.problems == ()
        assert consent.categories == ("face_generation", "face_swap")
        assert consent.subject_id == done.subject_id
        session = conn.execute("SELECT state, operator, subject_id FROM capture_sessions WHERE id = ?",
                               (done.session_id,)).fetchone()
        assert session == ("completed", "op", done.subject_id)
        samples = {(kind, mime): (sha, data) for kind, mime, sha, data in conn.execute(
            "SELECT kind, mime, sha256, data FROM samples WHERE session_id = ?", (done.session_id,))}
        assert set(samples) == {("id_document", "image/jpeg"), ("face", "image/jpeg"),
                                ("signature", "application/json"), ("signature", "image/png")}
        evidence = dict(conn.execute("SELECT kind, sha256 FROM evidence WHERE session_id = ?",
                                     (done.session_id,)).fetchall())
        templates = conn.execute("SELECT modality FROM templates WHERE subject_id = ?",
                                 (done.subject_id,)).fetchall()
    assert templates == [("face",)]
    ev = consent.record["evidence"]
    # every evidence hash in the signed record is the hash of a stored evidence row / sample
    assert ev["identityVerification"]["evidenceSha256"] == evidence["face.verification"]
    assert ev["liveness"]["evidenceSha256"] == evidence["face.liveness"]
    assert ev["subjectSignature"]["evidenceSha256"] == evidence["signature.subject"]
    assert ev["staffCountersignature"]["evidenceSha256"] == evidence["signature.staff"]
    assert ev["identityVerification"]["faceSampleSha256"] == samples[("face", "image/jpeg")][0]
    assert ev["terms"]["sha256"] == consent.terms_sha256
    assert consent.record["collectionMethod"] == "in_person_session"
    assert consent.record["dataSubject"]["id"] == f"urn:uuid:{done.subject_id}"
    assert "Test Subject" not in json.dumps(consent.record, ensure_ascii=False)  # pseudonymous record
    actions = _actions(consent_store)
    assert {"subject.create", "consent.create", "session.complete"} <= set(actions)


def test_steps_cannot_be_skipped_and_back_is_always_allowed(flow, faces_dir):
    with pytest.raises(PolicyError, match="enter the subject's details first"):
        flow.go_to(Step.ID_DOCUMENT)
    with pytest.raises(PolicyError, match="first step"):
        flow.back()
    flow.set_subject(SubjectDetails("Ada", "en"))
    flow.next()
    assert [b.code for b in flow.blockers(Step.CONSENT_FORM)] == ["id_document", "live_face"]
    with pytest.raises(PolicyError, match="ID document"):
        flow.next()
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    flow.next()
    with pytest.raises(PolicyError, match="live face"):
        flow.go_to(Step.VOICE)
    flow.capture_face(read(faces_dir / "obama.jpg"))
    # the face matches but no liveness yet: voice may be visited, the consent form not
    assert [b.code for b in flow.blockers(Step.CONSENT_FORM)] == ["identity"]
    assert "liveness challenge has not been done" in flow.blockers(Step.CONSENT_FORM)[0].message
    flow.next()
    assert flow.step is Step.VOICE
    with pytest.raises(PolicyError, match="identity check has not passed"):
        flow.next()
    flow.back()
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    flow.go_to(Step.CONSENT_FORM)
    with pytest.raises(PolicyError, match="finish"):
        flow.go_to(Step.COMPLETE)
    with pytest.raises(PolicyError, match="complete the consent form"):
        flow.next()
    flow.go_to(Step.SUBJECT_DETAILS)  # back any number of steps
    assert flow.step is Step.SUBJECT_DETAILS
    assert flow.can_enter(Step.CONSENT_FORM)


def test_actions_belong_to_their_step(flow, faces_dir):
    with pytest.raises(PolicyError, match="live_face step"):
        flow.capture_face(read(faces_dir / "obama.jpg"))
    with pytest.raises(PolicyError, match="consent_form step"):
        flow.set_consent(["face_swap"], details())


def test_a_face_that_does_not_match_the_id_blocks_the_form_until_an_admin_overrides(
        flow, consent_store, faces_dir, admin, operator):
    walk_to_form(flow, faces_dir, face="biden.jpg", id_photo="obama.jpg")
    assert not flow.identity.match.match
    assert flow.identity.match.distance > flow.identity.match.threshold
    with pytest.raises(PolicyError, match="does not match the ID document"):
        flow.go_to(Step.CONSENT_FORM)
    assert flow.category_availability()["face_swap"] is not None
    with pytest.raises(AuthError, match="only an admin"):
        flow.record_override(operator, "the ID photo is twenty years old")
    with pytest.raises(InputError, match="reason"):
        flow.record_override(admin, "old")
    before = len(_actions(consent_store))
    override = flow.record_override(admin, "ID photo is 20 years old; checked passport in person")
    with consent_store.read() as conn:
        last = list(audit.entries(conn))[-1]
    assert len(_actions(consent_store)) == before + 1
    assert (last.action, last.actor, last.target) == ("session.identity_override", "admin",
                                                       f"session:{flow.session_id}")
    assert last.details["reason"] == override.reason
    assert last.details["problems"]
    done = sign_and_finish(flow, ("face_attribute_edit",))
    with consent_store.read() as conn:
        consent = records.get_verified(conn, done.consent_id)
    ev = consent.record["evidence"]
    assert ev["identityOverride"]["admin"] == "admin"
    assert ev["identityOverride"]["reason"].startswith("ID photo is 20 years old")
    assert ev["identityVerification"]["match"] is False
    assert consent.record["attester"] == {"role": "subject", "verified": False}


def test_a_new_capture_drops_an_override_given_for_the_old_one(flow, faces_dir, admin):
    walk_to_form(flow, faces_dir, face="biden.jpg", id_photo="obama.jpg")
    flow.back()
    flow.record_override(admin, "documented exception for this test")
    flow.capture_face(read(faces_dir / "biden.jpg"))
    assert flow.override is None
    with pytest.raises(PolicyError, match="identity check has not passed"):
        flow.go_to(Step.CONSENT_FORM)


def test_a_still_photo_fails_liveness_and_blocks_the_form(flow, faces_dir, admin):
    walk_to_form(flow, faces_dir, live=False)
    assert flow.identity.match.match
    assert not flow.liveness.passed
    assert "did not move" in flow.liveness.reason or "time limit" in flow.liveness.reason
    with pytest.raises(PolicyError, match="liveness challenge failed"):
        flow.go_to(Step.CONSENT_FORM)


def test_a_liveness_result_for_another_challenge_is_refused(flow, faces_dir, services):
    flow.set_subject(SubjectDetails("Ada", "en"))
    flow.next()
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    flow.next()
    flow.capture_face(read(faces_dir / "obama.jpg"))
    old = flow.draw_challenge()
    trace = performed(old.actions, face_rgb(faces_dir / "obama.jpg"))
    result = services.check_liveness(old, trace, flow.face)
    flow.draw_challenge()
    with pytest.raises(PolicyError, match="not for the challenge drawn"):
        flow.record_liveness(result)
    assert flow.liveness is None


def test_face_categories_need_the_face_verification_and_voice_categories_a_voice(flow, faces_dir):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    available = flow.category_availability()
    assert all(available[c] is None for c in ("face_generation", "face_swap", "pose_manipulation"))
    assert "voice sample" in available["tts_voice_clone"]
    with pytest.raises(PolicyError, match="tts_voice_clone: voice edits need a voice sample"):
        flow.set_consent(["face_swap", "tts_voice_clone"], details())
    assert flow.choice is None


def test_bad_consent_forms_are_refused_and_nothing_is_kept(flow, faces_dir):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    with pytest.raises(InputError, match="no edit category"):
        flow.set_consent([], details())
    d = details()
    with pytest.raises(InputError, match=r"ends .* before it starts"):
        flow.set_consent(["face_swap"], details(valid_until=d.valid_from, valid_from=d.valid_until))
    with pytest.raises(InputError, match="unknown edit category 'face_melt'"):
        flow.set_consent(["face_melt"], details())
    with pytest.raises(InputError, match="purpose"):
        flow.set_consent(["face_swap"], details(purpose="  "))
    with pytest.raises(InputError, match="withdrawal contact"):
        flow.set_consent(["face_swap"], details(withdrawal_contact=""))
    assert flow.choice is None
    assert flow.rendered_terms is None


def test_a_trivial_signature_is_refused(flow, faces_dir):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    rendered = flow.set_consent(["face_swap"], details())
    with pytest.raises(PolicyError, match="terms shown are not the current terms"):
        flow.acknowledge_terms("0" * 64)
    flow.acknowledge_terms(rendered.sha256)
    flow.next()
    few = signature.Signature.from_points([[(10, 10), (20, 30), (30, 10), (40, 30)]], 600, 200)
    with pytest.raises(signature.SignatureError, match="only 4 points"):
        flow.sign(few)
    assert flow.subject_signature is None
    with pytest.raises(PolicyError, match="has not signed"):
        flow.next()


def test_changing_the_form_after_signing_clears_the_signatures(flow, faces_dir):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    rendered = flow.set_consent(["face_swap"], details())
    flow.acknowledge_terms(rendered.sha256)
    flow.next()
    flow.sign(signature.synthetic("Ada"))
    flow.back()
    flow.set_consent(["face_swap", "face_generation"], details())
    assert flow.subject_signature is None
    assert not flow.terms_acknowledged
    with pytest.raises(PolicyError, match="confirmed reading the terms"):
        flow.go_to(Step.SUBJECT_SIGNATURE)


def test_only_the_logged_in_staff_member_countersigns(flow, faces_dir, admin):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    rendered = flow.set_consent(["face_swap"], details())
    flow.acknowledge_terms(rendered.sha256)
    flow.next()
    flow.sign(signature.synthetic("Ada"))
    flow.next()
    with pytest.raises(AuthError, match="only the logged-in staff member"):
        flow.countersign_by(admin, signature.synthetic("admin"))
    with pytest.raises(PolicyError, match="countersigned"):
        flow.finish()


def test_cancel_and_discard_leaves_nothing_but_an_audit_note(flow, consent_store, faces_dir):
    before = _counts(consent_store)
    walk_to_form(flow, faces_dir)
    assert flow.cancel(keep=False, reason="subject changed their mind") is State.DISCARDED
    assert _counts(consent_store) == before
    with consent_store.read() as conn:
        last = list(audit.entries(conn))[-1]
    assert (last.action, last.details["kept"]) == ("session.cancel", False)
    with pytest.raises(PolicyError, match="discarded"):
        flow.next()
    assert flow.face is None
    assert flow.id_document is None


def test_cancel_and_keep_stores_an_incomplete_session_that_is_never_a_consent(
        flow, consent_store, faces_dir):
    walk_to_form(flow, faces_dir)
    before = _counts(consent_store)
    assert flow.cancel(keep=True, reason="fire alarm") is State.INCOMPLETE
    after = _counts(consent_store)
    assert after["consents"] == before["consents"] == 0
    assert after["subjects"] == before["subjects"] + 1
    assert after["samples"] == before["samples"] + 2  # ID document and live face
    with consent_store.read() as conn:
        state = conn.execute("SELECT state FROM capture_sessions WHERE id = ?", (flow.session_id,)).fetchone()
        assert records.list_consents(conn) == []
    assert state == ("incomplete",)


def test_a_failure_while_finishing_writes_nothing(flow, consent_store, faces_dir, monkeypatch):
    walk_to_form(flow, faces_dir)
    before = _counts(consent_store)
    audit_before = len(_actions(consent_store))

    def broken(*a, **kw):
        raise RuntimeError("disk pulled out mid-write")

    monkeypatch.setattr(records, "insert", broken)
    with pytest.raises(RuntimeError, match="mid-write"):
        sign_and_finish(flow)
    assert _counts(consent_store) == before
    assert len(_actions(consent_store)) == audit_before
    assert flow.state is State.OPEN  # the staff can retry
    monkeypatch.undo()
    done = flow.finish()
    assert _counts(consent_store)["consents"] == 1
    assert done.consent_id


def test_a_minor_needs_a_verified_guardian(flow, consent_store, faces_dir):
    with pytest.raises(PolicyError, match="guardian"):
        flow.set_subject(SubjectDetails("Kid", "en", minor=True))
    with pytest.raises(InputError, match="relationship"):
        flow.set_subject(SubjectDetails("Kid", "en", minor=True,
                                        attester=Attester(AttesterRole.GUARDIAN, "Pat")))
    flow.set_subject(SubjectDetails("Kid", "zh-CN", minor=True,
                                    attester=Attester(AttesterRole.GUARDIAN, "Pat Doe", "mother")))
    flow.next()
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    flow.next()
    flow.capture_face(read(faces_dir / "obama.jpg"))
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    assert any("guardian's face has not been checked" in p for p in flow.identity_problems())
    # a guardian whose face is not the person on the guardian's ID does not pass
    check = flow.capture_guardian(read(faces_dir / "biden.jpg"), read(faces_dir / "alex-lacamoire.png"),
                                  face_mime="image/png")
    assert not check.match.match
    with pytest.raises(PolicyError, match="guardian's face does not match"):
        flow.go_to(Step.CONSENT_FORM)
    flow.capture_guardian(read(faces_dir / "obama3.jpg"), read(faces_dir / "obama-720p.jpg"))
    flow.go_to(Step.CONSENT_FORM)
    rendered = flow.set_consent(["face_swap"], details())
    assert rendered.language == "zh-CN"
    assert "Pat Doe" in rendered.text
    assert "监护人" in rendered.text
    flow.acknowledge_terms(rendered.sha256)
    flow.next()
    flow.sign(signature.synthetic("Pat Doe"))
    flow.next()
    flow.countersign_by(flow.operator, signature.synthetic("op"))
    done = flow.finish()
    with consent_store.read() as conn:
        consent = records.get_verified(conn, done.consent_id)
        kinds = [k for (k,) in conn.execute("SELECT kind FROM samples WHERE session_id = ?",
                                            (done.session_id,))]
    assert consent.record["attester"] == {"role": "guardian", "name": "Pat Doe", "relationship": "mother",
                                          "verified": True}
    assert consent.record["dataSubject"]["minor"] is True
    assert consent.record["evidence"]["guardianVerification"]["match"] is True
    assert sorted(kinds) == ["face", "id_document", "signature", "signature", "signature", "signature"]


def test_an_authorised_agent_is_recorded_with_their_authority(flow, consent_store, faces_dir):
    flow.set_subject(SubjectDetails("Ada", "en", attester=Attester(AttesterRole.AGENT, "Lee Agent",
                                                                   "power of attorney PA-2026-17")))
    flow.next()
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    flow.next()
    flow.capture_face(read(faces_dir / "obama.jpg"))
    flow.run_liveness(performed(flow.draw_challenge().actions, face_rgb(faces_dir / "obama.jpg")))
    done = sign_and_finish(flow)
    with consent_store.read() as conn:
        consent = records.get_verified(conn, done.consent_id)
    assert consent.record["attester"]["role"] == "agent"
    assert consent.record["attester"]["relationship"] == "power of attorney PA-2026-17"
    assert "authorised agent" in consent.terms_text


def test_a_returning_subject_gets_no_second_subject_row(consent_store, operator, services, faces_dir):
    first = CaptureFlow(consent_store, operator, services)
    walk_to_form(first, faces_dir)
    done = sign_and_finish(first)
    again = CaptureFlow(consent_store, operator, services)
    again.set_subject(SubjectDetails("Test Subject", "en", subject_id=done.subject_id))
    again.next()
    again.capture_id_document(read(faces_dir / "obama3.jpg"))
    again.next()
    again.capture_face(read(faces_dir / "obama-720p.jpg"))
    again.run_liveness(performed(again.draw_challenge().actions, face_rgb(faces_dir / "obama-720p.jpg")))
    second = sign_and_finish(again, ("face_generation",))
    assert second.subject_id == done.subject_id
    with consent_store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM subjects").fetchone()[0] == 1
        assert len(records.list_consents(conn, done.subject_id)) == 2
    with pytest.raises(InputError, match="no subject with id"):
        CaptureFlow(consent_store, operator, services).set_subject(
            SubjectDetails("X", "en", subject_id="00000000-0000-0000-0000-000000000000"))


def test_switching_language_re_renders_the_terms_and_asks_again(flow, faces_dir):
    walk_to_form(flow, faces_dir)
    flow.go_to(Step.CONSENT_FORM)
    english = flow.set_consent(["face_swap"], details())
    flow.acknowledge_terms(english.sha256)
    seen: list[Step] = []
    flow.subscribe(lambda f: seen.append(f.step))
    flow.go_to(Step.SUBJECT_DETAILS)
    flow.set_subject(SubjectDetails("Test Subject", "zh-CN"))
    assert flow.rendered_terms.language == "zh-CN"
    assert flow.rendered_terms.sha256 != english.sha256
    assert not flow.terms_acknowledged
    assert "人脸替换" in flow.rendered_terms.text
    assert seen
    assert seen[-1] is Step.SUBJECT_DETAILS


def test_a_wizard_can_compute_on_a_worker_and_hand_results_to_the_flow(flow, services, faces_dir):
    """Slow work through the services (a worker thread in the app), state changes through accept_*."""
    from consent_app.biometrics.face.liveness import LivenessChecker
    from consent_app.session.biometrics import liveness_from_result

    flow.set_subject(SubjectDetails("Ada", "en"))
    flow.next()
    document = services.read_id_document(read(faces_dir / "obama2.jpg"), "image/jpeg")
    face = services.capture_face(read(faces_dir / "obama.jpg"), "image/jpeg")
    with pytest.raises(PolicyError, match="not an ID-document photo"):
        flow.accept_id_document(face)
    flow.accept_id_document(document)
    flow.next()
    with pytest.raises(PolicyError, match="not a live face capture"):
        flow.accept_face(document)
    assert flow.accept_face(face).match.match
    challenge = flow.draw_challenge()
    checker = LivenessChecker(services.face_challenge(challenge))
    for t, landmarks, faces, px, _rgb in performed(challenge.actions):
        checker.feed(t, landmarks, faces, px)
    unbound = liveness_from_result(checker.finish())  # landmarks only: whose face moved is unknown
    assert unbound.passed
    with pytest.raises(PolicyError, match="not checked against this session's captured face") as refused:
        flow.record_liveness(unbound)
    assert refused.value.code == "liveness.not_bound"
    trace = performed(challenge.actions, face_rgb(faces_dir / "obama.jpg"))
    result = services.check_liveness(challenge, trace, face)
    flow.record_liveness(result)
    assert flow.identity_passed
    assert flow.can_enter(Step.CONSENT_FORM)


def test_an_erased_subject_cannot_come_back_with_new_captures(consent_store, operator, services, faces_dir):
    from consent_app.consent import erasure

    first = CaptureFlow(consent_store, operator, services)
    walk_to_form(first, faces_dir)
    done = sign_and_finish(first)
    again = CaptureFlow(consent_store, operator, services)
    again.set_subject(SubjectDetails("Test Subject", "en", subject_id=done.subject_id))
    again.next()
    again.capture_id_document(read(faces_dir / "obama3.jpg"))
    again.next()
    again.capture_face(read(faces_dir / "obama-720p.jpg"))
    again.run_liveness(performed(again.draw_challenge().actions, face_rgb(faces_dir / "obama-720p.jpg")))
    with consent_store.transaction() as tx:
        erasure.erase_subject(tx, done.subject_id, actor="admin")
    with pytest.raises(PolicyError, match="erased during the session"):
        sign_and_finish(again)
    with consent_store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM samples WHERE data IS NOT NULL AND kind = 'face'"
                            ).fetchone()[0] == 0
    with pytest.raises(PolicyError, match="register them as a new subject"):
        CaptureFlow(consent_store, operator, services).set_subject(
            SubjectDetails("Test Subject", "en", subject_id=done.subject_id))


# -- liveness bound to identity -------------------------------------------------------------------------
def _at_live_face(flow, faces_dir, face="obama.jpg", id_photo="obama2.jpg"):
    flow.set_subject(SubjectDetails("Ada", "en"))
    flow.next()
    flow.capture_id_document(read(faces_dir / id_photo))
    flow.next()
    flow.capture_face(read(faces_dir / face))


def test_liveness_needs_the_captured_face_first(flow, faces_dir):
    flow.set_subject(SubjectDetails("Ada", "en"))
    flow.next()
    flow.capture_id_document(read(faces_dir / "obama2.jpg"))
    flow.next()
    challenge = flow.draw_challenge()
    with pytest.raises(PolicyError, match="capture the live face before") as refused:
        flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    assert refused.value.code == "liveness.needs_face"


def test_another_person_doing_the_challenge_fails_it(flow, faces_dir):
    _at_live_face(flow, faces_dir)
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "biden.jpg")))  # an accomplice
    assert not flow.liveness.passed
    assert flow.liveness.code == "liveness.other_person"
    assert any("not the captured face" in p for p in flow.identity_problems())
    with pytest.raises(PolicyError, match="liveness challenge failed"):
        flow.go_to(Step.CONSENT_FORM)


def test_two_faces_in_a_challenge_frame_fail_it(flow, faces_dir):
    _at_live_face(flow, faces_dir)
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "two_people.jpg")))
    assert not flow.liveness.passed
    assert flow.liveness.code == "liveness.two_faces"


def test_recapturing_the_face_after_a_pass_invalidates_the_pass(flow, faces_dir):
    _at_live_face(flow, faces_dir)
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    assert flow.identity_passed
    # the accomplice did the challenge; now a photo of the victim is captured: the pass is gone
    flow.capture_face(read(faces_dir / "obama-720p.jpg"))
    assert flow.liveness is None
    assert not flow.identity_passed
    assert any("captured again after the liveness challenge" in p for p in flow.identity_problems())
    with pytest.raises(PolicyError, match="identity check has not passed"):
        flow.go_to(Step.CONSENT_FORM)
    flow.run_liveness(performed(flow.draw_challenge().actions, face_rgb(faces_dir / "obama-720p.jpg")))
    assert flow.identity_passed


def test_challenge_frames_are_kept_encrypted_signed_and_erased(flow, consent_store, faces_dir):
    from consent_app.consent import erasure

    _at_live_face(flow, faces_dir)
    challenge = flow.draw_challenge()
    flow.run_liveness(performed(challenge.actions, face_rgb(faces_dir / "obama.jpg")))
    kept = flow.liveness.frames
    assert 3 <= len(kept) <= 5
    assert flow.liveness.face_template_sha256 == flow.face.template.sha256
    flow.next()
    done = sign_and_finish(flow)
    with consent_store.read() as conn:
        consent = records.get_verified(conn, done.consent_id)
        rows = conn.execute("SELECT sha256, data, nonce FROM liveness_frames WHERE session_id = ? "
                            "ORDER BY position", (done.session_id,)).fetchall()
    live = consent.record["evidence"]["liveness"]
    assert live["nonce"] == challenge.nonce
    assert live["frameSha256s"] == [f.sha256 for f in kept] == [r[0] for r in rows]
    assert live["faceTemplateSha256"] == flow.face.template.sha256
    assert live["measurementsSha256"]
    assert live["identity"]["comparedFrames"] >= len(challenge.actions)
    assert all(r[1][:2] == b"\xff\xd8" and r[2] == challenge.nonce for r in rows)
    on_disk = b"".join(f.read_bytes() for f in consent_store.path.parent.iterdir() if f.is_file())
    assert not any(r[1][200:264] in on_disk for r in rows)  # encrypted at rest (db and WAL)
    with consent_store.transaction() as tx:
        erasure.erase_subject(tx, done.subject_id, actor="admin")
    with consent_store.read() as conn:
        left = conn.execute("SELECT data, erased_at, sha256 FROM liveness_frames WHERE session_id = ?",
                            (done.session_id,)).fetchall()
        again = records.get_verified(conn, done.consent_id)
    assert all(d is None and e is not None for d, e, _ in left)
    assert [s for _, _, s in left] == live["frameSha256s"]  # the hashes stay with the signed record
    assert again.record["evidence"]["liveness"]["frameSha256s"] == live["frameSha256s"]
