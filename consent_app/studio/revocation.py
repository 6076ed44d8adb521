"""What a station's revocation means after the fact: the cut, the alert, and what farms are told.

``station.revoke`` names the *cut*: the newest object of the revoked station the revoker had accepted
(``after_seq``, and since 2026-11 its hash ``after_hash``). ``trust.evaluate`` keeps everything the station
signed up to the cut accepted at every station (one joining later too) and refuses the rest, whichever order
they arrive in; this module raises the alert for those refusals and builds the part of the studio's issuer
declaration that lets a farm tell a token the station issued up to the cut from one minted with its key
afterwards (``consent_app.verify.issuers``). Times are never trusted for that (a thief of the key can
backdate ``iat``): the declaration lists the SHA-256 of every token the station issued up to the cut.
"""

from __future__ import annotations

from consent_app.messages import define
from consent_app.studio import link, trust
from consent_app.studio.replicate import KEYS, TOKEN

MESSAGES = define({
    "studio.after_revocation": "{count} object(s) signed with the key of revoked station {station} after "
                               "its revocation (the revoker had seen up to #{cut}) were refused: the key may "
                               "be in someone else's hands",
})


def refused_after_cut(report: trust.TrustReport) -> dict[str, list[int]]:
    """Per revoked station, the sequence numbers refused because they come after its cut."""
    out: dict[str, list[int]] = {}
    for obj, why in report.refused:
        if why in (trust.AFTER_REVOCATION, trust.CUT_MISMATCH):
            out.setdefault(obj.station, []).append(obj.seq)
    return out


def alert(tx, report: trust.TrustReport, own: str, alerts: list[str]) -> None:
    """At a revoked station, ``studio.station_revoked`` (``link.alert_if_revoked``); elsewhere
    ``studio.after_revocation`` once per revoked station that has objects after its cut."""
    if link.alert_if_revoked(tx, report, own):  # said here, not only at the other stations
        alerts.append("studio.station_revoked")
    for station, seqs in sorted(refused_after_cut(report).items()):
        if station == own:
            continue  # its own objects after the cut: the alert above says why they are refused
        info = report.stations.get(station)
        cut = info.revoked_after if info is not None else 0
        link.raise_alert(tx, "studio.after_revocation", station=station, count=len(seqs), cut=cut)
        if "studio.after_revocation" not in alerts:
            alerts.append("studio.after_revocation")


def settle(tx, report: trust.TrustReport, own: str, alerts: list[str]) -> None:
    """After a pull: the alerts above, and a new tool CA generation when the studio's current one reached a
    station revoked since (two revocations at two stations at once: ``carotate.heal``)."""
    from consent_app.studio import carotate

    alert(tx, report, own, alerts)
    carotate.heal(tx, link.require(tx), report, link.append)


def published(conn, report: trust.TrustReport) -> list[dict]:
    """For the issuer declaration: per revoked station, its token keys and the SHA-256 (hex, of the compact
    token as issued) of every token it issued up to the cut, from the accepted ``token.row`` objects and
    the rows they replicated here."""
    from consent_app.studio.objects import unb64

    out = []
    for station, info in sorted(report.revoked().items()):
        keys = {str(o.body["kid"]): str(o.body["x"]) for o in report.accepted
                if o.station == station and o.kind == KEYS}
        if not keys:
            continue
        ids = [o.object_id for o in report.accepted if o.station == station and o.kind == TOKEN]
        hashes: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            hashes.update(digest for digest, kid in conn.execute(
                f"SELECT sha256, kid FROM tokens WHERE id IN ({marks})", chunk)  # noqa: S608 - placeholders
                if kid in keys)
        out.append({"station": station, "cut": info.revoked_after,
                    "keys": [{"kid": kid, "x": x} for kid, x in sorted(keys.items()) if len(unb64(x)) == 32],
                    "tokens": sorted(hashes)})
    return out


def refuse_if_revoked(conn, report: trust.TrustReport) -> None:
    """``studio.revoked_here`` when this station was revoked: what it would sign for farms is not trusted."""
    from consent_app.studio.db import StudioError

    own = link.require(conn).station_id
    info = report.stations.get(own)
    if info is not None and info.trusted and info.revoked:
        raise StudioError(code="studio.revoked_here", station=own, reason=info.revoked_reason)

