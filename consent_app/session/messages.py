"""The capture session's messages for people: codes and English templates (``consent_app.messages``).

The flow raises and returns these codes; the CLI shows the English text, the UI words them in its
language. Step and state ids in parameters named ``step``/``steps``/``state`` are worded by the UI through
the ``session.step.*`` and ``session.state.*`` templates.
"""

from __future__ import annotations

from consent_app.messages import Message, define

MESSAGES = define({
    # names the UI gives to step and state ids found in parameters
    "session.step.subject_details": "subject details",
    "session.step.id_document": "ID document",
    "session.step.live_face": "live face",
    "session.step.voice": "voice",
    "session.step.consent_form": "consent form",
    "session.step.subject_signature": "subject's signature",
    "session.step.staff_countersign": "staff countersignature",
    "session.step.complete": "complete",
    "session.state.open": "open",
    "session.state.completed": "completed",
    "session.state.incomplete": "incomplete",
    "session.state.discarded": "discarded",
    # the session as a whole
    "session.closed": "this capture session is {state}; start a new one",
    "session.wrong_step": "this can only be done at the {steps} step (the session is at {step})",
    "session.cannot_enter": "cannot go to {step}: {problems}",
    "session.complete_via_finish": "the session completes only through finish()",
    "session.last_step": "the last step is finish(): it writes the consent",
    "session.first_step": "this is the first step",
    "session.cannot_finish": "cannot finish: {problems}",
    # what blocks a step
    "session.need_subject": "enter the subject's details first",
    "session.need_id_document": "capture or import a photo of the subject's ID document",
    "session.need_live_face": "capture the subject's live face",
    "session.identity_not_passed": "the identity check has not passed: {problems} (an admin may override "
                                   "with a reason)",
    "session.need_form": "complete the consent form",
    "session.terms_not_confirmed": "the subject has not confirmed reading the terms",
    "session.not_signed": "the subject (or guardian/agent) has not signed",
    "session.not_countersigned": "the staff member has not countersigned",
    "session.category_unavailable": "{category}: {reason}",
    "session.categories_unavailable": "{problems}",
    # why a category cannot be chosen
    "session.face_unavailable": "face edits need the face verification (live face matching the ID document)",
    "session.voice_missing": "voice edits need a voice sample and the spoken statement",
    "session.statement_missing": "voice edits need the spoken consent statement",
    "session.statement_failed": "voice edits need a spoken statement that passed: {problems}",
    # step 1: subject details
    "session.name_missing": "enter the subject's name",
    "session.name_too_long": "the subject's name is longer than {limit} characters",
    "session.minor_needs_guardian": "a minor's consent is given by a guardian: choose the guardian as "
                                    "attester",
    "session.guardian_only_for_minor": "a guardian signs only for a minor: mark the subject as a minor",
    "session.guardian_name_missing": "enter the guardian's name",
    "session.agent_name_missing": "enter the agent's name",
    "session.relationship_missing": "enter the guardian's relationship to the minor",
    "session.authority_missing": "enter the agent's authority (e.g. the power of attorney reference)",
    "session.unknown_subject": "no subject with id {subject}",
    "session.subject_erased": "this subject's biometric data was erased: register them as a new subject",
    # steps 2-3: identity
    "session.not_id_document": "this capture is not an ID-document photo",
    "session.id_document_first": "capture the ID document before the live face",
    "session.not_live_face": "this capture is not a live face capture",
    "session.not_compared": "the live face has not been compared with the ID document yet",
    "session.face_mismatch": "the live face does not match the ID document (distance {distance:.3f}, "
                             "threshold {threshold:.3f})",
    "session.liveness_not_done": "the liveness challenge has not been done",
    "session.liveness_failed": "the liveness challenge failed",
    "session.liveness_failed_because": "the liveness challenge failed: {reason}",
    "session.guardian_not_checked": "the guardian's face has not been checked against the guardian's ID",
    "session.guardian_mismatch": "the guardian's face does not match the guardian's ID (distance "
                                 "{distance:.3f}, threshold {threshold:.3f})",
    "session.duplicate_face": "this face matches the enrolled subject {name!r} ({subject}, distance "
                              "{distance:.3f}): check this is not the same person under another name",
    "session.returning_mismatch": "this face does not match the face enrolled for this subject before "
                                  "(distance {distance:.3f}, threshold {threshold:.3f})",
    "session.challenge_first": "draw the liveness challenge first",
    "session.other_challenge": "this liveness result is not for the challenge drawn in this session",
    "session.other_actions": "this liveness result checked other actions than the challenge drawn",
    "session.guardian_only": "only a guardian attester is verified separately",
    "session.override_admin_only": "{user} is an operator; only an admin can override the identity check",
    "session.override_needs_check": "an override needs the identity check to have been made (capture the "
                                    "live face)",
    "session.override_not_needed": "the identity check passed; there is nothing to override",
    "session.override_reason": "give the reason for the override (at least {minimum} characters)",
    # step 4: voice
    "session.not_voice_sample": "this recording is not a voice sample",
    "session.voice_first": "record the voice sample before the spoken statement",
    "session.statement_first": "draw the statement the subject reads before recording it",
    "session.voice_and_statement_first": "record the voice sample and draw the statement first",
    "session.other_phrase": "the statement was checked against another phrase than the one drawn",
    "session.wrong_speaker": "the statement was not spoken by the voice-sample speaker (similarity "
                             "{similarity:.3f}, threshold {threshold:.3f})",
    "session.wrong_words": "the spoken words do not match the statement with this session's phrase "
                           "(score {score})",
    # steps 5-7: form, terms, signatures
    "session.form_first": "complete the consent form first",
    "session.terms_changed": "the terms shown are not the current terms: show them again",
    "session.countersign_operator_only": "only the logged-in staff member ({user}) can countersign",
    "session.account_inactive": "{user}'s account is inactive",
    # services and the writer
    "session.foreign_challenge": "this liveness challenge was not drawn by this session",
    "session.statement_changed": "the statement text changed since it was shown; draw it again",
    "session.subject_gone": "subject {subject} no longer exists",
    "session.erased_during_session": "this subject's biometric data was erased during the session: register "
                                     "them as a new subject",
})


def msg(code: str, **params: object) -> Message:
    """A session message (``code`` must be one of the templates above)."""
    return Message(code, params)


__all__ = ["MESSAGES", "msg"]
