"""The allowed list of a rotated tool CA (``tool-allowed.pem``, signed by the current root): a tool
certificate of a retired root is trusted by its fingerprint only, in ``consent-trace`` (the signer read from
the manifest's COSE x5chain) and wherever a tool is checked; a certificate the retired key minted otherwise is
not; a list the root did not sign makes the folder unusable. No studio database needed: the folder is made
here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from markhelpers import jpeg_bytes, wav_bytes

from consent_app.marking import c2pa_io, formats
from consent_app.marking.errors import MarkError
from consent_app.marking.trace import MARKED, UNATTRIBUTED, trace_data
from consent_app.marking.trust import (
    ALLOWED_FILE,
    ALLOWED_SIG_FILE,
    CRL_FILE,
    ROOT_FILE,
    TOOL_UNTRUSTED,
    TrustBundle,
    sign_allowed,
)

PEM = serialization.Encoding.PEM
NOW = datetime.now(UTC)


def _root(cn: str) -> tuple[Ed25519PrivateKey, x509.Certificate]:
    key = Ed25519PrivateKey.generate()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - timedelta(minutes=5))
            .not_valid_after(NOW + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                           critical=True)
            .add_extension(ski, critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                           critical=False)
            .sign(key, None))
    return key, cert


def _tool(ca_key: Ed25519PrivateKey, ca_cert: x509.Certificate,
          cn: str) -> tuple[Ed25519PrivateKey, x509.Certificate]:
    key = Ed25519PrivateKey.generate()
    ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - timedelta(minutes=5))
            .not_valid_after(NOW + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                           critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
                           critical=False)
            .sign(ca_key, None))
    return key, cert


@pytest.fixture(scope="module")
def rotated(tmp_path_factory) -> dict:
    """A folder after a rotation: the new root, its CRL, and the allowed list holding one old tool."""
    folder = tmp_path_factory.mktemp("rotated")
    old_key, old_root = _root("studio tool CA")
    new_key, new_root = _root("studio tool CA gen 1")
    legit = _tool(old_key, old_root, "swapper")
    forged = _tool(old_key, old_root, "swapper")  # minted with the retired key after the rotation
    crl = (x509.CertificateRevocationListBuilder().issuer_name(new_root.subject)
           .last_update(NOW - timedelta(minutes=5)).next_update(NOW + timedelta(days=7)).sign(new_key, None))
    (folder / ROOT_FILE).write_bytes(new_root.public_bytes(PEM))
    (folder / CRL_FILE).write_bytes(crl.public_bytes(PEM))
    allowed = legit[1].public_bytes(PEM)
    (folder / ALLOWED_FILE).write_bytes(allowed)
    (folder / ALLOWED_SIG_FILE).write_bytes(sign_allowed(new_key, allowed))
    return {"folder": folder, "old_root": old_root, "legit": legit, "forged": forged}


def _signed(tool: tuple[Ed25519PrivateKey, x509.Certificate], root: x509.Certificate, data: bytes,
            mime: str) -> bytes:
    key_pem = tool[0].private_bytes(PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    chain = tool[1].public_bytes(PEM) + root.public_bytes(PEM)
    manifest = c2pa_io.manifest("out", mime, "c2pa.created", {"operation": "face_swap"}, [])
    return c2pa_io.sign(data, mime, manifest, chain, key_pem)


@pytest.mark.parametrize("kind", ["jpeg", "wav"])
def test_only_the_listed_certificate_of_a_retired_root_traces_trusted(rotated, kind) -> None:
    bundle = TrustBundle.load(rotated["folder"])
    data, mime = (jpeg_bytes(seed=3), "image/jpeg") if kind == "jpeg" else (wav_bytes(1.0), "audio/wav")
    fmt = formats.sniff(data[:64])
    old = rotated["old_root"]
    legit = trace_data(_signed(rotated["legit"], old, data, mime), fmt, "legit", bundle=bundle)
    assert legit.exit_code == MARKED, legit.as_dict()
    assert legit.c2pa["validationState"] == "Trusted"
    assert legit.c2pa["trustedBy"] == "allowed"
    assert legit.c2pa["c2paValidationState"] == "Valid"  # c2pa alone does not trust it
    forged = trace_data(_signed(rotated["forged"], old, data, mime), fmt, "forged", bundle=bundle)
    assert forged.exit_code == UNATTRIBUTED, forged.as_dict()
    assert forged.c2pa["validationState"] != "Trusted"
    assert forged.verdict.code == "trace.c2pa_untrusted"


def test_tools_are_checked_against_the_list(rotated) -> None:
    bundle = TrustBundle.load(rotated["folder"])
    assert bundle.check_tool(rotated["legit"][1]) is None  # trusted by fingerprint, no anchor
    with pytest.raises(MarkError) as err:
        bundle.check_tool(rotated["forged"][1])
    assert err.value.exit_code == TOOL_UNTRUSTED
    assert err.value.code == "tool.not_from_studio"


def _copy(folder: Path, to: Path) -> Path:
    to.mkdir()
    for f in folder.iterdir():
        (to / f.name).write_bytes(f.read_bytes())
    return to


def test_a_list_the_root_did_not_sign_is_refused(rotated, tmp_path) -> None:
    added = _copy(rotated["folder"], tmp_path / "added")
    with (added / ALLOWED_FILE).open("ab") as f:
        f.write(rotated["forged"][1].public_bytes(PEM))
    unsigned = _copy(rotated["folder"], tmp_path / "unsigned")
    (unsigned / ALLOWED_SIG_FILE).unlink()
    for folder in (added, unsigned):
        with pytest.raises(MarkError) as err:
            TrustBundle.load(folder)
        assert err.value.exit_code == 2
        assert err.value.code in ("trust.allowed_signature", "trust.missing")
