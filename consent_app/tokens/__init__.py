"""Consent tokens: issuing from a consent, revocation status lists, public key export.

The verifier a generation tool runs lives in :mod:`consent_app.verify` and needs none of this.
"""

from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.issue import BINDINGS, IssuedToken, issue
from consent_app.tokens.keyset import export_jwks
from consent_app.tokens.revocation import (
    revoke_bound,
    revoke_for_consent,
    revoke_token,
    revoke_tokens,
    tokens_carrying,
)
from consent_app.tokens.statuslists import export_status_lists

__all__ = [
    "BINDINGS",
    "ConsentGrant",
    "IssuedToken",
    "export_jwks",
    "export_status_lists",
    "issue",
    "revoke_bound",
    "revoke_for_consent",
    "revoke_token",
    "revoke_tokens",
    "tokens_carrying",
]
