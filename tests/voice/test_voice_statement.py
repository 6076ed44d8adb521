"""The spoken consent statement: phrase, restricted word check, speaker check, evidence."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from consent_app.biometrics import audio
from consent_app.biometrics.voice import asr, embedding, evidence, statement, verify
from consent_app.biometrics.voice.statement import Statement
from consent_app.biometrics.voice.wordlist import WORDS
from consent_app.errors import InputError

LIBRIVOX = "librivox_sense_and_sensibility_01_austen_64kb-{}"
READINGS = ("0870", "0880", "0890", "0920", "0930")


@pytest.fixture(scope="module")
def transcribed(voices_dir):
    folder = voices_dir / "transcribed"
    return {k: (audio.load(folder / (LIBRIVOX.format(k) + ".wav")),
                (folder / (LIBRIVOX.format(k) + ".txt")).read_text().strip()) for k in READINGS}


@pytest.fixture(scope="module")
def reading(transcribed):
    """One recording of four readings in a row, with its text; the last reading is the phrase."""
    gap = np.zeros(4800, np.float32)
    keys = ("0870", "0890", "0920", "0930")
    samples = np.concatenate([part for k in keys for part in (transcribed[k][0].samples, gap)])
    text = " ".join(transcribed[k][1] for k in keys)
    return audio.from_float(samples, 16_000), text, transcribed["0930"][1]


@pytest.fixture(scope="module")
def reader_template(transcribed):
    return verify.enrol([embedding.embed_waveform(transcribed["0880"][0].samples)])


def test_phrase_is_four_random_words_from_the_wordlist():
    phrases = {statement.draw_phrase() for _ in range(50)}
    assert len(phrases) == 50
    for phrase in phrases:
        words = phrase.split()
        assert len(words) == 4
        assert set(words) <= set(WORDS)
    assert len(set(WORDS)) == 256


def test_statement_includes_the_phrase_and_hashes_its_text():
    built = statement.build("en")
    assert built.phrase in built.text
    assert built.sha256 == hashlib.sha256(built.text.encode()).hexdigest()
    assert statement.build("en").phrase != built.phrase
    assert statement.build("zh-CN", built.phrase).text.endswith(f"{built.phrase}。")


def test_every_english_statement_word_and_wordlist_word_is_known_to_the_recogniser():
    known = asr._dictionary("en-us")
    words = statement.words_of(statement.TEMPLATES["en"].format(phrase=" ".join(WORDS)))
    assert [w for w in words if w not in known] == []
    fixed = statement.words_of(statement.TEMPLATES["en"].format(phrase=""))
    assert not set(fixed) & set(WORDS)  # the phrase score counts only phrase words


def test_unknown_language_is_refused():
    with pytest.raises(InputError, match="no consent statement text"):
        statement.build("fr")


@pytest.mark.parametrize("key", READINGS)
def test_matching_text_scores_high_and_other_text_low(transcribed, key):
    recording, text = transcribed[key]
    other = transcribed[READINGS[(READINGS.index(key) + 1) % len(READINGS)]][1]
    assert asr.recognise(recording, text).score >= evidence.MIN_WORD_SCORE
    assert asr.recognise(recording, other).score < 0.3


def test_cards_clips_match_their_transcripts(voices_dir):
    folder = voices_dir / "transcribed"
    for line in (folder / "cards_cards.transcription").read_text().splitlines():
        if "<s>" not in line:
            continue
        text = line.split("</s>")[0].replace("<s>", "").strip()
        number = line.rsplit("(", 1)[1].rstrip(")")
        result = asr.recognise(audio.load(folder / f"cards_{number}.wav"), text)
        assert result.score >= 0.8, (text, result.transcript)


def test_word_error_rate():
    assert asr.word_error_rate(["a", "b", "c", "d"], ["a", "b", "c", "d"]) == 0
    assert asr.word_error_rate(["a", "b", "c", "d"], ["a", "x", "c"]) == 0.5
    assert asr.word_error_rate(["a", "b"], []) == 1


@pytest.fixture(scope="module")
def passing_check(reading, reader_template):
    # The reader is enrolled from one 3 s clip only, so the test uses a lower threshold than the
    # default calibrated for 3-clip enrolments (the similarity here is about 0.85).
    recording, text, phrase = reading
    return evidence.check(recording, Statement("en", phrase, text), reader_template, threshold=0.7)


def test_statement_read_by_the_enrolled_speaker_passes(reading, passing_check):
    _, text, _ = reading
    check = passing_check
    ev = check.evidence
    assert ev["passed"] is True
    assert ev["words_verified"] is True
    assert ev["score"] >= evidence.MIN_WORD_SCORE
    assert ev["phrase_score"] >= evidence.MIN_PHRASE_SCORE
    assert ev["speaker_match"] is True
    assert ev["asr"].startswith("pocketsphinx ")
    assert ev["models"]["speaker"] == verify.MODEL_NAME
    assert ev["statement_sha256"] == statement.statement_hash(text)
    assert ev["recording_sha256"] == hashlib.sha256(check.flac).hexdigest()
    assert check.flac[:4] == b"fLaC"


def test_replayed_recording_fails_on_this_sessions_phrase(reading, reader_template):
    recording, text, old_phrase = reading
    phrase = "lantern otter violin maple"
    fresh = Statement("en", phrase, text.replace(old_phrase, phrase))
    ev = evidence.check(recording, fresh, reader_template, threshold=0.7).evidence
    assert ev["phrase_score"] < evidence.MIN_PHRASE_SCORE
    assert ev["words_verified"] is False
    assert ev["passed"] is False


def test_another_speaker_fails_the_speaker_check(reading, corpus):
    recording, text, phrase = reading
    other = verify.enrol(corpus.speakers["1688"][:3])
    ev = evidence.check(recording, Statement("en", phrase, text), other).evidence
    assert ev["speaker_match"] is False
    assert ev["passed"] is False


def test_no_recogniser_for_chinese_is_stated_not_pretended(reading, reader_template):
    recording, _, _ = reading
    ev = evidence.check(recording, statement.build("zh-CN"), reader_template, threshold=0.7).evidence
    assert ev["asr"] == "unavailable for zh-CN"
    assert ev["transcript"] is None
    assert ev["score"] is None
    assert ev["words_verified"] is None
    assert ev["models"]["asr"] is None


def test_evidence_holds_no_audio_and_no_embedding(passing_check):
    ev = passing_check.evidence
    flat = repr(ev)
    assert len(flat) < 4000
    assert not any(isinstance(v, bytes | np.ndarray | list) and len(v) > 16 for v in ev.values())


def test_a_chinese_phrase_is_four_chinese_words():
    from consent_app.biometrics.voice.wordlist import WORDS_ZH

    assert len(set(WORDS_ZH)) == 256
    assert all(len(w) == 2 and all("\u4e00" <= c <= "\u9fff" for c in w) for w in WORDS_ZH)
    built = statement.build("zh-CN")
    words = statement.phrase_words(built.phrase, "zh-CN")
    assert len(words) == 4
    assert set(words) <= set(WORDS_ZH)
    assert "、".join(words) == built.phrase
    assert built.text.endswith(f"{built.phrase}。")
    assert not any(c.isascii() and c.isalpha() for c in built.phrase)  # no English words
    assert len({statement.build("zh-CN").phrase for _ in range(30)}) == 30


def test_a_studio_supplied_recogniser_plugs_in_behind_the_interface(reading, reader_template):
    """The interface: a recogniser registered for zh-CN is used and named in the evidence."""
    from consent_app.biometrics.voice import recognisers
    from consent_app.biometrics.voice.asr import Recognition

    class StudioModel:
        language = "zh-CN"
        name = "studio-model 1.0 zh-CN"

        def recognise(self, audio, expected, phrase):
            assert audio.duration > 3
            return Recognition(True, self.name, "听到的文字", 0.1, 0.0)

    recording, _, _ = reading
    assert recognisers.for_language("zh-CN") is None
    recognisers.register("zh-CN", StudioModel)
    try:
        ev = evidence.check(recording, statement.build("zh-CN"), reader_template, threshold=0.7).evidence
    finally:
        recognisers.unregister("zh-CN")
    assert ev["asr"] == "studio-model 1.0 zh-CN"
    assert ev["words_verified"] is False  # the model heard other words
    assert ev["passed"] is False
    assert recognisers.for_language("en").name.startswith("pocketsphinx")
