"""The content hash taken from a validated C2PA manifest instead of hashing the file again.

A trace takes the content hash that the AIGC label's signature covers from the consent assertion only
when the manifest is Trusted with no failure, its hard binding matched, and it was signed by the very
tool certificate the label names. These tests build marked files step by step (the steps of
``consent-mark``) to show that the label's signature is still checked against that hash, that a
label moved onto other content still fails, that another tool's statement is never taken, and that
a manifest without the field falls back to hashing the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid

import pytest
from markhelpers import jpeg_bytes

from consent_app.cli import main as app_main
from consent_app.marking import aigc, c2pa_io, embed, essence
from consent_app.marking.trace import INVALID, MARKED, trace_data
from consent_app.marking.trust import ToolIdentity, TrustBundle, fingerprint


def valid_token(consent: dict, now) -> tuple[str, dict]:
    return "valid", {}


@pytest.fixture(scope="module")
def tools(farm):
    """The farm's tool and a second tool of the same studio, with the bundle that knows both (the
    farm fixture keeps the store's environment set for the module)."""
    assert app_main(["tools", "register", "painter", "--out", str(farm.root / "painter")]) == 0
    farm.export()
    bundle = TrustBundle.load(farm.root)
    swapper = ToolIdentity.load(farm.tool_key, farm.tool_cert, bundle)
    painter = ToolIdentity.load(
        farm.root / "painter" / "painter.key.pem", farm.root / "painter" / "painter.cert.pem", bundle
    )
    return bundle, swapper, painter


def label_for(tool: ToolIdentity, content: str, produce_id: str) -> str:
    label = aigc.sign(aigc.build("TEST-STUDIO", produce_id), content, tool.key, fingerprint(tool.cert))
    return aigc.encode(label)


def signed(image: bytes, label: str, tool: ToolIdentity, produce_id: str, **stated) -> bytes:
    """``image`` with ``label`` in its XMP and a C2PA manifest signed by ``tool`` whose consent
    assertion holds ``stated`` (e.g. ``contentHash``) besides the produce id."""
    consent = {"tokenId": "urn:uuid:t", "consentId": "c", "produceId": produce_id, **stated}
    manifest = c2pa_io.manifest("out.jpg", "image/jpeg", "c2pa.created", consent, [])
    return c2pa_io.sign(embed.xmp_write(image, label), "image/jpeg", manifest, tool.chain_pem, tool.key_pem)


def trace(data: bytes, bundle: TrustBundle):
    return trace_data(data, None, "out.jpg", bundle=bundle, token_state=valid_token)


def test_the_stated_hash_is_the_files_and_the_signature_is_checked_over_it(tools) -> None:
    bundle, swapper, _painter = tools
    image, pid = jpeg_bytes(seed=21), str(uuid.uuid4())
    content = essence.content_hash("jpeg", image)
    data = signed(image, label_for(swapper, content, pid), swapper, pid, contentHash=content)
    assert essence.content_hash("jpeg", data) == content  # XMP and the manifest are outside it
    report = trace(data, bundle)
    assert report.exit_code == MARKED, report.as_dict()
    assert report.aigc["signature"] == "valid"
    assert report.aigc["contentHashFrom"] == "c2pa"
    assert report.sha256 == report.as_dict()["sha256"] == hashlib.sha256(data).hexdigest()
    assert dataclasses.replace(report, matches={}).sha256 == report.sha256  # as consent-app trace copies it


def test_a_label_moved_onto_other_content_fails_though_the_same_tool_signed_the_manifest(tools) -> None:
    """The label of image A written into image B, and B signed by the same tool with B's own content
    hash stated: the manifest is Trusted, but the label's signature covers A's content."""
    bundle, swapper, _painter = tools
    a, b, pid = jpeg_bytes(seed=22), jpeg_bytes(seed=23), str(uuid.uuid4())
    label_a = label_for(swapper, essence.content_hash("jpeg", a), pid)
    data = signed(b, label_a, swapper, pid, contentHash=essence.content_hash("jpeg", b))
    report = trace(data, bundle)
    assert report.c2pa["validationState"] == "Trusted"
    assert report.aigc["contentHashFrom"] == "c2pa"
    assert report.aigc["signature"] == "invalid"
    assert report.exit_code == INVALID
    assert report.verdict.code == "trace.aigc_bad_signature"


def test_another_tools_statement_is_never_taken(tools) -> None:
    """Image B carrying the swapper's genuine label of image A, in a manifest of another studio tool
    (trusted too) that states A's content hash: the file itself is hashed, and the label fails."""
    bundle, swapper, painter = tools
    a, b, pid = jpeg_bytes(seed=24), jpeg_bytes(seed=25), str(uuid.uuid4())
    content_a = essence.content_hash("jpeg", a)
    data = signed(b, label_for(swapper, content_a, pid), painter, pid, contentHash=content_a)
    report = trace(data, bundle)
    assert report.c2pa["validationState"] == "Trusted"
    assert report.aigc["contentHashFrom"] == "file"
    assert report.aigc["signature"] == "invalid"
    assert report.exit_code == INVALID


@pytest.mark.parametrize("stated", [{}, {"contentHash": "not a hash"}, {"contentHash": 7}])
def test_without_a_usable_stated_hash_the_file_is_hashed(tools, stated) -> None:
    """Files marked before the manifest stated the content hash (or with a broken value) still trace."""
    bundle, swapper, _painter = tools
    image, pid = jpeg_bytes(seed=26), str(uuid.uuid4())
    data = signed(image, label_for(swapper, essence.content_hash("jpeg", image), pid), swapper, pid, **stated)
    report = trace(data, bundle)
    assert report.exit_code == MARKED, report.as_dict()
    assert report.aigc["contentHashFrom"] == "file"
    assert report.aigc["signature"] == "valid"


def test_a_changed_byte_breaks_the_binding_and_the_file_is_hashed(tools) -> None:
    bundle, swapper, _painter = tools
    image, pid = jpeg_bytes(seed=27), str(uuid.uuid4())
    content = essence.content_hash("jpeg", image)
    data = bytearray(signed(image, label_for(swapper, content, pid), swapper, pid, contentHash=content))
    data[-400] ^= 0x01  # a byte of the scan data
    report = trace(bytes(data), bundle)
    assert report.c2pa["failures"]
    assert report.aigc["contentHashFrom"] == "file"
    assert report.aigc["signature"] == "invalid"
    assert report.exit_code == INVALID


def test_without_the_studio_root_nothing_is_taken_from_the_manifest(tools, tmp_path) -> None:
    """No trust anchor given: the manifest is at best Valid, and the label is not attributed by it."""
    bundle, swapper, _painter = tools
    image, pid = jpeg_bytes(seed=28), str(uuid.uuid4())
    content = essence.content_hash("jpeg", image)
    data = signed(image, label_for(swapper, content, pid), swapper, pid, contentHash=content)
    untrusted = c2pa_io.read(data, "image/jpeg", None)
    assert c2pa_io.vouched_content_hash(untrusted, swapper.cert.serial_number, swapper.name) is None
    trusted = c2pa_io.read(data, "image/jpeg", bundle.root_pem)  # the same file, with the root: taken
    assert c2pa_io.vouched_content_hash(trusted, swapper.cert.serial_number, swapper.name) == content
    report = trace_data(data, None, "out.jpg", token_state=valid_token)
    assert report.c2pa["validationState"] == "Valid"
    assert "contentHashFrom" not in report.aigc


def test_each_condition_is_required(tools) -> None:
    """Trusted, no failure, a matched hard binding, the label's tool (serial and name), a hex digest."""
    import copy

    bundle, swapper, painter = tools
    image, pid = jpeg_bytes(seed=29), str(uuid.uuid4())
    content = essence.content_hash("jpeg", image)
    c2 = c2pa_io.read(signed(image, label_for(swapper, content, pid), swapper, pid, contentHash=content),
                      "image/jpeg", bundle.root_pem)  # fmt: skip
    serial, name = swapper.cert.serial_number, swapper.name
    assert c2pa_io.vouched_content_hash(c2, serial, name) == content

    def without(change) -> str | None:
        other = copy.deepcopy(c2)
        change(other)
        return c2pa_io.vouched_content_hash(other, serial, name)

    active = "activeManifest"
    assert without(lambda c: c.update(state="Valid")) is None
    assert without(lambda c: c["results"][active]["failure"].append({"code": "x"})) is None
    assert without(lambda c: c["results"][active].update(
        success=[s for s in c["results"][active]["success"] if s["code"] not in c2pa_io.HARD_BINDING_MATCH]
    )) is None  # fmt: skip
    assert without(lambda c: c["manifest"]["signature_info"].update(common_name="painter")) is None
    assert c2pa_io.vouched_content_hash(c2, painter.cert.serial_number, name) is None
    assert c2pa_io.vouched_content_hash(None, serial, name) is None


def test_the_label_signer_is_found_among_the_tools_as_they_are_now(tools) -> None:
    """The bundle keeps its tools' fingerprints between traces, made again whenever ``tools`` changes
    (the app appends the store's tools to it): a tool added later is found, one removed is not."""
    bundle, swapper, painter = tools
    produce_id = str(uuid.uuid4())
    image = jpeg_bytes(seed=21)
    content = essence.content_hash("jpeg", image)
    data = signed(image, label_for(painter, content, produce_id), painter, produce_id, contentHash=content)
    partial = TrustBundle(bundle.root, set(bundle.revoked), [swapper.cert])
    assert partial.tool_by_fingerprint(fingerprint(swapper.cert)[:16]) is swapper.cert
    assert partial.tool_by_fingerprint(fingerprint(painter.cert)[:16]) is None
    assert trace(data, partial).aigc["signature"] == "covered by the C2PA manifest"  # signer unknown
    partial.tools.append(painter.cert)
    report = trace(data, partial)
    assert report.aigc["signature"] == "valid"
    assert report.aigc["tool"] == "painter"
    partial.tools.remove(painter.cert)
    assert partial.tool_by_fingerprint(fingerprint(painter.cert)[:16]) is None
    partial.tools = [painter.cert]
    assert partial.tool_by_fingerprint(fingerprint(swapper.cert)[:16]) is None
    assert trace(data, partial).aigc["signature"] == "valid"


def test_a_label_naming_a_tool_whose_key_is_not_ed25519_is_invalid(tools) -> None:
    """A tool certificate with another kind of key cannot have made a label's Ed25519 signature: the
    label is reported invalid (not a crash), even with a manifest of that studio vouching for the hash."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    bundle, swapper, _painter = tools
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "odd-tool")])
    now = datetime.now(UTC)
    odd = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
           .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
           .not_valid_after(now + timedelta(days=1)).sign(key, hashes.SHA256()))
    produce_id = str(uuid.uuid4())
    image = jpeg_bytes(seed=26)
    content = essence.content_hash("jpeg", image)
    label = aigc.sign(aigc.build("TEST-STUDIO", produce_id), content, swapper.key, fingerprint(odd))
    data = signed(image, aigc.encode(label), swapper, produce_id, contentHash=content)
    odd_bundle = TrustBundle(bundle.root, set(bundle.revoked), [*bundle.tools, odd])
    assert odd_bundle.tool_entry(fingerprint(odd)[:16]).public_raw is None
    report = trace(data, odd_bundle)
    assert report.aigc["signature"] == "invalid"
    assert report.exit_code == INVALID


def test_the_anchors_c2pa_trusts_follow_the_bundle(tools) -> None:
    """The anchors' PEM is kept between traces and made again when the root or former CAs change."""
    from cryptography.hazmat.primitives.serialization import Encoding

    bundle, swapper, painter = tools
    copy = TrustBundle(bundle.root)
    root_pem = bundle.root.public_bytes(Encoding.PEM).decode()
    assert copy.root_pem == root_pem
    copy.formers.append(painter.cert)  # any certificate: only what is listed is looked at here
    assert copy.root_pem == root_pem + painter.cert.public_bytes(Encoding.PEM).decode()
    copy.formers.clear()
    copy.root = swapper.cert
    assert copy.root_pem == swapper.cert.public_bytes(Encoding.PEM).decode()
