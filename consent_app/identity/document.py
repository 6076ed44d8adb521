"""The subject's document data in a session: read from the MRZ (or a typed resident ID number), corrected
by staff, cross-checked against what staff typed, and bound to the signed record by commitments.

Qt-free and store-free: the session (``consent_app.session.document_steps``) keeps a
:class:`DocumentData`, asks :func:`cross_check` for flags, and the writer stores the values encrypted
(``identity_documents``) and signs only :meth:`DocumentData.record_entry` — salted commitments, never the
values. Check digits catch typing and reading errors, not forgeries: the record says ``checksumOk``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from consent_app import clock
from consent_app.crypto import commitments
from consent_app.errors import InputError
from consent_app.identity.mrz import MrzData
from consent_app.identity.prc_id import PrcId
from consent_app.messages import Message, define

MESSAGES = define({
    "document.expired": "the ID document expired on {expiry}: an administrator may override with a reason",
    "document.minor": "the ID document gives the birth date {birth} (age {age}): a minor's consent is "
                      "given by a guardian; choose the guardian as attester",
    "document.name_mismatch": "the name typed ({typed}) differs from the name on the document ({document})",
    "document.duplicate": "this document number is already recorded for subject {subject}: check this is "
                          "not the same person under another name",
    "document.no_mrz": "no machine-readable zone read from the ID document photo ({reason}): type the "
                       "resident ID number or check the details by hand",
    "document.portrait_choice": "the ID document shows {faces} faces: the largest (at {box}) is taken as "
                                "the holder's portrait; confirm it",
    "document.unknown_field": "{field} is not a document field that can be corrected",
    "document.bad_date": "{field} must be a date as YYYY-MM-DD, not {value}",
    "document.empty_value": "{field} cannot be empty",
})

ADULT_AGE = 18
#: Fields staff may correct (the JSON names of ``consent-app id read --json``).
FIELDS = ("documentType", "issuingState", "surname", "givenNames", "documentNumber", "nationality",
          "birthDate", "expiryDate", "sex")
DATE_FIELDS = ("birthDate", "expiryDate")
#: What the signed record commits to (the values stay encrypted in the store).
COMMITTED = ("documentNumber", "name", "birthDate")


@dataclass(frozen=True)
class Correction:
    field: str
    read: str
    corrected: str
    by: str
    at: str

    def as_dict(self) -> dict:
        return {"field": self.field, "read": self.read, "corrected": self.corrected, "by": self.by,
                "at": self.at}


@dataclass(frozen=True)
class DocumentData:
    """The document's fields as read, the current (possibly corrected) fields, and how they were read."""

    source: str  # mrz | prc_id
    format: str  # TD1 | TD2 | TD3 | PRC_ID
    read: dict[str, str]
    fields: dict[str, str]
    checks: dict[str, bool]
    checksum_ok: bool
    corrections: tuple[Correction, ...] = ()
    salts: dict[str, bytes] = field(default_factory=lambda: {k: commitments.new_salt() for k in COMMITTED},
                                    repr=False)

    # -- reading ------------------------------------------------------------------------------------
    @classmethod
    def from_mrz(cls, data: MrzData) -> DocumentData:
        values = {k: ("" if v is None else str(v)) for k, v in data.to_dict().items() if k in FIELDS}
        return cls("mrz", data.format, dict(values), dict(values), dict(data.checks), data.checksum_ok)

    @classmethod
    def from_prc_id(cls, number: PrcId, *, surname: str = "", given_names: str = "") -> DocumentData:
        values = {"documentType": "PRC_RESIDENT_ID", "issuingState": "CHN", "surname": surname,
                  "givenNames": given_names, "documentNumber": number.number, "nationality": "CHN",
                  "birthDate": number.birth_date.isoformat(), "expiryDate": "", "sex": number.sex}
        return cls("prc_id", "PRC_ID", dict(values), dict(values), {"checkCharacter": True}, True)

    # -- values -------------------------------------------------------------------------------------
    def date(self, name: str) -> date | None:
        try:
            return date.fromisoformat(self.fields.get(name, ""))
        except ValueError:
            return None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.fields.get("givenNames", ""), self.fields.get("surname", "")) if p)

    def corrected(self, name: str, value: str, by: str) -> DocumentData:
        """A copy with ``name`` set to ``value``; the correction is kept as evidence."""
        if name not in FIELDS:
            raise InputError(code="document.unknown_field", field=name)
        value = " ".join(value.split())
        if name in DATE_FIELDS and value:
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                raise InputError(code="document.bad_date", field=name, value=value) from None
        if not value and name in ("documentNumber", "birthDate", "surname"):
            raise InputError(code="document.empty_value", field=name)
        if name not in DATE_FIELDS:
            value = value.upper()
        if self.fields.get(name, "") == value:
            return self
        fix = Correction(name, self.fields.get(name, ""), value, by, clock.iso())
        return replace(self, fields={**self.fields, name: value}, corrections=(*self.corrections, fix))

    # -- what is kept -------------------------------------------------------------------------------
    def committed_values(self) -> dict[str, str]:
        return {"documentNumber": self.fields.get("documentNumber", ""), "name": self.name,
                "birthDate": self.fields.get("birthDate", "")}

    def commitments(self) -> dict[str, str]:
        return {k: commitments.commitment(f"idDocument.{k}", v, self.salts[k])
                for k, v in self.committed_values().items()}

    def evidence_body(self) -> dict:
        """Kept encrypted in the store (evidence table): what was read, every correction, the checks."""
        return {"source": self.source, "format": self.format, "read": dict(self.read),
                "fields": dict(self.fields), "checks": dict(self.checks), "checksum_ok": self.checksum_ok,
                "corrections": [c.as_dict() for c in self.corrections]}

    def record_entry(self) -> dict:
        """What the signed record carries: no names or numbers, only commitments and outcomes."""
        return {"source": self.source, "format": self.format,
                "documentType": self.fields.get("documentType", ""),
                "issuingState": self.fields.get("issuingState", ""),
                "checksumOk": self.checksum_ok, "checks": dict(self.checks),
                "corrected": sorted({c.field for c in self.corrections}),
                "commitments": self.commitments()}


# -- cross-checks -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Flag:
    """A finding about the document: ``blocking`` ones stop the session until resolved."""

    code: str  # document.expired | document.minor | document.name_mismatch | document.duplicate
    blocking: bool
    params: dict = field(default_factory=dict)

    def message(self) -> Message:
        return Message(self.code, self.params)


def _tokens(name: str) -> list[str]:
    """Upper-case name words, accents and punctuation dropped, in their order."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else " " for c in text.upper()).split()


def names_match(typed: str, document: DocumentData) -> bool:
    """The same name words in any order, or the same letters given-names-first or surname-first (case,
    accents, spaces and punctuation ignored: "Zhang Weiming" matches ZHANG / WEI MING)."""
    doc = _tokens(document.name)
    if not doc:
        return True
    words = _tokens(typed)
    given = _tokens(document.fields.get("givenNames", ""))
    surname = _tokens(document.fields.get("surname", ""))
    joined = "".join(words)
    return sorted(words) == sorted(doc) or joined in ("".join(given + surname), "".join(surname + given))


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def cross_check(document: DocumentData, *, typed_name: str, guardian: bool, today: date | None = None,
                duplicates: tuple[str, ...] = ()) -> list[Flag]:
    today = today or date.today()
    flags = []
    expiry = document.date("expiryDate")
    if expiry is not None and expiry < today:
        flags.append(Flag("document.expired", True, {"expiry": expiry.isoformat()}))
    born = document.date("birthDate")
    if born is not None and age_on(born, today) < ADULT_AGE and not guardian:
        flags.append(Flag("document.minor", True, {"birth": born.isoformat(), "age": age_on(born, today)}))
    if typed_name and not names_match(typed_name, document):
        flags.append(Flag("document.name_mismatch", False, {"typed": typed_name, "document": document.name}))
    for subject in duplicates:
        flags.append(Flag("document.duplicate", False, {"subject": subject}))
    return flags
