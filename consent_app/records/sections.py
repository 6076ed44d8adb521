"""The parts of a records export, each read straight from the store for one period.

Signed documents go out exactly as signed (record + proof, event + proof); the regulator checks them with
the public keys in the archive. Pseudonymised, they go out as hash + signature + a summary without names or
contact details. Biometric samples, templates and complaint attachments never go out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from json.encoder import encode_basestring as _q

from consent_app.consent.record import PROOF_TYPE
from consent_app.crypto import keys as signing
from consent_app.spare_core import IdleMeter
from consent_app.tokens.signing import jwks


def public_keys(conn) -> dict:
    return jwks([(info.kid, info.public) for info in signing.all_public_keys(conn)])


def _labelled(digest: str) -> str:
    """A stored hash with its ``sha256:`` label (added when the stored value has none)."""
    return digest if digest.startswith("sha256:") else "sha256:" + digest


def _proof(kid: str, digest: str, signature: str) -> dict:
    return {"type": PROOF_TYPE, "kid": kid, "hash": _labelled(digest), "signatureValue": signature}


def dumps(value) -> str:
    """Compact, sorted JSON (the C encoder: exports of 10,000 records stay fast)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_PROOF_TYPE = _q(PROOF_TYPE)
_ALTERED_RECORD = "the signed record does not match its hash (it was altered)"


def _js(value) -> str:
    """One value exactly as :func:`dumps` writes it; a string straight through the C string encoder (the
    per-row objects of the consents and tokens sections are written field by field, keys in sorted order:
    a third of the general encoder's time)."""
    kind = type(value)
    if kind is str:
        return _q(value)
    if value is None:
        return "null"
    return int.__repr__(value) if kind is int else dumps(value)  # json writes an int with int.__repr__


def _jlist(values) -> str:
    return "[" + ",".join(map(_js, values)) + "]"


@dataclass(frozen=True)
class EventStates:
    """What the consents and tokens sections report, computed once per export from the signed events."""

    consents: list[tuple]  # the consent rows of the period, in order (``_CONSENT_COLS``)
    states: dict  # consent id -> ConsentState: those consents and every consent with a token
    token_rows: dict  # consent id -> [TokenRow]
    audit: tuple[bytes, int]  # :func:`audit_lines` of the period (read while the signatures are checked)
    spare_core: bool = False  # the signature worker found a core idle (and verified on it)


_CONSENT_COLS = ("c.id, c.subject_id, json_extract(c.record, '$.purposes[0].processing'), c.valid_from, "
                 "c.valid_until, c.language, c.terms_version, CAST(c.record AS BLOB), c.record_hash, c.kid, "
                 "c.signature, c.demo, c.created_at, s.display_name, c.rowid")


def event_states(conn, period, idle: IdleMeter | None = None) -> EventStates:
    """The consents of the period (created in it or with an event in it) and the state of each consent the
    export names, from its signed events (:func:`consent_app.consent.state.load_many`: the categories as
    signed in the record, never the cached columns). Every event is checked here: its hash, its Ed25519
    signature (each once), its columns and links, and the token rows against their issue events. ``idle``:
    a meter the caller started before its own first reads (else one is started here), for the signature
    worker's question whether a core is idle."""
    from consent_app.consent import events as ev
    from consent_app.consent import state as st
    idle = idle or IdleMeter()  # is a core idle while this thread reads? (the signature worker asks)
    lo, hi = period.lo, period.hi
    events = conn.execute(f"SELECT {ev.COLUMNS} FROM events").fetchall()  # noqa: S608 - read once, for the
    # consents with an event in the period and for every state
    keys = signing.public_key_map(conn)
    # The signatures are checked (on the other core when one is idle now) while the rest is read. Which
    # consents the export names is known only then, so this checks the events of every consent with a token
    # or an event since the period began (a consent created in the period has its events after that; one
    # that does not is checked in load_many), without a second pass over the 3 KB records.
    early = {e[2] for e in events if e[5] >= lo}
    early.update(r[0] for r in conn.execute("SELECT DISTINCT consent_id FROM tokens"))
    checks = ev.SignatureCheck([e for e in events if e[2] in early], keys, idle=idle)
    try:
        token_rows = st.all_token_rows(conn)
        sql = f"SELECT {_CONSENT_COLS} FROM consents c LEFT JOIN subjects s ON s.id = c.subject_id "  # noqa: S608
        rows = conn.execute(sql + "WHERE c.created_at >= ? AND c.created_at < ?", (lo, hi)).fetchall()
        listed = {r[0] for r in rows}
        later = sorted({e[2] for e in events if lo <= e[5] < hi and e[2] not in listed})
        if later:  # created before the period, with an event in it
            rows += conn.execute(sql + "WHERE c.id IN (SELECT value FROM json_each(?))",  # noqa: S608
                                 (json.dumps(later),)).fetchall()
        listed.update(later)
        others = [cid for cid in token_rows if cid not in listed]
        if others:  # tokens of consents outside the period: their consents' states too
            others = conn.execute("SELECT id, record_hash, json_extract(record, '$.purposes[0].processing') "
                                  "FROM consents WHERE id IN (SELECT value FROM json_each(?))",
                                  (json.dumps(others),)).fetchall()
        audited = st.audited_events(conn)
        audit = audit_lines(conn, period)  # SQLite puts the lines together, mostly without the GIL
        checks.result()  # now, before the Python work below (which would keep the worker from the GIL)
        rows.sort(key=lambda r: (r[12], r[14]))  # created_at, rowid: sorted here, not in a temporary B-tree
        # of the whole rows (3 KB records), which took four times the query itself
        names = st.NameLists()  # the categories' JSON text parsed once per distinct list, not per consent
        wanted = {r[0]: (r[8], names[r[2]]) for r in rows}
        wanted.update((cid, (rh, names[cats])) for cid, rh, cats in others)
        states = st.load_many(conn, wanted, keys, tokens=token_rows, events=events, checks=checks,
                              audited=audited)
    finally:
        checks.close()
    return EventStates(rows, states, token_rows, audit, checks.parallel)


def consents(computed: EventStates, pseudonymise: bool) -> list[tuple[str, bytes]]:
    """Consents created in the period or with an event in it, with all their signed events, as
    (consent id, JSON bytes); signed records and events are copied as stored (RFC 8785), not re-encoded.

    The summary's state comes from the one computation over the signed events (:func:`event_states`),
    never from the cached columns; ``problems`` lists what does not check out (hashes, links, token rows).
    """
    states = computed.states
    lists = _Lists()
    out = []
    for (cid, subject_id, _categories, valid_from, valid_until, language, terms_version, record, record_hash,
         kid, signature, demo, created_at, name, _rowid) in computed.consents:
        status = states[cid]
        digest = _labelled(record_hash)
        problems = status.problems
        if "sha256:" + hashlib.sha256(record).hexdigest() != digest:  # the stored bytes, as signed
            problems = (_ALTERED_RECORD, *problems)
        if pseudonymise:
            summary = {"categories": list(status.categories), "withdrawn": list(status.withdrawn),
                       "state": status.state, "validFrom": valid_from, "validUntil": valid_until,
                       "createdAt": created_at, "language": language, "termsVersion": terms_version,
                       "demo": bool(demo), "problems": list(problems)}
            proof = _proof(kid, record_hash, signature)
            item = {"consent": cid, "subject": subject_id, "summary": summary, "recordHash": proof["hash"],
                    "proof": proof, "events": [{"seq": e.seq, "type": e.kind, "at": e.at, "hash": e.hash,
                                                "proof": e.proof} for e in status.events]}
            out.append((cid, (dumps(item) + "\n").encode("utf-8")))
            continue
        # what dumps() of {consent, proof, subject, subjectName, summary} gives, then the signed record and
        # events added verbatim (signed documents stay exactly as signed), written field by field; the record
        # (read as its stored UTF-8 bytes) is joined on as it is, never decoded and encoded again. Columns
        # that are NOT NULL TEXT go straight to the string encoder (_q), the name lists once per list.
        events_raw = ",".join([f'{{"event":{e.text},"proof":{_proof_json(e)}}}' for e in status.events])
        head = (f'{{"consent":{_q(cid)},"proof":{{"hash":{_q(digest)},"kid":{_q(kid)},'
                f'"signatureValue":{_q(signature)},"type":{_PROOF_TYPE}}},"subject":{_q(subject_id)},'
                f'"subjectName":{_js(name)},"summary":{{"categories":{lists[status.categories]},'
                f'"createdAt":{_q(created_at)},"demo":{"true" if demo else "false"},'
                f'"language":{_q(language)},'
                f'"problems":{lists[problems]},"state":{_q(status.state)},'
                f'"termsVersion":{_q(terms_version)},"validFrom":{_q(valid_from)},'
                f'"validUntil":{_q(valid_until)},"withdrawn":{lists[status.withdrawn]}}},'
                f'"events":[{events_raw}],"record":')
        out.append((cid, b"".join((head.encode(), record, b"}\n"))))
    return out


class _Lists(dict):
    """A tuple of values -> its JSON list as :func:`dumps` writes it, encoded once per distinct tuple (the
    consents share a few lists of categories; most have no withdrawal and no problem)."""

    def __missing__(self, values: tuple) -> str:
        text = self[values] = _jlist(values)
        return text


def _proof_json(e) -> str:
    """``dumps(e.proof)`` (sorted keys, same escaping) without the general encoder: one per event (hash,
    kid and signature are NOT NULL TEXT columns of ``events``)."""
    return (f'{{"hash":{_q(e.hash)},"kid":{_q(e.kid)},"signatureValue":{_q(e.signature)},'
            f'"type":{_PROOF_TYPE}}}')


def tokens(computed: EventStates, period) -> list[str]:
    """Tokens issued or revoked in the period (never the token itself: it may carry a template), each as
    the JSON object ``dumps`` writes for it, ordered by issue time and id; the revocation (time, by whom,
    why) comes from the signed events."""
    lo, hi = period.lo, period.hi  # formatted once, not per token
    out = []
    for consent_id, token_rows in computed.token_rows.items():
        status = computed.states.get(consent_id)  # None: the consent is gone, its tokens go out unverified
        states = {t.id: t for t in status.tokens} if status else {}
        for row in token_rows:
            t = states.get(row.id)
            revoked_at = t.revoked_at if t else None
            if not (lo <= row.issued_at < hi or (revoked_at is not None and lo <= revoked_at < hi)):
                continue
            out.append((row.issued_at, row.id, (
                f'{{"bindings":{_jlist(row.bindings)},"consent_id":{_js(row.consent_id)},"id":{_js(row.id)},'
                f'"issued_at":{_js(row.issued_at)},"issued_by":{_js(row.issued_by)},"kid":{_js(row.kid)},'
                f'"operations":{_jlist(row.operations)},"revoked_at":{_js(revoked_at)},'
                f'"revoked_by":{_js(t.revoked_by if t else None)},'
                f'"revoked_reason":{_js(t.revoked_reason if t else None)},"sha256":{_js(row.sha256)},'
                f'"state":{_js(t.state if t else "unverified")},"status_index":{_js(row.status_index)},'
                f'"status_list":{_js(row.status_list)},"valid_from":{_js(row.valid_from)},'
                f'"valid_until":{_js(row.valid_until)}}}')))
    out.sort()
    return [text for _, _, text in out]


def usage_receipts(conn, period) -> dict:
    """Imported usage receipts, when this build's store has a usage ledger."""
    table = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'usage_receipts'"
                         ).fetchone()
    if table is None:
        return {"ledger": "not present in this build", "receipts": []}
    cols = [r[1] for r in conn.execute("PRAGMA table_info(usage_receipts)")]
    when = next((c for c in ("imported_at", "created_at", "at") if c in cols), None)
    sql = "SELECT * FROM usage_receipts"
    params: tuple = ()
    if when:
        sql += f" WHERE {when} >= ? AND {when} < ?"
        params = (period.lo, period.hi)
    receipts = []
    for row in conn.execute(sql, params):
        item = {c: (bytes(v).hex() if isinstance(v, bytes | memoryview) else v) for c, v in zip(cols, row,
                                                                                                  strict=True)}
        receipts.append(item)
    return {"ledger": "usage_receipts", "receipts": receipts}


def complaints(conn, period, pseudonymise: bool) -> list[dict]:
    """Complaints received in the period or with a workflow event in it, with their outcome."""
    from consent_app import clock
    from consent_app.complaints import register

    ids = [r[0] for r in conn.execute(
        "SELECT id FROM complaints WHERE (received_at >= ? AND received_at < ?) OR id IN "
        "(SELECT complaint_id FROM complaint_events WHERE at >= ? AND at < ?) ORDER BY received_at, rowid",
        (period.lo, period.hi, period.lo, period.hi))]
    now = clock.now()
    out = []
    for cid in ids:
        c = register.get(conn, cid)
        summary = {k: v for k, v in c.summary(now).items() if k != "url" or not pseudonymise}
        outcome = [{"kind": a.kind, "target": a.target, "at": a.at,
                    **({"verdict": a.details.get("verdict"), "hash": a.details.get("hash")}
                       if a.kind == "refutation" else {})} for a in c.actions]
        item = {"complaint": cid, "summary": summary, "intake": {"record": c.intake, "proof": c.proof},
                "outcome": outcome, "problems": list(c.problems),
                "attachments": [{"kind": m.kind, "mime": m.mime, "size": m.size, "sha256": m.sha256}
                                for m in c.media]}
        if pseudonymise:
            item["events"] = [{"seq": e.seq, "state": e.state, "at": e.at, "hash": e.proof["hash"],
                               "proof": e.proof} for e in c.events]
        else:
            item.update(contact=c.contact, note=c.note,
                        events=[{"event": e.body, "proof": e.proof} for e in c.events],
                        links=[{"kind": lk.kind, "target": lk.target, "source": lk.source,
                                "status": lk.status, "evidence": lk.evidence} for lk in c.links],
                        statements=[a.details["signed"] for a in c.actions
                                    if a.kind == "refutation" and "signed" in a.details])
        out.append(item)
    return out


def audit_lines(conn, period) -> tuple[bytes, int]:
    """The audit entries of the period as JSON lines (with prev_hash and hash: the chain can be followed).

    Each line is put together by SQLite (``json_quote`` escapes exactly as ``json.dumps(ensure_ascii=False)``;
    ``details`` is stored as canonical JSON and goes out as it is), a third less work than in Python."""
    rows = conn.execute(
        "SELECT CAST('{\"seq\":' || seq || ',\"ts\":' || json_quote(ts) "
        "|| ',\"actor\":' || json_quote(actor) || ',\"action\":' || json_quote(action) "
        "|| ',\"target\":' || json_quote(target) || ',\"details\":' || details "
        "|| ',\"prev_hash\":' || json_quote(prev_hash) || ',\"hash\":' || json_quote(hash) || '}' "
        "|| char(10) AS BLOB) FROM audit WHERE ts >= ? AND ts < ? ORDER BY seq",
        (period.lo, period.hi)).fetchall()
    return b"".join([r[0] for r in rows]), len(rows)


def readme(studio, period, pseudonymise: bool, kid: str) -> str:
    return (
        f"Records export of {studio.label} (studio {studio.id})\n"
        f"Period: {period.start.isoformat()} to {period.end.isoformat()} (end exclusive)\n"
        f"{'Pseudonymised: names and contact details left out.' if pseudonymise else 'Full export.'}\n\n"
        "Check it with the studio key fingerprint you received separately from the studio:\n\n"
        "    python3 verify_export.py THIS_EXPORT.zip --key-fingerprint FINGERPRINT\n\n"
        f"This export is signed with the key whose fingerprint (RFC 7638 thumbprint) should read {kid};\n"
        "do not rely on this line: compare with the fingerprint the studio gave you.\n"
        "Layout: see manifest.json; biometric samples are never included.\n"
    )
