"""A station's side of the studio: its key, its link to the shared database, and its outbox.

``create`` turns a single-station store into the studio's founding station (the studio keeps the
store's studio id, so its consents, tokens and audit history come along); ``join`` makes a new station
that asks to be approved; ``approve`` and ``revoke`` are administrators' decisions at a trusted
station. Every decision is a signed object appended to the outbox in the same transaction as its
audit entry; ``sync`` carries it to the shared database.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app import audit, clock
from consent_app.messages import define
from consent_app.store import meta
from consent_app.studio import objects, trust
from consent_app.studio.db import StudioError

MESSAGES = define({
    "studio.not_linked": "this station is not part of a studio: run `consent-app studio create DSN` "
                         "(founding station) or `studio join DSN`",
    "studio.already_linked": "this station already belongs to studio {studio}",
    "studio.fingerprint_mismatch": "station {station} does not have key fingerprint {given}: do not "
                                   "approve it (a key may have been swapped); read the fingerprint "
                                   "on the new station's own screen again",
    "studio.unknown_station": "no station {station} has asked to join this studio",
    "studio.already_approved": "administrator {admin} has already approved station {station}",
    "studio.station_revoked": "this station was revoked by the studio after its object #{after} ({reason}): "
                              "every station refuses what it signed since; ask a studio administrator",
    "studio.not_trusted_here": "this station is not approved yet: an administrator at an approved "
                               "station must run `consent-app studio approve {station} --fingerprint FP`",
    "studio.revoked_here": "this station ({station}) was revoked ({reason}): it approves, revokes and "
                           "publishes nothing, and nothing it signs from now on is accepted",
})


def _require_active(tx, report: trust.TrustReport) -> Link:
    """This station's link when it may sign trust objects: approved, holding the data key, not revoked."""
    link = require(tx)
    info = report.stations.get(link.station_id)
    if info is not None and info.trusted and info.revoked:
        raise StudioError(code="studio.revoked_here", station=link.station_id, reason=info.revoked_reason)
    if link.station_id not in report.active_keys() or link.data_key is None:
        raise StudioError(code="studio.not_trusted_here", station=link.station_id)
    return link


@dataclass(frozen=True)
class Link:
    studio_id: str
    studio_name: str
    genesis_hash: str | None
    station_id: str
    station_name: str
    key: Ed25519PrivateKey
    data_key: bytes | None
    dsn: str
    role: str
    keyring: dict[str, bytes] = field(default_factory=dict)  # data key generations held (datakeys.py)

    @property
    def public(self) -> bytes:
        return objects.public_raw(self.key)

    @property
    def fingerprint(self) -> str:
        return objects.fingerprint(self.public)


def get(conn) -> Link | None:
    row = conn.execute(
        "SELECT studio_id, studio_name, genesis_hash, station_id, station_name, station_key, data_key, "
        "dsn, dsn_password, role FROM studio_link WHERE id = 1").fetchone()
    if row is None:
        return None
    from consent_app.studio import datakeys

    dsn = row[7] if not row[8] else _with_password(row[7], row[8])
    first = bytes(row[6]) if row[6] is not None else None
    return Link(row[0], row[1], row[2], row[3], row[4], Ed25519PrivateKey.from_private_bytes(bytes(row[5])),
                first, dsn, row[9], datakeys.load(conn, first))


def require(conn) -> Link:
    link = get(conn)
    if link is None:
        raise StudioError(code="studio.not_linked")
    return link


def _with_password(dsn: str, password: str) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(dsn, password=password)


def split_password(dsn: str) -> tuple[str, str | None]:
    """The DSN without its password (to show and store), and the password (kept encrypted)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parts = conninfo_to_dict(dsn)
    password = parts.pop("password", None)
    return make_conninfo("", **parts), (str(password) if password is not None else None)


def seed(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())


def _insert_link(tx, *, studio_id: str, studio_name: str, station_name: str, key: Ed25519PrivateKey,
                 dsn: str, role: str, data_key: bytes | None) -> str:
    if get(tx) is not None:
        raise StudioError(code="studio.already_linked", studio=get(tx).studio_id)
    plain, password = split_password(dsn)
    station_id = str(uuid.uuid4())
    tx.execute(
        "INSERT INTO studio_link (id, studio_id, studio_name, station_id, station_name, station_key, "
        "data_key, dsn, dsn_password, role, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (studio_id, studio_name, station_id, station_name, seed(key), data_key, plain, password, role,
         clock.iso()))
    tx.execute("INSERT OR IGNORE INTO studio_sync (id, cursor) VALUES (1, 0)")
    return station_id


def append(tx, kind: str, object_id: str, body: dict) -> objects.StudioObject:
    """Sign ``body`` as this station's next object and append it to the outbox (same transaction)."""
    link = require(tx)
    row = tx.execute("SELECT seq, hash FROM studio_outbox ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, "")
    obj = objects.make(link.key, studio=link.studio_id, station=link.station_id, seq=seq, prev=prev,
                       kind=kind, object_id=object_id, at=clock.iso(), body=body)
    tx.execute(
        "INSERT INTO studio_outbox (seq, kind, object_id, hash, envelope, signature, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, kind, object_id, obj.hash, obj.envelope, obj.signature, clock.iso()))
    return obj


def create(store, dsn: str, actor: str, station_name: str) -> Link:
    """Make this store the founding station of a new studio (the local half; sync pushes it)."""
    import secrets

    with store.transaction() as tx:
        studio = meta.studio(tx)
        admins = tx.execute("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1").fetchone()[0]
        key = Ed25519PrivateKey.generate()
        station_id = _insert_link(tx, studio_id=studio.id, studio_name=studio.name, station_name=station_name,
                                  key=key, dsn=dsn, role="founder", data_key=secrets.token_bytes(32))
        genesis = append(tx, trust.GENESIS, studio.id, {
            "studio_name": studio.name, "station_name": station_name,
            "station_key": objects.b64(objects.public_raw(key)),
            "approvals_required": 2 if admins > 1 else 1, "founded_by": actor,
        })
        tx.execute("UPDATE studio_link SET genesis_hash = ? WHERE id = 1", (genesis.hash,))
        from consent_app.provenance import ca

        ca.ensure_ca(tx, actor)  # its tool CA (made now if it had none) becomes the studio's (toolca.py)
        audit.append(tx, actor, "studio.create", f"studio:{studio.id}",
                     {"station": station_id, "genesis": genesis.hash,
                      "fingerprint": objects.fingerprint(objects.public_raw(key))})
    with store.read() as conn:
        return require(conn)


def join(store, dsn: str, studio_id: str, studio_name: str, genesis_hash: str, actor: str,
         station_name: str) -> Link:
    """Ask to join the studio whose genesis is ``genesis_hash``: a self-signed request in the outbox."""
    with store.transaction() as tx:
        key = Ed25519PrivateKey.generate()
        station_id = _insert_link(tx, studio_id=studio_id, studio_name=studio_name, station_name=station_name,
                                  key=key, dsn=dsn, role="member", data_key=None)
        tx.execute("UPDATE studio_link SET genesis_hash = ? WHERE id = 1", (genesis_hash,))
        append(tx, trust.REQUEST, station_id, {
            "station_name": station_name, "station_key": objects.b64(objects.public_raw(key)),
            "local_studio": meta.studio(tx).id,
        })
        audit.append(tx, actor, "studio.join", f"studio:{studio_id}",
                     {"station": station_id, "fingerprint": objects.fingerprint(objects.public_raw(key))})
    with store.read() as conn:
        return require(conn)


def approve(store, report: trust.TrustReport, station: str, fingerprint: str,
            admin: str) -> objects.StudioObject:
    """An administrator's approval of ``station`` after comparing its key fingerprint out of band."""
    from consent_app.studio import datakeys, sealed

    target = report.stations.get(station)
    if target is None:
        raise StudioError(code="studio.unknown_station", station=station)
    given = objects.normalise_fingerprint(fingerprint)
    if given != target.fingerprint:  # never shown here: copying it from this message defeats the comparison
        raise StudioError(code="studio.fingerprint_mismatch", station=station, given=given)
    if admin in target.approved_by:
        raise StudioError(code="studio.already_approved", admin=admin, station=station)
    with store.transaction() as tx:
        link = _require_active(tx, report)
        obj = append(tx, trust.APPROVE, f"{station}:{admin}", {
            "station": station, "fingerprint": target.fingerprint, "admin": admin,
            "data_key": sealed.seal_to_station(link.data_key, target.key),
            "data_keys": datakeys.sealed_for(link.keyring, target.key),  # later generations (rekeys)
        })
        audit.append(tx, admin, "studio.approve", f"station:{station}",
                     {"fingerprint": target.fingerprint})
    return obj


def revoke(store, report: trust.TrustReport, station: str, reason: str, admin: str) -> objects.StudioObject:
    target = report.stations.get(station)
    if target is None:
        raise StudioError(code="studio.unknown_station", station=station)
    # the cut: the newest object of the station this station accepted (a whole, verified chain 1..n)
    last = max((o for o in report.accepted if o.station == station), key=lambda o: o.seq, default=None)
    seen, seen_hash = (last.seq, last.hash) if last is not None else (0, "")
    from consent_app.studio import carotate, datakeys

    with store.transaction() as tx:
        lk = _require_active(tx, report)
        obj = append(tx, trust.REVOKE, f"{station}:revoke", {
            "station": station, "after_seq": int(seen), "after_hash": seen_hash, "reason": reason,
            "admin": admin})
        # a new data key generation the revoked station never receives (what is sealed from now on)
        label = datakeys.rekey(tx, append, report, lk.keyring, station, lk.station_id)
        # a new tool CA generation, sealed under that data key generation only (carotate.py)
        tool_ca = carotate.rotate(tx, append, require(tx).keyring, label, station, lk.station_id, admin)
        audit.append(tx, admin, "studio.revoke", f"station:{station}",
                     {"reason": reason, "after_seq": seen, "after_hash": seen_hash, "data_key": label,
                      "tool_ca": tool_ca})
    return obj


def alerts(conn, *, open_only: bool = True) -> list[dict]:
    sql = "SELECT id, at, code, params, resolved_at, resolution FROM studio_alerts"
    if open_only:
        sql += " WHERE resolved_at IS NULL"
    return [{"id": r[0], "at": r[1], "code": r[2], "params": json.loads(r[3]), "resolved_at": r[4],
             "resolution": r[5]} for r in conn.execute(sql + " ORDER BY id")]


def raise_alert(tx, code: str, **params: object) -> None:
    known = tx.execute("SELECT 1 FROM studio_alerts WHERE code = ? AND params = ? AND resolved_at IS NULL",
                       (code, json.dumps(params, sort_keys=True))).fetchone()
    if not known:
        tx.execute("INSERT INTO studio_alerts (at, code, params) VALUES (?, ?, ?)",
                   (clock.iso(), code, json.dumps(params, sort_keys=True)))


def alert_if_revoked(tx, report: trust.TrustReport, station_id: str) -> bool:
    """Raise (once) the alert that this station was revoked; True when it is."""
    me = report.stations.get(station_id)
    if me is None or me.revoked_after is None:
        return False
    raise_alert(tx, "studio.station_revoked", after=me.revoked_after, reason=me.revoked_reason)
    return True
