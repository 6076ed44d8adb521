"""Studio data key generations: rotated when a station is revoked (issue 16).

Generation 0 is the data key the founding station made (``studio_link.data_key``, sealed to each station
in its approval). ``studio revoke`` makes a new generation at the revoking station and shares it in a
signed ``studio.rekey`` object sealed to the key of each station still active there; the revoked station
is not among them. Every station keeps all the generations it holds (old objects stay readable) and seals
with the newest (``sealed.py``). An approval carries every generation the approving station holds, so a
station approved later reads what was sealed before it joined. Subject keys on the server are re-wrapped
under the newest generation by the next station that syncs holding it (``templates.rewrap``).
"""

from __future__ import annotations

import hashlib
import secrets

from consent_app import clock
from consent_app.studio import objects, sealed, trust

REKEY = "studio.rekey"


def load(conn, first: bytes | None) -> sealed.Keyring:
    """Every generation this station holds (empty before its approval)."""
    ring: sealed.Keyring = {} if first is None else {"0": first}
    ring.update({label: bytes(key) for label, key in conn.execute("SELECT label, key FROM studio_data_keys")})
    return ring


def store(tx, label: str, key: bytes) -> None:
    tx.execute("INSERT OR IGNORE INTO studio_data_keys (label, generation, key, received_at) "
               "VALUES (?, ?, ?, ?)", (label, sealed.generation(label), key, clock.iso()))


def new_generation(ring: sealed.Keyring) -> tuple[str, bytes]:
    key = secrets.token_bytes(32)
    number = max((sealed.generation(label) for label in ring), default=0) + 1
    return f"{number}.{hashlib.sha256(key).hexdigest()[:8]}", key


def sealed_for(ring: sealed.Keyring, station_key: bytes, *, skip_first: bool = True) -> dict[str, str]:
    """Every generation of ``ring`` (but the first, which approvals carry as ``data_key``), sealed to one
    station's key."""
    return {label: sealed.seal_to_station(key, station_key) for label, key in ring.items()
            if not (skip_first and label == "0")}


def rekey(tx, append, report: trust.TrustReport, ring: sealed.Keyring, revoked: str, self_id: str) -> str:
    """Make a new generation, keep it here and append the signed ``studio.rekey`` object that shares it
    with every other active station but ``revoked``; returns its label."""
    label, key = new_generation(ring)
    store(tx, label, key)
    recipients = {sid: pub for sid, pub in report.active_keys().items() if sid not in (revoked, self_id)}
    append(tx, REKEY, label, {
        "generation": sealed.generation(label), "revoked": revoked,
        "keys": {sid: sealed.seal_to_station(key, pub) for sid, pub in sorted(recipients.items())}})
    return label


def accept_sealed(tx, seed: bytes, given: dict[str, str], ring: sealed.Keyring) -> int:
    """Open and keep the generations of ``given`` (label -> sealed to this station) not held yet."""
    added = 0
    for label, boxed in given.items():
        if label in ring or label == "0":
            continue
        key = sealed.open_for_station(boxed, seed)
        if hashlib.sha256(key).hexdigest()[:8] != label.split(".", 1)[-1]:
            continue  # not the key its label names
        store(tx, label, key)
        added += 1
    return added


def accept(tx, station_id: str, seed: bytes, obj: objects.StudioObject, ring: sealed.Keyring) -> bool:
    """A ``studio.rekey`` object: keep its generation when it was sealed to this station."""
    boxed = obj.body.get("keys", {}).get(station_id)
    if isinstance(boxed, str):
        accept_sealed(tx, seed, {obj.object_id: boxed}, ring)
    return True
