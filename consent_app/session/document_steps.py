"""Step 2 of the capture session, the document's data: the MRZ read, staff corrections, cross-checks.

Mixed into :class:`consent_app.session.flow.CaptureFlow` (uses ``_require_step``, ``_changed`` and
``_invalidate_signatures``). The ID-document photo's MRZ is read with the portrait
(:meth:`IdentitySteps.capture_id_document`); a typed PRC resident ID number is the alternative.
An MRZ whose check digits fail is refused (nothing kept): staff retake the photo or type the number.
Blocking flags — an expired document (unless an administrator overrides it), a minor without the
guardian as attester, several faces on the document until staff confirm the portrait — stop the
session after this step; a name that differs from the typed one and a document number already
recorded for another subject are shown as flags.
"""

from __future__ import annotations

from consent_app import audit
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.identity import document as docs
from consent_app.messages import Message, define
from consent_app.session.evidence import Override
from consent_app.session.model import Blocker, Step
from consent_app.staff import StaffMember

MESSAGES = define({
    "document.override_needs_expired": "the ID document has not expired: there is nothing to override",
    "document.override_reason": "give the reason for accepting the expired document "
                                "(at least {minimum} characters)",
    "document.override_admin": "{user} is an operator; only an administrator can accept an expired document",
    "document.no_portrait_choice": "the ID document shows one face: there is no portrait to confirm",
    "document.needs_document": "read the ID document (or type the resident ID number) first",
})

MIN_REASON = 10


def read_mrz(data: bytes):
    """The MRZ of an ID-document photo: ``(MrzData, None)``, or ``(None, reason)`` when none was read.

    A read whose check digits fail raises (``mrz.check_failed``): it must not be kept.
    """
    from consent_app.identity.mrz_ocr import read_mrz_bytes

    try:
        read = read_mrz_bytes(data)
    except InputError as exc:
        if exc.code in ("mrz.not_found", "mrz.blank_page", "mrz.bad_layout", "mrz.ocr_missing",
                        "mrz.ocr_failed"):
            return None, exc.message
        raise
    problem = read.data.error()
    if problem is not None:
        raise problem
    return read.data, None


class DocumentSteps:
    """The document's data and its cross-checks (step 2, beside the portrait)."""

    document: docs.DocumentData | None = None
    document_note: str | None = None  # why no MRZ was read
    document_override: Override | None = None
    document_duplicates: tuple[str, ...] = ()
    portrait_confirmed: bool = False
    typed_name: str | None = None  # the name staff typed, when the document's name replaced it

    def accept_document_read(self, data, reason: str | None = None) -> docs.DocumentData | None:
        """Keep the MRZ read (``read_mrz``'s result) of the ID document just accepted."""
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        self.document = docs.DocumentData.from_mrz(data) if data is not None else None
        self.document_note = None if data is not None else reason
        self._document_changed()
        return self.document

    def enter_prc_id(self, number: str) -> docs.DocumentData:
        """A PRC resident ID number typed by staff (MOD 11-2 checked; the name is the typed one)."""
        from consent_app.identity.prc_id import validate

        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        result = validate(number)
        name = self.subject.display_name if self.subject is not None else ""
        self.document = docs.DocumentData.from_prc_id(result, surname=name)
        self.document_note = None
        self._document_changed()
        return self.document

    def correct_document(self, field: str, value: str) -> docs.DocumentData:
        """Staff correct a field read from the document; the correction is kept as evidence."""
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if self.document is None:
            raise PolicyError(code="document.needs_document")
        self.document = self.document.corrected(field, value, self.operator.username)
        self._document_changed()
        return self.document

    def use_document_name(self) -> str:
        """Fill the subject's name from the document (the name typed before stays in the evidence)."""
        from dataclasses import replace

        from consent_app.session.model import Attester, AttesterRole

        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if self.document is None or not self.document.name or self.subject is None:
            raise PolicyError(code="document.needs_document")
        name = self.document.name.title()
        if self.typed_name is None:
            self.typed_name = self.subject.display_name
        attester = self.subject.attester
        if attester.role is AttesterRole.SUBJECT:
            attester = Attester(AttesterRole.SUBJECT, name, "")
        self.subject = replace(self.subject, display_name=name, attester=attester)
        self._invalidate_signatures()
        self._render_terms()
        self._changed()
        return name

    def confirm_portrait(self) -> None:
        """Staff confirm that the largest face on a document with several is the holder's portrait."""
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if self.id_document is None or self.faces_on_document() < 2:
            raise PolicyError(code="document.no_portrait_choice")
        self.portrait_confirmed = True
        self._invalidate_signatures()
        self._changed()

    def override_expired_document(self, admin: StaffMember, reason: str) -> Override:
        """An administrator accepts an expired document, with a reason (audited now)."""
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if not admin.is_admin:
            raise AuthError(code="document.override_admin", user=admin.username)
        expired = [f for f in self.document_flags() if f.code == "document.expired"]
        if not expired:
            raise PolicyError(code="document.override_needs_expired")
        reason = reason.strip()
        if len(reason) < MIN_REASON:
            raise InputError(code="document.override_reason", minimum=MIN_REASON)
        problems = (expired[0].message().english(),)
        with self.store.transaction() as tx:
            audit.append(tx, admin.username, "session.document_override", f"session:{self.session_id}",
                         {"reason": reason, "problems": list(problems), "operator": self.operator.username,
                          "problem_codes": [expired[0].message().plain()]})
        self.document_override = Override(admin.username, reason, problems)
        self._invalidate_signatures()
        self._changed()
        return self.document_override

    # -- findings -----------------------------------------------------------------------------------
    def faces_on_document(self) -> int:
        return int(self.id_document.details.get("faces_on_document", 1)) if self.id_document else 0

    def document_flags(self) -> list[docs.Flag]:
        if self.document is None:
            return []
        typed = self.subject.display_name if self.subject is not None else ""
        return docs.cross_check(self.document, typed_name=typed, guardian=self.is_guardian,
                                duplicates=self.document_duplicates)

    def document_messages(self) -> list[Message]:
        """Everything staff should see about the document (flags, the portrait choice, no MRZ)."""
        out = [f.message() for f in self.document_flags()]
        if self.id_document is not None and self.faces_on_document() > 1:
            out.append(Message("document.portrait_choice", {"faces": self.faces_on_document(),
                                                            "box": self.id_document.details.get("box")}))
        if self.id_document is not None and self.document is None and self.document_note:
            out.append(Message("document.no_mrz", {"reason": self.document_note}))
        return out

    def _document_blockers(self) -> list[Blocker]:
        """What stops the session after the ID-document step."""
        out = []
        if self.id_document is None:
            out.append(Blocker("id_document", Message("session.need_id_document")))
        elif self.faces_on_document() > 1 and not self.portrait_confirmed:
            out.append(Blocker("id_portrait", Message("document.portrait_choice", {
                "faces": self.faces_on_document(), "box": self.id_document.details.get("box")})))
        for flag in self.document_flags():
            if flag.blocking and not (flag.code == "document.expired" and self.document_override):
                out.append(Blocker(flag.code, flag.message()))
        return out

    def _document_changed(self) -> None:
        self.document_override = None
        self.document_duplicates = self._find_document_duplicates()
        self._invalidate_signatures()
        self._changed()

    def _find_document_duplicates(self) -> tuple[str, ...]:
        if self.document is None or not self.document.fields.get("documentNumber"):
            return ()
        from consent_app.identity import document_store

        own = self.subject.subject_id if self.subject is not None else None
        with self.store.read() as conn:
            return document_store.subjects_with_number(conn, self.document, exclude=own)
