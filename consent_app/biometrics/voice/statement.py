"""The spoken consent statement: fixed text plus a random phrase drawn for each session.

The phrase (4 words from the subject's language's list in :mod:`wordlist`, drawn with ``secrets``:
32 bits) makes a recording made elsewhere, or in another session, useless as a replay. English words
are joined by spaces, Chinese words by the enumeration comma 、.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass

from consent_app.biometrics.voice.wordlist import BY_LANGUAGE
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "statement.no_text": "no consent statement text for language {language}; available: {available}",
    "statement.empty_phrase": "the session phrase is empty",
})

PHRASE_WORDS = 4
LANGUAGES = ("en", "zh-CN")

TEMPLATES = {
    "en": (
        "I agree that this studio may record my voice and my face, and use them only for the "
        "purposes I have chosen today. I know that I can take back my consent at any time. "
        "My words for this session are: {phrase}."
    ),
    "zh-CN": (
        "我同意本工作室录制我的声音和面部，并且只用于我今天选择的用途。"
        "我知道我可以随时撤回我的同意。本次会话的词语是：{phrase}。"
    ),
}


@dataclass(frozen=True)
class Statement:
    language: str
    phrase: str
    text: str

    @property
    def sha256(self) -> str:
        return statement_hash(self.text)


SEPARATORS = {"en": " ", "zh-CN": "、"}


def draw_phrase(n: int = PHRASE_WORDS, language: str = "en") -> str:
    """``n`` words of ``language``'s list, chosen uniformly and independently with a CSPRNG."""
    words = BY_LANGUAGE[language]
    return SEPARATORS[language].join(secrets.choice(words) for _ in range(n))


def phrase_words(phrase: str, language: str = "en") -> list[str]:
    """The words of a drawn phrase."""
    return [w for w in phrase.split(SEPARATORS.get(language, " ")) if w.strip()]


def build(language: str = "en", phrase: str | None = None) -> Statement:
    """The statement to read in ``language``, with a fresh phrase unless one is given."""
    if language not in TEMPLATES:
        raise InputError(code="statement.no_text", language=repr(language), available=list(LANGUAGES))
    phrase = phrase if phrase is not None else draw_phrase(language=language)
    if not phrase.strip():
        raise InputError(code="statement.empty_phrase")
    return Statement(language, phrase, TEMPLATES[language].format(phrase=phrase))


def statement_hash(text: str) -> str:
    """SHA-256 (hex) of the NFC-normalised UTF-8 statement text."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def words_of(text: str) -> list[str]:
    """Lower-case words of an English text, punctuation dropped (apostrophes kept)."""
    return re.findall(r"[a-z]+(?:'[a-z]+)*", text.lower())
