"""Damaged and odd files: tracing never ends in a traceback, and says what it can."""

from __future__ import annotations

import pytest
from markhelpers import jpeg_bytes, mp4_bytes, wav_bytes

from consent_app.marking.errors import MarkError
from consent_app.marking.trace import trace_data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.jpg", jpeg_bytes()[:3000]),
        ("junk.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("cut.mp4", mp4_bytes()[:3000]),
        ("header.wav", wav_bytes()[:44]),
        ("tag-only.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x10" + b"\x00" * 16),
        ("junk.flac", b"fLaC" + b"\x00" * 10),
    ],
)
def test_damaged_unmarked_files_read_as_unmarked(name, data) -> None:
    assert trace_data(data, None, name).exit_code == 10


def test_unsupported_and_empty_files_are_input_errors() -> None:
    for data in (b"", b"%PDF-1.7 hello"):
        with pytest.raises(MarkError) as caught:
            trace_data(data, None, "x")
        assert caught.value.exit_code == 2


def test_a_marked_file_cut_short_is_11(farm, tmp_path) -> None:
    from consent_app.marking.cli import mark_main
    from consent_app.marking.trust import TrustBundle

    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes(seed=4))
    out = tmp_path / "marked.jpg"
    assert mark_main(farm.mark_args(src, out)) == 0
    data = out.read_bytes()
    report = trace_data(data[: len(data) * 2 // 3], None, "cut.jpg", bundle=TrustBundle.load(farm.root))
    assert report.exit_code == 11


def test_content_hash_is_the_documented_digest() -> None:
    """The AIGC signature covers this digest: it must not change between versions (old labels
    would fail), so it is recomputed here from the documented definition with plain hashlib."""
    import hashlib
    import struct

    from consent_app.marking import essence

    wav = wav_bytes(seconds=0.5)
    expected, i = hashlib.sha256(b"wav\0"), 12
    while i + 8 <= len(wav):
        kind, length = wav[i : i + 4], struct.unpack("<I", wav[i + 4 : i + 8])[0]
        if kind in (b"fmt ", b"data"):
            expected.update(kind + wav[i + 8 : i + 8 + length])
        i += 8 + length + (length & 1)
    with_meta = wav + b"LIST" + struct.pack("<I", 4) + b"INFO"
    with_meta = with_meta[:4] + struct.pack("<I", len(with_meta) - 8) + with_meta[8:]
    assert essence.content_hash("wav", wav) == essence.content_hash("wav", with_meta) == expected.hexdigest()

    jpeg = jpeg_bytes(seed=6)
    sos = jpeg.index(b"\xff\xda")
    app0_end = 4 + struct.unpack(">H", jpeg[4:6])[0]  # SOI, then the JFIF APP0 segment Pillow writes
    assert jpeg[2:4] == b"\xff\xe0"
    expected_jpeg = hashlib.sha256(b"jpeg\0" + jpeg[app0_end:sos] + jpeg[sos:]).hexdigest()
    assert essence.content_hash("jpeg", jpeg) == expected_jpeg


def test_aigc_signature_checks_key_content_and_encoding() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.marking import aigc

    key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    label = aigc.sign(aigc.build("STUDIO", "id-1"), "ab" * 32, key, "f" * 64)
    assert aigc.verify(label, "ab" * 32, key.public_key())
    assert not aigc.verify(label, "ab" * 31 + "ac", key.public_key())  # other content
    assert not aigc.verify(label, "ab" * 32, other.public_key())  # other tool
    assert not aigc.verify({**label, "ProduceID": "id-2"}, "ab" * 32, key.public_key())
    prefix, fp, sig = label["ReservedCode1"].split(".")
    for bad in (f"{prefix}.{fp}.{sig}=", f"{prefix}.{fp}.{sig[:-4]}", f"{prefix}.{fp}.¿{sig[1:]}", "cm1.x"):
        assert not aigc.verify({**label, "ReservedCode1": bad}, "ab" * 32, key.public_key())
