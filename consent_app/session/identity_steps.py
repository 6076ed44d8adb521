"""Steps 2 and 3 of the capture session: the ID document, the live face, liveness, a guardian, an override.

Mixed into :class:`consent_app.session.flow.CaptureFlow`; uses its state and its
``_require_step``, ``_changed`` and ``_invalidate_signatures``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from consent_app import audit
from consent_app.canonical import json_hash
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.messages import Message, define
from consent_app.session import devices
from consent_app.session.evidence import FaceCapture, IdDocument, IdentityCheck, Liveness, Override
from consent_app.session.model import Guardian, Step
from consent_app.session.services import Challenge
from consent_app.staff import StaffMember

MIN_OVERRIDE_REASON = 10

MESSAGES = define({
    "liveness.needs_face": "capture the live face before the liveness challenge: every challenge frame is "
                           "compared with it",
    "liveness.face_recaptured": "the face was captured again after the liveness challenge: run the challenge "
                                "again with the new capture",
    "liveness.not_bound": "the liveness challenge was not checked against this session's captured face: run "
                          "it again",
})


class IdentitySteps:
    """Who the subject is: the ID portrait against the live face, liveness, a guardian, an override."""

    liveness_recaptured = False  # the face was captured again after a challenge: run it again

    def _identity_check_problems(self) -> list[Message]:
        """The subject's identity check's problems (the face recaptured after a challenge said so)."""
        problems = self.identity.problem_messages()
        if self.liveness is None and self.liveness_recaptured:
            recaptured = Message("liveness.face_recaptured")
            problems = [recaptured if p.code.startswith("session.liveness_") else p for p in problems]
        return problems

    # -- step 2: ID document ------------------------------------------------------------------------
    def capture_id_document(self, data: bytes, mime: str = "image/jpeg") -> IdDocument:
        """Find the portrait on the subject's ID document (a new one replaces the old).

        Slow (face detection): a wizard may instead run ``services.read_id_document`` on a worker
        and hand the result to :meth:`accept_id_document` on the GUI thread.
        """
        from consent_app.session.document_steps import read_mrz

        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        mrz_data, no_mrz = read_mrz(data)  # an MRZ whose check digits fail raises: nothing is kept
        document = self.accept_id_document(self.services.read_id_document(data, mime))
        self.accept_document_read(mrz_data, no_mrz)
        return document

    def accept_id_document(self, document: IdDocument) -> IdDocument:
        self._require_step(Step.ID_DOCUMENT, Step.LIVE_FACE)
        if document.sample.kind != "id_document":
            raise PolicyError(code="session.not_id_document")
        self.id_document = document
        self.portrait_confirmed = False
        self._invalidate_signatures()
        self._recompare()
        self._changed()
        return document

    # -- step 3: live face, liveness, guardian ------------------------------------------------------------
    def capture_face(self, data: bytes, mime: str = "image/jpeg", source: str = "camera") -> IdentityCheck:
        """Take the live capture (quality gates inside) and compare it with the ID document.
        ``source``: ``camera``, or ``file`` (a file-backed camera: demo studios only)."""
        self._require_step(Step.LIVE_FACE)
        if self.id_document is None:
            raise PolicyError(code="session.id_document_first")
        devices.require_device(self.studio.demo, "face", source)
        return self.accept_face(self.services.capture_face(data, mime), source)

    def accept_face(self, face: FaceCapture, source: str = "camera") -> IdentityCheck:
        """Keep a gated live capture made on a worker (``services.capture_face`` or the face core)
        and compare it with the ID document (fast)."""
        self._require_step(Step.LIVE_FACE)
        if self.id_document is None:
            raise PolicyError(code="session.id_document_first")
        if face.sample.kind != "face":
            raise PolicyError(code="session.not_live_face")
        self.sources["face"] = devices.require_device(self.studio.demo, "face", source)
        if self.liveness is not None:  # the challenge proved another capture: it no longer counts
            self.liveness = None
            self.liveness_recaptured = True
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
            where = f", enrolled at station {hit.station!r}" if hit.station else ""
            self.warnings.append(f"this face matches the enrolled subject {hit.display_name!r} "
                                 f"({hit.subject_id}{where}, distance {hit.distance:.3f}): check this is not "
                                 "the same person under another name")
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
            raise PolicyError(code="session.challenge_first")
        if self.face is None:
            raise PolicyError(code="liveness.needs_face")
        result = self.services.check_liveness(self.challenge, frames, self.face)
        self.record_liveness(result)
        return result

    def record_liveness(self, result: Liveness) -> None:
        """Keep a liveness result computed elsewhere (e.g. on the wizard's worker thread)."""
        self._require_step(Step.LIVE_FACE)
        if self.challenge is None or result.nonce != self.challenge.nonce:
            raise PolicyError(code="session.other_challenge")
        if tuple(result.challenge) != tuple(self.challenge.actions):
            raise PolicyError(code="session.other_actions")
        if self.face is None or result.face_template_sha256 != self.face.template.sha256:
            raise PolicyError(code="liveness.not_bound")
        self._set_liveness(result)

    def _set_liveness(self, result: Liveness | None) -> None:
        self.liveness = result
        if result is not None:
            self.liveness_recaptured = False
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
            raise PolicyError(code="session.guardian_only")
        document = self.services.read_id_document(id_data, id_mime)
        face = self.services.capture_face(face_data, face_mime)
        match = self.services.compare_faces(document, face)
        self.guardian = Guardian(document, face, IdentityCheck(document, face, match, None))
        self.override = None
        self._invalidate_signatures()
        self._changed()
        return self.guardian.check  # type: ignore[return-value]

    def record_override(self, admin: StaffMember, reason: str) -> Override:
        """An admin lets the session continue although the identity check failed. Audited now."""
        self._require_step(Step.LIVE_FACE, Step.VOICE)
        if not admin.is_admin:
            raise AuthError(code="session.override_admin_only", user=admin.username)
        if self.identity is None:
            raise PolicyError(code="session.override_needs_check")
        problems = self.identity_problems()
        if not problems:
            raise PolicyError(code="session.override_not_needed")
        reason = reason.strip()
        if len(reason) < MIN_OVERRIDE_REASON:
            raise InputError(code="session.override_reason", minimum=MIN_OVERRIDE_REASON)
        override = Override(admin.username, reason, tuple(problems))
        with self.store.transaction() as tx:
            audit.append(tx, admin.username, "session.identity_override", f"session:{self.session_id}",
                         {"reason": reason, "problems": list(problems), "operator": self.operator.username,
                          "problem_codes": [m.plain() for m in self.identity_problem_messages()],
                          "match": self.identity.match.body(),
                          "identity_sha256": json_hash(self.identity.body())})
        self.override = override
        self._invalidate_signatures()
        self._changed()
        return override

