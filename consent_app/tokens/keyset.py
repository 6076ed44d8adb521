"""The studio's public keys as a JWKS: every key a still-valid token may be signed with."""

from __future__ import annotations

from datetime import datetime, timedelta

from consent_app import clock
from consent_app.crypto import keys as signing
from consent_app.tokens.signing import jwks


def exported_keys(conn, now: datetime | None = None) -> list[signing.PublicKeyInfo]:
    """The active key, every retired key that signed a token not yet expired, and keys retired
    so recently that a status list they signed may still be in use."""
    from consent_app.tokens.statuslists import validity_hours

    now = now or clock.now()
    now_iso = clock.iso(now)
    recent = clock.iso(now - timedelta(hours=validity_hours(conn)))
    still_needed = {
        kid for (kid,) in conn.execute("SELECT DISTINCT kid FROM tokens WHERE valid_until > ?", (now_iso,))
    }
    return [
        info
        for info in signing.all_public_keys(conn)
        if info.retired_at is None or info.kid in still_needed or info.retired_at > recent
    ]


def export_jwks(conn, now: datetime | None = None) -> dict:
    return jwks([(info.kid, info.public) for info in exported_keys(conn, now)])
