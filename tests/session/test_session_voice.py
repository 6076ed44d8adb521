"""The optional voice step with the real voice code on the shared clips, and what the flow imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sessionhelpers import details, read, sign_and_finish, walk_to_form

from consent_app.consent import records
from consent_app.errors import InputError, PolicyError
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


def test_a_chinese_statement_by_the_same_speaker_opens_the_voice_categories(
        flow, consent_store, faces_dir, clips):
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
    statement = flow.capture_statement(read(clips["statement"]))
    assert statement.speaker_match
    assert statement.words_ok is None  # no recogniser for Chinese: the evidence says so
    assert "unavailable" in statement.recogniser or "zh" in statement.recogniser
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
    assert modalities == ["face", "voice"]
    assert "voice recording" in consent.record["purposes"][0]["personalDataCategories"]


def test_an_english_statement_with_other_words_keeps_voice_categories_closed(flow, faces_dir, clips):
    _to_voice(flow, faces_dir, "en")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    statement = flow.capture_statement(read(clips["statement"]))
    assert statement.speaker_match
    assert statement.words_ok is False
    assert not statement.passed
    flow.next()
    reason = flow.category_availability()["voice_conversion"]
    assert "spoken words do not match" in reason
    with pytest.raises(PolicyError, match="voice_conversion: voice edits need a spoken statement"):
        flow.set_consent(["voice_conversion"], details())
    flow.set_consent(["face_swap"], details())  # face edits remain possible


def test_a_statement_by_someone_else_fails_the_speaker_check(flow, faces_dir, clips):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    statement = flow.capture_statement(read(clips["impostor"]))
    assert not statement.speaker_match
    assert "not spoken by the voice-sample speaker" in statement.problems()[0]


def test_an_unusable_recording_is_refused_and_the_session_keeps_what_it_had(flow, faces_dir, clips):
    _to_voice(flow, faces_dir, "en")
    voice = flow.capture_voice(read(clips["sample"]))
    with pytest.raises(InputError):
        flow.capture_voice(b"RIFF....WAVEfmt not really audio")
    assert flow.voice is voice
    assert flow.identity_passed


def test_clearing_the_voice_drops_voice_categories(flow, faces_dir, clips):
    _to_voice(flow, faces_dir, "zh-CN")
    flow.capture_voice(read(clips["sample"]))
    flow.draw_statement()
    flow.capture_statement(read(clips["statement"]))
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
