"""The optional voice step with the real voice code on the shared clips, and what the flow imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sessionhelpers import details, face_rgb, read, sign_and_finish, walk_to_form

from consent_app.consent import records
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.session.flow import Step


@pytest.fixture(scope="module")
def clips(voices_dir):
    speakers = sorted(p for p in (voices_dir / "speakers").iterdir() if p.is_dir())
    own = sorted(speakers[0].glob("*.flac"), key=lambda p: -p.stat().st_size)
    impostor = sorted((voices_dir / "impostors").glob("*.flac"), key=lambda p: -p.stat().st_size)[0]
    return {"sample": own[0], "statement": own[1], "impostor": impostor}


def _to_voice(flow, faces_dir, language):
    walk_to_form(flow, faces_dir, language=language)
    assert flow.step is Step.VOICE


@pytest.fixture(scope="module")
def camera(faces_dir):
    """What the camera shows while the subject speaks: the captured person (walk_to_form's face)."""
    rgb = face_rgb(faces_dir / "obama.jpg")
    return [rgb, rgb, rgb]


def test_a_chinese_statement_by_the_same_speaker_and_attested_opens_the_voice_categories(
        flow, consent_store, faces_dir, clips, camera, operator, admin):
    _to_voice(flow, faces_dir, "zh-CN")
    with pytest.raises(PolicyError, match="record the voice sample before"):
        flow.capture_statement(read(clips["statement"]))
    voice = flow.capture_voice(read(clips["sample"]))
    assert voice.quality["speech_seconds"] >= 8
    with pytest.raises(PolicyError, match="draw the statement"):
        flow.capture_statement(read(clips["statement"]))
    prompt = flow.draw_statement()
    assert prompt.phrase in prompt.text
    assert "撤回" in prompt.text
    statement = flow.capture_statement(read(clips["statement"]), frames=camera)
    assert statement.speaker_match
    assert statement.face_ok
    assert statement.words_ok is None  # no recogniser for Chinese: the evidence says so
    assert "unavailable" in statement.recogniser or "zh" in statement.recogniser
    assert not statement.passed  # ... and nobody has attested yet
    assert "must attest" in flow.category_availability()["tts_voice_clone"]
    with pytest.raises(AuthError, match="another staff member must attest") as refused:
        flow.attest_statement(operator)  # the operator running the session cannot
    assert refused.value.code == "statement.attester_is_operator"
    statement = flow.attest_statement(admin, via="admin_password")
    assert statement.passed
    flow.next()
    assert flow.category_availability()["tts_voice_clone"] is None
    done = sign_and_finish(flow, ("tts_voice_clone", "face_swap"))
    with consent_store.read() as conn:
        consent = records.get_verified(conn, done.consent_id)
        rows = dict(conn.execute("SELECT kind, sha256 FROM samples WHERE session_id = ? AND kind IN "
                                 "('voice', 'statement')", (done.session_id,)).fetchall())
        modalities = sorted(m for (m,) in conn.execute("SELECT modality FROM templates WHERE subject_id = ?",
                                                       (done.subject_id,)))
    ev = consent.record["evidence"]
    assert ev["voice"]["sampleSha256"] == rows["voice"]
    assert ev["statement"]["sample_sha256"] == rows["statement"]
    assert ev["statement"]["phrase"] == prompt.phrase
    assert ev["statement"]["words"]["method"] == "staff_attested"
    assert ev["statement"]["words"]["staff_id"] == admin.id
    assert ev["statement"]["face_while_speaking"]["matched"] is True
    assert ev["statement"]["not_a_replay"]["samples_compared"] == 1
    assert ev["captureDevices"] == {"face": "camera", "statement": "microphone", "voice": "microphone",
                                    "demo": False, "fileBacked": False}
    assert modalities == ["face", "voice"]
    assert "voice recording" in consent.record["purposes"][0]["personalDataCategories"]


def test_an_english_statement_with_other_words_keeps_voice_categories_closed(flow, faces_dir, clips, camera,
                                                                             admin):
    _to_voice(flow, faces_dir, "en")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    statement = flow.capture_statement(read(clips["statement"]), frames=camera)
    assert statement.speaker_match
    assert statement.words_ok is False
    assert not statement.passed
    with pytest.raises(PolicyError, match="checked by the recogniser"):
        flow.attest_statement(admin)  # a recogniser exists for English: it decides
    flow.next()
    reason = flow.category_availability()["voice_conversion"]
    assert "spoken words do not match" in reason
    with pytest.raises(PolicyError, match="voice_conversion: voice edits need a spoken statement"):
        flow.set_consent(["voice_conversion"], details())
    flow.set_consent(["face_swap"], details())  # face edits remain possible


def test_a_statement_by_someone_else_fails_the_speaker_check(flow, faces_dir, clips, camera):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    statement = flow.capture_statement(read(clips["impostor"]), frames=camera)
    assert not statement.speaker_match
    assert "not spoken by the voice-sample speaker" in statement.problems()[0]


def test_an_unusable_recording_is_refused_and_the_session_keeps_what_it_had(flow, faces_dir, clips):
    _to_voice(flow, faces_dir, "en")
    voice = flow.capture_voice(read(clips["sample"]))
    with pytest.raises(InputError):
        flow.capture_voice(b"RIFF....WAVEfmt not really audio")
    assert flow.voice is voice
    assert flow.identity_passed


def test_clearing_the_voice_drops_voice_categories(flow, faces_dir, clips, camera, admin):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    flow.capture_statement(read(clips["statement"]), frames=camera)
    flow.attest_statement(admin)
    flow.next()
    flow.set_consent(["tts_voice_clone", "face_swap"], details())
    flow.clear_voice()
    assert flow.choice is None
    assert flow.voice is None


def test_the_flow_and_consent_core_import_no_heavy_library():
    code = ("import consent_app.session.flow, consent_app.session.persist, consent_app.session.biometrics, "
            "consent_app.consent.records, consent_app.consent.receipt, consent_app.consent.erasure, "
            "consent_app.demo\nimport sys\nprint(' '.join(sorted(sys.modules)))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout.split())
    heavy = ("PySide6", "dlib", "face_recognition", "onnxruntime", "numpy", "cv2", "reportlab", "PIL")
    assert not {m for m in loaded if m.split(".")[0] in heavy}


# -- the statement is new speech, by the captured person, recorded live --------------------------------
def test_the_voice_sample_given_again_as_the_statement_is_refused(flow, faces_dir, clips, camera):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    with pytest.raises(PolicyError, match="is the voice sample itself") as refused:
        flow.capture_statement(read(clips["sample"]), frames=camera)
    assert refused.value.code == "statement.same_as_sample"
    assert flow.statement is None


def test_a_statement_cut_from_the_voice_sample_is_refused(flow, faces_dir, clips, camera):
    import io

    import soundfile as sf

    from consent_app.biometrics import audio

    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    whole = audio.load(read(clips["sample"]))
    cut = io.BytesIO()  # 5 s from the middle of the sample, resaved as 44.1 kHz WAV
    middle = whole.samples[(3 * 16000):(8 * 16000)]
    sf.write(cut, audio.resample(middle, 16000, 44100), 44100, format="WAV")
    with pytest.raises(PolicyError, match="cut from the voice sample") as refused:
        flow.capture_statement(cut.getvalue(), "audio/wav", frames=camera)
    assert refused.value.code == "statement.inside_sample"


def test_another_face_on_camera_while_speaking_fails_the_statement(flow, faces_dir, clips, admin):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    someone_else = [face_rgb(faces_dir / "biden.jpg")]
    statement = flow.capture_statement(read(clips["statement"]), frames=someone_else)
    assert statement.speaker_match
    assert not statement.face_ok
    assert statement.face_check["problem"]["code"] == "statement.face_mismatch"
    flow.attest_statement(admin)
    assert not flow.statement.passed
    assert any("not the captured face" in p for p in flow.statement.problems())


def test_a_statement_without_camera_frames_does_not_pass(flow, faces_dir, clips, admin):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    flow.capture_statement(read(clips["statement"]))
    flow.attest_statement(admin)
    assert not flow.statement.passed
    assert any("with the camera running" in p for p in flow.statement.problems())


def test_file_backed_microphone_and_camera_are_refused_outside_demo(flow, faces_dir, clips, camera):
    _to_voice(flow, faces_dir, "zh-CN")
    with pytest.raises(PolicyError, match="the microphone is a file") as refused:
        flow.capture_voice(read(clips["sample"]), source="file")
    assert refused.value.code == "device.file_microphone"
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    with pytest.raises(PolicyError, match="the microphone is a file"):
        flow.capture_statement(read(clips["statement"]), frames=camera, source="file")
    flow.back()
    with pytest.raises(PolicyError, match="the camera is a file") as refused:
        flow.capture_face(read(faces_dir / "obama.jpg"), source="file")
    assert refused.value.code == "device.file_camera"
