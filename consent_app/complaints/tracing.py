"""Tracing a complaint's attachments back to subjects, consents, tokens and tools.

The seam: :func:`trace_attachment` returns a :class:`TraceReport` per attachment, made of

* what the file's own marks say (C2PA manifest, AIGC label; token and tool state from this store) and
  which imported usage receipts match it (hash, perceptual hash), through the marking module's seam
  ``consent_app.trace.trace_file``, and
* a search of the file's faces (images: the 1:N face index here; video frames and voice: the marking
  module's search) against every enrolled subject, which still leads to the person depicted when the
  marks were stripped. A face match shows who is depicted, never
  whether the use was authorised.

The proposed links (``TraceReport.links``) are stored as *proposed*; staff confirm or correct them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consent_app.complaints.media import Attachment
from consent_app.errors import ConsentAppError
from consent_app.messages import define

MESSAGES = define({
    "trace.marks_unreadable": "the marks could not be read: {reason}",
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


def _uuid(value) -> str:
    return str(value or "").removeprefix("urn:uuid:")


def _read_marks(conn, attachment: Attachment, report: TraceReport) -> None:
    """Marks and usage receipts through the marking module's seam (``consent_app.trace.trace_file``)."""
    from consent_app.trace import trace_file

    found = trace_file(conn, attachment.data, name=attachment.name)
    marks = found["marks"]
    if marks.get("readable") is False:
        report.marks = {"checked": True, "found": False, "readable": False, "reason": marks.get("reason")}
        _note(report, "trace.marks_unreadable", reason=marks.get("reason", ""))
    else:
        report.marks = {"checked": True, "found": bool(marks.get("marked")),
                        "valid": marks.get("exitCode") == 0, "exitCode": marks.get("exitCode"),
                        "verdict": marks.get("verdict"),
                        "findings": marks.get("findings", []), "token": marks.get("token"),
                        "tool": marks.get("tool"), "consent": marks.get("consent"),
                        "receipts": (marks.get("matches") or {}).get("receipts", [])}
        verdict = marks.get("verdict") or {}
        if verdict.get("code"):
            _note(report, verdict["code"], **verdict.get("params", {}))
    for link in found["links"]:
        target = _uuid(link["target"]) if link["kind"] in ("consent", "token") else str(link["target"])
        report.links.append({**link, "target": target})


def _search_other(conn, attachment: Attachment, report: TraceReport) -> None:
    """Video frames by face, audio by voice, with the marking module's search."""
    from consent_app.marking.trace import sniff_data
    from consent_app.provenance import search

    notes: list = []
    try:
        if attachment.kind == "video":
            matches = search.search_faces(conn, attachment.data, "video", attachment.name, notes)
            method = "face_search"
        else:
            fmt = sniff_data(attachment.data, attachment.name).name
            matches = search.search_voice(conn, attachment.data, fmt, attachment.name, notes)
            method = "voice_search"
    except ConsentAppError as exc:
        _note(report, "trace.unreadable", reason=str(exc))
        return
    for note in notes:
        _note(report, note.code, **dict(note.params))
    _link_matches(conn, report, [{**m, "method": method} for m in matches])


def _link_matches(conn, report: TraceReport, matches: list[dict]) -> None:
    for match in matches:
        if any(m["subject"] == match["subject"] for m in report.matches):
            continue
        report.matches.append(match)
        report.links.append({"kind": "subject", "target": match["subject"], "evidence": match})
        for (consent_id,) in conn.execute("SELECT id FROM consents WHERE subject_id = ? ORDER BY created_at",
                                          (match["subject"],)):
            report.links.append({"kind": "consent", "target": consent_id,
                                 "evidence": {"method": match["method"], "via_subject": match["subject"]}})


def _search_faces(conn, attachment: Attachment, report: TraceReport, index) -> None:
    if attachment.kind != "image":
        _search_other(conn, attachment, report)
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
    found: dict[str, dict] = {}
    for box in detection.faces:
        for hit in find_duplicates(conn, encode(image.rgb, box), threshold=threshold, index=index):
            known = found.get(hit.subject_id)
            if known is None or hit.distance < known["distance"]:
                found[hit.subject_id] = {"subject": hit.subject_id, "distance": round(hit.distance, 4),
                                         "threshold": threshold, "method": "face_search"}
                if hit.station is not None:  # enrolled at another station of the studio
                    found[hit.subject_id].update(station=hit.station, station_name=hit.station_name)
    for match in sorted(found.values(), key=lambda m: m["distance"]):
        _note(report, "trace.match", subject=match["subject"], distance=match["distance"],
              threshold=threshold)
    _link_matches(conn, report, sorted(found.values(), key=lambda m: m["distance"]))
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
