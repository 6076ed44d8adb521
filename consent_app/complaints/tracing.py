"""Tracing a complaint's attachments back to subjects, consents, tokens and tools.

The seam: :func:`trace_attachment` returns a :class:`TraceReport` per attachment, made of

* what the file's own marks say (C2PA manifest, AIGC label, usage receipts), read by the marking
  module's ``trace_file`` when this build has it (``consent_app.trace``), and
* a search of the file's faces against every enrolled subject (the 1:N face index), which still leads
  to the person depicted when the marks were stripped. A face match shows who is depicted, never
  whether the use was authorised.

The proposed links (``TraceReport.links``) are stored as *proposed*; staff confirm or correct them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from consent_app.complaints.media import Attachment
from consent_app.errors import ConsentAppError
from consent_app.messages import define

MESSAGES = define({
    "trace.marks_unavailable": "mark reading is not available in this build",
    "trace.face_search_only_images": "the face search covers images only in this build ({kind} not searched)",
    "trace.no_face": "no face found in the image",
    "trace.no_match": "{faces} face(s) found; none matches an enrolled subject (threshold {threshold})",
    "trace.match": "face matches enrolled subject {subject} (distance {distance:.3f}, threshold {threshold})",
    "trace.unreadable": "the image could not be decoded ({reason})",
})


@dataclass
class TraceReport:
    media_index: int
    name: str
    sha256: str
    kind: str
    marks: dict = field(default_factory=dict)       # what the file's marks say (or why not read)
    faces: int | None = None                        # faces found (None: not searched)
    matches: list[dict] = field(default_factory=list)   # enrolled subjects the faces match
    notes: list[dict] = field(default_factory=list)     # {code, params} for people
    links: list[dict] = field(default_factory=list)     # proposed links: kind, target, evidence

    def as_dict(self) -> dict:
        return {"media": self.media_index, "name": self.name, "sha256": self.sha256, "kind": self.kind,
                "marks": self.marks, "faces": self.faces, "matches": self.matches, "notes": self.notes,
                "links": self.links}


def _note(report: TraceReport, code: str, **params: object) -> None:
    report.notes.append({"code": code, "params": params})


def _mark_reader():
    """The marking module's Qt-free ``trace_file`` when this build has it, else None."""
    try:
        module = importlib.import_module("consent_app.trace")
    except ImportError:
        return None
    return getattr(module, "trace_file", None)


def _read_marks(conn, attachment: Attachment, report: TraceReport) -> None:
    reader = _mark_reader()
    if reader is None:
        report.marks = {"checked": False}
        _note(report, "trace.marks_unavailable")
        return
    found = reader(conn, attachment.data, name=attachment.name)  # pragma: no cover - wired when i14 lands
    report.marks = {"checked": True, **found.get("marks", {})}
    report.links.extend(found.get("links", []))


def _search_faces(conn, attachment: Attachment, report: TraceReport, index) -> None:
    if attachment.kind != "image":
        _note(report, "trace.face_search_only_images", kind=attachment.kind)
        return
    from consent_app.biometrics.face.analysis import encode
    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.face.records import find_duplicates, match_threshold
    from consent_app.biometrics.images import load_image

    try:
        image = load_image(attachment.data, name=attachment.name)
    except ConsentAppError as exc:
        _note(report, "trace.unreadable", reason=str(exc))
        return
    detection = detect_faces(image.rgb)
    report.faces = len(detection.faces)
    if not detection.faces:
        _note(report, "trace.no_face")
        return
    threshold = match_threshold(conn)
    seen: set[str] = set()
    for box in detection.faces:
        for hit in find_duplicates(conn, encode(image.rgb, box), threshold=threshold, index=index):
            if hit.subject_id in seen:
                continue
            seen.add(hit.subject_id)
            match = {"subject": hit.subject_id, "distance": round(hit.distance, 4), "threshold": threshold}
            report.matches.append(match)
            _note(report, "trace.match", subject=hit.subject_id, distance=hit.distance, threshold=threshold)
            report.links.append({"kind": "subject", "target": hit.subject_id,
                                 "evidence": {"method": "face_search", **match}})
            for (consent_id,) in conn.execute("SELECT id FROM consents WHERE subject_id = ? "
                                              "ORDER BY created_at", (hit.subject_id,)):
                report.links.append({"kind": "consent", "target": consent_id,
                                     "evidence": {"method": "face_search", "via_subject": hit.subject_id}})
    if not report.matches:
        _note(report, "trace.no_match", faces=report.faces, threshold=threshold)


def trace_attachment(conn, attachment: Attachment, media_index: int = 0, *, index=None) -> TraceReport:
    """Trace one attachment: its marks, then its faces against the enrolled subjects."""
    report = TraceReport(media_index, attachment.name, attachment.sha256, attachment.kind)
    _read_marks(conn, attachment, report)
    _search_faces(conn, attachment, report, index)
    for link in report.links:
        link["media_index"] = media_index
    return report


def trace_all(conn, attachments: list[Attachment]) -> list[TraceReport]:
    """Trace every attachment (the face index is built once for all of them)."""
    index = None
    if any(a.kind == "image" for a in attachments):
        from consent_app.biometrics.face.records import build_index

        index = build_index(conn)
    return [trace_attachment(conn, a, i, index=index) for i, a in enumerate(attachments)]
