"""Read the MRZ of a document photo: find the band cheaply, then run tesseract on that band only.

Band finding (OpenCV, on a ~720-px grey copy): a black-hat filter keeps dark print on a light page, a
horizontal gradient and a wide, flat closing merge each printed line into one blob; MRZ lines are the
long, thin blobs that come in a stack of 2 or 3 parallel lines of the same length. The stack's rotated
rectangle gives the skew; only that band is cut from the full-resolution photo, straightened and scaled
to a fixed character height in one affine warp. Tesseract (Debian's ``tesseract-ocr`` with its ``eng``
data, one process per read, image on stdin and text on stdout: nothing touches the disk) reads the band
with its alphabet restricted to the MRZ characters; :mod:`consent_app.identity.mrz` undoes OCR
confusions per field type and checks every check digit. When the first reading does not hold, the band
is tried once more upside down, then binarised.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from consent_app.errors import InputError
from consent_app.identity import mrz, mrz_glyphs
from consent_app.messages import define

if TYPE_CHECKING:
    import numpy as np

MESSAGES = define({
    "mrz.blank_page": "{source} is blank: no print at all, so no MRZ to read",
    "mrz.ocr_missing": "tesseract OCR is not installed "
                       "(Debian: apt-get install tesseract-ocr tesseract-ocr-eng)",
    "mrz.ocr_failed": "tesseract could not read the MRZ band: {reason}",
})

WORK_WIDTH = 720  # band finding runs on a copy this wide
CHAR_HEIGHT = 34  # pixels per MRZ line height handed to tesseract
OCR_TIMEOUT_S = 30
WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


@dataclass(frozen=True)
class Band:
    """A candidate MRZ band: centre, size (long side first) and angle in the full-resolution photo."""

    center: tuple[float, float]
    size: tuple[float, float]
    angle: float  # degrees; the band's text runs along this direction
    lines: int

    def box(self) -> dict[str, int]:
        cx, cy = self.center
        w, h = self.size
        return {"x": round(cx - w / 2), "y": round(cy - h / 2), "width": round(w), "height": round(h)}


@dataclass
class MrzRead:
    data: mrz.MrzData
    band: Band
    raw_text: str
    seconds: dict[str, float] = field(default_factory=dict)


# -------------------------------------------------------------------------------------------- tesseract

def tesseract_command() -> tuple[str, dict[str, str]]:
    """The tesseract executable and environment (the packaged build's own copy first)."""
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one band, one thread: no OpenMP spin-up cost
    bundle = Path(getattr(sys, "_MEIPASS", ""))
    if getattr(sys, "frozen", False) and (bundle / "tesseract" / "tesseract").is_file():
        env["TESSDATA_PREFIX"] = str(bundle / "tesseract" / "tessdata")
        # the libraries it links (libtesseract, liblept, ...) sit at the bundle's top, collected by
        # PyInstaller's dependency analysis of the program
        env["LD_LIBRARY_PATH"] = os.pathsep.join(p for p in (str(bundle), env.get("LD_LIBRARY_PATH")) if p)
        return str(bundle / "tesseract" / "tesseract"), env
    exe = os.environ.get("CONSENT_APP_TESSERACT") or shutil.which("tesseract")
    if not exe:
        raise InputError(code="mrz.ocr_missing")
    return exe, env


def run_tesseract(png: bytes, *, psm: int = 6) -> str:
    exe, env = tesseract_command()
    cmd = [exe, "stdin", "stdout", "-l", "eng", "--oem", "1", "--psm", str(psm),
           "-c", f"tessedit_char_whitelist={WHITELIST}", "-c", "load_system_dawg=0",
           "-c", "load_freq_dawg=0", "-c", "tessedit_do_invert=0"]
    try:
        done = subprocess.run(cmd, input=png, capture_output=True, env=env, timeout=OCR_TIMEOUT_S,
                              check=False)
    except FileNotFoundError:
        raise InputError(code="mrz.ocr_missing") from None
    except subprocess.TimeoutExpired:
        raise InputError(code="mrz.ocr_failed", reason=f"no answer within {OCR_TIMEOUT_S} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(code="mrz.ocr_failed", reason=reason[-1] if reason else f"exit {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


# -------------------------------------------------------------------------------------------- band finding

def _gray(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return rgb if rgb.ndim == 2 else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def is_blank(gray: np.ndarray) -> bool:
    """No print anywhere: almost no contrast on a small copy."""
    import cv2

    small = cv2.resize(gray, (160, max(1, round(160 * gray.shape[0] / max(1, gray.shape[1])))),
                       interpolation=cv2.INTER_AREA)
    return float(small.std()) < 4.0 or int(small.max()) - int(small.min()) < 24


def find_bands(gray: np.ndarray) -> list[Band]:
    """Candidate MRZ bands, best first (usually one)."""
    import cv2
    import numpy as np

    height, width = gray.shape[:2]
    scale = WORK_WIDTH / width if width > WORK_WIDTH else 1.0
    small = cv2.resize(gray, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA) \
        if scale != 1.0 else gray
    w = small.shape[1]
    k = max(3, w // 60)
    blackhat = cv2.morphologyEx(small, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    grad = np.abs(cv2.Sobel(blackhat, cv2.CV_16S, 1, 0, ksize=3))
    grad = cv2.convertScaleAbs(grad, alpha=255.0 / max(1, int(grad.max())))
    merged = cv2.morphologyEx(grad, cv2.MORPH_CLOSE,
                              cv2.getStructuringElement(cv2.MORPH_RECT, (max(5, w // 40), 1)))
    _, mask = cv2.threshold(merged, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (max(5, w // 30), 3)))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (w // 50 + 1, 1)))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    lines = []
    for contour in contours:
        (cx, cy), (rw, rh), angle = cv2.minAreaRect(contour)
        if rw < rh:
            rw, rh, angle = rh, rw, angle - 90
        while angle <= -45:
            angle += 180
        while angle > 45:
            angle -= 180
        if rh < 2 or rw / rh < 8 or rw < w * 0.25 or abs(angle) > 30:
            continue
        lines.append((cx, cy, rw, rh, angle, contour))
    bands = []
    for group in _stacks(lines):
        points = np.vstack([g[5] for g in group])
        (cx, cy), (rw, rh), angle = cv2.minAreaRect(points)
        if rw < rh:
            rw, rh, angle = rh, rw, angle - 90
        while angle <= -45:
            angle += 180
        while angle > 45:
            angle -= 180
        bands.append(Band((cx / scale, cy / scale), (rw / scale, rh / scale), angle, len(group)))
    return bands


def _stacks(lines: list) -> list[list]:
    """Groups of 2-3 parallel, equally long, evenly stacked lines; most lines, longest, lowest first."""
    import math

    lines = sorted(lines, key=lambda ln: ln[1])
    groups = []
    for i, first in enumerate(lines):
        group = [first]
        for other in lines[i + 1:]:
            last = group[-1]
            gap = math.hypot(other[0] - last[0], other[1] - last[1])
            if (abs(other[4] - first[4]) < 4 and abs(other[2] - first[2]) < 0.2 * first[2]
                    and gap < 4.0 * max(last[3], other[3], first[2] / 30)
                    and abs(other[0] - first[0]) < 0.2 * first[2]):
                group.append(other)
            if len(group) == 3:
                break
        if len(group) >= 2:
            groups.append(group)
    groups.sort(key=lambda g: (-len(g), -g[0][2], -g[-1][1]))  # a TD1 stack of 3 before its last 2
    # a group contained in a bigger one is the same band
    out: list[list] = []
    for g in groups:
        if not any(all(any(m is n for n in big) for m in g) for big in out):
            out.append(g)
    return out


def cut_band(gray: np.ndarray, band: Band, *, flip: bool = False) -> np.ndarray:
    """The band straightened and scaled to CHAR_HEIGHT per line, with a light margin, in one warp."""
    import cv2
    import numpy as np

    (cx, cy), (bw, bh) = band.center, band.size
    line_h = bh / max(1, band.lines)
    scale = CHAR_HEIGHT / max(1.0, line_h) * 0.9
    out_w = round((bw + 3.0 * line_h) * scale)
    out_h = round((bh + 1.2 * line_h) * scale)
    rot = cv2.getRotationMatrix2D((cx, cy), band.angle + (180 if flip else 0), scale)
    rot[0, 2] += out_w / 2 - cx
    rot[1, 2] += out_h / 2 - cy
    cut = cv2.warpAffine(gray, rot, (out_w, out_h), flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC,
                         borderMode=cv2.BORDER_REPLICATE)
    return np.ascontiguousarray(cut)


def _png(gray: np.ndarray) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".png", gray, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:  # pragma: no cover - OpenCV always encodes a 2-D uint8 array
        raise InputError(code="mrz.ocr_failed", reason="cannot encode the band")
    return buf.tobytes()


def _binarise(gray: np.ndarray) -> np.ndarray:
    import cv2

    _, out = cv2.threshold(cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return out


# -------------------------------------------------------------------------------------------- reading

def read_mrz(rgb: np.ndarray, *, source: str = "the image") -> MrzRead:
    """Find and read the MRZ of a photo; raise InputError (coded) when there is none or it is unreadable.

    A read whose check digits fail is returned (``data.checksum_ok`` False), not raised: the caller
    decides (the CLI exits 1, the session blocks).
    """
    import time

    t0 = time.perf_counter()
    gray = _gray(rgb)
    if is_blank(gray):
        raise InputError(code="mrz.blank_page", source=source)
    bands = find_bands(gray)
    t_find = time.perf_counter()
    best: MrzRead | None = None
    for band in bands[:3]:
        read = _read_band(gray, band, flip=False, binary=False, source=source)
        flip = False
        if read is None or not read.data.checksum_ok:  # perhaps the document is upside down
            turned = _read_band(gray, band, flip=True, binary=False, source=source)
            if _better(turned, read):
                read, flip = turned, True
        if read is not None and not read.data.checksum_ok:  # a digit is off: once more, binarised
            again = _read_band(gray, band, flip=flip, binary=True, source=source)
            if _better(again, read):
                read = again
        if read is None:
            continue
        if read.data.checksum_ok:
            read.seconds = {"find": t_find - t0, "total": time.perf_counter() - t0}
            return read
        if best is None or len(read.data.failed_checks) < len(best.data.failed_checks):
            best = read
    if best is None:
        raise InputError(code="mrz.not_found", source=source)
    best.seconds = {"find": t_find - t0, "total": time.perf_counter() - t0}
    return best


def _better(a: MrzRead | None, b: MrzRead | None) -> bool:
    """``a`` is a better reading than ``b`` (fewer failed check digits)."""
    if a is None:
        return False
    return b is None or len(a.data.failed_checks) + len(a.data.problems) < len(b.data.failed_checks) + len(
        b.data.problems)


def _read_band(gray: np.ndarray, band: Band, *, flip: bool, binary: bool, source: str) -> MrzRead | None:
    cut = cut_band(gray, band, flip=flip)
    text = run_tesseract(_png(_binarise(cut) if binary else cut))
    glyphs = mrz_glyphs.glyph_rows(cut, band.lines)
    lines = mrz_glyphs.merge(text.splitlines(), glyphs) if glyphs else None
    try:
        return MrzRead(mrz.parse(lines or text.splitlines(), source=source), band, text)
    except InputError:
        return None


def read_mrz_file(path: str | Path) -> MrzRead:
    from consent_app.biometrics.images import load_image

    image = load_image(path)
    return read_mrz(image.rgb, source=Path(path).name)


def read_mrz_bytes(data: bytes, *, source: str = "the ID document photo") -> MrzRead:
    from consent_app.biometrics.images import load_image

    image = load_image(data, name=source)
    return read_mrz(image.rgb, source=source)
