"""What every station of the studio has published: a floor no publish of the studio goes below.

Each ``studio publish`` shares a signed ``status.published`` object (the sequence it gave its lists and the
revoked indices of each list). Before signing lists, a station takes the floor of every such object it
accepted (its own and other stations'): its sequence is above the highest one published anywhere, and every
bit any station published as revoked stays revoked, even when this station's own computation does not show
it (a revocation event held back here, a store rolled back): fail closed. Issue 11's rules then hold across
stations, not only within one station's audit trail.
"""

from __future__ import annotations

from consent_app.studio import link

KIND = "status.published"


def floor(report) -> tuple[int, dict[str, set[int]]]:
    """(highest sequence, revoked indices by list) of every ``status.published`` object trusted here."""
    sequence, bits = 0, {}
    for obj in report.accepted:
        if obj.kind != KIND:
            continue
        body = obj.body
        if isinstance(body.get("sequence"), int):
            sequence = max(sequence, body["sequence"])
        for list_id, indices in (body.get("published") or {}).items():
            if isinstance(list_id, str) and isinstance(indices, list):
                bits.setdefault(list_id, set()).update(i for i in indices if isinstance(i, int) and i >= 0)
    return sequence, bits


def share(tx) -> None:
    """Append this station's newest publication (from its ``status.export`` audit entry) to the outbox."""
    from consent_app.tokens.statuslists import last_publication

    sequence, published = last_publication(tx)
    if sequence:
        link.append(tx, KIND, str(sequence), {"sequence": sequence, "published": published})


def linked_floor(tx) -> tuple[int, dict[str, set[int]]] | None:
    """The floor at an approved studio station (None elsewhere), for exports other than ``studio publish``
    (the status list duty, ``status export``): they sign the same lists."""
    from consent_app.studio import freshness, sync

    if not freshness.linked(tx) or link.require(tx).data_key is None:
        return None
    return floor(sync.evaluate_local(tx))


def export_lists(tx, actor: str, hours, *, now=None) -> list[str]:
    """Sign the status lists for an export other than ``studio publish`` (the status list duty, ``status
    export``): at an approved studio station never below what another station published, and this
    publication shared with the others."""
    from consent_app.tokens import export_status_lists

    shared = linked_floor(tx)
    lists = export_status_lists(tx, actor, hours, now=now, floor=shared)
    if shared is not None:
        share(tx)
    return lists
