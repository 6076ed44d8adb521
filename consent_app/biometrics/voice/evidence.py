"""Check a recorded consent statement and describe the result as an evidence object.

Two checks: the speaker is the enrolled voice (cosine similarity vs the admin threshold), and
the words are the statement with this session's phrase (pocketsphinx restricted to the text;
score 1 − WER, plus the share of phrase words heard in order). The evidence carries hashes,
scores, thresholds and model names — never audio or the embedding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from consent_app.biometrics import audio as audio_mod
from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice import quality, recognisers, verify
from consent_app.biometrics.voice.statement import Statement
from consent_app.canonical import sha256_hex

EVIDENCE_KIND = "voice_statement"
FORMAT = "consent_app.voice-statement/1"
MIN_SPEECH_STATEMENT = 3.0  # seconds
MIN_WORD_SCORE = 0.6  # matching readings scored 0.82-1.0 here, other texts 0.09-0.21
MIN_PHRASE_SCORE = 0.75  # at least 3 of the 4 phrase words, in order


@dataclass(frozen=True)
class StatementCheck:
    evidence: dict[str, Any]
    flac: bytes = field(repr=False)

    @property
    def passed(self) -> bool:
        return bool(self.evidence["passed"])


def check(recording: Audio, statement: Statement, template: np.ndarray,
          threshold: float = verify.DEFAULT_THRESHOLD) -> StatementCheck:
    """Run the gates, the speaker check and the word check; raise only for unusable audio."""
    report = quality.require(recording, MIN_SPEECH_STATEMENT, "consent statement")
    probe, _ = verify.embed_checked(recording, MIN_SPEECH_STATEMENT, "consent statement")
    speaker = verify.compare(template, probe, threshold)
    recogniser = recognisers.for_language(statement.language)
    words = (recogniser.recognise(recording, statement.text, statement.phrase) if recogniser is not None
             else recognisers.unavailable(statement.language))
    flac = audio_mod.encode_flac(recording)
    if words.available:
        words_ok: bool | None = (words.score is not None and words.score >= MIN_WORD_SCORE
                                 and (words.phrase_score or 0.0) >= MIN_PHRASE_SCORE)
    else:
        words_ok = None
    evidence: dict[str, Any] = {
        "format": FORMAT,
        "language": statement.language,
        "statement_sha256": statement.sha256,
        "phrase": statement.phrase,
        "recording_sha256": sha256_hex(flac),
        "recording_seconds": round(recording.duration, 2),
        "quality": report.as_dict(),
        "asr": words.engine,
        "transcript": words.transcript,
        "score": words.score,
        "phrase_score": words.phrase_score,
        "score_threshold": MIN_WORD_SCORE if words.available else None,
        "phrase_threshold": MIN_PHRASE_SCORE if words.available else None,
        "unknown_words": list(words.unknown_words),
        "words_verified": words_ok,
        "speaker_similarity": round(speaker.similarity, 4),
        "threshold": speaker.threshold,
        "speaker_match": speaker.match,
        "models": {"speaker": verify.MODEL_NAME, "asr": words.engine if words.available else None},
        # Without a recogniser the words are not verified, and the evidence says so ("asr":
        # "unavailable for ...", "words_verified": null): the recording alone does not pass; a capture
        # session then asks a second staff member to attest that the subject read the words.
        "passed": speaker.match and words_ok is True,
    }
    return StatementCheck(evidence, flac)
