"""What a station shares, and what it does with what others shared.

``collect`` appends to the outbox every local object not shared yet — the staff directory
(``directory``), consents, tokens and their signed events (``replicate``), complaints and their
signed workflow events (``complaints``), and face and voice templates
sealed under per-subject keys (``templates``) — in the transaction of the
sync that pushes them; ``accept`` applies a verified object from another station. Raw biometric
samples never leave the station.
"""

from __future__ import annotations

from consent_app.studio import (
    complaints,
    datakeys,
    directory,
    objects,
    replicate,
    sealed,
    settings_sync,
    templates,
    toolca,
    trust,
)
from consent_app.studio import link as link_mod


def collect(tx, lk: link_mod.Link) -> int:
    """Append every not-yet-shared local object to the outbox; returns how many."""
    if lk.role == "member" and lk.data_key is None:
        return 0  # not approved yet: nothing but the join request leaves the station
    added = directory.collect(tx, lk)
    added += toolca.collect(tx, lk)
    added += complaints.collect(tx, lk)
    added += settings_sync.collect(tx, lk)
    return added + replicate.collect(tx, lk) + templates.collect(tx, lk)


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject, touched: set[str]) -> bool:
    """Apply one verified object of the studio to this station's store; False: wait for what it needs (a
    field sealed under a data key generation not held yet waits too: for ever at a revoked station)."""
    try:
        return _accept(tx, lk, obj, touched)
    except sealed.MissingGeneration:
        return False


def _accept(tx, lk: link_mod.Link, obj: objects.StudioObject, touched: set[str]) -> bool:
    if obj.kind == trust.APPROVE and obj.body.get("station") == lk.station_id:
        seed = link_mod.seed(lk.key)
        if lk.data_key is None:
            data_key = sealed.open_for_station(obj.body["data_key"], seed)
            tx.execute("UPDATE studio_link SET data_key = ? WHERE id = 1", (data_key,))
        datakeys.accept_sealed(tx, seed, obj.body.get("data_keys") or {}, lk.keyring)
        return True
    if obj.kind == datakeys.REKEY:
        return datakeys.accept(tx, lk.station_id, link_mod.seed(lk.key), obj, lk.keyring)
    if obj.kind == directory.KIND:
        if lk.data_key is None:
            return True  # adopted in full once the data key arrives (directory.adopt)
        directory.accept(tx, lk, obj)
        return True
    if obj.kind in replicate.ORDER:
        return replicate.accept(tx, lk, obj, touched)
    if obj.kind in toolca.KINDS:
        return toolca.accept(tx, lk, obj)
    if obj.kind in complaints.KINDS:
        return complaints.accept(tx, lk, obj, touched)
    if obj.kind in templates.KINDS:
        return templates.accept(tx, lk, obj)
    if obj.kind == settings_sync.KIND:
        return settings_sync.accept(tx, obj)
    return True
