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
