"""Speech recognisers behind one small interface, one per statement language.

A recogniser checks that a recording says the expected statement with this session's phrase
(:class:`~consent_app.biometrics.voice.asr.Recognition`: transcript, score, phrase score). The app
ships pocketsphinx for English; no offline recogniser with a model exists for 简体中文 in the
reachable registries, so :func:`for_language` returns None and the flow asks a second staff member
to attest instead. A studio-supplied model is added with :func:`register`::

    register("zh-CN", lambda: MyRecogniser(model_dir))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from consent_app.biometrics.audio import Audio
from consent_app.biometrics.voice.asr import Recognition


class Recogniser(Protocol):
    language: str
    name: str  # engine and model, recorded with every result

    def recognise(self, audio: Audio, expected: str, phrase: str) -> Recognition: ...


class PocketsphinxEnglish:
    """pocketsphinx's US English model, restricted to the statement's words (see :mod:`.asr`)."""

    language = "en"

    @property
    def name(self) -> str:
        from consent_app.biometrics.voice import asr

        return asr.engine_name(self.language)

    def recognise(self, audio: Audio, expected: str, phrase: str) -> Recognition:
        from consent_app.biometrics.voice import asr

        return asr.recognise(audio, expected, self.language, phrase)


_FACTORIES: dict[str, Callable[[], Recogniser]] = {"en": PocketsphinxEnglish}


def register(language: str, factory: Callable[[], Recogniser]) -> None:
    """Add (or replace) the recogniser for ``language``."""
    _FACTORIES[language] = factory


def unregister(language: str) -> None:
    _FACTORIES.pop(language, None)


def for_language(language: str) -> Recogniser | None:
    factory = _FACTORIES.get(language)
    return factory() if factory is not None else None


def unavailable(language: str) -> Recognition:
    return Recognition(False, f"unavailable for {language}")
