"""What one consent covers besides its categories: project, purpose, validity, territory, channels,
prohibited uses, the marking outputs must carry, how long the biometric samples are kept, and how
to withdraw. Checked before anything is shown to the subject or written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from consent_app import clock
from consent_app.consent import categories
from consent_app.errors import InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "form.entry_too_long": "each {what} entry must be at most {limit} characters",
    "form.field.territory": "territory",
    "form.field.channel": "channel",
    "form.field.prohibited_use": "prohibited use",
    "form.project_missing": "the consent needs a project name",
    "form.purpose_missing": "the consent needs a purpose: say what the edits are for",
    "form.validity_no_zone": "the validity {which} must be a date and time with a time zone",
    "form.validity_reversed": "the validity ends ({end}) before it starts ({start})",
    "form.validity_backdated": "the validity cannot start before the consent is given (it starts {start}); "
                               "choose today or a later date",
    "form.validity_over": "the validity has already ended ({end})",
    "form.validity_too_long": "a consent may last at most {days} days",
    "form.territory_missing": "the consent needs a territory (where the edited media may be used)",
    "form.marking_missing": "the consent needs the label text that edited outputs must carry",
    "form.retention_range": "the retention period of the biometric samples must be 1 to {days} days",
    "form.withdrawal_missing": "the consent needs a withdrawal contact (how the subject can withdraw)",
    "form.no_category": "no edit category was chosen: the subject must opt in to at least one",
})

MAX_RETENTION_DAYS = 3650
MAX_VALIDITY_DAYS = 3660
DEFAULT_MARKING = "AI-generated / 人工智能生成"
#: A consent may start a little before it is signed (the form is filled in first), never days before.
MAX_BACKDATING = timedelta(hours=1)


def _clean_list(values: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    out = tuple(v.strip() for v in values if v and v.strip())
    if any(len(v) > 300 for v in out):
        raise InputError(code="form.entry_too_long", what=Message(f"form.field.{what.replace(' ', '_')}"),
                         limit=300)
    return out


@dataclass(frozen=True)
class ConsentDetails:
    """The terms of one consent, apart from the categories (see :class:`ConsentChoice`)."""

    project: str
    purpose: str
    valid_from: datetime
    valid_until: datetime
    territory: tuple[str, ...] = ("CN",)
    channels: tuple[str, ...] = ()
    prohibited_uses: tuple[str, ...] = ()
    marking: str = DEFAULT_MARKING
    retention_days: int = 365
    withdrawal_contact: str = ""
    complaints_contact: str = ""

    def checked(self) -> ConsentDetails:
        """A normalised copy; raises :class:`InputError` naming the first problem."""
        project, purpose = self.project.strip(), self.purpose.strip()
        if not project:
            raise InputError(code="form.project_missing")
        if not purpose:
            raise InputError(code="form.purpose_missing")
        for name, value in (("start", self.valid_from), ("end", self.valid_until)):
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise InputError(code="form.validity_no_zone", which=name)
        if self.valid_until <= self.valid_from:
            raise InputError(code="form.validity_reversed", end=clock.iso(self.valid_until),
                             start=clock.iso(self.valid_from))
        if self.valid_from < clock.now() - MAX_BACKDATING:
            raise InputError(code="form.validity_backdated", start=clock.iso(self.valid_from))
        if self.valid_until <= clock.now():
            raise InputError(code="form.validity_over", end=clock.iso(self.valid_until))
        if self.valid_until - self.valid_from > timedelta(days=MAX_VALIDITY_DAYS):
            raise InputError(code="form.validity_too_long", days=MAX_VALIDITY_DAYS)
        territory = _clean_list(self.territory, "territory")
        if not territory:
            raise InputError(code="form.territory_missing")
        marking = self.marking.strip()
        if not marking:
            raise InputError(code="form.marking_missing")
        if not isinstance(self.retention_days, int) or not 1 <= self.retention_days <= MAX_RETENTION_DAYS:
            raise InputError(code="form.retention_range", days=MAX_RETENTION_DAYS)
        withdrawal = self.withdrawal_contact.strip()
        if not withdrawal:
            raise InputError(code="form.withdrawal_missing")
        return replace(
            self, project=project, purpose=purpose,
            valid_from=self.valid_from.astimezone(UTC).replace(microsecond=0),
            valid_until=self.valid_until.astimezone(UTC).replace(microsecond=0),
            territory=territory, channels=_clean_list(self.channels, "channel"),
            prohibited_uses=_clean_list(self.prohibited_uses, "prohibited use"), marking=marking,
            withdrawal_contact=withdrawal,
            complaints_contact=self.complaints_contact.strip() or withdrawal,
        )

    def as_dict(self) -> dict:
        return {
            "project": self.project, "purpose": self.purpose,
            "validFrom": clock.iso(self.valid_from), "validUntil": clock.iso(self.valid_until),
            "territory": list(self.territory), "channels": list(self.channels),
            "prohibitedUses": list(self.prohibited_uses), "marking": self.marking,
            "retentionDays": self.retention_days, "withdrawalContact": self.withdrawal_contact,
            "complaintsContact": self.complaints_contact,
        }


@dataclass(frozen=True)
class ConsentChoice:
    """The categories the subject opted into (each a separate, explicit choice) and the form's details."""

    categories: tuple[str, ...]
    details: ConsentDetails
    language: str = "en"
    extra: dict = field(default_factory=dict)

    def checked(self) -> ConsentChoice:
        chosen = categories.normalise(self.categories)
        if not chosen:
            raise InputError(code="form.no_category")
        return replace(self, categories=chosen, details=self.details.checked(),
                       language=categories.check_language(self.language))


def default_details(project: str, purpose: str, *, days: int = 365, withdrawal_contact: str,
                    start: datetime | None = None, **more) -> ConsentDetails:
    """Details with a validity of ``days`` from ``start`` (default: now)."""
    start = (start or clock.now()).replace(microsecond=0)
    return ConsentDetails(project=project, purpose=purpose, valid_from=start,
                          valid_until=start + timedelta(days=days),
                          withdrawal_contact=withdrawal_contact, **more)
