"""`studio publish DIR`: one folder a render farm syncs — the studio's keys (with its signed issuer
declaration), every station's status list, and the studio's one tool CA with every station's revocations.

Any station can publish for all: after a sync its store holds every station's tokens and signed events
(``replicate``), so the one state computation marks a token revoked wherever the withdrawal or revocation
was recorded, even when the station that issued it is off. The lists keep issue 11's rules (a sequence
that only grows, revoked bits never cleared, the signed audit head they were built from), so a farm that
keeps verifier state (``consent-verify --state``) cannot be rolled back by a stale or stolen station.
"""

from __future__ import annotations

import json
from pathlib import Path

from consent_app.files import check_private_folder
from consent_app.messages import define
from consent_app.studio import link, objects, trust

MESSAGES = define({
    "studio.publish_no_folder": "cannot publish into {path}: no such folder (create it first; nothing was "
                                "written)",
})

JWKS_FILE = "studio.jwks"
STATUS_FILE = "status.jwt"


def studio_jwks(conn, report: trust.TrustReport | None = None) -> dict:
    """Every token-signing key of every trusted station (the studio's one JWKS); ``report``: the trust
    evaluation the caller already made over this store (made here when not given)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from consent_app.studio import revocation, sync
    from consent_app.tokens.signing import public_jwk

    if report is None:
        report = sync.evaluate_local(conn)
        revocation.refuse_if_revoked(conn, report)  # its keys are no longer the studio's to publish
    active = set(report.active_keys())
    keys: dict[str, bytes] = {}
    for obj in report.accepted:  # a revoked station's keys go only in the declaration, with its tokens
        if obj.kind == "station.keys" and obj.station in active:
            keys[obj.body["kid"]] = objects.unb64(obj.body["x"])
    for kid, public in conn.execute("SELECT kid, public_key FROM signing_keys WHERE length(private_key) > 0"):
        keys[kid] = bytes(public)  # this station's own keys, even before its first push
    out: dict = {"keys": [public_jwk(kid, Ed25519PublicKey.from_public_bytes(raw))
                          for kid, raw in sorted(keys.items())]}
    from consent_app.studio import issuers
    from consent_app.verify.issuers import MEMBER

    declared = issuers.signed_declaration(conn, report)
    if declared is not None:  # the studio's issuer id and its stations' former ones, signed
        out[MEMBER] = declared
    return out


def jwks_for_farms(conn) -> dict:
    """What ``keys export`` (and Settings › Signing keys) writes: at an approved station of a studio the
    studio's JWKS with its issuer declaration, otherwise the station's own keys."""
    lk = link.get(conn)
    if lk is not None and lk.data_key is not None:
        return studio_jwks(conn)
    from consent_app.tokens import export_jwks

    return export_jwks(conn)


def publish(store, folder: Path, actor: str, *, allow_stale: bool = False) -> dict[str, object]:
    """Sync, then write the folder; refused with nothing written when the sync fails or the last pull is
    older than the freshness limit, unless ``allow_stale`` (the manifest then says so)."""
    from consent_app.errors import InputError
    from consent_app.provenance import former
    from consent_app.store.atomic import atomic_write_bytes
    from consent_app.studio import freshness, published, revocation, sync
    from consent_app.studio.db import StudioError
    from consent_app.tokens import export_status_lists

    folder = Path(folder)
    if not folder.is_dir():  # exit 2, like every missing output folder
        raise InputError(code="studio.publish_no_folder", path=str(folder))
    check_private_folder(folder)
    fresh = freshness.ensure_fresh(store, allow_stale=allow_stale)  # before anything is signed or written
    with store.transaction() as tx:
        lk = link.require(tx)
        if lk.data_key is None:  # not approved yet: its own keys alone would replace the studio's for farms
            raise StudioError(code="studio.not_trusted_here", station=lk.station_id)
        report = sync.evaluate_local(tx)
        revocation.refuse_if_revoked(tx, report)  # before any list is signed
        # never below what any station of the studio published: its sequence, its revoked bits
        lists = export_status_lists(tx, actor, floor=published.floor(report))
        published.share(tx)  # … and what this publish adds to that floor, for the others
        jwks = studio_jwks(tx, report)  # the same evaluation: trust over every held object is not cheap
        tool_files = former.trust_files(tx)
    store.write_anchor()
    # public material for farms that read it as another user: world-readable, as `keys export` writes it
    atomic_write_bytes(folder / JWKS_FILE, (json.dumps(jwks, indent=2) + "\n").encode(), mode=0o644)
    atomic_write_bytes(folder / STATUS_FILE, ("\n".join(lists) + "\n").encode("ascii"), mode=0o644)
    written = [JWKS_FILE, STATUS_FILE]
    if fresh is not None:  # how fresh the view of the studio was that these lists were built from
        atomic_write_bytes(folder / freshness.MANIFEST_FILE,
                           (json.dumps(fresh.manifest(), indent=2) + "\n").encode(), mode=0o644)
        written.append(freshness.MANIFEST_FILE)
    for name, data in tool_files.items():  # the one studio CA root, one CRL, tools, retired CAs
        atomic_write_bytes(folder / name, data, mode=0o644)
        written.append(name)
    return {"folder": str(folder), "files": written, "lists": len(lists), "keys": len(jwks["keys"]),
            "stale": bool(fresh and fresh.stale), "last_pull_at": fresh.last_pull_at if fresh else None}
