"""A joined station's former tool CA, and the files a farm gets for tools (one studio CA).

A studio has one tool CA (``ca.py``; shared sealed as a ``tools.ca`` object by
``consent_app/studio/toolca.py``).
When a station that had its own CA adopts the studio's, its own CA is *retired*:

- its private key is destroyed (the row is replaced by the studio's CA): it can issue nothing any more;
- if it issued tool certificates that are still valid, the studio's root certifies the former root's
  name and key (a *cross-certificate*, CA, path length 0) until the last of them expires, so those tools
  keep marking, their outputs keep reading as Trusted, and they stay revocable by the studio's one CRL;
- the former root and its cross-certificate are published as ``tool-ca-former.pem``; a reader takes a
  former root as a trust anchor only with a cross-certificate that the studio's root signed and that is
  valid now, so nobody adds an anchor by editing the file.
"""

from __future__ import annotations

from datetime import timedelta

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app import audit, clock
from consent_app.marking.trust import (
    ALLOWED_FILE,
    ALLOWED_SIG_FILE,
    CRL_FILE,
    FORMER_FILE,
    ROOT_FILE,
    TOOLS_FILE,
    issued_by,
    sign_allowed,
)
from consent_app.provenance import ca

__all__ = ["adopt_studio_ca", "allowed_certificates", "cross_certify", "formers", "formers_pem", "issued_by",
           "trust_files"]


def cross_certify(studio_key: Ed25519PrivateKey, studio_root: x509.Certificate, former: x509.Certificate,
                  until) -> x509.Certificate:
    """The studio root's certificate for a former root's name and key, valid until ``until``."""
    now = clock.now()
    root_ski = studio_root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(former.subject)
        .issuer_name(studio_root.subject)
        .public_key(former.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(min(until, studio_root.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(former.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(root_ski),
                       critical=False)
        .sign(studio_key, None)
    )


def adopt_studio_ca(tx, seed: bytes, certificate_pem: str, station: str, actor: str) -> bool:
    """Make the studio's CA this station's; retire the station's own CA (returns True when one was kept as
    a former CA because tools it issued are still valid). Audited."""
    from cryptography.hazmat.primitives import serialization

    studio_key = Ed25519PrivateKey.from_private_bytes(seed)
    studio_root = x509.load_pem_x509_certificate(certificate_pem.encode())
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    if studio_key.public_key().public_bytes(*raw) != studio_root.public_key().public_bytes(*raw):
        return False  # a tools.ca object whose key is not its certificate's: never installed
    own = ca.root_certificate(tx)
    kept = False
    if own is not None and ca.fingerprint(own) != ca.fingerprint(studio_root):
        now = clock.now()
        expiries = [cert.not_valid_after_utc for cert in _certificates(tx)
                    if issued_by(cert, own) and cert.not_valid_after_utc > now]
        if expiries:
            cross = cross_certify(studio_key, studio_root, own, max(expiries))
            pem = serialization.Encoding.PEM
            tx.execute(
                "INSERT OR IGNORE INTO former_tool_cas (fingerprint, certificate, cross_certificate, "
                "station, valid_until, retired_at) VALUES (?, ?, ?, ?, ?, ?)",
                (ca.fingerprint(own), own.public_bytes(pem).decode(), cross.public_bytes(pem).decode(),
                 station, clock.iso(cross.not_valid_after_utc), clock.iso(now)))
            kept = True
        audit.append(tx, actor, "ca.retire", "ca:root",
                     {"fingerprint": ca.fingerprint(own), "kept": kept,
                      "studioRoot": ca.fingerprint(studio_root)})
    tx.execute("DELETE FROM studio_ca")  # the station's own CA key is destroyed here
    tx.execute(
        "INSERT INTO studio_ca (id, private_key, certificate, created_at, created_by) VALUES (1, ?, ?, ?, ?)",
        (seed, certificate_pem, clock.iso(), actor))
    audit.append(tx, actor, "ca.adopt", "ca:root", {"fingerprint": ca.fingerprint(studio_root)})
    return kept


def _certificates(conn) -> list[x509.Certificate]:
    return [x509.load_pem_x509_certificate(pem.encode())
            for (pem,) in conn.execute("SELECT certificate FROM tool_certificates")]


def formers(conn) -> list[tuple[x509.Certificate, x509.Certificate]]:
    """(former root, its cross-certificate by the studio root) of every retired CA."""
    return [(x509.load_pem_x509_certificate(c.encode()), x509.load_pem_x509_certificate(x.encode()))
            for c, x in conn.execute("SELECT certificate, cross_certificate FROM former_tool_cas "
                                     "ORDER BY retired_at, fingerprint")]


def formers_pem(conn) -> bytes:
    from cryptography.hazmat.primitives import serialization

    pem = serialization.Encoding.PEM
    return b"".join(root.public_bytes(pem) + cross.public_bytes(pem) for root, cross in formers(conn))


def allowed_certificates(conn) -> list[x509.Certificate]:
    """After the studio's tool CA was rotated (``consent_app/studio/carotate.py``): every unrevoked tool
    certificate in the studio's registry (registered here, or a signed ``tool.register`` object this station
    accepted) that no current anchor issued (the root, former CAs it cross-certified). Trusted one by one;
    a certificate minted later with a retired root's key is in no registry, so on no list."""
    if not conn.execute("SELECT 1 FROM retired_tool_cas LIMIT 1").fetchone():
        return []
    root = ca.root_certificate(conn)
    anchors = ([root] if root is not None else []) + [
        old for old, cross in formers(conn) if root is not None and issued_by(cross, root)]
    out = []
    for tool in ca.list_tools(conn):
        cert = x509.load_pem_x509_certificate(tool.certificate_pem.encode())
        if tool.revoked_at is None and not any(issued_by(cert, a) for a in anchors):
            out.append(cert)
    return out


def trust_files(conn) -> dict[str, bytes]:
    """What ``keys export`` and ``studio publish`` write for tools: the one studio root, the one CRL of
    every station's revocations, every tool certificate, the retired CAs of joined stations (when there are
    any) and, after a rotation of the tool CA, the root-signed allowed list of its earlier roots' tools."""
    root, crl, signing = ca.root_pem(conn), ca.revocation_list(conn), ca.signing_root(conn)
    if root is None or crl is None or signing is None:
        return {}
    files = {ROOT_FILE: root, CRL_FILE: crl, TOOLS_FILE: ca.tool_certificates_pem(conn)}
    retired = formers_pem(conn)
    if retired:
        files[FORMER_FILE] = retired
    if conn.execute("SELECT 1 FROM retired_tool_cas LIMIT 1").fetchone():
        from cryptography.hazmat.primitives import serialization

        pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in allowed_certificates(conn))
        files[ALLOWED_FILE] = pem
        files[ALLOWED_SIG_FILE] = sign_allowed(signing[0], pem)
    return files
