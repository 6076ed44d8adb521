"""The capture session's value types: its steps and states, who signs, what blocks a step, the result.

Shared by the flow (``consent_app.session.flow``), its step groups and the writer
(``consent_app.session.persist``), so none of them needs another's module to name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consent_app.consent import signature
from consent_app.messages import Message
from consent_app.session.evidence import FaceCapture, IdDocument, IdentityCheck
from consent_app.staff import StaffMember


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
    """Why a step cannot be entered yet: a stable code and the reason as a coded message."""

    code: str
    reason: Message

    @property
    def message(self) -> str:
        """The reason in English."""
        return self.reason.english()


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
class Guardian:
    """A guardian's own ID document, live face and the check between them."""

    id_document: IdDocument | None = None
    face: FaceCapture | None = None
    check: IdentityCheck | None = None



__all__ = ["OPTIONAL_STEPS", "STEPS", "Attester", "AttesterRole", "Blocker", "CompletedSession",
           "Countersign", "Guardian", "State", "Step", "SubjectDetails"]
