"""What a traced file's token is now: valid, revoked, expired or unknown (Qt-free, offline).

``offline_token_state(keys, status)`` answers from the consent assertion of the file's C2PA manifest,
the studio's status lists and the clock (``consent-trace``); the app answers from its store instead
(``consent_app.provenance.apptrace.store_token_state``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from consent_app.verify.codes import VerifyError
from consent_app.verify.timeutil import parse_time

#: ``token_state(consent_assertion, now) -> (state, details)`` with state valid|revoked|expired|unknown
TokenState = Callable[[dict, datetime], tuple[str, dict]]


def offline_token_state(keys=None, status=None) -> TokenState:
    """Token state from the consent assertion, the studio's status lists and the clock."""

    def state(consent: dict, now: datetime) -> tuple[str, dict]:
        token = consent.get("tokenId", "?")
        try:
            until = parse_time(consent.get("validUntil"))
        except (ValueError, TypeError):
            return "unknown", {"why": "no validity in the assertion"}
        if now.timestamp() > until:
            return "expired", {"at": consent.get("validUntil")}
        list_id, index = consent.get("statusListCredential"), consent.get("statusListIndex")
        if list_id is None:
            return "valid", {}
        if status is None:
            return "unknown", {"why": "no status list given (--status)"}
        studio = consent.get("studioId")
        declared = getattr(keys, "issuers", None)
        if declared is not None and studio in declared.aliases:
            studio = declared.issuer  # a token a station issued before it joined the studio
        try:
            lst = status.get(list_id, studio, now.timestamp(), 60)
            revoked = lst.status(int(index))
        except VerifyError as exc:
            return "unknown", {"why": exc.message}
        except (TypeError, ValueError):
            return "unknown", {"why": f"bad status index for {token}"}
        return ("revoked", {}) if revoked else ("valid", {})

    return state
