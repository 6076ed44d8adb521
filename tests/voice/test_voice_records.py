"""Voice data in the real encrypted store: samples, templates, evidence, audit, threshold."""

from __future__ import annotations

import json
import uuid

import numpy as np
import pytest

from consent_app import audit, clock
from consent_app.biometrics import audio
from consent_app.biometrics.voice import evidence, quality, records, statement, verify
from consent_app.canonical import sha256_hex
from consent_app.errors import InputError, PolicyError


def new_subject(store, erased: bool = False) -> str:
    subject_id = str(uuid.uuid4())
    with store.transaction() as tx:
        tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by, biometrics_erased_at) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (subject_id, "Test Subject", clock.iso(), "op", clock.iso() if erased else None))
    return subject_id


@pytest.fixture(scope="module")
def enrolment(speech):
    return records.prepare_enrolment(speech)


def test_enrolment_stores_flac_and_template_and_audits(store, enrolment, speech):
    subject = new_subject(store)
    with store.transaction() as tx:
        sample_id, template_id = records.save_enrolment(tx, enrolment, subject_id=subject,
                                                        session_id=None, actor="op")
    with store.read() as conn:
        kind, mime, data, digest = conn.execute(
            "SELECT kind, mime, data, sha256 FROM samples WHERE id = ?", (sample_id,)).fetchone()
        modality, model, vector, linked = conn.execute(
            "SELECT modality, model, vector, sample_id FROM templates WHERE id = ?",
            (template_id,)).fetchone()
        entries = [e for e in audit.entries(conn) if e.action == "voice.enrol"]
        stored = records.voice_template(conn, subject)
    assert (kind, mime, modality, linked) == ("voice", "audio/flac", "voice", sample_id)
    assert model == verify.MODEL_NAME
    assert data[:4] == b"fLaC"
    assert digest == sha256_hex(data)
    assert np.max(np.abs(audio.load(data).samples - speech.samples)) < 1e-3
    assert np.array_equal(verify.from_bytes(vector), enrolment.vector)
    assert np.array_equal(stored, enrolment.vector)
    assert len(entries) == 1
    assert entries[0].actor == "op"
    assert entries[0].target == f"subject:{subject}"
    assert entries[0].details["sample_id"] == sample_id
    assert set(entries[0].details) == {"sample_id", "template_id", "session_id", "sha256", "model",
                                       "speech_seconds"}


def test_recordings_are_not_readable_on_disk(store, enrolment):
    subject = new_subject(store)
    with store.transaction() as tx:
        records.save_enrolment(tx, enrolment, subject_id=subject, session_id=None, actor="op")
    for path in store.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"fLaC" not in content
            assert enrolment.flac[100:164] not in content


def test_short_sample_is_refused_before_anything_is_written(store, speech):
    with pytest.raises(quality.VoiceQualityError, match="voice sample: too little speech"):
        records.prepare_enrolment(audio.from_float(speech.samples[: 3 * 16_000], 16_000))


def test_no_template_for_an_unenrolled_subject(store):
    subject = new_subject(store)
    with store.read() as conn:
        assert records.voice_template(conn, subject) is None


def test_erased_or_unknown_subject_is_refused(store, enrolment):
    erased = new_subject(store, erased=True)
    for subject, reason in ((erased, "erased"), (str(uuid.uuid4()), "unknown subject")):
        with pytest.raises(PolicyError, match=reason), store.transaction() as tx:
            records.save_enrolment(tx, enrolment, subject_id=subject, session_id=None, actor="op")
    with store.read() as conn:
        assert conn.execute("SELECT count(*) FROM samples").fetchone()[0] == 0


def test_statement_evidence_is_stored_with_its_recording(store, enrolment, speech):
    subject = new_subject(store)
    said = statement.build("zh-CN")  # no recogniser: the evidence says so; the speaker check still runs
    check = evidence.check(speech, said, enrolment.vector)
    with store.transaction() as tx:
        evidence_id = records.save_statement(tx, check, subject_id=subject, session_id=None, actor="op")
    with store.read() as conn:
        kind, body, digest = conn.execute(
            "SELECT kind, body, sha256 FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        sample = conn.execute("SELECT kind, data FROM samples WHERE subject_id = ?", (subject,)).fetchone()
        entry = [e for e in audit.entries(conn) if e.action == "voice.statement"][-1]
    parsed = json.loads(body)
    assert kind == evidence.EVIDENCE_KIND
    assert digest == sha256_hex(body.encode())
    assert parsed["asr"] == "unavailable for zh-CN"
    assert parsed["phrase"] == said.phrase
    assert parsed["speaker_match"] is True
    assert sample[0] == "statement"
    assert sample[1] == check.flac
    assert entry.details["evidence_id"] == evidence_id
    assert entry.details["evidence_sha256"] == digest


def test_threshold_setting_is_validated_and_audited(store):
    with store.read() as conn:
        assert records.match_threshold(conn) == verify.DEFAULT_THRESHOLD
    with store.transaction() as tx:
        records.set_match_threshold(tx, 0.87, "admin")
    with store.read() as conn:
        assert records.match_threshold(conn) == 0.87
        entry = [e for e in audit.entries(conn) if e.action == "settings.change"][-1]
    assert entry.details == {"key": "voice.match_threshold", "old": None, "new": 0.87}
    with pytest.raises(InputError, match="between 0 and 1"), store.transaction() as tx:
        records.set_match_threshold(tx, 2, "admin")
