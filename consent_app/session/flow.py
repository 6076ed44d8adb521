"""The capture session as a Qt-free state machine: which step may follow which and what each needs.

Steps, in order::

    subject_details → id_document → live_face → voice (optional) → consent_form
        → subject_signature → staff_countersign → complete

The wizard only draws this flow. Every ``set_*``/``capture_*`` method either records its input
or raises a ``ConsentAppError`` with a specific message and keeps what it had. Nothing reaches the
store until :meth:`CaptureFlow.finish` writes subject, samples, templates, evidence, the signed
consent and the audit entries in ONE transaction — or :meth:`CaptureFlow.cancel` discards the
session (only an audit note stays) or keeps it as an ``incomplete`` session that is never
presented as consent.

Rules enforced here:

- ``consent_form`` needs a passing identity check (live face matches the ID document and the
  liveness challenge passed; for a minor, the guardian's own face matches the guardian's ID too),
  unless an admin records an override with a reason (audited at once).
- Face categories need the face verification; voice categories need a voice sample and a spoken
  statement that passed (same speaker; the expected words where a recogniser exists).
- Changing anything the subject signed for (the form, the evidence) clears both signatures.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from consent_app import clock
from consent_app.consent import categories, signature, terms
from consent_app.consent.form import ConsentChoice, ConsentDetails
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.messages import Message
from consent_app.session import evidence as ev
from consent_app.session.document_steps import DocumentSteps
from consent_app.session.identity_steps import MIN_OVERRIDE_REASON, IdentitySteps
from consent_app.session.messages import msg
from consent_app.session.model import (
    OPTIONAL_STEPS,
    STEPS,
    Attester,
    AttesterRole,
    Blocker,
    CompletedSession,
    Countersign,
    Guardian,
    State,
    Step,
    SubjectDetails,
)
from consent_app.session.services import BiometricServices, Challenge, StatementPrompt
from consent_app.session.voice_steps import VoiceSteps
from consent_app.staff import StaffMember


class CaptureFlow(IdentitySteps, DocumentSteps, VoiceSteps):
    """One capture session, from subject details to the signed consent.

    ``services`` is the face/voice core behind :class:`BiometricServices`; ``operator`` is the
    logged-in staff member, who also countersigns.
    """

    def __init__(self, store, operator: StaffMember, services: BiometricServices, *,
                 id_factory: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self.store = store
        self.operator = operator
        self.services = services
        self._new_id = id_factory
        self.session_id = id_factory()
        self.started_at = clock.iso()
        self.step = Step.SUBJECT_DETAILS
        self.state = State.OPEN
        self.subject: SubjectDetails | None = None
        self.id_document: ev.IdDocument | None = None
        self.face: ev.FaceCapture | None = None
        self.identity: ev.IdentityCheck | None = None
        self.duplicates: ev.DuplicateCheck | None = None  # 1:N search (when the services offer it)
        self.returning: ev.FaceMatch | None = None  # a returning subject's face vs their enrolled one
        self.challenge: Challenge | None = None
        self.liveness: ev.Liveness | None = None
        self.sources: dict[str, str] = {}  # capture -> camera / microphone / file (see session.devices)
        self.guardian = Guardian()
        self.override: ev.Override | None = None
        self.voice: ev.VoiceCapture | None = None
        self.statement_prompt: StatementPrompt | None = None
        self.statement: ev.Statement | None = None
        self.choice: ConsentChoice | None = None
        self.rendered_terms: terms.RenderedTerms | None = None
        self.terms_acknowledged = False
        self.subject_signature: signature.Signature | None = None
        self.countersign: Countersign | None = None
        self.completed: CompletedSession | None = None
        self.warnings: list[str] = []
        self._listeners: list[Callable[[CaptureFlow], None]] = []
        from consent_app.store import meta

        with store.read() as conn:
            self.studio = meta.studio(conn)

    # -- observers (the wizard redraws on change) -------------------------------------------------
    def subscribe(self, listener: Callable[[CaptureFlow], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener(self)

    def _require_open(self) -> None:
        if self.state is not State.OPEN:
            raise PolicyError(code="session.closed", state=self.state.value)

    def _require_step(self, *steps: Step) -> None:
        self._require_open()
        if self.step not in steps:
            raise PolicyError(code="session.wrong_step", steps=[s.value for s in steps], step=self.step.value)

    # -- what each step needs -----------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.subject.language if self.subject else "en"

    @property
    def is_guardian(self) -> bool:
        return self.subject is not None and self.subject.attester.role is AttesterRole.GUARDIAN

    def identity_problems(self) -> list[str]:
        """Why the identity check does not pass (empty when it passes), in English."""
        return [m.english() for m in self.identity_problem_messages()]

    def identity_problem_messages(self) -> list[Message]:
        """Why the identity check does not pass, as coded messages."""
        if self.identity is None:
            return [msg("session.not_compared")]
        problems = self._identity_check_problems()
        if self.is_guardian:
            check = self.guardian.check
            if check is None:
                problems.append(msg("session.guardian_not_checked"))
            elif not check.match.match:
                problems.append(msg("session.guardian_mismatch", distance=check.match.distance,
                                    threshold=check.match.threshold))
        return problems

    @property
    def identity_passed(self) -> bool:
        return not self.identity_problems()

    @property
    def identity_accepted(self) -> bool:
        """Passed, or overridden by an admin with a reason."""
        return self.identity_passed or (self.override is not None and self.identity is not None)

    @property
    def voice_ready(self) -> bool:
        return self.voice is not None and self.statement is not None and self.statement.passed

    def category_availability(self) -> dict[str, str | None]:
        """Category id -> ``None`` when it may be chosen, else the reason it may not (English)."""
        return {c: (r.english() if r is not None else None) for c, r in self.category_reasons().items()}

    def category_reasons(self) -> dict[str, Message | None]:
        """Category id -> ``None`` when it may be chosen, else the reason as a coded message."""
        out: dict[str, Message | None] = {}
        for cat in categories.CATEGORIES:
            if cat.modality == "face":
                out[cat.id] = None if self.identity_accepted else msg("session.face_unavailable")
            elif self.voice is None:
                out[cat.id] = msg("session.voice_missing")
            elif self.statement is None:
                out[cat.id] = msg("session.statement_missing")
            elif not self.statement.passed:
                out[cat.id] = msg("session.statement_failed", problems=self.statement.problem_messages())
            else:
                out[cat.id] = None
        return out

    def blockers(self, step: Step) -> list[Blocker]:
        """What is missing before ``step`` can be entered (empty: it can)."""
        out: list[Blocker] = []
        index = STEPS.index(step)
        if index > STEPS.index(Step.SUBJECT_DETAILS) and self.subject is None:
            out.append(Blocker("subject_details", msg("session.need_subject")))
        if index > STEPS.index(Step.ID_DOCUMENT):
            out.extend(self._document_blockers())  # the photo, its portrait choice, the document's flags
        if index > STEPS.index(Step.LIVE_FACE):
            if self.face is None:
                out.append(Blocker("live_face", msg("session.need_live_face")))
            elif step is not Step.VOICE and not self.identity_accepted:
                out.append(Blocker("identity", msg("session.identity_not_passed",
                                                   problems=self.identity_problem_messages())))
        if index > STEPS.index(Step.CONSENT_FORM):
            if self.choice is None:
                out.append(Blocker("consent_form", msg("session.need_form")))
            else:
                out.extend(Blocker("category", m) for m in self._choice_problems(self.choice))
            if not self.terms_acknowledged:
                out.append(Blocker("terms", msg("session.terms_not_confirmed")))
        if index > STEPS.index(Step.SUBJECT_SIGNATURE) and self.subject_signature is None:
            out.append(Blocker("subject_signature", msg("session.not_signed")))
        if index > STEPS.index(Step.STAFF_COUNTERSIGN) and self.countersign is None:
            out.append(Blocker("staff_countersign", msg("session.not_countersigned")))
        return out

    def can_enter(self, step: Step) -> bool:
        return self.state is State.OPEN and step is not Step.COMPLETE and not self.blockers(step)

    def _choice_problems(self, choice: ConsentChoice) -> list[Message]:
        reasons = self.category_reasons()
        return [msg("session.category_unavailable", category=c, reason=reasons[c])
                for c in choice.categories if reasons.get(c) is not None]

    # -- navigation ---------------------------------------------------------------------------------
    def go_to(self, step: Step | str) -> Step:
        """Move to ``step``: back at any time, forward only when everything it needs is there."""
        self._require_open()
        step = Step(step)
        if step is Step.COMPLETE:
            raise PolicyError(code="session.complete_via_finish")
        if STEPS.index(step) > STEPS.index(self.step):
            problems = self.blockers(step)
            if problems:
                raise PolicyError(code="session.cannot_enter", step=step.value,
                                  problems=[p.reason for p in problems])
        self.step = step
        self._changed()
        return step

    def next(self) -> Step:
        """Forward one step (the voice step may be left without a recording: it is optional)."""
        index = STEPS.index(self.step)
        if self.step in (Step.STAFF_COUNTERSIGN, Step.COMPLETE):
            raise PolicyError(code="session.last_step")
        return self.go_to(STEPS[index + 1])

    def back(self) -> Step:
        index = STEPS.index(self.step)
        if index == 0:
            raise PolicyError(code="session.first_step")
        return self.go_to(STEPS[index - 1])

    def _invalidate_signatures(self) -> None:
        self.subject_signature = None
        self.countersign = None

    def _render_terms(self) -> None:
        """(Re-)render the terms for the current form, subject language and attester."""
        self.terms_acknowledged = False
        if self.choice is None or self.subject is None:
            self.rendered_terms = None
            return
        self.choice = replace(self.choice, language=self.language)
        self.rendered_terms = terms.render(
            self.choice.details, self.choice.categories, self.language, studio=self.studio.label,
            demo=self.studio.demo, attester=self.subject.attester.as_dict())

    # -- step 1: subject details ---------------------------------------------------------------------
    def set_subject(self, details: SubjectDetails) -> None:
        self._require_step(Step.SUBJECT_DETAILS)
        name = details.display_name.strip()
        if not name:
            raise InputError(code="session.name_missing")
        if len(name) > 200:
            raise InputError(code="session.name_too_long", limit=200)
        categories.check_language(details.language)
        attester = details.attester
        if details.minor and attester.role is not AttesterRole.GUARDIAN:
            raise PolicyError(code="session.minor_needs_guardian")
        if attester.role is AttesterRole.GUARDIAN and not details.minor:
            raise InputError(code="session.guardian_only_for_minor")
        if attester.role is not AttesterRole.SUBJECT:
            guardian = attester.role is AttesterRole.GUARDIAN
            if not attester.name.strip():
                raise InputError(code=f"session.{'guardian' if guardian else 'agent'}_name_missing")
            if not attester.relationship.strip():
                raise InputError(code="session.relationship_missing" if guardian
                                 else "session.authority_missing")
            attester = replace(attester, name=attester.name.strip(),
                               relationship=attester.relationship.strip())
        else:
            attester = Attester(AttesterRole.SUBJECT, name, "")
        if details.subject_id is not None:
            with self.store.read() as conn:
                row = conn.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?",
                                   (details.subject_id,)).fetchone()
            if row is None:
                raise InputError(code="session.unknown_subject", subject=details.subject_id)
            if row[0] is not None:
                raise PolicyError(code="session.subject_erased")
        if self.subject is not None and self.subject.attester != attester:
            self.guardian = Guardian()
            self.override = None
        self.subject = replace(details, display_name=name, attester=attester)
        self._invalidate_signatures()
        self._render_terms()
        self._changed()

    # -- step 5: consent form -----------------------------------------------------------------------------
    def set_consent(self, chosen: list[str] | tuple[str, ...],
                    details: ConsentDetails) -> terms.RenderedTerms:
        """Record the categories the subject opted into and the consent's details; render the terms."""
        self._require_step(Step.CONSENT_FORM)
        choice = ConsentChoice(tuple(chosen), details, self.language).checked()
        problems = self._choice_problems(choice)
        if problems:
            raise PolicyError(code="session.categories_unavailable", problems=problems)
        self._invalidate_signatures()
        self.choice = choice
        self._render_terms()
        self._changed()
        assert self.rendered_terms is not None
        return self.rendered_terms

    def acknowledge_terms(self, rendered_sha256: str) -> None:
        """The subject confirms having read the terms whose hash the kiosk showed."""
        self._require_step(Step.CONSENT_FORM)
        if self.rendered_terms is None:
            raise PolicyError(code="session.form_first")
        if rendered_sha256 != self.rendered_terms.sha256:
            raise PolicyError(code="session.terms_changed")
        self.terms_acknowledged = True
        self._changed()

    def summary(self) -> dict:
        """What the subject signs for: shown on the kiosk's summary screen, hashed into the signature."""
        if self.choice is None or self.rendered_terms is None or self.subject is None:
            raise PolicyError(code="session.form_first")
        labels = {c: categories.BY_ID[c].text(self.language)[0] for c in self.choice.categories}
        return {"session": self.session_id, "language": self.language,
                "categories": list(self.choice.categories),
                "labels": labels, "details": self.choice.details.as_dict(),
                "terms": self.rendered_terms.as_dict(), "attester": self.subject.attester.as_dict(),
                "demo": self.studio.demo}

    # -- steps 6 and 7: signatures -------------------------------------------------------------------
    def sign(self, strokes: signature.Signature) -> signature.Signature:
        """The subject's (or guardian's / agent's) signature; trivial marks are refused."""
        self._require_step(Step.SUBJECT_SIGNATURE)
        checked = signature.check(strokes)
        self.subject_signature = checked
        self.countersign = None
        self._changed()
        return checked

    def countersign_by(self, staff_member: StaffMember, strokes: signature.Signature) -> Countersign:
        """The logged-in staff member countersigns."""
        self._require_step(Step.STAFF_COUNTERSIGN)
        if staff_member.username != self.operator.username:
            raise AuthError(code="session.countersign_operator_only", user=self.operator.username)
        if not staff_member.active:
            raise AuthError(code="session.account_inactive", user=staff_member.username)
        self.countersign = Countersign(staff_member, signature.check(strokes))
        self._changed()
        return self.countersign

    # -- the end -------------------------------------------------------------------------------------
    def finish(self) -> CompletedSession:
        """Write the session and the signed consent in one transaction; the flow is then complete."""
        self._require_step(Step.STAFF_COUNTERSIGN)
        problems = self.blockers(Step.COMPLETE)
        if problems:
            raise PolicyError(code="session.cannot_finish", problems=[p.reason for p in problems])
        from consent_app.session import persist

        self.completed = persist.write_completed(self)
        self.state = State.COMPLETED
        self.step = Step.COMPLETE
        self._changed()
        return self.completed

    def cancel(self, *, keep: bool = False, reason: str = "") -> State:
        """End without consent: discard everything, or keep the captures as an incomplete session."""
        self._require_open()
        from consent_app.session import persist

        if keep and self.subject is not None:
            persist.write_incomplete(self, reason)
            self.state = State.INCOMPLETE
        else:
            persist.write_discarded(self, reason)
            self.state = State.DISCARDED
        self._drop_captures()
        self._changed()
        return self.state

    def _drop_captures(self) -> None:
        self.id_document = self.face = self.identity = self.liveness = self.document = None
        self.duplicates = self.returning = None
        self.voice = self.statement = None
        self.guardian = Guardian()
        self.subject_signature = None
        self.countersign = None


__all__ = ["MIN_OVERRIDE_REASON", "OPTIONAL_STEPS", "STEPS", "Attester", "AttesterRole", "Blocker",
           "CaptureFlow", "CompletedSession", "Countersign", "State", "Step", "SubjectDetails"]
