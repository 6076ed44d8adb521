"""Check the words of a spoken statement with pocketsphinx, restricted to the expected text.

The recogniser may only output words of the expected statement or "garbage": a loop of
single-phone pseudo-words with a low prior weight. Speech that is not the statement is then
absorbed by the garbage loop or recognised as statement words in the wrong order, so the
score — 1 − word error rate of the recognised statement words against the expected word
sequence — stays low for anything but the statement read in order. Where the recogniser has
no model for a language, :func:`recognise` says so instead of scoring.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice.features import to_pcm16
from consent_app.biometrics.voice.statement import words_of

MODELS = {"en": "en-us"}  # statement language -> pocketsphinx model shipped in its wheel
GARBAGE_PREFIX = "garbage_"
GARBAGE_WEIGHT = 1e-4
PHONES = (
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH",
    "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V",
    "W", "Y", "Z", "ZH",
)
UNKNOWN = "[?]"

_lock = threading.Lock()


@dataclass(frozen=True)
class Recognition:
    available: bool
    engine: str  # e.g. "pocketsphinx 5.1.1 en-us" or "unavailable for zh-CN"
    transcript: str | None = None
    score: float | None = None  # 1 - WER over the whole statement
    phrase_score: float | None = None  # share of the phrase words recognised, in order
    unknown_words: tuple[str, ...] = ()


def engine_name(language: str) -> str:
    if language not in MODELS:
        return f"unavailable for {language}"
    return f"pocketsphinx {metadata.version('pocketsphinx')} {MODELS[language]}"


@lru_cache(maxsize=2)
def _dictionary(model: str) -> frozenset[str]:
    import pocketsphinx

    path = Path(pocketsphinx.get_model_path()) / model / "cmudict-en-us.dict"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.split(maxsplit=1)[0].split("(")[0] for line in handle if line.strip())


def grammar(words: list[str]) -> str:
    """JSGF: any sequence of statement words (weight 1) and phone garbage (low weight)."""
    vocab = " | ".join(sorted(set(words)))
    garbage = " | ".join(f"{GARBAGE_PREFIX}{p.lower()}" for p in PHONES)
    return ("#JSGF V1.0;\ngrammar statement;\n"
            f"public <utterance> = ( /1/ ( {vocab} ) | /{GARBAGE_WEIGHT:g}/ ( {garbage} ) )* ;\n")


def _decode(pcm: bytes, words: list[str], model: str) -> list[str]:
    import pocketsphinx

    decoder = pocketsphinx.Decoder(
        hmm=str(Path(pocketsphinx.get_model_path()) / model / model),
        dict=str(Path(pocketsphinx.get_model_path()) / model / "cmudict-en-us.dict"),
        lm=None, samprate=16_000, loglevel="FATAL", bestpath=False)
    for phone in PHONES:
        decoder.add_word(f"{GARBAGE_PREFIX}{phone.lower()}", phone, False)
    decoder.add_jsgf_string("statement", grammar(words))
    decoder.activate_search("statement")
    decoder.start_utt()
    decoder.process_raw(pcm, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr.split() if hyp is not None and hyp.hypstr else []


def recognise(audio: Audio, expected: str, language: str = "en", phrase: str = "") -> Recognition:
    """Recognise ``audio`` against the ``expected`` text and score it."""
    engine = engine_name(language)
    if language not in MODELS:
        return Recognition(False, engine)
    model = MODELS[language]
    expected_words = words_of(expected)
    known = _dictionary(model)
    unknown = tuple(sorted({w for w in expected_words if w not in known}))
    usable = [w for w in expected_words if w in known]
    if not usable:
        return Recognition(True, engine, "", 0.0, 0.0 if phrase else None, unknown)
    with _lock:  # one decoder at a time: it is memory-hungry and not worth running in parallel
        tokens = _decode(to_pcm16(np.asarray(audio.samples)).tobytes(), usable, model)
    recognised = [t for t in tokens if not t.startswith(GARBAGE_PREFIX)]
    score = max(0.0, 1.0 - word_error_rate(expected_words, recognised))
    phrase_words = words_of(phrase)
    phrase_score = (_lcs(phrase_words, recognised) / len(phrase_words)) if phrase_words else None
    return Recognition(True, engine, _transcript(tokens), round(score, 4),
                       None if phrase_score is None else round(phrase_score, 4), unknown)


def _transcript(tokens: list[str]) -> str:
    out: list[str] = []
    for token in tokens:
        word = UNKNOWN if token.startswith(GARBAGE_PREFIX) else token
        if not (word == UNKNOWN and out and out[-1] == UNKNOWN):
            out.append(word)
    return " ".join(out)


def word_error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """(substitutions + deletions + insertions) / len(reference), by Levenshtein alignment."""
    if not reference:
        return 0.0 if not hypothesis else 1.0
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i] + [0] * len(hypothesis)
        for j, hyp in enumerate(hypothesis, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp))
        previous = current
    return previous[-1] / len(reference)


def _lcs(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]
