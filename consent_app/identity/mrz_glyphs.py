"""Tell the MRZ filler ``<`` from the letters tesseract mistakes it for (K, C, E, S, X...).

Tesseract's ``eng`` LSTM model has seen few OCR-B chevrons, so runs of fillers come back as ``KKK<K``.
Every MRZ cell holds exactly one glyph, so each line of the straightened band is cut into its N glyphs
(connected components when there are exactly N, else N equal cells), and each glyph that OCR read as a
letter is compared with two OCR-B templates: the letter read and ``<``. The better match wins. The
templates are rendered once from the OCR-B font (Debian ``fonts-ocr-b``; bundled in the packaged build).
Without the font nothing is changed.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

TEMPLATE_SIZE = (20, 28)  # width, height every glyph is compared at
MARGIN = 0.15  # a template beats tesseract's letter only by this much correlation


@functools.cache
def _templates() -> dict[str, np.ndarray] | None:
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from consent_app.identity.specimen import ocr_b_font

    try:
        font = ImageFont.truetype(str(ocr_b_font()), 64)
    except (FileNotFoundError, OSError):
        return None
    out = {}
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<":
        im = Image.new("L", (96, 96), 0)
        ImageDraw.Draw(im).text((16, 8), ch, font=font, fill=255)
        arr = np.asarray(im)
        out[ch] = _normalise(arr)
    return out


def _normalise(ink: np.ndarray) -> np.ndarray | None:
    """Crop to the ink and scale to TEMPLATE_SIZE, zero-mean unit-norm (None when there is no ink)."""
    import cv2
    import numpy as np

    ys, xs = np.nonzero(ink > 96)
    if len(xs) < 4:
        return None
    crop = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32)
    h, w = crop.shape
    want_w = round(h * TEMPLATE_SIZE[0] / TEMPLATE_SIZE[1])
    if w < want_w:  # keep the aspect ratio (0 is narrower than O): pad, never stretch
        left = (want_w - w) // 2
        crop = cv2.copyMakeBorder(crop, 0, 0, left, want_w - w - left, cv2.BORDER_CONSTANT, value=0)
    vec = cv2.resize(crop, TEMPLATE_SIZE, interpolation=cv2.INTER_AREA).ravel()
    vec -= vec.mean()
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else None


def _rows(mask: np.ndarray, count: int) -> list[tuple[int, int]] | None:
    import numpy as np

    profile = (mask > 0).sum(axis=1)
    on = profile > max(2, 0.02 * mask.shape[1])
    runs, start = [], None
    for y, flag in enumerate(np.append(on, False)):
        if flag and start is None:
            start = y
        elif not flag and start is not None:
            runs.append((start, y))
            start = None
    runs = [r for r in runs if r[1] - r[0] >= 4]
    if len(runs) < count:
        return None
    runs.sort(key=lambda r: r[1] - r[0], reverse=True)
    return sorted(runs[:count])


def _exact(line: np.ndarray, n: int) -> bool:

    return len(_glyph_boxes(line)) == n


def _glyph_boxes(line: np.ndarray) -> list:
    """Connected components as tall as a glyph (specks and security-print lines dropped), left to right."""
    import cv2

    _, _, stats, _ = cv2.connectedComponentsWithStats(line, connectivity=8)
    tall, right = 0.45 * line.shape[0], line.shape[1]
    return sorted((s for s in stats[1:] if s[3] >= tall and s[4] >= 6 and s[0] > 0 and s[0] + s[2] < right),
                  key=lambda s: s[0])


def _cells(line: np.ndarray, n: int) -> list[np.ndarray]:

    boxes = _glyph_boxes(line)
    if len(boxes) == n:
        return [line[:, x:x + w] for x, _, w, _, _ in boxes]
    cols = (line > 0).any(axis=0).nonzero()[0]
    if len(cols) == 0:
        return []
    left, right = int(cols[0]), int(cols[-1]) + 1
    pitch = (right - left) / (n - 0.3)
    return [line[:, round(left + i * pitch):round(left + i * pitch + 0.85 * pitch)] for i in range(n)]


def _classify(glyph: np.ndarray, templates: dict[str, np.ndarray]) -> str:
    return max(templates, key=lambda ch: float(glyph @ templates[ch]))


def glyph_rows(band_gray: np.ndarray, count: int) -> list[list[np.ndarray]] | None:
    """The band's ``count`` lines as lists of normalised glyphs, when every line's glyphs separate cleanly
    and all lines hold the same number of them (30, 36 or 44)."""
    import cv2

    _, mask = cv2.threshold(band_gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    rows = _rows(mask, count)
    if rows is None:
        return None
    out = []
    for y0, y1 in rows:
        strip = mask[max(0, y0 - 1):y1 + 1]
        glyphs = [_normalise(strip[:, x:x + w]) for x, _, w, _, _ in _glyph_boxes(strip)]
        if any(g is None for g in glyphs):
            return None
        out.append(glyphs)
    if len({len(r) for r in out}) != 1 or len(out[0]) not in (30, 36, 44):
        return None
    return out


def merge(ocr_lines: list[str], rows: list[list[np.ndarray]]) -> list[str] | None:
    """Each band line as N characters: tesseract's letters and digits where they line up with the glyphs,
    ``<`` where the glyph matches the filler better than the letter read, and the template's best match
    where tesseract dropped or merged glyphs (it often drops fillers in a long run)."""
    import difflib

    templates = _templates()
    if templates is None:
        return None
    cleaned = ["".join(ch for ch in ln.upper() if ch in _MRZ_CHARS) for ln in ocr_lines]
    cleaned = [ln for ln in cleaned if len(ln) >= 10]
    if len(cleaned) < len(rows):
        cleaned += [""] * (len(rows) - len(cleaned))
    # tesseract's lines in order; pick the last len(rows) long ones (the MRZ is the band's only text)
    cleaned = cleaned[-len(rows):]
    out = []
    for text, glyphs in zip(cleaned, rows, strict=True):
        guess = "".join(_classify(g, templates) for g in glyphs)
        chars = list(guess)
        matcher = difflib.SequenceMatcher(None, text, guess, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
                for k in range(b1 - b0):
                    read, glyph = text[a0 + k], glyphs[b0 + k]
                    best = chars[b0 + k]
                    if read == "<" or read not in templates or best == read:
                        chars[b0 + k] = read
                    elif best == "<" or float(glyph @ (templates[best] - templates[read])) > MARGIN:
                        chars[b0 + k] = best
                    else:
                        chars[b0 + k] = read
        out.append("".join(chars))
    return out


_MRZ_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
