"""Every format: mark, trace back, read with an independent reader, tamper, strip."""

from __future__ import annotations

import io
import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from markhelpers import jpeg_bytes, mp4_bytes, wav_bytes

from consent_app.marking.cli import mark_main, trace_main

TC260 = "{http://www.tc260.org.cn/ns/AIGC/1.0/}AIGC"
FORMATS = ["jpeg", "png", "webp", "mp4", "wav", "mp3", "flac"]
SUFFIX = {
    "jpeg": ".jpg",
    "png": ".png",
    "webp": ".webp",
    "mp4": ".mp4",
    "wav": ".wav",
    "mp3": ".mp3",
    "flac": ".flac",
}


def make_input(kind: str, folder: Path) -> Path:
    path = folder / f"generated{SUFFIX[kind]}"
    if kind in ("jpeg", "png", "webp"):
        path.write_bytes(jpeg_bytes(fmt=kind.upper(), seed=3))
    elif kind == "mp4":
        path.write_bytes(mp4_bytes())
    elif kind == "wav":
        path.write_bytes(wav_bytes())
    else:
        import soundfile as sf

        from consent_app.marking.media import encode_audio

        tone = (0.2 * np.sin(np.arange(32000) * 2 * np.pi * 300 / 16000)).astype(np.float32)[:, None]
        if kind == "flac":
            buf = io.BytesIO()
            sf.write(buf, tone, 16000, format="FLAC")
            path.write_bytes(buf.getvalue())
        else:
            path.write_bytes(encode_audio(tone, 16000, "mp3", None))
    return path


@pytest.fixture(scope="module")
def marked(farm, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """(input, marked output) per format, marked once for the whole module."""
    folder = tmp_path_factory.mktemp("marked")
    out = {}
    for kind in FORMATS:
        src = make_input(kind, folder)
        dst = folder / f"marked{SUFFIX[kind]}"
        assert mark_main(farm.mark_args(src, dst)) == 0, kind
        out[kind] = (src, dst)
    return out


def trace_json(capsys, *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = trace_main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def independent_label(kind: str, data: bytes) -> dict:
    """The AIGC label read without consent_app's parsers."""
    if kind in ("jpeg", "png", "webp"):
        from PIL import Image

        image = Image.open(io.BytesIO(data))
        image.load()  # PNG text chunks after the image data are read on load
        xmp = image.info.get("xmp") or image.info["XML:com.adobe.xmp"]
        root = ET.fromstring(xmp.decode() if isinstance(xmp, bytes) else xmp)
        for el in root.iter():
            if TC260 in el.attrib:
                return json.loads(el.attrib[TC260])
            if el.tag == TC260:
                return json.loads(el.text)
        raise AssertionError("no TC260:AIGC in the XMP")
    if kind == "wav":
        assert data[:4] == b"RIFF"
        assert data[8:12] == b"WAVE"
        assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
        i = 12
        while i < len(data):
            fourcc, size = data[i : i + 4], struct.unpack("<I", data[i + 4 : i + 8])[0]
            if fourcc == b"AIGC":
                return json.loads(data[i + 8 : i + 8 + size])
            i += 8 + size + (size & 1)
        raise AssertionError("no AIGC chunk")
    import av

    with av.open(io.BytesIO(data)) as container:  # FFmpeg's ID3 / Vorbis comment / mdta readers
        return json.loads(container.metadata["AIGC"])


@pytest.mark.parametrize("kind", FORMATS)
def test_trace_finds_token_and_consent(kind, farm, marked, capsys) -> None:
    _src, out = marked[kind]
    code, report = trace_json(capsys, str(out), "--keys", str(farm.keys), "--status", str(farm.status))
    assert code == 0, report
    assert report["consent"]["consentId"] == farm.consent_id
    assert report["token"]["state"] == "valid"
    assert report["c2pa"]["validationState"] == "Trusted"
    assert report["aigc"]["signature"] == "valid"
    assert report["aigc"]["contentHashFrom"] == "c2pa"  # the label's tool signed the manifest
    assert report["aigc"]["label"]["ProduceID"] == report["consent"]["produceId"]
    assert report["sha256"] == __import__("hashlib").sha256(out.read_bytes()).hexdigest()
    assert report["tool"]["name"] == "swapper"
    receipt = Path(str(out) + ".usage.jwt")
    assert receipt.read_text().count(".") == 2


@pytest.mark.parametrize("kind", FORMATS)
def test_independent_readers(kind, farm, marked) -> None:
    import c2pa

    from consent_app.marking.formats import FORMATS as F

    _src, out = marked[kind]
    data = out.read_bytes()
    label = independent_label(kind, data)
    assert label["Label"] == "1"
    assert label["ContentProducer"] == "TEST-STUDIO"
    assert label["ReservedCode1"].startswith("cm1.")
    root = (farm.root / "studio-ca.pem").read_text()
    trusted = c2pa.Context.from_dict(
        {"trust": {"user_anchors": root}, "verify": {"remote_manifest_fetch": False}}
    )
    with c2pa.Reader(F[kind].mime, io.BytesIO(data), None, trusted) as reader:
        assert reader.get_validation_state() == "Trusted"
        manifest = reader.get_active_manifest()
    with c2pa.Reader(F[kind].mime, io.BytesIO(data)) as reader:
        assert reader.get_validation_state() == "Valid"  # valid, but the studio's root is not trusted
    consent = next(a["data"] for a in manifest["assertions"] if a["label"] == "org.consent-app.consent")
    assert consent["produceId"] == label["ProduceID"]
    from consent_app.marking import essence

    # what a trace takes from the validated manifest is what hashing the file gives
    assert consent["contentHash"] == essence.content_hash(kind, data)
    assert consent["consentId"] == farm.consent_id
    assert consent["tokenSha256"] == __import__("hashlib").sha256(farm.token.read_bytes().strip()).hexdigest()
    actions = next(
        a["data"]["actions"] for a in manifest["assertions"] if a["label"].startswith("c2pa.actions")
    )
    assert actions[0]["digitalSourceType"].endswith("/trainedAlgorithmicMedia")


@pytest.mark.parametrize("kind", FORMATS)
def test_one_byte_changed_is_11(kind, farm, marked, tmp_path, capsys) -> None:
    _src, out = marked[kind]
    data = bytearray(out.read_bytes())
    from consent_app.marking import essence

    # a byte of the media data itself (not of the metadata)
    if kind == "mp4":
        pos = next(p for k, _s, p, _e in essence.mp4_boxes(bytes(data)) if k == b"mdat") + 500
    elif kind in ("wav", "webp"):
        start, length = next(
            (s, n) for k, s, n in essence.riff_chunks(bytes(data)) if k in (b"data", b"VP8 ", b"VP8L")
        )
        pos = start + length // 2
    elif kind == "png":  # the XMP and the manifest follow the image data
        pos = bytes(data).index(b"IDAT") + 104
    else:
        pos = len(data) - 400
    data[pos] ^= 0x01
    bad = tmp_path / out.name
    bad.write_bytes(bytes(data))
    code, report = trace_json(capsys, str(bad), "--keys", str(farm.keys), "--status", str(farm.status))
    assert code == 11, report
    assert report["verdict"]["code"] in ("trace.c2pa_invalid", "trace.aigc_bad_signature")
    # the manifest's hard binding covers the media data in every format (a trace relies on it to take
    # the content hash from the manifest), and with the binding broken the file itself is hashed
    assert report["c2pa"]["failures"], report
    assert report["aigc"]["contentHashFrom"] == "file"
    assert report["aigc"]["signature"] == "invalid"


def strip(kind: str, src: Path, dst: Path) -> None:
    """Re-encode without metadata (what a platform or a forger does)."""
    if kind in ("jpeg", "png", "webp"):
        from PIL import Image

        Image.open(src).convert("RGB").save(dst, {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[kind])
    elif kind == "mp4":
        import av

        with av.open(str(src)) as inp, av.open(str(dst), "w") as outp:
            v = outp.add_stream("libopenh264", rate=10)
            vin = inp.streams.video[0]
            v.width, v.height, v.pix_fmt = vin.width, vin.height, "yuv420p"
            for frame in inp.decode(vin):
                frame.pts = None
                for p in v.encode(frame):
                    outp.mux(p)
            for p in v.encode(None):
                outp.mux(p)
    elif kind == "mp3":
        import av

        from consent_app.marking.media import encode_audio, load_audio

        samples, rate, _ = load_audio(str(src), "mp3", src.read_bytes())
        dst.write_bytes(encode_audio(samples, rate, "mp3", None))
        # the encoder writes its own ID3 tag; make sure no AIGC survives
        with av.open(str(dst)) as c:
            assert "AIGC" not in c.metadata
    else:
        import soundfile as sf

        samples, rate = sf.read(str(src), dtype="float32", always_2d=True)
        sf.write(str(dst), samples, rate, format=kind.upper())


@pytest.mark.parametrize("kind", FORMATS)
def test_stripped_copy_is_10(kind, farm, marked, tmp_path, capsys) -> None:
    _src, out = marked[kind]
    copy = tmp_path / f"copy{SUFFIX[kind]}"
    strip(kind, out, copy)
    code, report = trace_json(capsys, str(copy), "--keys", str(farm.keys))
    assert code == 10, report
    assert report["marked"] is False


def test_label_copied_to_another_image_fails(farm, marked, tmp_path, capsys) -> None:
    """A genuine AIGC label moved onto other pixels: the tool's signature no longer verifies."""
    from consent_app.marking import embed

    _src, out = marked["png"]
    label = embed.xmp_read(out.read_bytes())
    other = tmp_path / "other.png"
    other.write_bytes(embed.xmp_write(jpeg_bytes(fmt="PNG", seed=9), label))
    code, report = trace_json(capsys, str(other), "--keys", str(farm.keys))
    assert code == 11, report
    assert report["aigc"]["signature"] == "invalid"


def test_label_without_known_signer_is_13(farm, tmp_path, capsys) -> None:
    from consent_app.marking import aigc, embed

    label = aigc.encode({**aigc.build("SOMEONE", "x-1"), "ReservedCode1": "unsigned"})
    f = tmp_path / "lone.wav"
    f.write_bytes(embed.riff_write(wav_bytes(1.0), label))
    code, report = trace_json(capsys, str(f), "--keys", str(farm.keys))
    assert code == 13, report
    assert report["aigc"]["signature"] == "unattributed"


def test_label_alone_signed_by_a_studio_tool_is_attributed(farm, marked, tmp_path, capsys) -> None:
    """C2PA manifest removed but the AIGC label kept: the tool's signature still attributes it."""
    from consent_app.marking import essence

    _src, out = marked["wav"]
    data = out.read_bytes()
    kept = b"".join(data[s - 8 : s + n + (n & 1)] for k, s, n in essence.riff_chunks(data) if k != b"C2PA")
    f = tmp_path / "nomanifest.wav"
    f.write_bytes(b"RIFF" + struct.pack("<I", len(kept) + 4) + b"WAVE" + kept)
    code, report = trace_json(capsys, str(f), "--keys", str(farm.keys))
    assert report["c2pa"] is None
    assert code == 0, report
    assert report["aigc"]["tool"] == "swapper"
