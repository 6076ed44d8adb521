"""The studio's trust bundle for tools and tracers: its CA root, revoked tools, issued tool certificates.

``consent-app keys export OUT.jwks`` writes, in OUT.jwks's folder::

    studio.jwks                 the token signing keys (JWKS)            (name as given)
    studio-ca.pem               the studio's tool CA root (C2PA trust anchor)
    tool-revocations.crl.pem    X.509 CRL of revoked tool certificates, signed by the root
    tool-certs.pem              every tool certificate issued (public; attributes a label whose
                                C2PA manifest was stripped)
    tool-ca-former.pem          (a multi-station studio) each joined station's retired CA root followed by
                                the studio root's cross-certificate of it: an extra anchor for the tools
                                it issued, until the last of them expires
    tool-allowed.pem            (after a station revocation rotated the tool CA) every unrevoked tool
                                certificate the studio registered under a retired root: trusted one by
                                one by fingerprint, never its root (consent_app/studio/carotate.py)
    tool-allowed.sig            the current root's Ed25519 signature of tool-allowed.pem (base64)
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.x509.oid import ExtendedKeyUsageOID

from consent_app.marking.errors import MarkError
from consent_app.messages import define

ROOT_FILE = "studio-ca.pem"
CRL_FILE = "tool-revocations.crl.pem"
TOOLS_FILE = "tool-certs.pem"
FORMER_FILE = "tool-ca-former.pem"
ALLOWED_FILE = "tool-allowed.pem"
ALLOWED_SIG_FILE = "tool-allowed.sig"
ALLOWED_CONTEXT = b"consent_app tool-allowed/1\n"  # what the root signs: this, then the file's bytes

TOOL_UNTRUSTED = 9

MESSAGES = define(
    {
        "trust.missing": "{path} not found: export the keys with consent-app keys export (it writes {name})",
        "trust.bad_file": "{path} is not a valid {what}",
        "trust.crl_signature": "{path} is not signed by the studio root",
        "trust.crl_stale": "the tool revocation list {path} expired at {at}: export the keys again",
        "tool.not_from_studio": "the tool certificate was not issued by this studio's root",
        "tool.expired": "the tool certificate is outside its validity ({start} to {end})",
        "tool.revoked": "the tool certificate {serial} ({name}) has been revoked by the studio",
        "tool.bad_usage": "the tool certificate lacks digitalSignature / emailProtection usage",
        "tool.key_mismatch": "the tool key does not match the tool certificate",
        "tool.key_unreadable": "{path} is not an Ed25519 private key in PEM",
        "tool.cert_unreadable": "{path} holds no PEM certificate",
        "trust.allowed_signature": "{path} is not signed by the studio root ({sig}): a tool allowed by "
        "fingerprint is trusted only from the studio's signed list; export the keys again",
    }
)


MAX_PEM_BYTES = 4 << 20


def _read(path: Path, name: str) -> bytes:
    from consent_app.files import read_bounded

    if not path.exists():
        raise MarkError(2, code="trust.missing", path=str(path), name=name)
    return read_bounded(path, MAX_PEM_BYTES, name)


def _read_file(path: Path, what: str) -> bytes:
    from consent_app.files import read_bounded

    return read_bounded(path, MAX_PEM_BYTES, what)


_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


@lru_cache(maxsize=1024)  # a trace looks every tool of the bundle up by fingerprint
def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@lru_cache(maxsize=64)
def anchors_pem(anchors: tuple[x509.Certificate, ...]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in anchors)


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """``cert`` names ``issuer``'s subject and carries its signature."""
    if cert.issuer != issuer.subject:
        return False
    try:
        issuer.public_key().verify(cert.signature, cert.tbs_certificate_bytes)  # type: ignore[call-arg]
    except (InvalidSignature, TypeError, ValueError):  # TypeError: a key type that is not Ed25519
        return False
    return True


@dataclass
class TrustBundle:
    root: x509.Certificate
    revoked: set[int] = field(default_factory=set)
    tools: list[x509.Certificate] = field(default_factory=list)
    #: retired CAs of joined stations, each attested by a cross-certificate the root signed
    formers: list[x509.Certificate] = field(default_factory=list)
    #: tool certificates of a retired root of the studio, trusted one by one (fingerprint -> certificate)
    allowed: dict[str, x509.Certificate] = field(default_factory=dict)
    #: ``tools`` as last seen and what a trace asks of each, made again when ``tools`` changes (the app
    #: adds to it); the same for the anchors and their PEM
    _tool_entries: tuple[tuple[x509.Certificate, ...], tuple[ToolEntry, ...]] = field(
        default=((), ()), init=False, repr=False, compare=False
    )
    _anchors: tuple[tuple[x509.Certificate, ...], str] = field(
        default=((), ""), init=False, repr=False, compare=False
    )

    @property
    def root_pem(self) -> str:
        """Every trust anchor in PEM (the studio root, then its attested former CAs): what C2PA trusts."""
        anchors = (self.root, *self.formers)
        if anchors != self._anchors[0]:
            self._anchors = anchors, anchors_pem(anchors)
        return self._anchors[1]

    def add_former(
        self, former: x509.Certificate, cross: x509.Certificate, now: datetime | None = None
    ) -> bool:
        """Trust ``former`` as an anchor when ``cross`` (the root's certificate of its name and key) holds."""
        now = now or datetime.now(UTC)
        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        if not issued_by(cross, self.root):
            return False
        try:
            same_key = cross.public_key().public_bytes(*raw) == former.public_key().public_bytes(*raw)
        except (TypeError, ValueError):
            return False
        if (cross.subject != former.subject or not same_key
                or former.issuer != former.subject
                or not cross.not_valid_before_utc <= now <= cross.not_valid_after_utc):
            return False
        if all(fingerprint(f) != fingerprint(former) for f in self.formers):
            self.formers.append(former)
        return True

    @classmethod
    def load(cls, folder: Path, *, need_crl: bool = True, now: datetime | None = None) -> TrustBundle:
        folder = Path(folder)
        root_path = folder / ROOT_FILE
        try:
            root = x509.load_pem_x509_certificate(_read(root_path, ROOT_FILE))
        except ValueError:
            raise MarkError(2, code="trust.bad_file", path=str(root_path), what="PEM certificate") from None
        bundle = cls(root)
        crl_path = folder / CRL_FILE
        if need_crl or crl_path.exists():
            try:
                crl = x509.load_pem_x509_crl(_read(crl_path, CRL_FILE))
            except ValueError:
                raise MarkError(2, code="trust.bad_file", path=str(crl_path), what="PEM CRL") from None
            if not crl.is_signature_valid(root.public_key()):
                raise MarkError(2, code="trust.crl_signature", path=str(crl_path))
            now = now or datetime.now(UTC)
            if crl.next_update_utc is not None and crl.next_update_utc < now:
                raise MarkError(
                    2, code="trust.crl_stale", path=str(crl_path), at=crl.next_update_utc.isoformat()
                )
            bundle.revoked = {r.serial_number for r in crl}
        former_path = folder / FORMER_FILE
        if former_path.exists():
            try:
                certs = x509.load_pem_x509_certificates(_read(former_path, FORMER_FILE))
            except ValueError:
                raise MarkError(
                    2, code="trust.bad_file", path=str(former_path), what="PEM certificate list"
                ) from None
            for former, cross in zip(certs[::2], certs[1::2], strict=False):
                bundle.add_former(former, cross, now)  # an unattested pair is not trusted, never an error
        if (folder / ALLOWED_FILE).exists():
            bundle.allowed = _allowed(folder, root)
        tools_path = folder / TOOLS_FILE
        if tools_path.exists():
            try:
                bundle.tools = x509.load_pem_x509_certificates(_read(tools_path, TOOLS_FILE))
            except ValueError:
                raise MarkError(
                    2, code="trust.bad_file", path=str(tools_path), what="PEM certificate list"
                ) from None
        return bundle

    def issuer_of(self, cert: x509.Certificate) -> x509.Certificate | None:
        """The anchor (the root, or an attested former CA) that issued ``cert``; None for a certificate of a
        retired root on the studio's allowed list; ``MarkError`` (9) else."""
        for anchor in [self.root, *self.formers]:
            if issued_by(cert, anchor):
                return anchor
        if fingerprint(cert) in self.allowed:
            return None
        raise MarkError(TOOL_UNTRUSTED, code="tool.not_from_studio")

    def check_tool(self, cert: x509.Certificate, at: datetime | None = None) -> x509.Certificate | None:
        """The certificate chains to the root (or an attested former CA of the studio) or is on the allowed
        list, is valid now, has the C2PA usages, and is not revoked; returns the anchor that issued it (None:
        allowed by fingerprint)."""
        at = at or datetime.now(UTC)
        anchor = self.issuer_of(cert)
        if not cert.not_valid_before_utc <= at <= cert.not_valid_after_utc:
            raise MarkError(
                TOOL_UNTRUSTED,
                code="tool.expired",
                start=cert.not_valid_before_utc.isoformat(),
                end=cert.not_valid_after_utc.isoformat(),
            )
        try:
            usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
            eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except x509.ExtensionNotFound:
            raise MarkError(TOOL_UNTRUSTED, code="tool.bad_usage") from None
        if not usage.digital_signature or ExtendedKeyUsageOID.EMAIL_PROTECTION not in eku:
            raise MarkError(TOOL_UNTRUSTED, code="tool.bad_usage")
        if cert.serial_number in self.revoked:
            raise MarkError(
                TOOL_UNTRUSTED, code="tool.revoked", serial=str(cert.serial_number), name=tool_name(cert)
            )
        return anchor

    def tool_by_fingerprint(self, prefix: str) -> x509.Certificate | None:
        entry = self.tool_entry(prefix)
        return entry.cert if entry is not None else None

    def tool_entry(self, prefix: str) -> ToolEntry | None:
        """The tool certificate whose SHA-256 starts with ``prefix`` (hex), with its name and key."""
        certs, entries = self._tool_entries
        if certs != tuple(self.tools):  # worked out once per certificate, not at every trace
            certs = tuple(self.tools)
            entries = tuple(ToolEntry.of(cert) for cert in certs)
            self._tool_entries = certs, entries
        for entry in entries:
            if entry.fingerprint.startswith(prefix):
                return entry
        return None


class ToolEntry(NamedTuple):
    """A tool certificate of the bundle with what a trace asks of it."""

    cert: x509.Certificate
    fingerprint: str
    name: str
    public_raw: bytes | None  # the Ed25519 key (32 bytes); None for any other kind of key

    @classmethod
    def of(cls, cert: x509.Certificate) -> ToolEntry:
        key = cert.public_key()
        raw = key.public_bytes(*_RAW) if isinstance(key, Ed25519PublicKey) else None
        return cls(cert, fingerprint(cert), tool_name(cert), raw)


def _allowed(folder: Path, root: x509.Certificate) -> dict[str, x509.Certificate]:
    """The allowed tool certificates, when the root signed the file; ``MarkError`` (2) else."""
    path, sig_path = folder / ALLOWED_FILE, folder / ALLOWED_SIG_FILE
    data = _read(path, ALLOWED_FILE)
    try:
        signature = base64.b64decode(_read(sig_path, ALLOWED_SIG_FILE).strip(), validate=True)
        key = root.public_key()
        if not isinstance(key, Ed25519PublicKey):
            raise InvalidSignature
        key.verify(signature, ALLOWED_CONTEXT + data)
    except (InvalidSignature, ValueError):
        raise MarkError(2, code="trust.allowed_signature", path=str(path), sig=str(sig_path)) from None
    try:
        certs = x509.load_pem_x509_certificates(data) if data.strip() else []
    except ValueError:
        raise MarkError(2, code="trust.bad_file", path=str(path), what="PEM certificate list") from None
    return {fingerprint(c): c for c in certs}


def sign_allowed(root_key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The content of ``tool-allowed.sig`` for ``data`` (the root's signature, base64)."""
    return base64.b64encode(root_key.sign(ALLOWED_CONTEXT + data)) + b"\n"


def tool_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else "?"


@dataclass
class ToolIdentity:
    """A tool's private key with its certificate chain (leaf first)."""

    key: Ed25519PrivateKey
    chain: list[x509.Certificate]
    key_pem: bytes
    chain_pem: bytes

    @property
    def cert(self) -> x509.Certificate:
        return self.chain[0]

    @property
    def name(self) -> str:
        return tool_name(self.cert)

    @classmethod
    def load(cls, key_path: Path, cert_path: Path, bundle: TrustBundle) -> ToolIdentity:
        key_pem = _read_file(Path(key_path), "tool key")
        try:
            key = serialization.load_pem_private_key(key_pem, None)
        except (ValueError, TypeError):
            raise MarkError(2, code="tool.key_unreadable", path=str(key_path)) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise MarkError(2, code="tool.key_unreadable", path=str(key_path))
        try:
            chain = x509.load_pem_x509_certificates(_read_file(Path(cert_path), "tool certificate"))
        except ValueError:
            raise MarkError(2, code="tool.cert_unreadable", path=str(cert_path)) from None
        leaf_key = chain[0].public_key()
        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        if not isinstance(leaf_key, Ed25519PublicKey) or leaf_key.public_bytes(
            *raw
        ) != key.public_key().public_bytes(*raw):
            raise MarkError(2, code="tool.key_mismatch")
        anchor = bundle.check_tool(chain[0])
        # the chain handed to C2PA and x5c: leaf then the studio root (or the former CA that issued it); a
        # tool of a retired root (trusted by fingerprint) keeps the root its own file names
        if anchor is None:
            chain = [chain[0], *(c for c in chain[1:2] if issued_by(chain[0], c))]
        else:
            chain = [chain[0], anchor]
        chain_pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain)
        # PKCS#8 PEM for c2pa
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return cls(key, chain, key_pem, chain_pem)
