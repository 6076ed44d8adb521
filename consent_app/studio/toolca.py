"""One tool CA for the whole studio, and tool registrations and revocations as signed, synced objects.

- ``tools.ca``: the founding station's CA (made at ``studio create`` if it had none; one it had keeps the
  tool certificates it issued valid) is the studio's. Its certificate travels in clear, its private key
  sealed under the studio data key (PostgreSQL never sees it in clear). Only the genesis station's is
  taken. A station that receives it adopts it (``provenance/former.py``): its own CA's key is destroyed,
  and a CA that issued tools still valid is kept as a *former* CA, certified by the studio root.
- ``tools.former_ca``: such a former CA with its cross-certificate, so every station publishes it.
- ``tools.ca_rotate``: a new generation of the studio CA made at a station revocation (``carotate.py``).
- ``tool.register`` / ``tool.revoke``: a tool certificate issued at any station (public) and its
  revocation. A registration is applied once the CA that issued it is here; a revocation once the
  certificate is. Each applied row gets the audit entry the local command gives it, naming the station.

An administrator at any approved station can therefore ``tools register`` (with the studio CA), ``list``
and ``revoke`` (any station's tools); ``studio publish`` and ``keys export`` write the one root and one CRL.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from consent_app import audit
from consent_app.provenance import ca, former
from consent_app.studio import carotate, objects, sealed
from consent_app.studio import link as link_mod
from consent_app.studio.replicate import unshared_rows

CA, FORMER, REGISTER, REVOKE = "tools.ca", "tools.former_ca", "tool.register", "tool.revoke"
KINDS = frozenset({CA, FORMER, REGISTER, REVOKE, carotate.ROTATE})


def collect(tx, lk: link_mod.Link) -> int:
    """Share the studio CA (the founder, once), this station's former CA, tools and revocations."""
    added = 0
    if (
        lk.role == "founder"
        and not tx.execute("SELECT 1 FROM studio_outbox WHERE kind = ?", (CA,)).fetchone()
    ):
        key, root = ca.ensure_ca(tx, "studio")
        seed = link_mod.seed(key)
        fp = ca.fingerprint(root)
        link_mod.append(
            tx,
            CA,
            fp,
            {
                "certificate": root.public_bytes(serialization.Encoding.PEM).decode(),
                "sealed": sealed.seal(lk.keyring, CA, fp, {"seed": objects.b64(seed)}),
            },
        )
        added += 1
    if ca.studio_ca_state(tx) != "studio":
        return added  # not adopted yet: this station's own tools wait for the studio's CA
    for fp, cert, cross, station, until in unshared_rows(
        tx,
        FORMER,
        "SELECT fingerprint, certificate, cross_certificate, station, valid_until FROM former_tool_cas f"
        " ORDER BY retired_at, fingerprint",
        "f.fingerprint",
    ):
        body = {"certificate": cert, "cross_certificate": cross, "station": station, "valid_until": until}
        link_mod.append(tx, FORMER, fp, body)
        added += 1
    anchors = _anchors(tx)
    for serial, name, cert, issued_at, issued_by, not_after in unshared_rows(
        tx,
        REGISTER,
        "SELECT serial, name, certificate, issued_at, issued_by, not_after FROM tool_certificates t"
        " ORDER BY issued_at, rowid",
        "t.serial",
    ):
        parsed = x509.load_pem_x509_certificate(cert.encode())
        if not any(former.issued_by(parsed, anchor) for anchor in anchors):
            continue  # a tool of a CA the studio does not trust (expired before the join): never applicable
        body = {"name": name, "certificate": cert, "issued_at": issued_at, "issued_by": issued_by,
                "not_after": not_after}
        link_mod.append(tx, REGISTER, serial, body)
        added += 1
    for serial, name, at, by, reason in unshared_rows(
        tx,
        REVOKE,
        "SELECT serial, name, revoked_at, revoked_by, revoked_reason FROM tool_certificates t"
        " WHERE revoked_at IS NOT NULL AND (EXISTS (SELECT 1 FROM studio_outbox r WHERE r.kind ="
        " 'tool.register' AND r.object_id = t.serial) OR EXISTS (SELECT 1 FROM studio_inbox r WHERE"
        " r.kind = 'tool.register' AND r.object_id = t.serial)) ORDER BY revoked_at, rowid",
        "t.serial",
    ):
        body = {"name": name, "revoked_at": at, "revoked_by": by, "reason": reason}
        link_mod.append(tx, REVOKE, serial, body)
        added += 1
    return added


def _genesis_station(tx, lk: link_mod.Link) -> str:
    if lk.role == "founder":
        return lk.station_id
    row = tx.execute(
        "SELECT station FROM studio_inbox WHERE kind = 'studio.genesis' AND accepted = 1"
    ).fetchone()
    return row[0] if row else ""


def _anchors(tx) -> list[x509.Certificate]:
    """Every CA whose tools the studio may have registered: the root, earlier generations, former CAs."""
    root = ca.root_certificate(tx) if ca.studio_ca_state(tx) != "pending" else None
    return ([root] if root is not None else []) + carotate.retired(tx) + [r for r, _x in former.formers(tx)]


def accept(tx, lk: link_mod.Link, obj: objects.StudioObject) -> bool:
    """Apply one verified tools object of another station; False: wait for what it needs."""
    actor = f"station:{obj.station}"
    body = obj.body
    if obj.kind == CA:
        founder = _genesis_station(tx, lk)
        if not founder or lk.data_key is None:
            return False  # the genesis (pulled in the same batch) or the data key is not here yet
        if obj.station != founder:
            return True  # only the founding station's CA is the studio's
        if carotate.superseded(tx, obj.object_id, 0):  # held, or a later generation is here already
            if not carotate.known(tx, obj.object_id):
                carotate.retire(tx, body["certificate"], 0, actor)
            return True
        opened = sealed.unseal(lk.keyring, CA, obj.object_id, body["sealed"])
        former.adopt_studio_ca(tx, objects.unb64(opened["seed"]), body["certificate"], lk.station_id, actor)
        return True
    if obj.kind == carotate.ROTATE:
        return lk.data_key is not None and carotate.accept(tx, lk.keyring, obj)
    if obj.kind == FORMER:
        root = ca.root_certificate(tx)
        if root is None or ca.studio_ca_state(tx) != "studio":
            return False  # the studio root that certified it is not here yet
        if tx.execute("SELECT 1 FROM former_tool_cas WHERE fingerprint = ?", (obj.object_id,)).fetchone():
            return True
        old = x509.load_pem_x509_certificate(body["certificate"].encode())
        cross = x509.load_pem_x509_certificate(body["cross_certificate"].encode())
        if (
            not former.issued_by(cross, root)
            or cross.subject != old.subject
            or ca.fingerprint(old) != obj.object_id
        ):
            return False  # not (yet) certified by the root this station holds
        tx.execute(
            "INSERT INTO former_tool_cas (fingerprint, certificate, cross_certificate, station, "
            "valid_until, retired_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                obj.object_id,
                body["certificate"],
                body["cross_certificate"],
                str(body["station"]),
                str(body["valid_until"]),
                obj.data["at"],
            ),
        )
        audit.append(
            tx, actor, "ca.former", "ca:root", {"fingerprint": obj.object_id, "station": obj.station}
        )
        return True
    if obj.kind == REGISTER:
        if tx.execute("SELECT 1 FROM tool_certificates WHERE serial = ?", (obj.object_id,)).fetchone():
            return True
        cert = x509.load_pem_x509_certificate(body["certificate"].encode())
        if str(cert.serial_number) != obj.object_id or not any(
            former.issued_by(cert, a) for a in _anchors(tx)
        ):
            return False  # its CA (the studio's, or a former one) has not arrived
        fp = ca.fingerprint(cert)
        tx.execute(
            "INSERT INTO tool_certificates (serial, name, certificate, fingerprint, issued_at, issued_by, "
            "not_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                obj.object_id,
                body["name"],
                body["certificate"],
                fp,
                body["issued_at"],
                body["issued_by"],
                body["not_after"],
            ),
        )
        audit.append(
            tx,
            actor,
            "tool.register",
            f"tool:{body['name']}",
            {
                "serial": obj.object_id,
                "fingerprint": fp,
                "notAfter": body["not_after"],
                "station": obj.station,
            },
        )
        return True
    if obj.kind == REVOKE:
        row = tx.execute(
            "SELECT revoked_at FROM tool_certificates WHERE serial = ?", (obj.object_id,)
        ).fetchone()
        if row is None:
            return False
        if row[0] is None:
            tx.execute(
                "UPDATE tool_certificates SET revoked_at = ?, revoked_by = ?, revoked_reason = ? "
                "WHERE serial = ?",
                (body["revoked_at"], f"{body['revoked_by']}@{actor}", body["reason"], obj.object_id),
            )
            audit.append(
                tx,
                actor,
                "tool.revoke",
                f"tool:{body['name']}",
                {"serial": obj.object_id, "reason": body["reason"], "station": obj.station},
            )
        return True
    return True
