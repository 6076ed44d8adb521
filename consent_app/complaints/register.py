"""The complaint register in the encrypted store: file, read (verified), move through the workflow.

A complaint's intake is a signed (Ed25519, studio key) RFC 8785 document holding the claim, the
complainant's role, a salted commitment to their contact (the contact itself stays in the store), the
attachments' hashes, the URL and the subject or consent named. Each workflow step is a signed event
chained to the intake (or the previous event) by hash; a complaint's state is what its verified events
say, and the cached ``state`` column is checked against them on every read.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import datetime, timedelta

from consent_app import audit, clock, settings
from consent_app.canonical import canonical_json
from consent_app.complaints import model as m
from consent_app.complaints import personal
from consent_app.complaints.media import Attachment
from consent_app.consent import record as rec
from consent_app.crypto import commitments
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.store import meta
from consent_app.studio import settings_sync


def _check_choice(value: str, choices: tuple[str, ...], code: str, name: str) -> str:
    if value not in choices:
        raise InputError(code=code, choices=", ".join(choices), **{name: value})
    return value


def _check_text(value: str | None, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InputError(code="complaint.text_too_long", field=field, limit=limit)
    return value


def validate(*, claim: str, role: str, contact: str, channel: str, url: str | None, note: str | None,
             attachments: list[Attachment]) -> tuple[str, str | None, str]:
    """Check the intake fields; returns (contact, url, note) cleaned."""
    _check_choice(claim, m.CLAIMS, "complaint.bad_claim", "claim")
    _check_choice(role, m.ROLES, "complaint.bad_role", "role")
    _check_choice(channel, m.CHANNELS, "complaint.bad_channel", "channel")
    contact = _check_text(contact, "contact", m.MAX_CONTACT)
    if not contact:
        raise InputError(code="complaint.contact_missing")
    url = _check_text(url, "URL", m.MAX_URL) or None
    if url and not url.lower().startswith(("http://", "https://")):
        raise InputError(code="complaint.bad_url", url=url)
    if not url and not attachments:
        raise InputError(code="complaint.nothing_disputed")
    return contact, url, _check_text(note, "note", m.MAX_TEXT)


def file(tx, *, claim: str, role: str, contact: str, channel: str = "staff",
         attachments: list[Attachment] | None = None, url: str | None = None, subject_id: str | None = None,
         consent_id: str | None = None, note: str | None = None, staff: str,
         links: list[dict] | None = None) -> str:
    """Register a complaint in ``tx`` (signed intake, attachments, first event, trace links, audit).

    ``links`` are what the trace proposed: dicts with ``media_index``, ``kind``, ``target``, ``evidence``.
    Returns the complaint id.
    """
    attachments = list(attachments or [])
    contact, url, note = validate(claim=claim, role=role, contact=contact, channel=channel, url=url,
                                  note=note, attachments=attachments)
    if subject_id and tx.execute("SELECT 1 FROM subjects WHERE id = ?", (subject_id,)).fetchone() is None:
        raise InputError(code="complaint.unknown_subject", subject=subject_id)
    if consent_id:
        row = tx.execute("SELECT subject_id FROM consents WHERE id = ?", (consent_id,)).fetchone()
        if row is None:
            raise InputError(code="complaint.unknown_consent", consent=consent_id)
        subject_id = subject_id or row[0]
    complaint_id = str(uuid.uuid4())
    now = clock.iso()
    salt = commitments.new_salt()
    media_ids = [str(uuid.uuid4()) for _ in attachments]
    committed = personal.intake_fields(contact, url, note, salt)
    intake = {
        "schema": m.INTAKE_SCHEMA_V2, "complaintId": f"urn:uuid:{complaint_id}",
        "studio": meta.studio(tx).id, "receivedAt": now, "channel": channel,
        "complainant": {"role": role, "contact": committed["contact"]},
        "claim": claim, "url": committed["url"],
        "subject": f"urn:uuid:{subject_id}" if subject_id else None,
        "consent": f"urn:uuid:{consent_id}" if consent_id else None,
        "note": committed["note"],
        "media": [{"id": mid, "kind": a.kind, "mime": a.mime, "size": a.size, "sha256": a.sha256}
                  for mid, a in zip(media_ids, attachments, strict=True)],
        "staff": staff,
    }
    key = signing.active_key(tx)
    proof = rec.make_proof(intake, key)
    tx.execute(
        "INSERT INTO complaints (id, received_at, channel, complainant_role, contact, contact_salt, claim, "
        "url, subject_id, consent_id, note, intake, intake_hash, kid, signature, state, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)",
        (complaint_id, now, channel, role, contact, salt, claim, url, subject_id, consent_id, note,
         canonical_json(intake).decode(), proof["hash"], proof["kid"], proof["signatureValue"], staff),
    )
    for mid, a in zip(media_ids, attachments, strict=True):
        tx.execute("INSERT INTO complaint_media (id, complaint_id, name, kind, mime, size, sha256, data, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (mid, complaint_id, a.name, a.kind, a.mime, a.size, a.sha256, a.data, now))
    audit.append(tx, staff, "complaint.file", f"complaint:{complaint_id}",
                 {"claim": claim, "role": role, "channel": channel, "intake_hash": proof["hash"],
                  "kid": proof["kid"], "media": [a.sha256 for a in attachments], "url": bool(url),
                  "subject_id": subject_id, "consent_id": consent_id})
    _append_event(tx, complaint_id, seq=1, previous=proof["hash"], from_state=None, state="received",
                  note="complaint received", staff=staff)
    for link in links or []:
        add_link(tx, complaint_id, kind=link["kind"], target=link["target"], source="trace",
                 evidence=link.get("evidence", {}), staff=staff,
                 media_id=media_ids[link["media_index"]] if link.get("media_index") is not None else None)
    return complaint_id


def _append_event(tx, complaint_id: str, *, seq: int, previous: str, from_state: str | None, state: str,
                  note: str, staff: str) -> m.Event:
    event_id = str(uuid.uuid4())
    at = clock.iso()
    body = {"schema": m.EVENT_SCHEMA_V2, "eventId": f"urn:uuid:{event_id}",
            "complaintId": f"urn:uuid:{complaint_id}", "seq": seq, "previous": previous,
            "type": "complaint.transition", "from": from_state, "state": state,
            "note": personal.new_event_note(tx, event_id, complaint_id, note), "staff": staff, "time": at}
    key = signing.active_key(tx)
    proof = rec.make_proof(body, key)
    tx.execute("INSERT INTO complaint_events (id, complaint_id, seq, state, at, staff, body, body_hash, kid, "
               "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (event_id, complaint_id, seq, state, at, staff, canonical_json(body).decode(), proof["hash"],
                proof["kid"], proof["signatureValue"]))
    tx.execute("UPDATE complaints SET state = ? WHERE id = ?", (state, complaint_id))
    audit.append(tx, staff, "complaint.transition", f"complaint:{complaint_id}",
                 {"event_id": event_id, "seq": seq, "from": from_state, "state": state,
                  "event_hash": proof["hash"], "kid": proof["kid"]})
    return m.Event(event_id, seq, state, at, staff, note, body, proof)


def transition(tx, complaint_id: str, state: str, *, note: str, staff: str) -> m.Event:
    """Move a complaint to ``state`` (signed event with the note; audited). Only allowed steps pass."""
    _check_choice(state, m.STATES, "complaint.bad_state", "state")
    note = _check_text(note, "note", m.MAX_TEXT)
    if not note:
        raise InputError(code="complaint.note_missing")
    complaint = get_verified(tx, complaint_id)
    allowed = m.TRANSITIONS[complaint.state]
    if state not in allowed:
        raise PolicyError(code="complaint.bad_transition", complaint=complaint_id, state=complaint.state,
                          target=state, allowed=", ".join(sorted(allowed)) or "none: it is closed")
    last = head(complaint)
    return _append_event(tx, complaint_id, seq=last.seq + 1, previous=last.proof["hash"],
                         from_state=complaint.state, state=state, note=note, staff=staff)


# -- links and actions -----------------------------------------------------------------------------------
def add_link(tx, complaint_id: str, *, kind: str, target: str, source: str, evidence: dict, staff: str,
             media_id: str | None = None) -> str:
    _check_choice(kind, m.LINK_KINDS, "complaint.bad_link_kind", "kind")
    link_id = str(uuid.uuid4())
    status = "confirmed" if source == "staff" else "proposed"
    tx.execute("INSERT INTO complaint_links (id, complaint_id, media_id, kind, target, source, evidence, "
               "status, created_at, decided_by, decided_at, generation) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (link_id, complaint_id, media_id, kind, target, source, canonical_json(evidence).decode(),
                status, clock.iso(), staff if source == "staff" else None,
                clock.iso() if source == "staff" else None, 1 if source == "staff" else 0))
    audit.append(tx, staff, "complaint.link", f"complaint:{complaint_id}",
                 {"link_id": link_id, "kind": kind, "target": target, "source": source, "status": status,
                  "media_id": media_id})
    return link_id


def decide_link(tx, complaint_id: str, link_id: str, *, confirm: bool, staff: str) -> None:
    """Staff confirm a link the trace proposed, or reject it as wrong (audited)."""
    status = "confirmed" if confirm else "rejected"
    cur = tx.execute("UPDATE complaint_links SET status = ?, decided_by = ?, decided_at = ?, "
                     "generation = generation + 1 WHERE id = ? AND complaint_id = ?",
                     (status, staff, clock.iso(), link_id, complaint_id))
    if cur.rowcount != 1:
        raise InputError(code="complaint.unknown_link", complaint=complaint_id, link=link_id)
    audit.append(tx, staff, "complaint.link_decision", f"complaint:{complaint_id}",
                 {"link_id": link_id, "status": status})


def record_action(tx, complaint_id: str, *, kind: str, target: str, staff: str, details: dict) -> str:
    """Note an action taken on a complaint (a withdrawal, revocation, refutation), linked back; audited."""
    action_id = str(uuid.uuid4())
    tx.execute("INSERT INTO complaint_actions (id, complaint_id, kind, target, at, staff, details) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               (action_id, complaint_id, kind, target, clock.iso(), staff, canonical_json(details).decode()))
    audit.append(tx, staff, "complaint.action", f"complaint:{complaint_id}",
                 {"action_id": action_id, "kind": kind, "target": target, **details})
    return action_id


# -- reading -------------------------------------------------------------------------------------------
_COLUMNS = ("id, received_at, channel, complainant_role, contact, contact_salt, claim, url, subject_id, "
            "consent_id, note, intake, intake_hash, kid, signature, state, created_by")


def deadline_days(conn) -> tuple[int, int]:
    return (int(settings.get(conn, m.SETTING_ACK_DAYS, m.DEFAULT_ACK_DAYS)),
            int(settings.get(conn, m.SETTING_RESOLVE_DAYS, m.DEFAULT_RESOLVE_DAYS)))


def set_deadline_days(tx, *, acknowledge: int | None, resolve: int | None, actor: str) -> None:
    for setting, value in ((m.SETTING_ACK_DAYS, acknowledge), (m.SETTING_RESOLVE_DAYS, resolve)):
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 365:
            raise InputError(code="complaint.bad_days", setting=setting, value=value)
        settings.put(tx, setting, value, actor)
        settings_sync.changed_here(tx, setting, value, actor)  # at a studio station: the studio's value


def due_at(state: str, received_at: str, days: tuple[int, int]) -> datetime | None:
    """When the current step is due: acknowledgement after ``days[0]``, resolution after ``days[1]``."""
    if state in m.TERMINAL:
        return None
    start = clock.parse_iso(received_at)
    return start + timedelta(days=days[0] if state == "received" else days[1])


def get(conn, complaint_id: str, *, days: tuple[int, int] | None = None,
        keys: dict | None = None) -> m.Complaint:
    row = conn.execute(f"SELECT {_COLUMNS} FROM complaints WHERE id = ?",  # noqa: S608 - constant columns
                       (complaint_id,)).fetchone()
    if row is None:
        raise InputError(code="complaint.unknown", complaint=complaint_id)
    (cid, received_at, channel, role, contact, salt, claim, url, subject_id, consent_id, note, intake_json,
     intake_hash, kid, signature, cached_state, created_by) = row
    keys = keys if keys is not None else signing.public_key_map(conn)
    problems: list[str] = []
    held = personal.status(conn, cid)
    intake = json.loads(intake_json)
    proof = {"type": rec.PROOF_TYPE, "kid": kid, "hash": intake_hash, "signatureValue": signature}
    check = rec.verify(intake, proof, keys)
    if not check.ok:
        problems.append(f"intake signature: {check.reason}")
    elif intake.get("complaintId") != f"urn:uuid:{cid}" or intake.get("claim") != claim \
            or intake.get("receivedAt") != received_at \
            or intake.get("complainant", {}).get("role") != role:
        problems.append("the stored complaint differs from its signed intake")
    else:
        problems += personal.check_intake(intake, contact=contact, salt=bytes(salt), url=url, note=note,
                                          state=held)
    media = tuple(m.MediaInfo(*r) for r in conn.execute(
        "SELECT id, name, kind, mime, size, sha256 FROM complaint_media WHERE complaint_id = ? "
        "ORDER BY rowid",
        (cid,)))
    if sorted(x.sha256 for x in media) != sorted(x.get("sha256") for x in intake.get("media", [])):
        problems.append("the stored attachments differ from the signed intake")
    events, state = _events(conn, cid, intake_hash, keys, problems)
    if state != cached_state:
        problems.append(f"stored state {cached_state!r} disagrees with its signed events ({state!r})")
    links = tuple(m.Link(lid, mid, kind, target, source, json.loads(ev), status, by) for
                  lid, mid, kind, target, source, ev, status, by in conn.execute(
                      "SELECT id, media_id, kind, target, source, evidence, status, decided_by "
                      "FROM complaint_links WHERE complaint_id = ? ORDER BY rowid", (cid,)))
    actions = tuple(m.Action(aid, kind, target, at, staff_name, json.loads(details)) for
                    aid, kind, target, at, staff_name, details in conn.execute(
                        "SELECT id, kind, target, at, staff, details FROM complaint_actions "
                        "WHERE complaint_id = ? ORDER BY rowid", (cid,)))
    return m.Complaint(cid, received_at, channel, role, contact, claim, url, subject_id, consent_id, note,
                       state, intake, proof, created_by, tuple(events), media, links, actions,
                       due_at(state, received_at, days or deadline_days(conn)), tuple(problems), held)


def _events(conn, cid: str, intake_hash: str, keys: dict, problems: list[str]) -> tuple[list[m.Event], str]:
    """The complaint's verified events and the state they give.

    Each event names the one before it, so the events form a tree rooted at the intake: one chain at one
    station; two branches when two stations of a studio took a step at once. Which branch decides is causal,
    never read from the stations' clocks (``deciding_tip``). The other branch's events stay, shown as
    ``concurrent`` with their notes. Every event must be signed, chained and an allowed workflow step.
    """
    rows, after = [], {intake_hash: (None, 0)}  # hash -> (state after it, its seq)
    parent: dict[str, str] = {}
    notes = personal.event_notes(conn, cid)
    for eid, seq, st, at, staff_name, body_text, body_hash, kid, signature in conn.execute(
            "SELECT id, seq, state, at, staff, body, body_hash, kid, signature FROM complaint_events "
            "WHERE complaint_id = ? ORDER BY seq, at, body_hash", (cid,)):
        body = json.loads(body_text)
        proof = {"type": rec.PROOF_TYPE, "kid": kid, "hash": body_hash, "signatureValue": signature}
        note = personal.event_note(eid, body, notes, problems)
        rows.append(m.Event(eid, seq, st, at, staff_name, note, body, proof))
        check = rec.verify(body, proof, keys)
        before = after.get(body.get("previous"))
        if not check.ok:
            problems.append(f"event {seq}: {check.reason}")
        elif before is None or body.get("complaintId") != f"urn:uuid:{cid}" or body.get("state") != st \
                or body.get("seq") != before[1] + 1 or seq != before[1] + 1:
            problems.append(f"event {seq} is not chained to this complaint (removed, moved or inserted)")
        elif body.get("from") != before[0] or (before[0] is None and st != "received") \
                or (before[0] is not None and st not in m.TRANSITIONS[before[0]]):
            problems.append(f"event {seq}: {body.get('from')} -> {st} is not an allowed step")
        else:
            after[body_hash], parent[body_hash] = (st, seq), body["previous"]
    if not rows:
        problems.append("the complaint has no signed 'received' event")
    followed = set(parent.values())  # the events another event chains to (once, not a scan per row)
    leaves = [e for e in rows if e.proof["hash"] in parent and e.proof["hash"] not in followed]
    if not leaves:
        return rows, "received"
    tip = deciding_tip(leaves)
    chain, node = set(), tip
    while node in parent:
        chain.add(node)
        node = parent[node]
    events = [e if e.proof["hash"] in chain else dataclasses.replace(e, concurrent=True) for e in rows]
    return events, after[tip][0]


def deciding_tip(leaves: list[m.Event]) -> str:
    """The hash of the branch tip that decides a complaint's state, among the tips of its step tree.

    A closing step (resolved, rejected) wins over every step that does not descend from it: nothing
    follows a close in the workflow, so every close is a tip and no concurrent step, however late its
    station's clock, reopens the complaint. Otherwise (two closes, or no close) the deeper branch (more
    signed steps) wins, then the larger hash. Signed times are never compared: a station's clock set
    ahead cannot decide an outcome.
    """
    return max(leaves, key=lambda e: (e.state in m.TERMINAL, e.seq, e.proof["hash"])).proof["hash"]


def head(complaint: m.Complaint) -> m.Event:
    """The last step of the branch that decides the complaint's state (where the next step chains)."""
    return [e for e in complaint.events if not e.concurrent][-1]


def signed_state(conn, complaint_id: str) -> str:
    """What the complaint's verified signed events say its state is (for the cached column)."""
    row = conn.execute("SELECT intake_hash FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
    return _events(conn, complaint_id, row[0], signing.public_key_map(conn), [])[1]


def get_verified(conn, complaint_id: str) -> m.Complaint:
    complaint = get(conn, complaint_id)
    if complaint.problems:
        raise PolicyError(code="complaint.tampered", complaint=complaint_id,
                          problems="; ".join(complaint.problems))
    return complaint


def list_complaints(conn, *, overdue_only: bool = False, now: datetime | None = None) -> list[m.Complaint]:
    now = now or clock.now()
    days, keys = deadline_days(conn), signing.public_key_map(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM complaints ORDER BY received_at, rowid")]
    out = [get(conn, cid, days=days, keys=keys) for cid in ids]
    return [c for c in out if c.overdue(now)] if overdue_only else out


def attachment_data(conn, complaint_id: str, media_id: str) -> bytes:
    row = conn.execute("SELECT data FROM complaint_media WHERE id = ? AND complaint_id = ?",
                       (media_id, complaint_id)).fetchone()
    if row is None:
        raise InputError(code="complaint.unknown", complaint=f"{complaint_id}/{media_id}")
    if not row[0] and personal.status(conn, complaint_id) == personal.ERASED:
        raise InputError(code="complaint.attachment_erased", complaint=complaint_id, media=media_id)
    if not row[0]:  # a complaint from another station of the studio: only the hash travelled
        raise InputError(code="complaint.attachment_elsewhere", complaint=complaint_id, media=media_id)
    return bytes(row[0])
