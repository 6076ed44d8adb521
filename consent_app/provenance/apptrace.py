"""Tracing with the studio's store: marks checked against the studio's own root, tools and tokens,
plus a search of the file's faces, voice and perceptual hashes (``consent-app trace``, "Trace a file").
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from consent_app.marking.trace import TraceReport, sniff_data, trace_data
from consent_app.messages import Message


def store_token_state(conn):
    """Token state from the store: issued here or not, revoked, expired."""

    def state(consent: dict, now: datetime) -> tuple[str, dict]:
        from consent_app import clock
        from consent_app.subjects import revoked_tokens

        token = str(consent.get("tokenId", "")).removeprefix("urn:uuid:")
        row = conn.execute("SELECT valid_until FROM tokens WHERE id = ?", (token,)).fetchone()
        if row is None:
            return "unknown", {"why": "not a token of this studio"}
        if token in revoked_tokens(conn, [token]):
            return "revoked", {}
        if clock.parse_iso(row[0]) < now:
            return "expired", {"at": row[0]}
        return "valid", {}

    return state


def trace_with_store(
    conn, data: bytes, name: str, *, search: bool = True, now: datetime | None = None
) -> TraceReport:
    """The marks of ``data`` (``MarkError`` 2 if unreadable); with ``search``, who and what it matches."""
    from consent_app.provenance import search as find
    from consent_app.provenance.ledger import studio_bundle

    fmt = sniff_data(data, name)
    report = trace_data(
        data, fmt, name, bundle=studio_bundle(conn), token_state=store_token_state(conn), now=now
    )
    notes: list[Message] = []
    report.matches["receipts"] = find.search_receipts(
        conn, data, report.sha256 or hashlib.sha256(data).hexdigest(), fmt.kind, notes
    )
    if search:
        if fmt.kind in ("image", "video"):
            report.matches["faces"] = find.search_faces(conn, data, fmt.kind, name, notes)
        else:
            report.matches["voices"] = find.search_voice(conn, data, fmt.name, name, notes)
        if not report.matches.get("faces") and not report.matches.get("voices"):
            notes.append(Message("provenance.no_subject"))
    report.matches["notes"] = [m.as_dict() for m in notes]
    return report


def links(report: TraceReport) -> list[dict]:
    """Proposed links (kinds of the complaint register: subject, consent, token, tool, usage_receipt)."""
    out: list[dict] = []
    if report.consent:
        evidence = {"method": "marks", "exitCode": report.exit_code, "verdict": report.verdict.code}
        out.append({"kind": "consent", "target": report.consent.get("consentId"), "evidence": evidence})
        out.append({"kind": "token", "target": report.consent.get("tokenId"), "evidence": evidence})
    if report.tool and report.tool.get("serial"):
        out.append(
            {
                "kind": "tool",
                "target": str(report.tool["serial"]),
                "evidence": {"method": "marks", "name": report.tool.get("name")},
            }
        )
    for receipt in report.matches.get("receipts", []):
        out.append(
            {
                "kind": "usage_receipt",
                "target": receipt["produceId"],
                "evidence": {"method": receipt.get("method"), "consent": receipt.get("consentId")},
            }
        )
    for kind in ("faces", "voices"):
        for match in report.matches.get(kind, []):
            out.append(
                {
                    "kind": "subject",
                    "target": match["subject"],
                    "evidence": {"method": "face_search" if kind == "faces" else "voice_search", **match},
                }
            )
    return [link for link in out if link["target"]]
