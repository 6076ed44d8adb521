"""What a busy station does besides recording consents: issue a token, and revoke about half of them."""

from __future__ import annotations

import random


def issue_and_maybe_revoke(store, consent_id: str, rng: random.Random) -> str:
    from consent_app.consent.records import grant
    from consent_app.tokens import issue, revoke_token

    with store.transaction() as tx:
        issued = issue(tx, grant(tx, consent_id), actor="op")
        if rng.random() < 0.5:
            revoke_token(tx, issued.token_id, "op", "test churn")
    return issued.token_id


def withdraw_someone(store, rng: random.Random) -> None:
    """Withdraw one category of a consent this station knows (often one recorded at another station)."""
    from consent_app.consent import records

    with store.transaction() as tx:
        ids = [r[0] for r in tx.execute("SELECT id FROM consents WHERE state != 'withdrawn' ORDER BY id")]
        if not ids:
            return
        consent_id = rng.choice(ids)
        remaining = records.get_verified(tx, consent_id).remaining_categories
        if remaining:
            records.withdraw(tx, consent_id, categories=[rng.choice(remaining)], reason="fleet churn",
                             staff="admin")


def states(conn) -> dict[str, list]:
    """Every consent's state as this station computes it: (state, withdrawn, revoked token ids)."""
    from consent_app.consent import records

    out = {}
    for (consent_id,) in conn.execute("SELECT id FROM consents"):
        consent = records.get_verified(conn, consent_id)
        out[consent_id] = [consent.state, sorted(consent.withdrawn_categories),
                           sorted(t.id for t in consent.tokens if t.state == "revoked")]
    return out


def published_revocations(store, folder) -> dict[str, list[int]]:
    """Publish for the studio, then read back the revoked bits of every list."""
    from studiohelpers import revoked_bits

    from consent_app.studio import publish

    folder.mkdir(mode=0o700, exist_ok=True)
    publish.publish(store, folder, "admin")
    return revoked_bits((folder / publish.STATUS_FILE).read_text())
