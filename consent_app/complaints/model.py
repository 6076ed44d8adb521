"""What a complaint is: claims, complainant roles, channels, workflow states and their transitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from consent_app.messages import define

CLAIMS = ("no_consent", "beyond_scope", "after_withdrawal", "unmarked", "prohibited_use", "other")
ROLES = ("subject", "third_party", "tool_maker")
CHANNELS = ("staff", "web_form", "email")
STATES = ("received", "acknowledged", "investigating", "resolved", "rejected")
TERMINAL = frozenset({"resolved", "rejected"})
#: The workflow: which state may follow which (each step a signed event with a note).
TRANSITIONS: dict[str, frozenset[str]] = {
    "received": frozenset({"acknowledged", "rejected"}),
    "acknowledged": frozenset({"investigating", "resolved", "rejected"}),
    "investigating": frozenset({"resolved", "rejected"}),
    "resolved": frozenset(),
    "rejected": frozenset(),
}
LINK_KINDS = ("subject", "consent", "token", "tool", "usage_receipt")

INTAKE_SCHEMA = "https://consent-app.invalid/schema/complaint/v1"
EVENT_SCHEMA = "https://consent-app.invalid/schema/complaint-event/v1"
#: v2: the intake commits to the contact, URL and note, and each step to its note (salted), so an erasure of
#: the subject removes them while the signed documents still verify (``complaints/personal.py``).
INTAKE_SCHEMA_V2 = "https://consent-app.invalid/schema/complaint/v2"
EVENT_SCHEMA_V2 = "https://consent-app.invalid/schema/complaint-event/v2"

#: Settings (days) for the deadlines; the defaults follow the published complaint procedure.
SETTING_ACK_DAYS = "complaints.acknowledge_days"
SETTING_RESOLVE_DAYS = "complaints.resolve_days"
DEFAULT_ACK_DAYS = 1
DEFAULT_RESOLVE_DAYS = 15

MAX_TEXT = 4000
MAX_CONTACT = 500
MAX_URL = 2000

MESSAGES = define({
    "complaint.unknown": "no complaint with id {complaint}",
    "complaint.bad_claim": "unknown claim {claim!r} (one of: {choices})",
    "complaint.bad_role": "unknown complainant role {role!r} (one of: {choices})",
    "complaint.bad_channel": "unknown channel {channel!r} (one of: {choices})",
    "complaint.bad_state": "unknown complaint state {state!r} (one of: {choices})",
    "complaint.contact_missing": "give the complainant's contact (e-mail, phone or address)",
    "complaint.text_too_long": "the {field} is longer than {limit} characters",
    "complaint.bad_url": "the URL must start with http:// or https:// ({url})",
    "complaint.nothing_disputed": "attach the disputed media or give its URL",
    "complaint.unknown_subject": "no subject with id {subject}",
    "complaint.unknown_consent": "no consent with id {consent}",
    "complaint.note_missing": "give a note for this step (what was done or decided)",
    "complaint.bad_transition": "complaint {complaint} is {state}; it cannot move to {target} "
                                "(allowed: {allowed})",
    "complaint.tampered": "complaint {complaint} failed verification and is refused: {problems}",
    "complaint.unknown_link": "complaint {complaint} has no link {link}",
    "complaint.bad_link_kind": "unknown link kind {kind!r} (one of: {choices})",
    "complaint.attachment_elsewhere": "attachment {media} of complaint {complaint} is kept at the studio "
                                      "station that received it; only its hash, kind and size are here",
    "complaint.bad_days": "{setting} must be a whole number of days from 1 to 365, not {value}",
    "complaint.attachment_erased": "attachment {media} of complaint {complaint} was erased with the "
                                   "complaint's subject; only its hash, kind and size are kept",
})


@dataclass(frozen=True)
class Event:
    id: str
    seq: int
    state: str
    at: str
    staff: str
    note: str
    body: dict
    proof: dict
    concurrent: bool = False  # on a branch that does not decide the state (kept, with its note)


@dataclass(frozen=True)
class MediaInfo:
    id: str
    name: str
    kind: str
    mime: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Link:
    id: str
    media_id: str | None
    kind: str
    target: str
    source: str
    evidence: dict
    status: str
    decided_by: str | None


@dataclass(frozen=True)
class Action:
    id: str
    kind: str
    target: str
    at: str
    staff: str
    details: dict


@dataclass(frozen=True)
class Complaint:
    id: str
    received_at: str
    channel: str
    role: str
    contact: str
    claim: str
    url: str | None
    subject_id: str | None
    consent_id: str | None
    note: str
    state: str
    intake: dict
    proof: dict
    created_by: str
    events: tuple[Event, ...] = ()
    media: tuple[MediaInfo, ...] = ()
    links: tuple[Link, ...] = ()
    actions: tuple[Action, ...] = ()
    due_at: datetime | None = None
    problems: tuple[str, ...] = field(default=())
    personal: str = "here"  # the contact, URL, notes: "here", "waiting" (for the subject's key), "erased"

    @property
    def verified(self) -> bool:
        return not self.problems

    def overdue(self, now: datetime) -> bool:
        return self.due_at is not None and now > self.due_at

    def summary(self, now: datetime) -> dict:
        """A JSON-ready overview (what `complaint list --json` prints)."""
        return {"id": self.id, "receivedAt": self.received_at, "channel": self.channel,
                "complainant": self.role, "claim": self.claim, "state": self.state,
                "subject": self.subject_id, "consent": self.consent_id, "url": self.url,
                "media": len(self.media),
                "dueAt": self.due_at.isoformat().replace("+00:00", "Z") if self.due_at else None,
                "overdue": self.overdue(now), "verified": self.verified, "personalData": self.personal}

    def as_dict(self, now: datetime) -> dict:
        """Everything staff see (what `complaint show --json` prints)."""
        return {
            **self.summary(now), "contact": self.contact, "note": self.note, "createdBy": self.created_by,
            "intake": {"record": self.intake, "proof": self.proof},
            "events": [{"seq": e.seq, "state": e.state, "at": e.at, "staff": e.staff, "note": e.note,
                        "event": e.body, "proof": e.proof, "concurrent": e.concurrent} for e in self.events],
            "attachments": [m.__dict__ for m in self.media],
            "links": [{**lk.__dict__} for lk in self.links],
            "actions": [a.__dict__ for a in self.actions],
            "problems": list(self.problems),
        }
