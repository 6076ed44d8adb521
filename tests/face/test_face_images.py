"""Bad and unusual image input: each gets a specific message or is converted correctly."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from consent_app.biometrics.images import MAX_PIXELS, load_image
from consent_app.errors import InputError


def _png(arr: np.ndarray, mode: str | None = None) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr, mode=mode).save(buf, format="PNG") if mode else Image.fromarray(
        arr).save(buf, format="PNG")
    return buf.getvalue()


def test_not_an_image(tmp_path: Path):
    p = tmp_path / "notes.txt"
    p.write_text("hello, this is not a photo")
    with pytest.raises(InputError, match="not a recognised image"):
        load_image(p)


def test_zero_byte_file(tmp_path: Path):
    p = tmp_path / "empty.jpg"
    p.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty \(0 bytes\)"):
        load_image(p)


def test_missing_file_and_folder(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_image(tmp_path / "nope.jpg")
    with pytest.raises(InputError, match="is a folder"):
        load_image(tmp_path)


def test_truncated_jpeg(faces_dir: Path):
    data = (faces_dir / "obama.jpg").read_bytes()
    with pytest.raises(InputError, match="truncated"):
        load_image(data[: len(data) * 2 // 3], name="cut.jpg")
    with pytest.raises(InputError, match="JPEG header is damaged or truncated"):
        load_image(data[:400], name="cut.jpg")


def test_truncated_jpeg_even_after_face_recognition_relaxed_pillow(faces_dir: Path):
    from PIL import ImageFile

    from consent_app.biometrics.face.analysis import _fr

    _fr()  # importing face_recognition sets ImageFile.LOAD_TRUNCATED_IMAGES = True
    assert ImageFile.LOAD_TRUNCATED_IMAGES
    raw = (faces_dir / "obama.jpg").read_bytes()
    with pytest.raises(InputError, match="truncated"):
        load_image(raw[: len(raw) // 2], name="cut.jpg")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # restored for face_recognition's own use


def test_heic_is_named():
    fake = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40
    with pytest.raises(InputError, match="HEIC"):
        load_image(fake)


def test_16bit_grayscale_png_is_scaled_not_clipped():
    ramp = (np.arange(256 * 64, dtype=np.uint32).reshape(64, 256) * 4).astype(np.uint16)
    import cv2

    ok, buf = cv2.imencode(".png", ramp)  # a genuine 16-bit grayscale PNG
    assert ok
    img = load_image(buf.tobytes())
    assert img.rgb.dtype == np.uint8
    assert img.rgb.shape == (64, 256, 3)
    expected = (ramp >> 8).astype(np.uint8)
    assert np.array_equal(img.rgb[:, :, 0], expected)
    assert img.rgb[:, :, 0].max() > 200  # not clipped to 255 everywhere / not all dark


def test_16bit_rgb_png(photos: dict):
    import cv2

    rgb = photos["obama_small.jpg"]
    wide = rgb.astype(np.uint16) * 257
    ok, buf = cv2.imencode(".png", cv2.cvtColor(wide, cv2.COLOR_RGB2BGR))
    assert ok
    img = load_image(buf.tobytes())
    assert img.rgb.dtype == np.uint8
    assert np.abs(img.rgb.astype(int) - rgb.astype(int)).max() <= 1


def test_rgba_png_composited_on_white():
    arr = np.zeros((10, 10, 4), np.uint8)
    arr[..., 0] = 200
    arr[:5, :, 3] = 255  # top half opaque red-ish, bottom half fully transparent
    img = load_image(_png(arr))
    assert tuple(img.rgb[0, 0]) == (200, 0, 0)
    assert tuple(img.rgb[9, 9]) == (255, 255, 255)


def test_grayscale_and_palette_png(photos: dict):
    gray = np.asarray(Image.fromarray(photos["obama_small.jpg"]).convert("L"))
    img = load_image(_png(gray))
    assert img.rgb.shape == (*gray.shape, 3)
    assert np.array_equal(img.rgb[:, :, 1], gray)
    pal = Image.fromarray(photos["obama_small.jpg"]).convert("P", palette=Image.Palette.ADAPTIVE)
    buf = io.BytesIO()
    pal.save(buf, format="PNG")
    assert load_image(buf.getvalue()).rgb.shape == photos["obama_small.jpg"].shape


def test_rgba_shared_photo_finds_the_face(photos: dict):
    from consent_app.biometrics.face.detection import detect_faces

    assert len(detect_faces(photos["32bit.png"]).faces) == 1


def test_exif_rotated_photo_is_turned_upright(faces_dir: Path):
    from consent_app.biometrics.face.detection import detect_faces

    upright = Image.open(faces_dir / "obama.jpg").convert("RGB")
    # A phone stores the sensor's pixels sideways and says "rotate 90° clockwise" (6) in EXIF.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    stored.save(buf, format="JPEG", quality=92, exif=exif.tobytes())
    data = buf.getvalue()

    raw = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    assert detect_faces(raw, escalate=0).faces == []  # sideways: the detector cannot see it

    img = load_image(data)
    assert img.exif_rotated
    assert img.size == upright.size
    faces = detect_faces(img.rgb).faces
    assert len(faces) == 1


def _bitmap_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG: small on disk whatever its size (rows of zeros compress ~1000:1)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _flat_gray_jpeg(width: int, height: int) -> bytes:
    """A valid baseline grayscale JPEG of a flat gray image, built block by block: every 8×8
    block is 'DC difference 0, end of block' (6 bits with the standard tables), so a 20000×20000
    image is ~4.7 MB and is made without ever holding its pixels."""
    def seg(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    dqt = seg(0xDB, b"\x00" + bytes([1] * 64))
    sof = seg(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00")
    dc_bits = bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    dc_vals = bytes(range(12))
    ac_bits = bytes([0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D])
    ac_vals = bytes.fromhex(
        "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a16"
        "1718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a"
        "737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8"
        "b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa")
    dht = seg(0xC4, b"\x00" + dc_bits + dc_vals + b"\x10" + ac_bits + ac_vals)
    sos = seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    # DC category 0 = '00', AC EOB = '1010': '001010' per block; 4 blocks = 3 bytes.
    data = b"\x28\xa2\x8a" * (blocks // 4)
    bits = "001010" * (blocks % 4)
    bits += "1" * (-len(bits) % 8)
    data += int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""
    return b"\xff\xd8" + dqt + sof + dht + sos + data + b"\xff\xd9"


def test_huge_png_is_refused_from_its_header():
    data = _bitmap_png(20000, 20000)
    assert len(data) < 1_000_000
    with pytest.raises(InputError, match=r"20000×20000 \(400 MP\).*limit"):
        load_image(data, name="huge.png")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_huge_jpeg_is_decoded_reduced_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "huge.jpg"
    path.write_bytes(_flat_gray_jpeg(20000, 20000))
    assert path.stat().st_size < 6_000_000
    code = (
        "from consent_app.biometrics.images import load_image\n"
        f"img = load_image({str(path)!r})\n"
        # VmHWM: peak resident memory of this process image (ru_maxrss may include the parent's
        # peak inherited through fork).
        "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "peak = int(status.split()[0]) // 1024\n"
        "print(img.size[0], img.size[1], img.reduced_by, img.source_size[0], peak)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120).stdout.split()
    w, h, reduced, source_w, peak_mb = map(int, out)
    assert source_w == 20000
    assert reduced == 4
    assert (w, h) == (5000, 5000)
    assert w * h <= MAX_PIXELS
    # The full image would need 400 MB (gray) / 1.2 GB (RGB); the reduced one 25 / 75 MB.
    assert peak_mb < 400, f"peak memory {peak_mb} MB"


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_matches_pillow_exif_transpose(photos: dict, orientation: int):
    from PIL import ImageOps

    src = Image.fromarray(photos["obama_small.jpg"])
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    src.save(buf, format="JPEG", quality=95, exif=exif.tobytes())
    data = buf.getvalue()
    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB"))
    img = load_image(data)
    assert img.exif_rotated == (orientation != 1)
    assert img.rgb.shape == expected.shape
    assert np.abs(img.rgb.astype(int) - expected.astype(int)).mean() < 1.0
    # The Pillow path (taken for files without an end marker) agrees as well.
    slow = load_image(data + b"trailing bytes")
    assert np.abs(slow.rgb.astype(int) - expected.astype(int)).mean() < 1.0
