"""Intake: a complaint filed by staff, or imported from a web form's JSON or an e-mail (.eml).

Every attachment is checked (media only, not empty, under the size limit) and traced *before* anything
is written; then the complaint, its attachments, its first signed event and the proposed links are written
in one transaction with their audit entries, so a bad input leaves nothing behind.

A web form submission is JSON::

    {"claim": "no_consent", "complainant": {"role": "third_party", "contact": "a@example.org"},
     "url": "https://...", "subject": null, "consent": null, "note": "free text",
     "attachments": [{"name": "clip.mp4", "data_base64": "..."}]}

An e-mail's sender is the contact, its subject and text the note, its attachments the media, the first
``http(s)://`` address in the text the URL. Lines ``Claim: <claim>`` and ``Complainant: <role>`` in the
text set those fields (otherwise ``other`` and ``third_party``).
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from consent_app.complaints import media, register, tracing
from consent_app.complaints import model as m
from consent_app.errors import InputError
from consent_app.messages import define

MAX_IMPORT_BYTES = 300 * 1024 * 1024

MESSAGES = define({
    "complaint.import_missing": "{name}: no such file",
    "complaint.import_kind": "{name}: not a complaint file (give a .json web form submission or an .eml "
                             "message)",
    "complaint.import_json": "{name}: not a valid web form submission ({reason})",
    "complaint.import_eml": "{name}: not a readable e-mail message ({reason})",
    "complaint.import_too_big": "{name}: larger than the {limit_mb} MB limit for an imported complaint",
})


@dataclass
class Submission:
    """A complaint as received, before it is checked and written."""

    claim: str
    role: str
    contact: str
    channel: str
    attachments: list[media.Attachment] = field(default_factory=list)
    url: str | None = None
    subject_id: str | None = None
    consent_id: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Filed:
    complaint_id: str
    reports: list[tracing.TraceReport]


def register_complaint(store, submission: Submission, *, staff: str, trace: bool = True) -> Filed:
    """Check, trace, then write the complaint in one transaction."""
    register.validate(claim=submission.claim, role=submission.role, contact=submission.contact,
                      channel=submission.channel, url=submission.url, note=submission.note,
                      attachments=submission.attachments)
    reports: list[tracing.TraceReport] = []
    if trace and submission.attachments:
        with store.read() as conn:
            reports = tracing.trace_all(conn, submission.attachments)
    links = [link for r in reports for link in r.links]
    with store.transaction() as tx:
        complaint_id = register.file(
            tx, claim=submission.claim, role=submission.role, contact=submission.contact,
            channel=submission.channel, attachments=submission.attachments, url=submission.url,
            subject_id=submission.subject_id, consent_id=submission.consent_id, note=submission.note,
            staff=staff, links=links)
    return Filed(complaint_id, reports)


# -- files -----------------------------------------------------------------------------------------------
def read_submission(path: str | Path) -> Submission:
    p = Path(path)
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(code="complaint.import_missing", name=str(p)) from None
    except IsADirectoryError:
        raise InputError(code="complaint.import_kind", name=str(p)) from None
    except OSError as exc:
        raise InputError(code="complaint.media_unreadable", name=str(p),
                         reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError(code="complaint.import_too_big", name=str(p), limit_mb=MAX_IMPORT_BYTES // 2**20)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return from_json(data, p.name)
    if suffix == ".eml":
        return from_eml(data, p.name)
    raise InputError(code="complaint.import_kind", name=str(p))


def from_json(data: bytes, name: str = "form.json") -> Submission:
    try:
        form = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise InputError(code="complaint.import_json", name=name, reason=str(exc)[:200]) from None
    if not isinstance(form, dict):
        raise InputError(code="complaint.import_json", name=name, reason="the top level is not an object")
    who = form.get("complainant") if isinstance(form.get("complainant"), dict) else {}
    attachments = []
    items = form.get("attachments") or []
    if not isinstance(items, list) or len(items) > media.MAX_ATTACHMENTS:
        raise InputError(code="complaint.import_json", name=name,
                         reason=f"attachments must be a list of at most {media.MAX_ATTACHMENTS}")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("data_base64"), str):
            raise InputError(code="complaint.import_json", name=name,
                             reason=f"attachment {i + 1} has no data_base64")
        try:
            raw = base64.b64decode(item["data_base64"], validate=True)
        except (binascii.Error, ValueError):
            raise InputError(code="complaint.import_json", name=name,
                             reason=f"attachment {i + 1} is not valid base64") from None
        attachments.append(media.from_bytes(str(item.get("name") or f"attachment-{i + 1}"), raw))

    def text(value) -> str | None:
        return str(value) if isinstance(value, str | int | float) else None

    return Submission(claim=text(form.get("claim")) or "other",
                      role=text(who.get("role") or form.get("role")) or "third_party",
                      contact=text(who.get("contact") or form.get("contact")) or "",
                      channel="web_form", attachments=attachments, url=text(form.get("url")),
                      subject_id=text(form.get("subject")), consent_id=text(form.get("consent")),
                      note=text(form.get("note")) or "")


_FIELD = re.compile(r"^\s*(claim|complainant|subject id|consent id)\s*:\s*(\S+)\s*$", re.I | re.M)
_URL = re.compile(r"https?://[^\s<>\"']+")


def from_eml(data: bytes, name: str = "message.eml") -> Submission:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser raises many kinds on broken input
        raise InputError(code="complaint.import_eml", name=name, reason=str(exc)[:200]) from None
    sender = str(msg.get("From") or "").strip()
    if not sender or not msg.keys():
        raise InputError(code="complaint.import_eml", name=name, reason="it has no From header")
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = body_part.get_content() if body_part is not None else ""
    fields = {k.lower(): v for k, v in _FIELD.findall(body)}
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append(media.from_bytes(part.get_filename() or "attachment", payload))
    url = _URL.search(body)
    subject_line = str(msg.get("Subject") or "").strip()
    note = (f"{subject_line}\n\n{body.strip()}" if subject_line else body.strip())[: m.MAX_TEXT]
    return Submission(claim=fields.get("claim", "other").lower(),
                      role=fields.get("complainant", "third_party").lower(), contact=sender, channel="email",
                      attachments=attachments, url=url.group(0).rstrip(".,);") if url else None,
                      subject_id=fields.get("subject id"), consent_id=fields.get("consent id"), note=note)
