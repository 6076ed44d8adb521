"""Step 4 of the capture session (optional): the voice sample and the spoken consent statement.

Mixed into :class:`consent_app.session.flow.CaptureFlow`; uses its state and its
``_require_step``, ``_changed`` and ``_invalidate_signatures``.
"""

from __future__ import annotations

from consent_app.consent import categories
from consent_app.errors import PolicyError
from consent_app.session.evidence import Statement, VoiceCapture
from consent_app.session.model import Step
from consent_app.session.services import StatementPrompt


class VoiceSteps:
    """The subject's voice: a sample to enrol and a statement read aloud by the same speaker."""

    # -- step 4: voice (optional) ------------------------------------------------------------------------
    def capture_voice(self, data: bytes, mime: str = "audio/flac") -> VoiceCapture:
        """Gate and embed the voice sample (slow: or ``services.capture_voice`` on a worker, then
        :meth:`accept_voice`)."""
        self._require_step(Step.VOICE)
        return self.accept_voice(self.services.capture_voice(data, mime))

    def accept_voice(self, voice: VoiceCapture) -> VoiceCapture:
        self._require_step(Step.VOICE)
        if voice.sample.kind != "voice":
            raise PolicyError("this recording is not a voice sample")
        self.voice = voice
        self.statement = None
        self.statement_prompt = None
        self._invalidate_signatures()
        self._changed()
        return self.voice

    def draw_statement(self) -> StatementPrompt:
        """The statement (with a random phrase) the subject reads aloud, in the subject's language."""
        self._require_step(Step.VOICE)
        self.statement_prompt = self.services.draw_statement(self.language)
        self.statement = None
        self._changed()
        return self.statement_prompt

    def capture_statement(self, data: bytes, mime: str = "audio/flac") -> Statement:
        self._require_step(Step.VOICE)
        if self.voice is None:
            raise PolicyError("record the voice sample before the spoken statement")
        if self.statement_prompt is None:
            raise PolicyError("draw the statement the subject reads before recording it")
        return self.accept_statement(self.services.check_statement(self.voice, self.statement_prompt, data,
                                                                   mime))

    def accept_statement(self, result: Statement) -> Statement:
        """Keep a statement check made on a worker (``services.check_statement``)."""
        self._require_step(Step.VOICE)
        if self.voice is None or self.statement_prompt is None:
            raise PolicyError("record the voice sample and draw the statement first")
        if result.phrase != self.statement_prompt.phrase or result.text != self.statement_prompt.text:
            raise PolicyError("the statement was checked against another phrase than the one drawn")
        self.statement = result
        self._invalidate_signatures()
        self._changed()
        return result

    def clear_voice(self) -> None:
        """Drop the voice sample and statement (the subject chooses no voice edits)."""
        self._require_step(Step.VOICE, Step.CONSENT_FORM)
        self.voice = self.statement = self.statement_prompt = None
        if self.choice is not None and set(self.choice.categories) & set(categories.VOICE_IDS):
            self.choice = None
        self._invalidate_signatures()
        self._changed()

