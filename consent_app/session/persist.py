"""Writing a capture session to the store: all of it in one transaction, or nothing.

``write_completed`` stores subject, session, samples (encrypted DB rows, never files), templates,
evidence, the signed consent record and the audit entries together; ``write_incomplete`` keeps
the captures of a cancelled session with state ``incomplete`` (never a consent);
``write_discarded`` keeps only an audit note that a session was cancelled.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from consent_app import audit, clock
from consent_app.canonical import canonical_json, json_hash, sha256_hex
from consent_app.consent import record as rec
from consent_app.consent import records, signature
from consent_app.errors import PolicyError
from consent_app.session.evidence import Sample, Template
from consent_app.session.model import CompletedSession

if TYPE_CHECKING:
    from consent_app.session.flow import CaptureFlow


class _Writer:
    """Rows of one session inside one transaction."""

    def __init__(self, tx, flow: CaptureFlow, subject_id: str) -> None:
        self.tx, self.flow, self.subject_id = tx, flow, subject_id
        self.actor = flow.operator.username
        self.samples = 0

    def sample(self, sample: Sample) -> str:
        sample_id = str(uuid.uuid4())
        self.tx.execute(
            "INSERT INTO samples (id, subject_id, session_id, kind, mime, data, sha256, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (sample_id, self.subject_id, self.flow.session_id, sample.kind, sample.mime, sample.data,
             sample.sha256, clock.iso()))
        self.samples += 1
        return sample_id

    def template(self, template: Template, sample_id: str) -> str:
        template_id = str(uuid.uuid4())
        self.tx.execute(
            "INSERT INTO templates (id, subject_id, sample_id, modality, model, vector, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (template_id, self.subject_id, sample_id, template.modality, template.model, template.vector,
             clock.iso()))
        return template_id

    def liveness_frames(self, liveness) -> None:
        for position, frame in enumerate(liveness.frames):
            self.tx.execute(
                "INSERT INTO liveness_frames (id, subject_id, session_id, nonce, position, mime, data, "
                "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), self.subject_id, self.flow.session_id, liveness.nonce, position,
                 frame.mime, frame.data, frame.sha256, clock.iso()))
            self.samples += 1

    def evidence(self, kind: str, body: dict) -> str:
        """Store an evidence body; returns its SHA-256 (what the record carries)."""
        encoded = canonical_json(body)
        digest = sha256_hex(encoded)
        self.tx.execute(
            "INSERT INTO evidence (id, session_id, subject_id, kind, body, sha256, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), self.flow.session_id, self.subject_id, kind, encoded.decode(), digest,
             clock.iso()))
        return digest


def _ensure_subject(tx, flow: CaptureFlow) -> str:
    details = flow.subject
    assert details is not None
    if details.subject_id is not None:
        row = tx.execute("SELECT biometrics_erased_at FROM subjects WHERE id = ?",
                         (details.subject_id,)).fetchone()
        if row is None:
            raise PolicyError(code="session.subject_gone", subject=details.subject_id)
        if row[0] is not None:
            raise PolicyError(code="session.erased_during_session")
        return details.subject_id
    subject_id = str(uuid.uuid4())
    tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
               (subject_id, details.display_name, clock.iso(), flow.operator.username))
    audit.append(tx, flow.operator.username, "subject.create", f"subject:{subject_id}",
                 {"session_id": flow.session_id})
    return subject_id


def _session_row(tx, flow: CaptureFlow, subject_id: str | None, state: str) -> None:
    tx.execute("INSERT INTO capture_sessions (id, subject_id, operator, state, started_at, ended_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               (flow.session_id, subject_id, flow.operator.username, state, flow.started_at, clock.iso()))


def _captures(w: _Writer) -> dict:
    """Samples, templates and evidence captured so far; returns the hashes the record cites."""
    flow = w.flow
    out: dict = {}
    if flow.id_document is not None:
        w.sample(flow.id_document.sample)
        out["idDocument"] = {"evidenceSha256": w.evidence("face.id_document", flow.id_document.body()),
                             "sampleSha256": flow.id_document.sample.sha256}
        if flow.faces_on_document() > 1:  # staff confirmed which face is the holder's portrait
            out["idDocument"]["portrait"] = {"facesOnDocument": flow.faces_on_document(),
                                             "box": flow.id_document.details.get("box"),
                                             "confirmedBy": flow.operator.username}
    _document_data(w, out)
    if flow.face is not None:
        sample_id = w.sample(flow.face.sample)
        w.template(flow.face.template, sample_id)
    if flow.identity is not None:
        body = {"reference": "id_document", **flow.identity.match.body(),
                "live_sample_sha256": flow.identity.face.sample.sha256,
                "reference_sample_sha256": flow.identity.id_document.sample.sha256,
                "live_template_sha256": flow.identity.face.template.sha256,
                "reference_template_sha256": flow.identity.id_document.portrait.sha256,
                "quality": flow.identity.face.quality}
        out["identityVerification"] = {"evidenceSha256": w.evidence("face.verification", body),
                                       **flow.identity.match.body(),
                                       "faceSampleSha256": flow.identity.face.sample.sha256,
                                       "idDocumentSampleSha256": flow.identity.id_document.sample.sha256}
    if flow.duplicates is not None:
        out["duplicateCheck"] = {"evidenceSha256": w.evidence("face.duplicate_check", flow.duplicates.body()),
                                 "matches": len(flow.duplicates.matches),
                                 "templatesSearched": flow.duplicates.searched}
    if flow.returning is not None:
        body = {"reference": "enrolled", **flow.returning.body()}
        out["returningSubject"] = {"evidenceSha256": w.evidence("face.verification", body),
                                   **flow.returning.body()}
    if flow.liveness is not None:
        w.liveness_frames(flow.liveness)
        identity = flow.liveness.details.get("identity") or {}
        out["liveness"] = {"evidenceSha256": w.evidence("face.liveness", flow.liveness.body()),
                           "passed": flow.liveness.passed, "challenge": list(flow.liveness.challenge),
                           "nonce": flow.liveness.nonce, "frameSha256s": flow.liveness.frame_sha256s,
                           "faceTemplateSha256": flow.liveness.face_template_sha256 or None,
                           "measurementsSha256": flow.liveness.details.get("frames_sha256"),
                           "identity": {"threshold": identity.get("threshold"),
                                        "comparedFrames": identity.get("compared_frames"),
                                        "maxDistance": identity.get("max_distance")}}
    if flow.guardian.check is not None:
        # The guardian's own photos are not kept (their biometrics are not what is edited): only
        # the result and the hashes of what was compared.
        body = {"attester": "guardian", **flow.guardian.check.match.body(),
                "face_sha256": flow.guardian.check.face.sample.sha256,
                "id_document_sha256": flow.guardian.check.id_document.sample.sha256}
        out["guardianVerification"] = {"evidenceSha256": w.evidence("guardian.verification", body),
                                       **flow.guardian.check.match.body()}
    if flow.override is not None:
        out["identityOverride"] = {"evidenceSha256": w.evidence("session.identity_override",
                                                                flow.override.body()),
                                   **flow.override.body()}
    if flow.voice is not None:
        sample_id = w.sample(flow.voice.sample)
        w.template(flow.voice.template, sample_id)
        out["voice"] = {"evidenceSha256": w.evidence("voice.enrolment", flow.voice.body()),
                        "sampleSha256": flow.voice.sample.sha256, "model": flow.voice.template.model}
    if flow.sources:
        from consent_app.session import devices

        out["captureDevices"] = devices.evidence(flow.sources, flow.studio.demo)
    if flow.statement is not None:
        w.sample(flow.statement.sample)
        out["statement"] = {"evidenceSha256": w.evidence("voice.statement", flow.statement.body()),
                            **flow.statement.body()}
    return out


def _document_data(w: _Writer, out: dict) -> None:
    """The document's data: values encrypted in the store, commitments and outcomes in the record."""
    flow = w.flow
    if flow.document is None:
        return
    from consent_app.identity import document_store

    document_store.write(w.tx, flow.document, subject_id=w.subject_id, session_id=flow.session_id)
    body = {**flow.document.evidence_body(), "flags": [f.code for f in flow.document_flags()],
            "duplicate_subjects": list(flow.document_duplicates),
            "typed_name": flow.typed_name or flow.subject.display_name,
            "name_from_document": flow.typed_name is not None}
    out["idDocumentData"] = {"evidenceSha256": w.evidence("identity.document", body),
                             **flow.document.record_entry(),
                             "flags": sorted(f.code for f in flow.document_flags()),
                             "duplicateSubjects": len(flow.document_duplicates)}
    if flow.document_override is not None:
        out["documentOverride"] = {"evidenceSha256": w.evidence("session.document_override",
                                                                flow.document_override.body()),
                                   **flow.document_override.body()}


def _signature_evidence(w: _Writer, sig: signature.Signature, who: dict, kind: str) -> dict:
    strokes = sig.to_json()
    image = signature.render_png(sig)
    w.sample(Sample("signature", "application/json", strokes))
    w.sample(Sample("signature", "image/png", image))
    body = {**who, "strokes_sha256": sha256_hex(strokes), "image_sha256": sha256_hex(image),
            "measures": sig.measures, "device": sig.device}
    return {"evidenceSha256": w.evidence(kind, body), "strokesSha256": sha256_hex(strokes),
            "imageSha256": sha256_hex(image), "device": sig.device, **who}


def write_completed(flow: CaptureFlow) -> CompletedSession:
    assert flow.subject is not None
    assert flow.choice is not None
    assert flow.rendered_terms is not None
    assert flow.subject_signature is not None
    assert flow.countersign is not None
    consent_id = str(uuid.uuid4())
    with flow.store.transaction() as tx:
        from consent_app.store import meta

        studio = meta.studio(tx)
        subject_id = _ensure_subject(tx, flow)
        _session_row(tx, flow, subject_id, "completed")
        w = _Writer(tx, flow, subject_id)
        evidence = _captures(w)
        attester = flow.subject.attester.as_dict()
        summary = flow.summary()
        evidence["subjectSignature"] = _signature_evidence(
            w, flow.subject_signature, {"signer": attester["role"], "summarySha256": json_hash(summary)},
            "signature.subject")
        staff = flow.countersign.staff
        evidence["staffCountersignature"] = _signature_evidence(
            w, flow.countersign.signature, {"staff": staff.username, "role": str(staff.role)},
            "signature.staff")
        evidence["terms"] = flow.rendered_terms.as_dict()
        if attester["role"] == "subject":
            attester = {"role": "subject", "verified": flow.identity_passed}
        else:
            attester = {**attester, "verified": (flow.guardian.check is not None
                                                 and flow.guardian.check.match.match)
                        if attester["role"] == "guardian" else False}
        created = clock.iso()
        body = rec.build_record(
            consent_id=consent_id,
            studio={"id": f"urn:uuid:{studio.id}", "name": studio.label},
            subject={"id": f"urn:uuid:{subject_id}", "minor": flow.subject.minor,
                     "language": flow.subject.language},
            attester=attester,
            session={"id": f"urn:uuid:{flow.session_id}", "startedAt": flow.started_at, "endedAt": created,
                     "operator": flow.operator.username},
            categories=list(flow.choice.categories),
            details=flow.choice.details.as_dict(),
            notice=flow.rendered_terms.as_dict(),
            evidence=evidence,
            collector={"staff": flow.operator.username, "countersignedBy": staff.username},
            created_at=created,
            demo=studio.demo,
        )
        consent = records.insert(tx, consent_id=consent_id, subject_id=subject_id, session_id=flow.session_id,
                                 body=body, terms_text=flow.rendered_terms.text,
                                 terms_version=flow.rendered_terms.version, language=flow.subject.language,
                                 actor=flow.operator.username)
        audit.append(tx, flow.operator.username, "session.complete", f"session:{flow.session_id}",
                     {"subject_id": subject_id, "consent_id": consent_id, "samples": w.samples,
                      "identity_passed": flow.identity_passed, "override": flow.override is not None,
                      "record_hash": consent.record_hash})
    return CompletedSession(flow.session_id, subject_id, consent_id, consent.record_hash,
                            flow.subject.language)


def write_incomplete(flow: CaptureFlow, reason: str) -> None:
    """Keep what was captured, as a session that is never a consent."""
    with flow.store.transaction() as tx:
        subject_id = _ensure_subject(tx, flow)
        _session_row(tx, flow, subject_id, "incomplete")
        w = _Writer(tx, flow, subject_id)
        _captures(w)
        audit.append(tx, flow.operator.username, "session.cancel", f"session:{flow.session_id}",
                     {"kept": True, "step": flow.step.value, "subject_id": subject_id, "samples": w.samples,
                      "reason": reason})


def write_discarded(flow: CaptureFlow, reason: str) -> None:
    """Nothing captured is kept; the audit trail notes that a session was cancelled."""
    with flow.store.transaction() as tx:
        audit.append(tx, flow.operator.username, "session.cancel", f"session:{flow.session_id}",
                     {"kept": False, "step": flow.step.value, "reason": reason})
