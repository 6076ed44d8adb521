"""Step 4 of the capture session (optional): the voice sample and the spoken consent statement.

Mixed into :class:`consent_app.session.flow.CaptureFlow`; uses its state and its
``_require_step``, ``_changed`` and ``_invalidate_signatures``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from consent_app import audit
from consent_app.consent import categories
from consent_app.errors import AuthError, PolicyError
from consent_app.messages import define
from consent_app.session import devices
from consent_app.session.evidence import Attestation, Statement, VoiceCapture
from consent_app.session.model import Step
from consent_app.session.services import StatementPrompt
from consent_app.staff import StaffMember

MESSAGES = define({
    "statement.unknown_method": "unknown attestation method {via}",
    "statement.attester_is_operator": "{staff} runs this session: another staff member must attest that the "
                                      "subject read the words",
    "statement.attester_inactive": "{staff}'s account is inactive",
    "statement.recogniser_decides": "a {language} statement's words are checked by the recogniser: no "
                                    "attestation is needed",
    "statement.attest_nothing": "record the spoken statement before attesting it",
})


class VoiceSteps:
    """The subject's voice: a sample to enrol and a statement read aloud by the same speaker."""

    # -- step 4: voice (optional) ------------------------------------------------------------------------
    def capture_voice(self, data: bytes, mime: str = "audio/flac",
                      source: str = "microphone") -> VoiceCapture:
        """Gate and embed the voice sample (slow: or ``services.capture_voice`` on a worker, then
        :meth:`accept_voice`). ``source``: ``microphone``, or ``file`` (demo studios only)."""
        self._require_step(Step.VOICE)
        devices.require_device(self.studio.demo, "voice", source)
        return self.accept_voice(self.services.capture_voice(data, mime), source)

    def accept_voice(self, voice: VoiceCapture, source: str = "microphone") -> VoiceCapture:
        self._require_step(Step.VOICE)
        if voice.sample.kind != "voice":
            raise PolicyError(code="session.not_voice_sample")
        self.sources["voice"] = devices.require_device(self.studio.demo, "voice", source)
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

    def capture_statement(self, data: bytes, mime: str = "audio/flac", *, frames: Any = None,
                          source: str = "microphone") -> Statement:
        """Check the statement recording: not the voice sample again (refused), same speaker, the
        words, and the camera ``frames`` taken while the subject spoke against the captured face."""
        self._require_step(Step.VOICE)
        if self.voice is None:
            raise PolicyError(code="session.voice_first")
        if self.statement_prompt is None:
            raise PolicyError(code="session.statement_first")
        devices.require_device(self.studio.demo, "statement", source)
        result = self.services.check_statement(self.voice, self.statement_prompt, data, mime, frames=frames,
                                               face=self.face)
        return self.accept_statement(replace(result, source=source))

    def accept_statement(self, result: Statement) -> Statement:
        """Keep a statement check made on a worker (``services.check_statement``)."""
        self._require_step(Step.VOICE)
        if self.voice is None or self.statement_prompt is None:
            raise PolicyError(code="session.voice_and_statement_first")
        if result.phrase != self.statement_prompt.phrase or result.text != self.statement_prompt.text:
            raise PolicyError(code="session.other_phrase")
        self.sources["statement"] = devices.require_device(self.studio.demo, "statement", result.source)
        self.statement = replace(result, attestation=None)
        self._invalidate_signatures()
        self._changed()
        return result

    def attest_statement(self, staff_member: StaffMember, via: str = "login") -> Statement:
        """A staff member other than the operator, authenticated at this moment (their own login, or
        an administrator's password: ``via``), attests that the subject read the phrase shown. Only
        where no recogniser exists for the language; audited now."""
        self._require_step(Step.VOICE)
        if self.statement is None:
            raise PolicyError(code="statement.attest_nothing")
        if self.statement.words_verified is not None:
            raise PolicyError(code="statement.recogniser_decides", language=self.statement.language)
        if staff_member.username == self.operator.username:
            raise AuthError(code="statement.attester_is_operator", staff=staff_member.username)
        if not staff_member.active:
            raise AuthError(code="statement.attester_inactive", staff=staff_member.username)
        if via not in ("login", "admin_password"):
            raise PolicyError(code="statement.unknown_method", via=repr(via))
        attestation = Attestation(staff_member.id, staff_member.username, str(staff_member.role), via)
        with self.store.transaction() as tx:
            audit.append(tx, staff_member.username, "session.statement_attested",
                         f"session:{self.session_id}",
                         {"operator": self.operator.username, "via": via, "language": self.statement.language,
                          "statement_sha256": self.statement.sample.sha256, "phrase": self.statement.phrase})
        self.statement = replace(self.statement, attestation=attestation)
        self._invalidate_signatures()
        self._changed()
        return self.statement

    def clear_voice(self) -> None:
        """Drop the voice sample and statement (the subject chooses no voice edits)."""
        self._require_step(Step.VOICE, Step.CONSENT_FORM)
        self.voice = self.statement = self.statement_prompt = None
        if self.choice is not None and set(self.choice.categories) & set(categories.VOICE_IDS):
            self.choice = None
        self._invalidate_signatures()
        self._changed()
