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
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from consent_app import audit, clock
from consent_app.canonical import json_hash
from consent_app.consent import categories, signature, terms
from consent_app.consent.form import ConsentChoice, ConsentDetails
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.session.evidence import (
    DuplicateCheck,
    FaceCapture,
    FaceMatch,
    IdDocument,
    IdentityCheck,
    Liveness,
    Override,
    Statement,
    VoiceCapture,
)
from consent_app.session.services import BiometricServices, Challenge, StatementPrompt
from consent_app.staff import StaffMember

MIN_OVERRIDE_REASON = 10


class Step(StrEnum):
    SUBJECT_DETAILS = "subject_details"
    ID_DOCUMENT = "id_document"
    LIVE_FACE = "live_face"
    VOICE = "voice"
    CONSENT_FORM = "consent_form"
    SUBJECT_SIGNATURE = "subject_signature"
    STAFF_COUNTERSIGN = "staff_countersign"
    COMPLETE = "complete"


STEPS: tuple[Step, ...] = tuple(Step)
OPTIONAL_STEPS = frozenset({Step.VOICE})


class State(StrEnum):
    """Where the session stands (``capture_sessions.state`` once written)."""

    OPEN = "open"
    COMPLETED = "completed"
    INCOMPLETE = "incomplete"  # cancelled, captures kept; never a consent
    DISCARDED = "discarded"  # cancelled, nothing kept


class AttesterRole(StrEnum):
    SUBJECT = "subject"
    GUARDIAN = "guardian"
    AGENT = "agent"


@dataclass(frozen=True)
class Attester:
    """Who signs: the subject, a guardian for a minor (verified too), or an authorised agent."""

    role: AttesterRole
    name: str = ""
    relationship: str = ""  # guardian: e.g. "mother"; agent: the authority (e.g. power of attorney ref.)

    def as_dict(self) -> dict:
        return {"role": str(self.role), "name": self.name, "relationship": self.relationship}


@dataclass(frozen=True)
class SubjectDetails:
    display_name: str
    language: str = "en"  # the subject's language: terms, kiosk and receipt
    minor: bool = False
    attester: Attester = Attester(AttesterRole.SUBJECT)
    subject_id: str | None = None  # a returning subject


@dataclass(frozen=True)
class Blocker:
    """Why a step cannot be entered yet: a stable code for the UI and a sentence for people."""

    code: str
    message: str


@dataclass(frozen=True)
class Countersign:
    staff: StaffMember
    signature: signature.Signature


@dataclass(frozen=True)
class CompletedSession:
    session_id: str
    subject_id: str
    consent_id: str
    record_hash: str
    language: str


@dataclass
class _Guardian:
    id_document: IdDocument | None = None
    face: FaceCapture | None = None
    check: IdentityCheck | None = None


class CaptureFlow:
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
        self.id_document: IdDocument | None = None
        self.face: FaceCapture | None = None
        self.identity: IdentityCheck | None = None
        self.duplicates: DuplicateCheck | None = None  # 1:N search (when the services offer it)
        self.returning: FaceMatch | None = None  # a returning subject's face vs their enrolled one
        self.challenge: Challenge | None = None
        self.liveness: Liveness | None = None
        self.guardian = _Guardian()
        self.override: Override | None = None
        self.voice: VoiceCapture | None = None
        self.statement_prompt: StatementPrompt | None = None
        self.statement: Statement | None = None
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
            raise PolicyError(f"this capture session is {self.state.value}; start a new one")

    def _require_step(self, *steps: Step) -> None:
        self._require_open()
        if self.step not in steps:
            names = " or ".join(s.value for s in steps)
            raise PolicyError(f"this can only be done at the {names} step "
                              f"(the session is at {self.step.value})")

    # -- what each step needs -----------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.subject.language if self.subject else "en"

    @property
    def is_guardian(self) -> bool:
        return self.subject is not None and self.subject.attester.role is AttesterRole.GUARDIAN

    def identity_problems(self) -> list[str]:
        """Why the identity check does not pass (empty when it passes)."""
        if self.identity is None:
            return ["the live face has not been compared with the ID document yet"]
        problems = self.identity.problems()
        if self.is_guardian:
            check = self.guardian.check
            if check is None:
                problems.append("the guardian's face has not been checked against the guardian's ID")
            elif not check.match.match:
                problems.append(f"the guardian's face does not match the guardian's ID (distance "
                                f"{check.match.distance:.3f}, threshold {check.match.threshold:.3f})")
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
        """Category id -> ``None`` when it may be chosen, else the reason it may not."""
        out: dict[str, str | None] = {}
        for cat in categories.CATEGORIES:
            if cat.modality == "face":
                out[cat.id] = None if self.identity_accepted else (
                    "face edits need the face verification (live face matching the ID document)")
            elif self.voice is None:
                out[cat.id] = "voice edits need a voice sample and the spoken statement"
            elif self.statement is None:
                out[cat.id] = "voice edits need the spoken consent statement"
            elif not self.statement.passed:
                out[cat.id] = "voice edits need a spoken statement that passed: " + "; ".join(
                    self.statement.problems())
            else:
                out[cat.id] = None
        return out

    def blockers(self, step: Step) -> list[Blocker]:
        """What is missing before ``step`` can be entered (empty: it can)."""
        out: list[Blocker] = []
        index = STEPS.index(step)
        if index > STEPS.index(Step.SUBJECT_DETAILS) and self.subject is None:
            out.append(Blocker("subject_details", "enter the subject's details first"))
        if index > STEPS.index(Step.ID_DOCUMENT) and self.id_document is None:
            out.append(Blocker("id_document", "capture or import a photo of the subject's ID document"))
        if index > STEPS.index(Step.LIVE_FACE):
            if self.face is None:
                out.append(Blocker("live_face", "capture the subject's live face"))
            elif step is not Step.VOICE and not self.identity_accepted:
                out.append(Blocker("identity", "the identity check has not passed: "
                                   + "; ".join(self.identity_problems())
                                   + " (an admin may override with a reason)"))
        if index > STEPS.index(Step.CONSENT_FORM):
            if self.choice is None:
                out.append(Blocker("consent_form", "complete the consent form"))
            else:
                out.extend(Blocker("category", m) for m in self._choice_problems(self.choice))
            if not self.terms_acknowledged:
                out.append(Blocker("terms", "the subject has not confirmed reading the terms"))
        if index > STEPS.index(Step.SUBJECT_SIGNATURE) and self.subject_signature is None:
            out.append(Blocker("subject_signature", "the subject (or guardian/agent) has not signed"))
        if index > STEPS.index(Step.STAFF_COUNTERSIGN) and self.countersign is None:
            out.append(Blocker("staff_countersign", "the staff member has not countersigned"))
        return out

    def can_enter(self, step: Step) -> bool:
        return self.state is State.OPEN and step is not Step.COMPLETE and not self.blockers(step)

    def _choice_problems(self, choice: ConsentChoice) -> list[str]:
        available = self.category_availability()
        return [f"{c}: {available[c]}" for c in choice.categories if available.get(c)]

    # -- navigation ---------------------------------------------------------------------------------
    def go_to(self, step: Step | str) -> Step:
        """Move to ``step``: back at any time, forward only when everything it needs is there."""
        self._require_open()
        step = Step(step)
        if step is Step.COMPLETE:
            raise PolicyError("the session completes only through finish()")
        if STEPS.index(step) > STEPS.index(self.step):
            problems = self.blockers(step)
            if problems:
                raise PolicyError(f"cannot go to {step.value}: " + "; ".join(p.message for p in problems))
        self.step = step
        self._changed()
        return step

    def next(self) -> Step:
        """Forward one step (the voice step may be left without a recording: it is optional)."""
        index = STEPS.index(self.step)
        if self.step in (Step.STAFF_COUNTERSIGN, Step.COMPLETE):
            raise PolicyError("the last step is finish(): it writes the consent")
        return self.go_to(STEPS[index + 1])

    def back(self) -> Step:
        index = STEPS.index(self.step)
        if index == 0:
            raise PolicyError("this is the first step")
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
            raise InputError("enter the subject's name")
        if len(name) > 200:
            raise InputError("the subject's name is longer than 200 characters")
        categories.check_language(details.language)
        attester = details.attester
        if details.minor and attester.role is not AttesterRole.GUARDIAN:
            raise PolicyError("a minor's consent is given by a guardian: choose the guardian as attester")
        if attester.role is AttesterRole.GUARDIAN and not details.minor:
            raise InputError("a guardian signs only for a minor: mark the subject as a minor")
        if attester.role is not AttesterRole.SUBJECT:
            if not attester.name.strip():
                raise InputError(f"enter the {attester.role.value}'s name")
            if not attester.relationship.strip():
                raise InputError("enter the guardian's relationship to the minor"
                                 if attester.role is AttesterRole.GUARDIAN
                                 else "enter the agent's authority (e.g. the power of attorney reference)")
            attester = replace(attester, name=attester.name.strip(),
                               relationship=attester.relationship.strip())
        else:
            attester = Attester(AttesterRole.SUBJECT, name, "")
        if details.subject_id is not None:
            with self.store.read() as conn:
                row = conn.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?",
                                   (details.subject_id,)).fetchone()
            if row is None:
                raise InputError(f"no subject with id {details.subject_id}")
            if row[0] is not None:
                raise PolicyError("this subject's biometric data was erased: register them as a new subject")
        if self.subject is not None and self.subject.attester != attester:
            self.guardian = _Guardian()
            self.override = None
        self.subject = replace(details, display_name=name, attester=attester)
        self._invalidate_signatures()
        self._render_terms()
        self._changed()

    # -- step 2: ID document ------------------------------------------------------------------------
    def capture_id_document(self, data: bytes, mime: str = "image/jpeg") -> IdDocument:
        """Find the portrait on the subject's ID document (a new one replaces the old).

        Slow (face detection): a wizard may instead run ``services.read_id_document`` on a worker
        and hand the result to :meth:`accept_id_document` on the GUI thread.
        """
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        return self.accept_id_document(self.services.read_id_document(data, mime))

    def accept_id_document(self, document: IdDocument) -> IdDocument:
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if document.sample.kind != "id_document":
            raise PolicyError("this capture is not an ID-document photo")
        self.id_document = document
        self._invalidate_signatures()
        self._recompare()
        self._changed()
        return document

    # -- step 3: live face, liveness, guardian ------------------------------------------------------------
    def capture_face(self, data: bytes, mime: str = "image/jpeg") -> IdentityCheck:
        """Take the live capture (quality gates inside) and compare it with the ID document."""
        self._require_step(Step.LIVE_FACE)
        if self.id_document is None:
            raise PolicyError("capture the ID document before the live face")
        return self.accept_face(self.services.capture_face(data, mime))

    def accept_face(self, face: FaceCapture) -> IdentityCheck:
        """Keep a gated live capture made on a worker (``services.capture_face`` or the face core)
        and compare it with the ID document (fast)."""
        self._require_step(Step.LIVE_FACE)
        if self.id_document is None:
            raise PolicyError("capture the ID document before the live face")
        if face.sample.kind != "face":
            raise PolicyError("this capture is not a live face capture")
        self.face = face
        self._invalidate_signatures()
        self._recompare()
        self._search_enrolled()
        self._changed()
        assert self.identity is not None
        return self.identity

    def _search_enrolled(self) -> None:
        """Warn the staff when the face belongs to another enrolled subject; for a returning subject,
        compare with their enrolled face. Both are evidence, neither replaces the ID check."""
        assert self.face is not None
        assert self.subject is not None
        own = self.subject.subject_id
        self.warnings = []
        finder = getattr(self.services, "find_duplicates", None)
        self.duplicates = finder(self.face, own) if finder is not None else None
        for hit in self.duplicates.matches if self.duplicates else ():
            self.warnings.append(f"this face matches the enrolled subject {hit.display_name!r} "
                                 f"({hit.subject_id}, distance {hit.distance:.3f}): check this is not the "
                                 "same person under another name")
        verifier = getattr(self.services, "verify_returning", None)
        self.returning = verifier(own, self.face) if (verifier is not None and own) else None
        if self.returning is not None and not self.returning.match:
            self.warnings.append(f"this face does not match the face enrolled for this subject before "
                                 f"(distance {self.returning.distance:.3f}, threshold "
                                 f"{self.returning.threshold:.3f})")

    def _recompare(self) -> None:
        if self.id_document is None or self.face is None:
            self.identity = None
            return
        match = self.services.compare_faces(self.id_document, self.face)
        self.identity = IdentityCheck(self.id_document, self.face, match, self.liveness)
        self.override = None  # an override applies to the check it was given for

    def draw_challenge(self) -> Challenge:
        """A new liveness challenge for this session (any earlier result is dropped)."""
        self._require_step(Step.LIVE_FACE)
        self.challenge = self.services.draw_challenge()
        self._set_liveness(None)
        return self.challenge

    def run_liveness(self, frames: Any) -> Liveness:
        """Check live ``frames`` against the drawn challenge through the face core."""
        self._require_step(Step.LIVE_FACE)
        if self.challenge is None:
            raise PolicyError("draw the liveness challenge first")
        result = self.services.check_liveness(self.challenge, frames)
        self.record_liveness(result)
        return result

    def record_liveness(self, result: Liveness) -> None:
        """Keep a liveness result computed elsewhere (e.g. on the wizard's worker thread)."""
        self._require_step(Step.LIVE_FACE)
        if self.challenge is None or result.nonce != self.challenge.nonce:
            raise PolicyError("this liveness result is not for the challenge drawn in this session")
        if tuple(result.challenge) != tuple(self.challenge.actions):
            raise PolicyError("this liveness result checked other actions than the challenge drawn")
        self._set_liveness(result)

    def _set_liveness(self, result: Liveness | None) -> None:
        self.liveness = result
        if self.identity is not None:
            self.identity = replace(self.identity, liveness=result)
            self.override = None
        self._invalidate_signatures()
        self._changed()

    def capture_guardian(self, id_data: bytes, face_data: bytes, id_mime: str = "image/jpeg",
                         face_mime: str = "image/jpeg") -> IdentityCheck:
        """The guardian's own face against the guardian's own ID document."""
        self._require_step(Step.LIVE_FACE, Step.ID_DOCUMENT)
        if not self.is_guardian:
            raise PolicyError("only a guardian attester is verified separately")
        document = self.services.read_id_document(id_data, id_mime)
        face = self.services.capture_face(face_data, face_mime)
        match = self.services.compare_faces(document, face)
        self.guardian = _Guardian(document, face, IdentityCheck(document, face, match, None))
        self.override = None
        self._invalidate_signatures()
        self._changed()
        return self.guardian.check  # type: ignore[return-value]

    def record_override(self, admin: StaffMember, reason: str) -> Override:
        """An admin lets the session continue although the identity check failed. Audited now."""
        self._require_step(Step.LIVE_FACE, Step.VOICE)
        if not admin.is_admin:
            raise AuthError(f"{admin.username} is an operator; only an admin can override the identity check")
        if self.identity is None:
            raise PolicyError("an override needs the identity check to have been made "
                              "(capture the live face)")
        problems = self.identity_problems()
        if not problems:
            raise PolicyError("the identity check passed; there is nothing to override")
        reason = reason.strip()
        if len(reason) < MIN_OVERRIDE_REASON:
            raise InputError(f"give the reason for the override (at least {MIN_OVERRIDE_REASON} characters)")
        override = Override(admin.username, reason, tuple(problems))
        with self.store.transaction() as tx:
            audit.append(tx, admin.username, "session.identity_override", f"session:{self.session_id}",
                         {"reason": reason, "problems": list(problems), "operator": self.operator.username,
                          "match": self.identity.match.body(),
                          "identity_sha256": json_hash(self.identity.body())})
        self.override = override
        self._invalidate_signatures()
        self._changed()
        return override

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

    # -- step 5: consent form -----------------------------------------------------------------------------
    def set_consent(self, chosen: list[str] | tuple[str, ...],
                    details: ConsentDetails) -> terms.RenderedTerms:
        """Record the categories the subject opted into and the consent's details; render the terms."""
        self._require_step(Step.CONSENT_FORM)
        choice = ConsentChoice(tuple(chosen), details, self.language).checked()
        problems = self._choice_problems(choice)
        if problems:
            raise PolicyError("; ".join(problems))
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
            raise PolicyError("complete the consent form first")
        if rendered_sha256 != self.rendered_terms.sha256:
            raise PolicyError("the terms shown are not the current terms: show them again")
        self.terms_acknowledged = True
        self._changed()

    def summary(self) -> dict:
        """What the subject signs for: shown on the kiosk's summary screen, hashed into the signature."""
        if self.choice is None or self.rendered_terms is None or self.subject is None:
            raise PolicyError("complete the consent form first")
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
            raise AuthError(f"only the logged-in staff member ({self.operator.username}) can countersign")
        if not staff_member.active:
            raise AuthError(f"{staff_member.username}'s account is inactive")
        self.countersign = Countersign(staff_member, signature.check(strokes))
        self._changed()
        return self.countersign

    # -- the end -------------------------------------------------------------------------------------
    def finish(self) -> CompletedSession:
        """Write the session and the signed consent in one transaction; the flow is then complete."""
        self._require_step(Step.STAFF_COUNTERSIGN)
        problems = self.blockers(Step.COMPLETE)
        if problems:
            raise PolicyError("cannot finish: " + "; ".join(p.message for p in problems))
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
        self.id_document = self.face = self.identity = self.liveness = None
        self.duplicates = self.returning = None
        self.voice = self.statement = None
        self.guardian = _Guardian()
        self.subject_signature = None
        self.countersign = None


__all__ = ["STEPS", "Attester", "AttesterRole", "Blocker", "CaptureFlow", "CompletedSession", "Countersign",
           "State", "Step", "SubjectDetails"]
