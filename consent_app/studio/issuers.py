"""The studio's issuer declaration: its issuer id, and each joined station's former issuer id bound to that
station's token keys (read by ``consent_app.verify.issuers``).

A station that joined keeps the tokens it issued before, under the issuer id its store had then (its
``station.request`` names it: ``local_studio``, signed by the station's key and approved by the studio's
administrators). The declaration is computed from those trusted objects alone and signed with the
publishing station's active token key, as a member of the studio's JWKS: a farm with the studio's publish
folder accepts those tokens, and their status lists are the studio's.
"""

from __future__ import annotations

import time

from consent_app.studio import link as link_mod


def declaration(conn, report) -> dict | None:
    """``{"issuer", "aliases": [{"id", "station", "kids"}]}`` for an approved station; None otherwise."""
    lk = link_mod.get(conn)
    if lk is None or lk.data_key is None:
        return None
    kids: dict[str, set[str]] = {}
    former: dict[str, str] = {}
    for obj in report.accepted:
        if obj.kind == "station.keys":
            kids.setdefault(obj.station, set()).add(str(obj.body["kid"]))
        elif obj.kind == "station.request" and isinstance(obj.body.get("local_studio"), str):
            former[obj.station] = obj.body["local_studio"]
    own = {kid for (kid,) in conn.execute("SELECT kid FROM signing_keys WHERE length(private_key) > 0")}
    kids.setdefault(lk.station_id, set()).update(own)
    trusted = report.trusted_keys()
    aliases = [{"id": f"urn:uuid:{old}", "station": station, "kids": sorted(kids.get(station, ()))}
               for station, old in sorted(former.items())
               if station in trusted and old != lk.studio_id and kids.get(station)]
    from consent_app.studio import revocation

    out: dict = {"issuer": f"urn:uuid:{lk.studio_id}", "aliases": aliases}
    revoked = revocation.published(conn, report)
    if revoked:  # revoked stations' keys, usable only for the tokens listed (issued up to the cut)
        out["revoked"] = revoked
    return out


def signed_declaration(conn, report) -> str | None:
    """The declaration as a compact JWS signed with this station's active token key (in the JWKS)."""
    from consent_app.crypto import keys as signing
    from consent_app.tokens.signing import sign_compact
    from consent_app.verify.issuers import TYP

    body = declaration(conn, report)
    if body is None:
        return None
    key = signing.active_key(conn)
    return sign_compact({**body, "iat": int(time.time())}, key.private, key.kid, typ=TYP)
