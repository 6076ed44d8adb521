"""Helpers of the tool CA rotation tests: stations joined, tools registered and forged, farm folders
published, files marked and traced as a farm does."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from consent_app import clock
from consent_app.marking.cli import mark_main, trace_main
from consent_app.provenance import ca
from consent_app.studio import publish, service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "marking"))
from markhelpers import jpeg_bytes

PEM = serialization.Encoding.PEM


def join(store, founder, dsn: str, name: str) -> str:
    joined = service.join(store, dsn, "admin", name)
    service.approve(founder, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(store)
    sync.sync_once(founder)
    return joined.station_id


def register(store, name: str, folder: Path) -> tuple[Path, Path, str]:
    with store.transaction() as tx:
        issued = ca.register(tx, name, "admin")
    folder.mkdir(exist_ok=True)
    key, cert = folder / f"{name}.key.pem", folder / f"{name}.cert.pem"
    key.write_bytes(issued.private_key_pem)
    cert.write_bytes(issued.chain_pem)
    return key, cert, issued.certificate.serial


def publish_folder(store, folder: Path) -> Path:
    folder.mkdir(mode=0o700)
    publish.publish(store, folder, "admin")
    return folder


def mark(farm: Path, token: Path, tool: tuple[Path, Path, str], out: Path, seed: int) -> int:
    src = out.with_suffix(".src.jpg")
    src.write_bytes(jpeg_bytes(seed=seed))
    return mark_main([str(token), "--keys", str(farm / publish.JWKS_FILE), "--status",
                      str(farm / publish.STATUS_FILE), "--operation", "face_swap", "--tool-key", str(tool[0]),
                      "--tool-cert", str(tool[1]), "--in", str(src), "--out", str(out)])


def trace(farm: Path, marked: Path, capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = trace_main([str(marked), "--keys", str(farm / publish.JWKS_FILE), "--status",
                       str(farm / publish.STATUS_FILE), "--json"])
    return code, json.loads(capsys.readouterr().out)


def stolen_ca(store) -> tuple[Ed25519PrivateKey, x509.Certificate]:
    """The tool CA key and root a thief copies out of a station's store."""
    with store.read() as conn:
        seed, pem = conn.execute("SELECT private_key, certificate FROM studio_ca").fetchone()
    return Ed25519PrivateKey.from_private_bytes(bytes(seed)), x509.load_pem_x509_certificate(pem.encode())


def forge(key: Ed25519PrivateKey, root: x509.Certificate, name: str, folder: Path) -> tuple[Path, Path, str]:
    """A tool certificate minted with a stolen CA key, exactly as the studio would issue it."""
    tool = Ed25519PrivateKey.generate()
    now = clock.now()
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         *root.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(root.subject)
            .public_key(tool.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                           critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(tool.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                           critical=False)
            .sign(key, None))
    folder.mkdir(exist_ok=True)
    key_path, cert_path = folder / f"{name}.key.pem", folder / f"{name}.cert.pem"
    key_path.write_bytes(tool.private_bytes(PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(PEM) + root.public_bytes(PEM))
    return key_path, cert_path, str(cert.serial_number)
