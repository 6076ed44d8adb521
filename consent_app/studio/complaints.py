"""The complaint register, replicated between the stations of a studio.

A complaint's signed intake and each of its signed workflow events become studio objects, as do its trace
links (each status a link reaches) and the actions taken on it (withdrawals, revocations, refutation
statements with their hashes), sealed under the studio data key (``sealed.py``): PostgreSQL only holds
ciphertext. What names or reaches a person — the complainant's contact, the notes, the URL, the
attachments' names — travels apart in the same objects, sealed under the key of the complaint's subject
(``complaint_private.py``), so that the subject's erasure makes it unreadable everywhere while the signed
intake and steps stay verifiable. Attachments themselves stay at the station that received them: only
their hash, kind, MIME type and size travel, and another station shows where the file is kept.

Another station inserts the rows unchanged (same complaint id) and re-checks the intake's and every event's
Ed25519 signature before storing them: a complaint whose signed intake does not verify is refused with an
alert. State is what the signed events say (``register.get``).

Merge rule: each event names the one before it, so a complaint's events form a tree rooted at its intake.
An event is applied once the one it follows is here. When two stations moved the same complaint before
syncing, both branches are kept and one decides the state at every station, causally, never by the
stations' clocks (``register.deciding_tip``): a closing step (resolved, rejected) wins over every step that
does not descend from it, so a close is never undone by a concurrent step signed "later"; otherwise the
branch with more signed steps, then the larger hash. Each step is an allowed workflow step from its own
parent; the other branch's steps stay, with their notes, shown as concurrent; staff get an alert
(``studio.complaint_conflict``). The next step chains to the deciding branch. A trace link decided at two
stations ends with the decision made after seeing the other everywhere, "rejected" when they were made at
once (``complaint_links.generation`` counts them; clocks decide nothing).
"""

from __future__ import annotations

import json

from consent_app import audit, clock
from consent_app.complaints import personal
from consent_app.consent import record as rec
from consent_app.crypto import keys as signing
from consent_app.messages import define
from consent_app.studio import complaint_private, sealed, subjectkeys
from consent_app.studio import link as link_mod
from consent_app.studio.objects import b64
from consent_app.studio.replicate import _has, _insert, _row, _unshared, unshared_rows

MESSAGES = define({
    "studio.complaint_refused": "complaint {complaint} from station {station} is refused: its signed intake "
                                "does not verify ({reason})",
    "studio.complaint_conflict": "complaint {complaint} was moved at this station and at station {station} "
                                 "at once (step {seq}): a closing step wins, otherwise the branch with more "
                                 "steps; it is now {state}; both notes are kept",
})

INTAKE, EVENT, LINK, ACTION = "complaint.intake", "complaint.event", "complaint.link", "complaint.action"
KINDS = frozenset({INTAKE, EVENT, LINK, ACTION})
_LINK_ID = "t.id || '@' || t.status || '@' || COALESCE(t.decided_at, '')"  # one object per decision
_MEDIA_COLUMNS = "id, complaint_id, name, kind, mime, size, sha256, created_at"


_PERSONAL = {"contact": "", "contact_salt": "", "url": None, "note": ""}  # the intake's personal columns


def _share(tx, lk: link_mod.Link, kind: str, object_id: str, clear: dict, secret: dict) -> None:
    body = {**clear, "sealed": sealed.seal(lk.keyring, kind, object_id, secret)}
    link_mod.append(tx, kind, object_id, body)


def _intake(tx, lk: link_mod.Link, cid: str) -> tuple[dict, dict, dict | None]:
    """(the complaint row and its media without personal fields, flags, the personal fields sealed)."""
    row = _row(tx, "complaints", "id", cid)
    media = [dict(zip(_MEDIA_COLUMNS.split(", "), r, strict=True)) for r in tx.execute(
        f"SELECT {_MEDIA_COLUMNS} FROM complaint_media WHERE complaint_id = ? ORDER BY rowid",  # noqa: S608
        (cid,))]
    fields = {name: row.pop(name) for name in _PERSONAL}
    fields["media"] = {item["id"]: item.pop("name") for item in media}
    erased = personal.status(tx, cid) == personal.ERASED
    private = None if erased else complaint_private.pack(tx, lk, row["subject_id"], "intake", cid, fields)
    return {"complaint": row, "media": media, "erased": erased}, {"intake_hash": row["intake_hash"]}, private


def _event(tx, lk: link_mod.Link, eid: str) -> tuple[dict, dict | None]:
    row = _row(tx, "complaint_events", "id", eid)
    kept = tx.execute("SELECT n.note, n.salt, c.subject_id FROM complaint_event_notes n JOIN complaints c "
                      "ON c.id = n.complaint_id WHERE n.event_id = ?", (eid,)).fetchone()
    private = None if kept is None else complaint_private.pack(
        tx, lk, kept[2], "event", eid, {"note": kept[0], "salt": b64(bytes(kept[1]))})
    return row, private


def collect(tx, lk: link_mod.Link) -> int:
    """Append this station's complaints, events, link decisions and actions not shared yet."""
    added = 0
    for cid in _unshared(tx, "complaints", INTAKE, "received_at"):
        secret, clear, private = _intake(tx, lk, cid)
        _share(tx, lk, INTAKE, cid, {**clear, "private": private}, secret)
        added += 1
    for eid in _unshared(tx, "complaint_events", EVENT, "rowid"):
        row, private = _event(tx, lk, eid)
        _share(tx, lk, EVENT, eid, {"complaint": row["complaint_id"], "seq": row["seq"],
                                    "hash": row["body_hash"], "private": private}, {"event": row})
        added += 1
    for aid in _unshared(tx, "complaint_actions", ACTION, "rowid"):
        row = _row(tx, "complaint_actions", "id", aid)
        _share(tx, lk, ACTION, aid, {"complaint": row["complaint_id"]}, {"action": row})
        added += 1
    for (lid,) in unshared_rows(tx, LINK, "SELECT id FROM complaint_links t ORDER BY rowid", _LINK_ID):
        row = _row(tx, "complaint_links", "id", lid)
        _share(tx, lk, LINK, f"{lid}@{row['status']}@{row['decided_at'] or ''}",
               {"complaint": row["complaint_id"]}, {"link": row})
        added += 1
    return added


def _verified(tx, text: str, hash_: str, kid: str, signature: str) -> str | None:
    """Why a signed complaint document does not verify here, or None when it does."""
    proof = {"type": rec.PROOF_TYPE, "kid": kid, "hash": hash_, "signatureValue": signature}
    check = rec.verify(json.loads(text), proof, signing.public_key_map(tx))
    return None if check.ok else check.reason


def accept(tx, lk: link_mod.Link, obj, touched: set[str]) -> bool:
    """Apply one verified complaint object of another station; False when it must wait."""
    if lk.data_key is None:
        return False
    opened = sealed.unseal(lk.keyring, obj.kind, obj.object_id, obj.body["sealed"])
    station = obj.station
    if obj.kind == INTAKE:
        row = opened["complaint"]
        if not _has(tx, "SELECT 1 FROM signing_keys WHERE kid = ?", row["kid"]):
            return False
        if _has(tx, "SELECT 1 FROM complaints WHERE id = ?", row["id"]):
            return True
        problem = _verified(tx, row["intake"], row["intake_hash"], row["kid"], row["signature"])
        if problem is None and json.loads(row["intake"]).get("complaintId") != f"urn:uuid:{row['id']}":
            problem = "the intake names another complaint"
        if problem is not None:
            link_mod.raise_alert(tx, "studio.complaint_refused", complaint=row["id"], station=station,
                                 reason=problem)
            return True
        _insert(tx, "complaints", {**_PERSONAL, **row, "state": "received"}, blobs=("contact_salt",))
        for media in opened["media"]:  # the file itself stays at the station that received it
            tx.execute("INSERT OR IGNORE INTO complaint_media (id, complaint_id, name, kind, mime, size, "
                       "sha256, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, x'', ?)",
                       (media["id"], media["complaint_id"], media.get("name", ""), media["kind"],
                        media["mime"], media["size"], media["sha256"], media["created_at"]))
        subject = row.get("subject_id")
        if opened.get("erased") or (subject and subjectkeys.erased(tx, subject)):
            personal.erase_one(tx, row["id"], subject or "", clock.iso())
        else:
            complaint_private.receive(tx, lk, complaint_id=row["id"], subject=subject, kind="intake",
                                      object_id=row["id"], private=obj.body.get("private"), station=station)
        audit.append(tx, f"station:{station}", "complaint.file", f"complaint:{row['id']}",
                     {"station": station, "object": obj.hash, "intake_hash": row["intake_hash"]})
        return True
    complaint_id = obj.body["complaint"]
    if not _has(tx, "SELECT 1 FROM complaints WHERE id = ?", complaint_id):
        return False
    if obj.kind == EVENT:
        return _accept_event(tx, lk, opened["event"], obj)
    if obj.kind == ACTION:
        row = opened["action"]
        if not _has(tx, "SELECT 1 FROM complaint_actions WHERE id = ?", row["id"]):
            _insert(tx, "complaint_actions", row)
            audit.append(tx, f"station:{station}", "complaint.action", f"complaint:{complaint_id}",
                         {"action_id": row["id"], "kind": row["kind"], "target": row["target"],
                          "station": station, "object": obj.hash})
        return True
    if obj.kind == LINK:
        row = opened["link"]
        row["generation"] = row.get("generation", 0 if row["status"] == "proposed" else 1)  # older objects
        if not _has(tx, "SELECT 1 FROM complaint_links WHERE id = ?", row["id"]):
            _insert(tx, "complaint_links", row)
        elif row["status"] != "proposed":  # a decision at the other station: the one made after seeing the
            tx.execute("UPDATE complaint_links SET status = ?, decided_by = ?, decided_at = ?, "
                       "generation = ? WHERE id = ? AND (generation < ? OR (generation = ? AND status <> ? "
                       "AND ? = 'rejected'))",  # other wins; decided at once: rejected (never by a clock)
                       (row["status"], row["decided_by"], row["decided_at"], row["generation"], row["id"],
                        row["generation"], row["generation"], row["status"], row["status"]))
        audit.append(tx, f"station:{station}", "complaint.link", f"complaint:{complaint_id}",
                     {"link_id": row["id"], "status": row["status"], "station": station, "object": obj.hash})
        return True
    return True


def _accept_event(tx, lk: link_mod.Link, event: dict, obj) -> bool:
    from consent_app.complaints import register

    station, object_hash = obj.station, obj.hash
    cid = event["complaint_id"]
    if not _has(tx, "SELECT 1 FROM signing_keys WHERE kid = ?", event["kid"]):
        return False
    if _has(tx, "SELECT 1 FROM complaint_events WHERE id = ?", event["id"]):
        return True
    previous = json.loads(event["body"]).get("previous")
    if not _has(tx, "SELECT 1 FROM complaint_events WHERE complaint_id = ? AND body_hash = ? UNION ALL "
                "SELECT 1 FROM complaints WHERE id = ? AND intake_hash = ?", cid, previous, cid, previous):
        return False  # it follows an event not here yet
    problem = _verified(tx, event["body"], event["body_hash"], event["kid"], event["signature"])
    if problem is not None:
        link_mod.raise_alert(tx, "studio.complaint_refused", complaint=cid, station=station, reason=problem)
        return True
    sibling = _has(tx, "SELECT 1 FROM complaint_events WHERE complaint_id = ? AND seq = ?", cid, event["seq"])
    _insert(tx, "complaint_events", event)
    subject = tx.execute("SELECT subject_id FROM complaints WHERE id = ?", (cid,)).fetchone()[0]
    complaint_private.receive(tx, lk, complaint_id=cid, subject=subject, kind="event", object_id=event["id"],
                              private=obj.body.get("private"), station=station)
    state = register.signed_state(tx, cid)
    tx.execute("UPDATE complaints SET state = ? WHERE id = ?", (state, cid))
    if sibling:  # moved at two stations at once: one branch decides (causally), both are kept
        link_mod.raise_alert(tx, "studio.complaint_conflict", complaint=cid, seq=event["seq"],
                             station=station, state=state)
    audit.append(tx, f"station:{station}", "complaint.transition", f"complaint:{cid}",
                 {"event_id": event["id"], "seq": event["seq"], "state": event["state"],
                  "event_hash": event["body_hash"], "station": station, "object": object_hash})
    return True
