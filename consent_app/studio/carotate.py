"""A new generation of the studio's tool CA at every station revocation (issue 16).

Every approved station holds the studio tool CA's private key (sealed under the studio data key), so a revoked
or stolen station could go on minting tool certificates that chain to the studio root. ``studio revoke``
therefore, in the transaction that revokes the station and makes the new data key generation
(``datakeys.rekey``):

- makes a new key and root (``generation`` n+1, its name says so) and installs it here;
- retires the previous root: its private key is deleted, its certificate kept public in ``retired_tool_cas``
  (``studio_ca`` holds one key: the current one);
- shares the new root as a signed ``tools.ca_rotate`` object, its key sealed under the *new* data key
  generation only, which the revoked station never receives: it can neither open nor use the new key.

A retired root is no trust anchor anywhere any more (the farm folder's ``studio-ca.pem`` is the new root). The
tools the studio registered under it (the signed ``tool.register`` objects every station accepted: a
revoked station's only up to its cut) stay trusted one by one, by certificate fingerprint: the signed allowed
list ``tool-allowed.pem`` (``consent_app/provenance/allowed.py``). A certificate minted with the old key after
the revocation is on no list: it traces as not attributable and its receipts are refused.

Two revocations at the same time make two new roots: the highest (generation, fingerprint) is the studio's at
every station, the other is retired like any earlier root (its tools, registered by an active station, keep
their place on the allowed list).
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app import audit, clock
from consent_app.provenance import ca, former
from consent_app.studio import objects, sealed
from consent_app.studio.datakeys import REKEY
from consent_app.studio.trust import APPROVE, GENESIS

ROTATE = "tools.ca_rotate"
_PEM = serialization.Encoding.PEM


def current(conn) -> tuple[str, int] | None:
    """(fingerprint, generation) of the root in ``studio_ca``, or None."""
    row = conn.execute("SELECT certificate, generation FROM studio_ca WHERE id = 1").fetchone()
    if row is None:
        return None
    return ca.fingerprint(x509.load_pem_x509_certificate(row[0].encode())), int(row[1])


def retired(conn) -> list[x509.Certificate]:
    """Every root the studio used before its current one (public only)."""
    rows = conn.execute("SELECT certificate FROM retired_tool_cas ORDER BY generation, fingerprint")
    return [x509.load_pem_x509_certificate(pem.encode()) for (pem,) in rows]


def known(conn, fingerprint: str) -> bool:
    now = current(conn)
    return (now is not None and now[0] == fingerprint) or conn.execute(
        "SELECT 1 FROM retired_tool_cas WHERE fingerprint = ?", (fingerprint,)).fetchone() is not None


def superseded(conn, fingerprint: str, generation: int) -> bool:
    """A studio root this station must not install: known already, or older than the studio root held."""
    if known(conn, fingerprint):
        return True
    now = current(conn)
    if now is None or ca.studio_ca_state(conn) != "studio":
        return False
    # generation 0 is the founding station's one CA: only a later generation supersedes it
    return now[1] > generation or (generation > 0 and now[1] == generation and now[0] > fingerprint)


def retire(tx, certificate_pem: str, generation: int, actor: str) -> None:
    """Keep ``certificate_pem`` as a retired root (public; no key)."""
    cert = x509.load_pem_x509_certificate(certificate_pem.encode())
    tx.execute("INSERT OR IGNORE INTO retired_tool_cas (fingerprint, certificate, generation, retired_at, "
               "retired_by) VALUES (?, ?, ?, ?, ?)",
               (ca.fingerprint(cert), certificate_pem, generation, clock.iso(), actor))


def install(tx, seed: bytes, certificate_pem: str, generation: int, station: str, actor: str) -> bool:
    """Make this root (and key) the studio's here; the one held before is retired and its key deleted.
    False when the key is not the certificate's (never installed). Audited."""
    key = Ed25519PrivateKey.from_private_bytes(seed)
    cert = x509.load_pem_x509_certificate(certificate_pem.encode())
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    if key.public_key().public_bytes(*raw) != cert.public_key().public_bytes(*raw):
        return False
    held = tx.execute("SELECT certificate, generation FROM studio_ca WHERE id = 1").fetchone()
    previous = None
    if held is not None and ca.studio_ca_state(tx) == "studio":
        previous = ca.fingerprint(x509.load_pem_x509_certificate(held[0].encode()))
        retire(tx, held[0], int(held[1]), actor)
        tx.execute("DELETE FROM studio_ca")  # the previous generation's key is destroyed here
        tx.execute("INSERT INTO studio_ca (id, private_key, certificate, created_at, created_by, generation) "
                   "VALUES (1, ?, ?, ?, ?, ?)", (seed, certificate_pem, clock.iso(), actor, generation))
    else:  # not the studio's yet: this station's own CA (if any) is retired as a joined station's
        former.adopt_studio_ca(tx, seed, certificate_pem, station, actor)
        tx.execute("UPDATE studio_ca SET generation = ? WHERE id = 1", (generation,))
    audit.append(tx, actor, "ca.rotate", "ca:root",
                 {"fingerprint": ca.fingerprint(cert), "generation": generation, "previous": previous})
    return True


def rotate(tx, append, keyring: sealed.Keyring, label: str, revoked: str, station: str, actor: str) -> str:
    """At ``studio revoke``: a new root installed here and shared sealed under data key generation ``label``
    (the one just made, which ``revoked`` never gets). Returns its fingerprint."""
    if sealed.newest(keyring) != label:
        raise ValueError("the tool CA must be sealed under the data key generation made by this revocation")
    held = [g for (g,) in tx.execute("SELECT generation FROM studio_ca UNION ALL "
                                     "SELECT generation FROM retired_tool_cas")]
    generation = max(held, default=0) + 1
    key, root = ca.new_root(tx, generation)
    fp, pem = ca.fingerprint(root), root.public_bytes(_PEM).decode()
    seed = ca.raw_seed(key)
    append(tx, ROTATE, fp, {
        "certificate": pem, "generation": generation, "revoked": revoked,
        "previous": (current(tx) or ("", 0))[0],
        "sealed": sealed.seal(keyring, ROTATE, fp, {"seed": objects.b64(seed)}),
    })  # before install: studio_ca_state finds the shared object and retires the previous root
    install(tx, seed, pem, generation, station, actor)
    return fp


def accept(tx, keyring: sealed.Keyring, obj: objects.StudioObject) -> bool:
    """Another station's rotation: installed when it is the newest root, retired when a newer one is here.
    ``sealed.MissingGeneration`` (the caller waits) while this station lacks the data key generation: for
    ever at the revoked station."""
    body = obj.body
    generation = int(body["generation"])
    cert = x509.load_pem_x509_certificate(str(body["certificate"]).encode())
    if ca.fingerprint(cert) != obj.object_id:
        return True  # not the root it names: never installed
    actor = f"station:{obj.station}"
    if superseded(tx, obj.object_id, generation):
        if not known(tx, obj.object_id):
            retire(tx, body["certificate"], generation, actor)
        return True
    opened = sealed.unseal(keyring, ROTATE, obj.object_id, body["sealed"])
    install(tx, objects.unb64(opened["seed"]), body["certificate"], generation, obj.station, actor)
    return True


def _held_objects(conn, own: str, kinds: tuple[str, ...]) -> list[objects.StudioObject]:
    """This station's accepted objects of ``kinds`` (its own and the others')."""
    marks = ", ".join("?" * len(kinds))
    rows = conn.execute(f"SELECT station, seq, envelope, signature FROM studio_inbox WHERE accepted = 1 "  # noqa: S608
                        f"AND kind IN ({marks})", kinds).fetchall()
    rows += [(own, seq, env, sig) for seq, env, sig in conn.execute(
        f"SELECT seq, envelope, signature FROM studio_outbox WHERE kind IN ({marks})", kinds)]  # noqa: S608
    return [objects.parse(bytes(env), bytes(sig), station=st, seq=seq) for st, seq, env, sig in rows]


def holders(conn, own: str, label: str) -> set[str]:
    """Every station that was given data key generation ``label``: the station that made it, those it was
    sealed to, and stations approved later by a holder (approvals carry every generation)."""
    found = _held_objects(conn, own, (REKEY, APPROVE, GENESIS))
    out: set[str] = set()
    for obj in found:
        if obj.kind == REKEY and obj.object_id == label:
            out |= {obj.station, *obj.body.get("keys", {})}
        elif obj.kind == APPROVE and (label == "0" or label in (obj.body.get("data_keys") or {})):
            out.add(str(obj.body.get("station")))
        elif obj.kind == GENESIS and label == "0":
            out.add(obj.station)
    return out


def tainted(conn, own: str, revoked: set[str]) -> bool:
    """The current root's key reached a station revoked since: two revocations made at two stations before
    either saw the other's each share their new generation with the station the other revoked."""
    now = current(conn)
    if not revoked or now is None or ca.studio_ca_state(conn) != "studio":
        return False
    shared = [o for o in _held_objects(conn, own, (ROTATE, "tools.ca")) if o.object_id == now[0]]
    if not shared:
        return False
    label = sealed.split(str(shared[0].body["sealed"]))[0]
    return bool(holders(conn, own, label) & revoked)


def heal(tx, lk, report, append) -> str | None:
    """At an active station, when the studio root is tainted (``tainted``): a new data key generation and a
    new tool CA generation, for the active stations only (as ``studio revoke`` makes them). Audited."""
    from consent_app.studio import datakeys

    revoked = set(report.revoked())
    if lk.station_id not in report.active_keys() or lk.data_key is None:
        return None
    if not tainted(tx, lk.station_id, revoked):
        return None
    label = datakeys.rekey(tx, append, report, lk.keyring, "", lk.station_id)
    fp = rotate(tx, append, datakeys.load(tx, lk.data_key), label, "", lk.station_id, "studio")
    audit.append(tx, "studio", "ca.rotate_tainted", "ca:root",
                 {"fingerprint": fp, "data_key": label, "revoked": sorted(revoked)})
    return fp
