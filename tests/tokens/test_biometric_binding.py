"""Face and voice bindings: issued from real enrolments, checked by the verifier on real media."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from storesupport import store_consent
from tokenhelpers import NOW

from consent_app import clock
from consent_app.errors import PolicyError
from consent_app.tokens import export_jwks, export_status_lists, issue
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify import codes as C

SPEAKER = "1688"


@pytest.fixture(scope="module")
def face_enrolment(faces_dir: Path):
    from consent_app.biometrics.face.analysis import encode_single
    from consent_app.biometrics.images import load_image

    data = (faces_dir / "obama.jpg").read_bytes()
    return data, encode_single(load_image(data).rgb, label="obama.jpg").encoding


@pytest.fixture(scope="module")
def voice_enrolment(voices_dir: Path):
    from consent_app.biometrics import audio
    from consent_app.biometrics.voice.records import prepare_enrolment

    return prepare_enrolment(audio.load(voices_dir / "speakers" / SPEAKER / f"{SPEAKER}-142285-0000.flac"))


@pytest.fixture
def enrolled(store, face_enrolment, voice_enrolment):
    """A store with one subject enrolled by face (obama.jpg) and voice (speaker 1688)."""
    from consent_app.biometrics.face import records as face_records
    from consent_app.biometrics.voice import records as voice_records
    from consent_app.consent import records

    clock.set_clock(lambda: NOW)
    try:  # the real clock comes back even when the setup fails (the next tests would run at NOW)
        subject = str(uuid.uuid4())
        with store.transaction() as tx:
            tx.execute(
                "INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                (subject, "Enrolled Person", clock.iso(), "admin"),
            )
            image, encoding = face_enrolment
            face_records.save_enrolment(tx, image, encoding, subject_id=subject, session_id=None, actor="op")
            voice_records.save_enrolment(tx, voice_enrolment, subject_id=subject, session_id=None, actor="op")
            grant = records.grant(tx, store_consent(tx, subject_id=subject))
        yield store, grant
    finally:
        clock.set_clock(None)


def _verifier(store) -> Verifier:
    with store.transaction() as tx:
        keys = KeySet.from_jwks(export_jwks(tx, NOW))
        lists = export_status_lists(tx, "admin", now=NOW)
    return Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))


def test_face_binding_accepts_the_person_and_refuses_others(enrolled, faces_dir: Path) -> None:
    store, grant = enrolled
    with store.transaction() as tx:
        token = issue(tx, grant, operations=["face_swap"], bindings=["face"], actor="op")
    binding = token.payload["credentialSubject"]["biometricBinding"]
    assert set(binding) == {"face"}
    assert binding["face"]["threshold"] == 0.5
    assert "template" not in token.summary()["biometricBinding"]["face"]
    verifier, at = _verifier(store), NOW.timestamp()

    same = verifier.decide(token.token, "face_swap", at, str(faces_dir / "obama2.jpg"))
    assert same.code == C.VALID, same.reason
    assert same.media["checks"]["face"]["match"] is True
    assert same.media["checks"]["face"]["distance"] <= 0.5

    other = verifier.decide(token.token, "face_swap", at, str(faces_dir / "biden.jpg"))
    assert other.code == C.MEDIA_MISMATCH
    assert other.media["checks"]["face"]["distance"] > 0.5

    two = verifier.decide(token.token, "face_swap", at, str(faces_dir / "two_people.jpg"))
    assert two.code == C.MEDIA_MISMATCH
    assert "2 faces" in two.reason


def test_voice_binding_accepts_the_speaker_and_refuses_an_impostor(enrolled, voices_dir: Path) -> None:
    store, grant = enrolled
    with store.transaction() as tx:
        token = issue(tx, grant, operations=["tts_voice_clone"], bindings=["voice", "assets"], actor="op")
    subject = token.payload["credentialSubject"]
    assert set(subject["biometricBinding"]) == {"voice"}
    assert {a["modality"] for a in subject["assets"]} == {"face", "voice"}
    verifier, at = _verifier(store), NOW.timestamp()
    # with assets bound too, a new recording (not an approved asset) fails the asset check
    probe = voices_dir / "speakers" / SPEAKER / f"{SPEAKER}-142285-0001.flac"
    decision = verifier.decide(token.token, "tts_voice_clone", at, str(probe))
    assert decision.code == C.MEDIA_MISMATCH
    assert decision.media["checks"]["voice"]["match"] is True
    assert decision.media["checks"]["assets"]["match"] is False

    with store.transaction() as tx:
        voice_only = issue(tx, grant, operations=["tts_voice_clone"], bindings=["voice"], actor="op")
    verifier = _verifier(store)
    same = verifier.decide(voice_only.token, "tts_voice_clone", at, str(probe))
    assert same.code == C.VALID, same.reason
    impostor = sorted((voices_dir / "impostors").glob("*.flac"))[0]
    other = verifier.decide(voice_only.token, "tts_voice_clone", at, str(impostor))
    assert other.code == C.MEDIA_MISMATCH
    assert other.media["checks"]["voice"]["similarity"] < other.media["checks"]["voice"]["threshold"]


def test_binding_that_does_not_apply_to_the_file_fails_closed(enrolled, faces_dir: Path, voices_dir) -> None:
    store, grant = enrolled
    with store.transaction() as tx:
        face_only = issue(tx, grant, bindings=["face"], actor="op")
        unbound = issue(tx, grant, actor="op")
    verifier, at = _verifier(store), NOW.timestamp()
    clip = voices_dir / "speakers" / SPEAKER / f"{SPEAKER}-142285-0001.flac"
    decision = verifier.decide(face_only.token, "face_swap", at, str(clip))
    assert decision.code == C.MEDIA_MISMATCH
    assert "no binding that applies to this audio file" in decision.reason
    decision = verifier.decide(unbound.token, "face_swap", at, str(faces_dir / "obama2.jpg"))
    assert decision.code == C.MEDIA_MISMATCH


def test_no_binding_after_erasure(enrolled) -> None:
    store, grant = enrolled
    with store.transaction() as tx:
        tx.execute(
            "UPDATE subjects SET biometrics_erased_at = ? WHERE id = ?", (clock.iso(), grant.subject_id)
        )
        with pytest.raises(PolicyError, match="erased"):
            issue(tx, grant, bindings=["face"], actor="op")
