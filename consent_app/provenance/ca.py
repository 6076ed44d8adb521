"""The studio as a small certificate authority for its generation tools.

C2PA manifests must be signed with an X.509 certificate. The studio keeps one self-signed Ed25519
root inside the encrypted store (like its token signing keys) and issues each generation tool a
leaf certificate: Ed25519, KeyUsage digitalSignature (critical), ExtendedKeyUsage emailProtection
(what C2PA asks of a signing certificate), Subject and Authority Key Identifiers. The tool's
private key is handed to the tool once and never kept. Revoked tools are listed in a CRL signed
by the root, exported with the keys.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from consent_app import audit, clock
from consent_app.errors import InputError, PolicyError
from consent_app.messages import define
from consent_app.store import meta

MESSAGES = define(
    {
        "tools.bad_name": "tool name {name!r} must be 1-64 letters, digits, '.', '_' or '-'",
        "tools.exists": "a tool named {name} is already registered (revoke it first)",
        "tools.unknown": "no registered, unrevoked tool named {name}",
        "tools.no_ca": "this studio has no tool CA yet (register a tool first)",
        "tools.studio_ca_pending": "this station has not received the studio's tool CA yet: sync with the "
        "studio first (consent-app sync); tools are registered with the one CA of the studio",
        "studio.bad_code": "the studio code must be 1-32 printable ASCII characters without spaces",
        "tools.station_revoked": "this station was revoked by the studio: it registers no tools (the other "
        "stations refuse them)",
    }
)

CODE_SETTING = "studio.code"
_CODE = re.compile(r"^[\x21-\x7e]{1,32}$")


def studio_code(conn) -> str:
    """The studio's ContentProducer code for GB 45438 labels (printable ASCII; setting studio.code)."""
    from consent_app import settings

    code = settings.get(conn, CODE_SETTING)
    if code:
        return str(code)
    studio = meta.issuing_studio(conn)  # a station of a multi-station studio: the studio's name
    derived = re.sub(r"[^A-Za-z0-9]+", "-", studio.name).strip("-").upper()[:24]
    return derived or f"STUDIO-{studio.id[:8]}"


def set_studio_code(tx, code: str, actor: str) -> str:
    from consent_app import settings

    if not isinstance(code, str) or not _CODE.match(code):
        raise InputError(code="studio.bad_code")
    settings.put(tx, CODE_SETTING, code, actor)
    return code


ROOT_YEARS = 10
TOOL_DAYS = 365
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_PEM = serialization.Encoding.PEM


@dataclass(frozen=True)
class ToolCertificate:
    serial: str
    name: str
    certificate_pem: str
    fingerprint: str
    issued_at: str
    issued_by: str
    not_after: str
    revoked_at: str | None
    revoked_reason: str | None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "serial": self.serial,
            "fingerprint": self.fingerprint,
            "issuedAt": self.issued_at,
            "issuedBy": self.issued_by,
            "notAfter": self.not_after,
            "revokedAt": self.revoked_at,
            "revokedReason": self.revoked_reason,
        }


@dataclass(frozen=True)
class IssuedTool:
    certificate: ToolCertificate
    private_key_pem: bytes  # for the tool only: written to its folder, never stored
    chain_pem: bytes  # leaf + root


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _studio_name(conn) -> x509.Name:
    studio = meta.studio(conn)
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{studio.label} tool CA"[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, studio.label[:64] or "consent_app studio"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"urn:uuid:{studio.id}"[:64]),
        ]
    )


def _load(conn) -> tuple[Ed25519PrivateKey, x509.Certificate] | None:
    row = conn.execute("SELECT private_key, certificate FROM studio_ca WHERE id = 1").fetchone()
    if row is None:
        return None
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0])), x509.load_pem_x509_certificate(
        row[1].encode()
    )


def signing_root(conn) -> tuple[Ed25519PrivateKey, x509.Certificate] | None:
    """The current root with its key (what signs the CRL and the allowed list), or None."""
    return _load(conn)


def root_certificate(conn) -> x509.Certificate | None:
    loaded = _load(conn)
    return loaded[1] if loaded else None


def root_pem(conn) -> bytes | None:
    root = root_certificate(conn)
    return root.public_bytes(_PEM) if root else None


def ensure_ca(tx, actor: str) -> tuple[Ed25519PrivateKey, x509.Certificate]:
    """The studio's root, made (and audited) the first time it is needed."""
    loaded = _load(tx)
    if loaded is not None:
        return loaded
    key, cert = new_root(tx)
    tx.execute(
        "INSERT INTO studio_ca (id, private_key, certificate, created_at, created_by) VALUES (1, ?, ?, ?, ?)",
        (raw_seed(key), cert.public_bytes(_PEM).decode(), clock.iso(), actor),
    )
    audit.append(tx, actor, "ca.create", "ca:root", {"fingerprint": fingerprint(cert)})
    return key, cert


def raw_seed(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def new_root(conn, generation: int = 0) -> tuple[Ed25519PrivateKey, x509.Certificate]:
    """A fresh key and self-signed root (Ed25519, CA, path length 0); a later generation's name says which
    (``carotate.py``), so its tools never name the issuer of an earlier root."""
    key = Ed25519PrivateKey.generate()
    now = clock.now()
    name = _studio_name(conn)
    if generation:
        cn = name.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{str(cn)[:56]} gen {generation}"),
                          *(a for a in name if a.oid != NameOID.COMMON_NAME)])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=365 * ROOT_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, None)
    )
    return key, cert


def _row(r) -> ToolCertificate:
    return ToolCertificate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])


_COLUMNS = (
    "serial, name, certificate, fingerprint, issued_at, issued_by, not_after, revoked_at, revoked_reason"
)


def register(tx, name: str, actor: str, days: int = TOOL_DAYS) -> IssuedTool:
    """Issue a certificate and a fresh key for a generation tool (audited); the key is not kept."""
    if not _NAME.match(name):
        raise InputError(code="tools.bad_name", name=name)
    if tx.execute(
        "SELECT 1 FROM tool_certificates WHERE name = ? AND revoked_at IS NULL", (name,)
    ).fetchone():
        raise PolicyError(code="tools.exists", name=name)
    state = studio_ca_state(tx)
    if state == "pending":
        raise PolicyError(code="tools.studio_ca_pending")
    if state == "studio" and tx.execute("SELECT 1 FROM studio_alerts WHERE code = 'studio.station_revoked' "
                                        "AND resolved_at IS NULL").fetchone():  # raised by its sync
        raise PolicyError(code="tools.station_revoked")
    ca_key, root = ensure_ca(tx, actor)
    key = Ed25519PrivateKey.generate()
    now = clock.now()
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            *root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME),
            *root.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, studio_code(tx)),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(now + timedelta(days=days), root.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski), critical=False
        )
        .sign(ca_key, None)
    )
    pem = cert.public_bytes(_PEM).decode()
    record = ToolCertificate(
        str(cert.serial_number), name, pem, fingerprint(cert), clock.iso(now), actor,
        clock.iso(cert.not_valid_after_utc), None, None,
    )  # fmt: skip
    tx.execute(
        "INSERT INTO tool_certificates"
        " (serial, name, certificate, fingerprint, issued_at, issued_by, not_after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (record.serial, name, pem, record.fingerprint, record.issued_at, actor, record.not_after),
    )
    audit.append(
        tx,
        actor,
        "tool.register",
        f"tool:{name}",
        {"serial": record.serial, "fingerprint": record.fingerprint, "notAfter": record.not_after},
    )
    key_pem = key.private_bytes(_PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return IssuedTool(record, key_pem, pem.encode() + root.public_bytes(_PEM))


def list_tools(conn) -> list[ToolCertificate]:
    return [
        _row(r)
        for r in conn.execute(f"SELECT {_COLUMNS} FROM tool_certificates ORDER BY issued_at, rowid")  # noqa: S608
    ]


def revoke(tx, name: str, actor: str, reason: str) -> ToolCertificate:
    """Revoke every live certificate named ``name`` (two stations of a studio may have registered the same
    name concurrently); audited, one entry per certificate. Returns the first."""
    rows = tx.execute(
        f"SELECT {_COLUMNS} FROM tool_certificates WHERE name = ? AND revoked_at IS NULL ORDER BY issued_at",  # noqa: S608
        (name,),
    ).fetchall()
    if not rows:
        raise InputError(code="tools.unknown", name=name)
    now = clock.iso()
    for row in rows:
        tx.execute(
            "UPDATE tool_certificates SET revoked_at = ?, revoked_by = ?, revoked_reason = ?"
            " WHERE serial = ?",
            (now, actor, reason, row[0]),
        )
        audit.append(tx, actor, "tool.revoke", f"tool:{name}", {"serial": row[0], "reason": reason})
    return _row((*rows[0][:7], now, reason))


def studio_ca_state(conn) -> str:
    """``single`` (a station of its own: its CA), ``studio`` (this CA is the studio's: shared as a
    ``tools.ca`` object) or ``pending`` (a station of a studio that has not received the studio's CA)."""
    linked = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'studio_link'").fetchone()
    if not linked or conn.execute("SELECT 1 FROM studio_link WHERE id = 1").fetchone() is None:
        return "single"
    row = conn.execute("SELECT certificate, created_by FROM studio_ca WHERE id = 1").fetchone()
    if row is None:
        return "pending"
    if row[1].startswith("station:"):  # adopted from the founding station (no username has a colon)
        return "studio"
    fp = fingerprint(x509.load_pem_x509_certificate(row[0].encode()))
    shared = conn.execute(
        "SELECT 1 FROM studio_outbox WHERE kind IN ('tools.ca', 'tools.ca_rotate') AND object_id = ?", (fp,)
    ).fetchone()
    return "studio" if shared else "pending"  # the founder's once shared, or a rotation made here


def revocation_list(conn, now: datetime | None = None, days: int = 7) -> bytes | None:
    """The CRL of revoked tool certificates (PEM), signed by the root; None without a CA. In a studio it
    lists every station's revocations, including tools of a joined station's former CA (an indirect CRL:
    each entry names its issuer, RFC 5280 §5.3.3)."""
    loaded = _load(conn)
    if loaded is None:
        return None
    ca_key, root = loaded
    now = now or clock.now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + timedelta(days=days))
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
            ),
            critical=False,
        )
    )
    rows = conn.execute(
        "SELECT serial, revoked_at, certificate FROM tool_certificates WHERE revoked_at IS NOT NULL"
    ).fetchall()
    issuers = [x509.load_pem_x509_certificate(pem.encode()).issuer for _s, _r, pem in rows]
    indirect = any(issuer != root.subject for issuer in issuers)
    if indirect:  # tools of a joined station's former CA: one list, each entry naming its issuer
        builder = builder.add_extension(
            x509.IssuingDistributionPoint(None, None, False, False, None, True, False), critical=True
        )
    for (serial, revoked_at, _pem), issuer in zip(rows, issuers, strict=True):
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial))
            .revocation_date(clock.parse_iso(revoked_at))
        )
        if indirect:
            entry = entry.add_extension(x509.CertificateIssuer([x509.DirectoryName(issuer)]), critical=True)
        builder = builder.add_revoked_certificate(entry.build())
    return builder.sign(ca_key, None).public_bytes(_PEM)


def tool_certificates_pem(conn) -> bytes:
    """Every tool certificate ever issued (public), so a stripped C2PA manifest can still be attributed."""
    return b"".join(
        r[0].encode() for r in conn.execute("SELECT certificate FROM tool_certificates ORDER BY rowid")
    )
