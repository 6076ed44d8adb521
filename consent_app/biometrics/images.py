"""Safe, in-memory image loading for biometric capture.

Every photo that reaches face detection goes through :func:`load_image`: it reads the header
before decoding (so a decompression bomb is refused or decoded at a reduced JPEG scale instead of
exhausting memory), turns phone photos upright from their EXIF orientation, and converts any
mode (16-bit, RGBA, grayscale, palette, CMYK) to 8-bit RGB. Nothing is written to disk.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "image.empty": "{name}: file is empty (0 bytes)",
    "image.no_pixels": "{name}: image has no pixels ({width}×{height})",
    "image.too_large": "{name}: image is {width}×{height} ({mp:.0f} MP), larger than the {limit:.0f} MP "
                       "limit; scale it down first",
    "image.too_large_scaled": "{name}: image is {width}×{height} ({mp:.0f} MP), too large even at 1/8 scale; "
                              "scale it down first",
    "image.truncated": "{name}: {format} file is truncated (the image data ends early); copy or export the "
                       "photo again",
    "image.damaged": "{name}: {format} image data is damaged ({reason})",
    "image.bad_header": "{name}: {format} header is damaged or truncated ({reason})",
    "image.heic": "{name}: HEIC/HEIF photos are not supported; export it as JPEG",
    "image.unknown_format": "{name}: not a recognised image (expected JPEG, PNG, WebP, BMP, TIFF or GIF)",
})

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

#: Largest image decoded at full size (a 48 MP phone photo fits). Bigger JPEGs are decoded at a
#: reduced DCT scale below this; bigger images of other formats are refused.
MAX_PIXELS = 50_000_000
#: Largest file read into memory.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Formats accepted, in the order their signatures are tried.
FORMATS = ("JPEG", "PNG", "WEBP", "BMP", "TIFF", "GIF")


@dataclass(frozen=True)
class LoadedImage:
    """An upright 8-bit RGB image (``rgb`` is an ``(H, W, 3)`` uint8 array)."""

    rgb: np.ndarray
    format: str
    source_size: tuple[int, int]  # (width, height) as stored in the file, before any reduction
    reduced_by: int = 1  # JPEG DCT reduction applied to stay under MAX_PIXELS (1 = full size)
    exif_rotated: bool = False

    @property
    def size(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]


def read_image_bytes(path: str | Path) -> bytes:
    """Read an image file into memory with clear errors for missing, empty and huge files."""
    from consent_app.files import read_bounded

    return read_bounded(path, MAX_FILE_BYTES, "image", allow_empty=True)


def load_image(
    source: bytes | bytearray | memoryview | str | Path,
    *,
    max_pixels: int = MAX_PIXELS,
    name: str | None = None,
    enough_pixels: int | None = None,
) -> LoadedImage:
    """Decode ``source`` (bytes or a path) to an upright 8-bit RGB image, or raise InputError.

    ``enough_pixels``: analysis that needs no more than this many pixels lets a large complete JPEG be
    decoded at a reduced DCT scale (1/2, 1/4, 1/8, staying at or above it): libjpeg then skips most of
    the work (a 12 MP photo at 1/2 decodes several times faster). ``reduced_by`` says by how much.
    """
    if isinstance(source, str | Path):
        label = name or str(source)
        data = read_image_bytes(source)
    else:
        label = name or "image"
        data = bytes(source)
    if enough_pixels:
        reduced = _decode_reduced_jpeg(data, enough_pixels)
        if reduced is not None:
            return reduced
    return _decode(data, label, max_pixels)


def _decode_reduced_jpeg(data: bytes, enough_pixels: int) -> LoadedImage | None:
    """A complete JPEG decoded by OpenCV at the largest DCT reduction that keeps ``enough_pixels``,
    upright from its EXIF orientation; None when no reduction applies (the normal path decodes it)."""
    import cv2
    import numpy as np

    if data[:2] != b"\xff\xd8" or not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None
    try:
        im = _open_header(data, "image")
    except InputError:
        return None
    if im.format != "JPEG" or im.mode not in ("RGB", "L"):
        return None
    width, height = im.size
    pixels = width * height
    if pixels > MAX_PIXELS:
        return None
    factor = next((k for k in (8, 4, 2) if pixels / (k * k) >= enough_pixels), 1)
    if factor == 1:
        return None
    flag = {2: cv2.IMREAD_REDUCED_GRAYSCALE_2, 4: cv2.IMREAD_REDUCED_GRAYSCALE_4,
            8: cv2.IMREAD_REDUCED_GRAYSCALE_8}[factor] | cv2.IMREAD_COLOR_RGB  # applies EXIF
    rgb = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    if rgb is None or rgb.ndim != 3:
        return None
    orientation = _exif_orientation(im)
    return LoadedImage(rgb, "JPEG", (width, height), factor, orientation not in (None, 1))


def _decode(data: bytes, label: str, max_pixels: int) -> LoadedImage:
    import numpy as np
    from PIL import Image, ImageFile, ImageOps

    if not data:
        raise InputError(code="image.empty", name=label)
    im = _open_header(data, label)
    width, height = im.size
    if width <= 0 or height <= 0:
        raise InputError(code="image.no_pixels", name=label, width=width, height=height)
    pixels = width * height
    reduced_by = 1
    if pixels > max_pixels:
        if im.format != "JPEG":
            raise InputError(code="image.too_large", name=label, width=width, height=height,
                             mp=pixels / 1e6, limit=max_pixels / 1e6)
        reduced_by = next((k for k in (2, 4, 8) if pixels / (k * k) <= max_pixels), 0)
        if not reduced_by:
            raise InputError(code="image.too_large_scaled", name=label, width=width, height=height,
                             mp=pixels / 1e6)
        # libjpeg decodes straight to the reduced size: the full image is never in memory.
        im.draft(im.mode, (math.ceil(width / reduced_by), math.ceil(height / reduced_by)))
    elif im.format == "JPEG" and im.mode in ("RGB", "L"):
        fast = _decode_complete_jpeg(data, im)
        if fast is not None:
            rgb, orientation = fast
            return LoadedImage(rgb, "JPEG", (width, height), 1, orientation not in (None, 1))
    # face_recognition sets Pillow's global LOAD_TRUNCATED_IMAGES on import, which would turn a
    # truncated photo into a silently gray-filled one: force it off for this decode.
    saved = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im.load()
    except OSError as exc:
        text = str(exc)
        if "truncated" in text or "premature end" in text.lower():
            raise InputError(code="image.truncated", name=label, format=im.format) from None
        raise InputError(code="image.damaged", name=label, format=im.format, reason=text) from None
    except (ValueError, SyntaxError, struct.error, MemoryError) as exc:
        raise InputError(code="image.damaged", name=label, format=im.format, reason=str(exc)) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = saved

    fmt = im.format or "?"
    orientation = _exif_orientation(im)
    if orientation not in (None, 1):
        im = ImageOps.exif_transpose(im)
    rgb = _to_rgb8(im)
    return LoadedImage(
        rgb=np.ascontiguousarray(rgb),
        format=fmt,
        source_size=(width, height),
        reduced_by=reduced_by,
        exif_rotated=orientation not in (None, 1),
    )


def _open_header(data: bytes, label: str) -> Image.ImageFile.ImageFile:
    """Parse only the header, with our own size limit instead of Pillow's global bomb check."""
    from PIL import Image

    Image.init()
    prefix = data[:16]
    for fmt in FORMATS:
        factory, accept = Image.OPEN[fmt]
        if accept is not None and accept(prefix) is not True:
            continue
        try:
            return factory(io.BytesIO(data), "")
        except (SyntaxError, IndexError, TypeError, struct.error, ValueError, OSError) as exc:
            if fmt == "JPEG" and data[:2] == b"\xff\xd8":
                raise InputError(code="image.bad_header", name=label, format="JPEG",
                                 reason=str(exc)) from None
            if fmt == "PNG" and data[:8] == b"\x89PNG\r\n\x1a\n":
                raise InputError(code="image.bad_header", name=label, format="PNG", reason=str(exc)) from None
            continue
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        raise InputError(code="image.heic", name=label)
    raise InputError(code="image.unknown_format", name=label)


def _decode_complete_jpeg(data: bytes, im: Image.Image) -> tuple[np.ndarray, int | None] | None:
    """Decode a complete JPEG with OpenCV's libjpeg-turbo straight into upright RGB.

    About twice as fast as Pillow + numpy on large photos (no extra copy). Only for files that end
    with the end-of-image marker; anything else (truncated, unusual) returns None and takes the
    Pillow path, which reports problems precisely.
    """
    import cv2
    import numpy as np

    if not data.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None
    orientation = _exif_orientation(im)
    rgb = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR_RGB)  # applies EXIF
    if rgb is None:
        return None
    w, h = im.size
    expected = (h, w) if orientation in (5, 6, 7, 8) else (w, h)
    if (rgb.shape[1], rgb.shape[0]) != expected or rgb.ndim != 3:
        return None
    return rgb, orientation


def _exif_orientation(im: Image.Image) -> int | None:
    try:
        value = im.getexif().get(0x0112)
    except Exception:  # a damaged EXIF block must not make the photo unreadable
        return None
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _to_rgb8(im: Image.Image) -> np.ndarray:
    """Any Pillow mode -> (H, W, 3) uint8; 16-bit samples are scaled, alpha composited on white."""
    import numpy as np

    mode = im.mode
    if mode == "RGB":
        return np.asarray(im)
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        arr = np.asarray(im)
        if mode == "I":
            hi = int(arr.max()) if arr.size else 0
            arr = arr >> 8 if hi > 255 else arr
        else:
            arr = arr.astype(np.uint16) >> 8
        gray = arr.astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if mode == "F":
        arr = np.asarray(im)
        hi = float(arr.max()) if arr.size else 0.0
        scale = 255.0 if hi <= 1.0 else (255.0 / 65535.0 if hi > 255 else 1.0)
        gray = np.clip(arr * scale, 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode == "P" and "transparency" in im.info
    )
    if has_alpha:
        rgba = np.asarray(im.convert("RGBA"))
        alpha = rgba[:, :, 3]
        if alpha.min() == 255:
            return np.ascontiguousarray(rgba[:, :, :3])
        a = alpha[:, :, None].astype(np.uint16)
        out = (rgba[:, :, :3].astype(np.uint16) * a + 255 * (255 - a) + 127) // 255
        return out.astype(np.uint8)
    return np.asarray(im.convert("RGB"))
