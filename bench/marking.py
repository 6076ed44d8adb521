"""Marking and tracing speed against the bare libraries, in one run.

1. ``mark_jpeg_1080p_vs_bare_c2pa_sign``: consent-mark's core on a 1080p JPEG (token already
   verified; explicit label drawn and re-encoded, AIGC label signed and written as XMP, C2PA manifest
   signed with the tool's Ed25519 certificate, usage receipt signed, both files written) against
   c2pa-python's ``Builder.sign_file`` alone on the same image with the same certificate (its default
   settings, which add a thumbnail; the marking turns the thumbnail off). Goal <= 1.3x.
2. ``mark_video_10s_720p_vs_ffmpeg_reencode``: the same on a 10 s 720p H.264/AAC clip (labels blended
   into every frame, one perceptual hash per second, AIGC in moov/udta/meta, C2PA) against a bare
   FFmpeg re-encode through PyAV with the same codec settings (openh264, ``video.codec_options``:
   the same target bit rate, rate control, profile; audio copied). Both encode the decoded frames
   themselves, so the encoder gets the source's picture types on both sides.
   Goal <= 1.3x.
3. ``trace_jpeg_vs_bare_reader``: ``trace_file`` on the marked JPEG (C2PA validated against the
   studio root, AIGC label read and its signature checked over the content hash, consistency, token
   state) against a bare ``c2pa.Reader`` (same trust anchor) reading and parsing the manifest store.
   Goal <= 1.2x. What trace adds to the validation: reading the file itself (bounded), the XMP
   parse, one Ed25519 verify (libsodium) and the report. The content hash the AIGC signature covers
   is taken from the validated manifest (its hard binding covers every byte, and the label's own tool
   signed it); hashing the file for it (~0.15 ms) is left for files whose manifest is missing,
   invalid or another tool's. The file's SHA-256 (~0.15 ms) is made when the report's ``sha256`` is
   read (``--json``, receipt matching): printed beside, as "trace + JSON report". Before both,
   the two SHA-256 passes alone were more than the 0.18 ms the goal leaves beside the reader (1.55x).

Best of several rounds, each running ours and the baseline in turn (the machine is shared; the
video line also gives the process CPU time, which load changes less).
Run: .venv/bin/python bench/marking.py
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from _report import best_of, target
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from consent_app.marking import c2pa_io, video
from consent_app.marking.mark import mark
from consent_app.marking.trace import offline_token_state, trace_file
from consent_app.marking.trust import CRL_FILE, ROOT_FILE, TOOLS_FILE, ToolIdentity, TrustBundle
from consent_app.tokens.credential import issuer_for, plan_token, token_payload
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.signing import sign_compact
from consent_app.verify.claims import Claims

NOW = datetime.now(UTC).replace(microsecond=0)
PEM = serialization.Encoding.PEM


def make_ca(folder: Path) -> tuple[Path, Path]:
    """A studio root and one tool certificate, as ``consent-app tools register`` makes them."""
    ca_key, tool_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Bench Studio tool CA"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bench Studio"),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    aki = x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)
    root = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), True)
        .add_extension(ski, False)
        .add_extension(aki, False)
        .sign(ca_key, None)
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, "bench-tool"),
                    x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, "BENCH"),
                ]
            )
        )
        .issuer_name(name)
        .public_key(tool_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(tool_key.public_key()), False)
        .add_extension(aki, False)
        .sign(ca_key, None)
    )
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(name)
        .last_update(NOW - timedelta(hours=1))
        .next_update(NOW + timedelta(days=7))
        .sign(ca_key, None)
    )
    (folder / ROOT_FILE).write_bytes(root.public_bytes(PEM))
    (folder / CRL_FILE).write_bytes(crl.public_bytes(PEM))
    (folder / TOOLS_FILE).write_bytes(
        leaf.public_bytes(PEM)
    )  # as keys export writes it: the label is checked
    key_path, cert_path = folder / "tool.key.pem", folder / "tool.cert.pem"
    key_path.write_bytes(
        tool_key.private_bytes(PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    cert_path.write_bytes(leaf.public_bytes(PEM) + root.public_bytes(PEM))
    return key_path, cert_path


def make_token() -> tuple[Claims, bytes]:
    grant = ConsentGrant(
        consent_id=str(uuid.uuid4()), subject_id=str(uuid.uuid4()), operations=("face_swap",),
        project="Bench", purpose="Bench", territory=("CN",), prohibited_uses=(),
        marking="AI-generated (人工智能生成) — consent on file", valid_from=NOW - timedelta(days=1),
        valid_until=NOW + timedelta(days=90), record_hash="sha256:" + "ab" * 32, evidence={},
    )  # fmt: skip
    payload = token_payload(
        grant,
        plan_token(grant, NOW),
        token_id=str(uuid.uuid4()),
        issuer=issuer_for(str(uuid.uuid4()), "Bench Studio", False),
        status_list_id=f"urn:uuid:{uuid.uuid4()}",
        status_index=7,
    )
    token = sign_compact(payload, Ed25519PrivateKey.generate(), "bench").encode()
    return Claims(payload), token


def jpeg_1080p() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1920, 1080))
    x = np.linspace(0, 1, 1920)[None, :]
    y = np.linspace(0, 1, 1080)[:, None]
    rgb = np.stack([255 * x * (1 - y), 255 * y + 0 * x, 255 * (0.5 + 0.5 * np.sin(12 * x + 7 * y))], axis=2)
    image = Image.fromarray(rgb.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.ellipse(
            (i * 47, 100 + (i * 131) % 800, i * 47 + 120, 220 + (i * 131) % 800),
            outline=(250, 250, 250),
            width=4,
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def mp4_720p_10s() -> bytes:
    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as c:
        v = c.add_stream(video.CODEC, rate=30, options={"b": "8M"})
        v.width, v.height, v.pix_fmt = 1280, 720, "yuv420p"
        a = c.add_stream("aac", rate=44100)
        xs = np.arange(1280)[None, :]
        ys = np.arange(720)[:, None]
        for n in range(300):
            rgb = np.empty((720, 1280, 3), dtype=np.uint8)
            rgb[..., 0] = (xs + 4 * n) % 256
            rgb[..., 1] = (ys + 2 * n) % 256
            rgb[..., 2] = ((xs + ys) // 4 + n) % 256
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            frame.pts = n
            for p in v.encode(frame):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
        pts = 0
        while pts < 441000:
            t = (np.arange(1024) + pts) / 44100
            frame = av.AudioFrame.from_ndarray(
                (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :], format="fltp", layout="mono"
            )
            frame.sample_rate, frame.pts = 44100, pts
            pts += 1024
            for p in a.encode(frame):
                c.mux(p)
        for p in a.encode(None):
            c.mux(p)
    return out.getvalue()


def bare_reencode(data: bytes) -> bytes:
    """FFmpeg (PyAV) decode and re-encode with the marking's codec settings, audio copied."""
    import av

    out = io.BytesIO()
    with av.open(io.BytesIO(data)) as src, av.open(out, "w", format="mp4") as sink:
        vin, ain = src.streams.video[0], src.streams.audio[0]
        options = video.codec_options(vin.width, vin.height, vin.average_rate)
        vout = sink.add_stream(video.CODEC, rate=vin.average_rate, options=options)
        vout.width, vout.height, vout.pix_fmt = vin.width, vin.height, "yuv420p"
        aout = sink.add_stream_from_template(ain)
        for packet in src.demux(vin, ain):
            if packet.stream is ain:
                if packet.dts is not None:
                    packet.stream = aout
                    sink.mux(packet)
                continue
            for frame in packet.decode():
                for p in vout.encode(frame):
                    sink.mux(p)
        for p in vout.encode(None):
            sink.mux(p)
    return out.getvalue()


def interleaved(fns: dict, rounds: int) -> dict[str, tuple[float, float]]:
    """Best (wall, process CPU) seconds of each function over ``rounds`` rounds that run every
    function once in turn, so a change of load on the shared machine hits both sides alike."""
    walls: dict[str, list[float]] = {name: [] for name in fns}
    cpus: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(time.process_time() - cpu)
    return {name: (min(walls[name]), min(cpus[name])) for name in fns}


def trace_stages(marked: Path, bundle: TrustBundle) -> str:
    """What trace_file spends, piece by piece, on the marked JPEG (ms, best of 50)."""
    import hashlib

    from consent_app.marking import aigc, embed, essence
    from consent_app.marking.inputs import read_input

    data, _fmt = read_input(str(marked))
    label = aigc.decode(embed.read_label("jpeg", data))
    content = essence.content_hash("jpeg", data)
    public = bundle.tool_by_fingerprint(aigc.signer_fingerprint(label)).public_key()
    stages = {
        "file read": lambda: read_input(str(marked)),
        "c2pa validation": lambda: c2pa_io.read(data, "image/jpeg", bundle.root_pem),
        "SHA-256 of the file (JSON report only)": lambda: hashlib.sha256(data).hexdigest(),
        "content hash (no manifest to take it from)": lambda: essence.content_hash("jpeg", data),
        "XMP label": lambda: aigc.decode(embed.read_label("jpeg", data)),
        "Ed25519 check": lambda: aigc.verify(label, content, public),
    }
    return ", ".join(f"{name} {best_of(fn, 50) * 1000:.3f}" for name, fn in stages.items())


def main() -> int:
    import c2pa

    folder = Path(tempfile.mkdtemp(prefix="bench-marking-"))
    key_path, cert_path = make_ca(folder)
    bundle = TrustBundle.load(folder)
    tool = ToolIdentity.load(key_path, cert_path, bundle)
    claims, token = make_token()
    photo = folder / "photo.jpg"
    photo.write_bytes(jpeg_1080p())
    clip = folder / "clip.mp4"
    clip.write_bytes(mp4_720p_10s())
    print(
        f"1080p JPEG {photo.stat().st_size / 1e6:.2f} MB; 10 s 720p clip {clip.stat().st_size / 1e6:.2f} MB"
    )
    counter = iter(range(10**6))

    def run_mark(src: Path, suffix: str, out: Path | None = None) -> Path:
        out = out or folder / f"marked-{next(counter)}{suffix}"
        mark(
            claims=claims,
            token_text=token,
            operation="face_swap",
            tool=tool,
            bundle=bundle,
            in_path=str(src),
            out_path=str(out),
            sources=[],
            now=NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        return out

    manifest = c2pa_io.manifest("photo.jpg", "image/jpeg", "c2pa.created", {"operation": "face_swap"}, [])

    def bare_sign(**builder_options) -> None:
        signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(b"ed25519", tool.chain_pem, tool.key_pem, None))
        with c2pa.Builder(manifest, **builder_options) as builder:
            builder.sign_file(str(photo), str(folder / f"bare-{next(counter)}.jpg"), signer)
        signer.close()

    runs = interleaved(
        {
            "ours": lambda: run_mark(photo, ".jpg"),
            "bare": bare_sign,
            "lean": lambda: bare_sign(context=c2pa_io._context(None)),  # thumbnail off
        },
        7,
    )
    ours, bare, bare_lean = runs["ours"][0], runs["bare"][0], runs["lean"][0]
    print(
        f"  mark 1080p JPEG {ours * 1000:.1f} ms; Builder.sign_file {bare * 1000:.1f} ms "
        f"(thumbnail off, as the marking signs: {bare_lean * 1000:.1f} ms, ratio {ours / bare_lean:.2f}x)"
    )
    ok = [target("mark_jpeg_1080p_vs_bare_c2pa_sign", ours / bare, 1.3, higher_is_better=False, unit="x")]

    clip_data = clip.read_bytes()
    runs = interleaved({"ours": lambda: run_mark(clip, ".mp4"), "bare": lambda: bare_reencode(clip_data)}, 3)
    (ours_v, ours_cpu), (bare_v, bare_cpu) = runs["ours"], runs["bare"]
    print(
        f"  mark 10 s 720p MP4 {ours_v:.2f} s; bare re-encode {bare_v:.2f} s "
        f"(process CPU {ours_cpu:.2f} s vs {bare_cpu:.2f} s, {ours_cpu / bare_cpu:.2f}x)"
    )
    ok.append(
        target(
            "mark_video_10s_720p_vs_ffmpeg_reencode", ours_v / bare_v, 1.3, higher_is_better=False, unit="x"
        )
    )

    marked = run_mark(photo, ".jpg", folder / "traced.jpg")
    state = offline_token_state()
    report = trace_file(str(marked), bundle=bundle, token_state=state)
    assert report.exit_code == 0, report.as_dict()
    assert report.aigc["signature"] == "valid", report.as_dict()
    assert report.aigc["contentHashFrom"] == "c2pa", report.as_dict()

    trusting = c2pa.Context.from_dict(
        {"trust": {"user_anchors": bundle.root_pem}, "verify": {"remote_manifest_fetch": False}}
    )

    def bare_read() -> None:  # the same question to c2pa alone: the manifest store, trusted or not
        with c2pa.Reader(str(marked), context=trusting) as reader:
            store = json.loads(reader.json())
            assert store["validation_state"] == "Trusted"

    def traced_json() -> None:  # what consent-trace --json adds: the report with the file's SHA-256
        json.dumps(trace_file(str(marked), bundle=bundle, token_state=state).as_dict())

    runs = interleaved(
        {
            "ours": lambda: trace_file(str(marked), bundle=bundle, token_state=state),
            "bare": bare_read,
            "json": traced_json,
        },
        300,  # the best of 300 rounds: a ~1 ms call on 2 shared cores is rarely left alone
    )
    (ours_t, ours_c), (bare_t, bare_c), (json_t, _) = runs["ours"], runs["bare"], runs["json"]
    print(
        f"  trace {ours_t * 1000:.2f} ms; bare c2pa.Reader {bare_t * 1000:.2f} ms "
        f"(process CPU {ours_c * 1000:.2f} vs {bare_c * 1000:.2f} ms, {ours_c / bare_c:.2f}x; "
        f"trace + JSON report {json_t * 1000:.2f} ms, {json_t / bare_t:.2f}x)"
    )
    print("  trace stages (best of 50 each): " + trace_stages(marked, bundle))
    ok.append(target("trace_jpeg_vs_bare_reader", ours_t / bare_t, 1.2, higher_is_better=False, unit="x"))
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
