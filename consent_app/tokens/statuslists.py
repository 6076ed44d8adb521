"""The studio's revocation status lists: index allocation and signed export."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from datetime import datetime, timedelta

from consent_app import audit, clock, settings
from consent_app.crypto import keys as signing
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.store import meta
from consent_app.tokens.credential import issuer_for
from consent_app.tokens.signing import sign_compact
from consent_app.tokens.statuslist import new_bitstring, set_bit, status_list_payload
from consent_app.verify.statuslist import WITNESS_MEMBER
from consent_app.verify.vocab import MIN_STATUS_LIST_BITS, STATUS_PURPOSE

MESSAGES = define({
    "status.revocation_cleared": "status list {list}: entry {index} was published as revoked and is "
    "no longer revoked in this store; a revocation is never undone, so nothing is exported (the store "
    "may have been rolled back or edited: run `consent-app audit verify`)",
    "status.bad_validity_setting": "setting {setting} must be 0 < hours <= 744, not {hours}",
    "status.bad_validity": "status list validity must be 0 < hours <= 744, not {hours}",
})

VALIDITY_SETTING = "tokens.status_list_hours"
DEFAULT_VALIDITY_HOURS = 24
#: A list is closed for new tokens once half its entries are used, so random picks stay cheap
#: and every index hides among many unused ones.
FILL_LIMIT = 0.5


def _new_list(tx) -> tuple[str, int]:
    list_id = f"urn:uuid:{uuid.uuid4()}"
    tx.execute(
        "INSERT INTO status_lists (id, purpose, size, created_at) VALUES (?, ?, ?, ?)",
        (list_id, STATUS_PURPOSE, MIN_STATUS_LIST_BITS, clock.iso()),
    )
    return list_id, MIN_STATUS_LIST_BITS


def allocate_index(tx) -> tuple[str, int]:
    """A random unused (list, index) for a new token; never sequential (herd privacy)."""
    row = tx.execute(
        "SELECT l.id, l.size, (SELECT COUNT(*) FROM tokens t WHERE t.status_list = l.id) "
        "FROM status_lists l ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1"
    ).fetchone()
    if row is None or row[2] >= row[1] * FILL_LIMIT:
        list_id, size = _new_list(tx)
    else:
        list_id, size = row[0], row[1]
    while True:
        index = secrets.randbelow(size)
        taken = tx.execute(
            "SELECT 1 FROM tokens WHERE status_list = ? AND status_index = ?", (list_id, index)
        ).fetchone()
        if taken is None:
            return list_id, index


def validity_hours(conn) -> float:
    hours = settings.get(conn, VALIDITY_SETTING, DEFAULT_VALIDITY_HOURS)
    if not isinstance(hours, int | float) or not 0 < hours <= 24 * 31:
        raise InputError(code="status.bad_validity_setting", setting=VALIDITY_SETTING, hours=repr(hours))
    return float(hours)


def revoked_entries(conn) -> set[tuple[str, int]]:
    """(list, index) of every token that is revoked by its consent's signed events — or that cannot be
    shown to be live (its consent or events fail verification, or its consent is gone): fail closed.

    The same computation as everywhere else (:func:`consent_app.consent.records.get`); the tokens
    table's ``revoked_at`` column is not read.
    """
    from consent_app.consent import records

    keys = signing.public_key_map(conn)
    out: set[tuple[str, int]] = set()
    for (consent_id,) in conn.execute("SELECT DISTINCT consent_id FROM tokens").fetchall():
        try:
            consent = records.get(conn, consent_id, keys)
        except InputError:  # no such consent: nothing can show these tokens are live
            consent = None
        live = set() if consent is None or consent.problems else {
            t.id for t in consent.tokens if not t.revoked}
        for token_id, list_id, index in conn.execute(
                "SELECT id, status_list, status_index FROM tokens WHERE consent_id = ?", (consent_id,)):
            if token_id not in live:
                out.add((list_id, int(index)))
    return out


def bitstring(conn, list_id: str, size: int, revoked: set[tuple[str, int]] | None = None) -> bytearray:
    bits = new_bitstring(size)
    for entry_list, index in revoked_entries(conn) if revoked is None else revoked:
        if entry_list == list_id and index < size:
            set_bit(bits, index)
    return bits


def export_status_lists(tx, actor: str, hours: float | None = None, now: datetime | None = None,
                        floor: tuple[int, dict[str, set[int]]] | None = None) -> list[str]:
    """Sign every status list, valid from now for ``hours`` (setting by default); audited.

    A store that has issued no token yet still exports one (empty) list. ``floor`` (a studio's other
    publications: highest sequence, revoked indices by list) is never gone below: the sequence is above it
    and its revoked bits stay set.
    """
    now = (now or clock.now()).replace(microsecond=0)
    hours = validity_hours(tx) if hours is None else hours
    if not 0 < hours <= 24 * 31:
        raise InputError(code="status.bad_validity", hours=hours)
    studio = meta.issuing_studio(tx)
    issuer = issuer_for(studio.id, studio.name, studio.demo)
    key = signing.active_key(tx)
    lists = tx.execute("SELECT id, size FROM status_lists ORDER BY created_at, rowid").fetchall()
    if not lists:
        lists = [_new_list(tx)]
    last, published = last_publication(tx)
    # grows with every export, and is at least the wall-clock time of the export in milliseconds since
    # the epoch: a store restored from an older backup still publishes lists newer than those verifiers
    # already saw, even within the same second
    floor_sequence, floor_bits = floor or (0, {})
    sequence = max(last + 1, floor_sequence + 1, time.time_ns() // 1_000_000)
    all_bits, now_published, revoked = {}, {}, 0
    entries = revoked_entries(tx)
    entries |= {(list_id, i) for list_id, indices in floor_bits.items() for i in indices}
    for list_id, size in lists:
        bits = bitstring(tx, list_id, size, entries)
        indices = revoked_indices(bits)
        cleared = sorted(set(published.get(list_id, ())) - set(indices))
        if cleared:  # a revocation once published is never undone, whatever the columns say now
            raise PolicyError(code="status.revocation_cleared", list=list_id, index=cleared[0])
        all_bits[list_id] = bits
        now_published[list_id] = indices
        revoked += len(indices)
    audit.append(
        tx,
        actor,
        "status.export",
        f"studio:{studio.id}",
        {"lists": [row[0] for row in lists], "revoked": revoked, "hours": hours, "kid": key.kid,
         "sequence": sequence, "published": now_published},
    )
    count, head = audit.head(tx)  # this export's own entry: the list witnesses its export
    witness = {"sequence": sequence, "auditCount": count, "auditHead": head}
    out = []
    for list_id, bits in all_bits.items():
        payload = status_list_payload(list_id, issuer, bits, now, now + timedelta(hours=hours))
        payload[WITNESS_MEMBER] = witness
        out.append(sign_compact(payload, key.private, key.kid))
    return out


def revoked_indices(bits: bytes) -> list[int]:
    out = []
    for byte_index, byte in enumerate(bits):
        if byte:
            out.extend(byte_index * 8 + bit for bit in range(8) if byte & (0x80 >> bit))
    return out


def last_publication(conn) -> tuple[int, dict[str, list[int]]]:
    """(sequence, revoked indices by list id) of the newest status list export in the audit trail."""
    row = conn.execute("SELECT details FROM audit WHERE action = 'status.export' "
                       "ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        return 0, {}
    details = json.loads(row[0])
    return int(details.get("sequence", 0)), {k: list(v) for k, v in details.get("published", {}).items()}
