"""The on-screen signature, without Qt: strokes as vectors, a check that refuses trivial marks,
and a PNG rendering (Pillow, in memory).

The Qt widget collects points (mouse, touch, or pen with pressure) into :class:`Stroke` lists and
calls :func:`check`; clear/redo are the widget's. A signature is kept as canonical JSON of its
strokes (``to_json``) plus the rendered image, both hashed into the consent record.
"""

from __future__ import annotations

import io
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from consent_app.canonical import canonical_json, sha256_hex
from consent_app.errors import InputError

FORMAT = "consent_app.signature"
MAX_POINTS = 20_000
MAX_STROKES = 200

# What a signature must have (each measured on the strokes; see check()).
MIN_POINTS = 20
MIN_EXTENT_FRACTION = 0.10  # larger side of the bounding box vs the pad's larger side
MIN_AREA_FRACTION = 0.004  # bounding-box area vs the pad's area
MIN_PATH_RATIO = 2.0  # total ink length vs the bounding-box diagonal (a straight line is ~1)
MIN_TURNS = 3  # changes of direction of 60 degrees or more


class SignatureError(InputError):
    """A signature is empty, trivial (a dot, a line, a scribble of a few points) or malformed."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    t: float = 0.0  # milliseconds since the first point
    pressure: float | None = None  # 0..1 where the device reports it


Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Signature:
    """Strokes drawn on a pad of ``width`` × ``height`` logical pixels (origin top-left)."""

    strokes: tuple[Stroke, ...]
    width: float
    height: float
    device: str = "unknown"  # mouse | touch | pen | synthetic
    measures: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_points(cls, strokes: Iterable[Iterable[Sequence[float]]], width: float, height: float,
                    device: str = "unknown") -> Signature:
        """From nested sequences ``[[(x, y[, t[, pressure]]), ...], ...]``."""
        built = []
        for stroke in strokes:
            points = []
            for p in stroke:
                if len(p) < 2:
                    raise SignatureError("a signature point needs x and y", "malformed")
                pressure = None if len(p) < 4 or p[3] is None else float(p[3])
                points.append(Point(float(p[0]), float(p[1]), float(p[2]) if len(p) > 2 else 0.0,
                                    pressure))
            if points:
                built.append(tuple(points))
        return cls(tuple(built), float(width), float(height), device)

    @property
    def point_count(self) -> int:
        return sum(len(s) for s in self.strokes)

    def as_dict(self) -> dict:
        def point(p: Point) -> list:
            out = [round(p.x, 2), round(p.y, 2), round(p.t, 1)]
            if p.pressure is not None:
                out.append(round(p.pressure, 4))
            return out

        return {"format": FORMAT, "version": 1, "width": self.width, "height": self.height,
                "device": self.device, "strokes": [[point(p) for p in s] for s in self.strokes]}

    def to_json(self) -> bytes:
        """Canonical (RFC 8785) JSON of the strokes: what is stored and hashed."""
        return canonical_json(self.as_dict())

    @property
    def sha256(self) -> str:
        return sha256_hex(self.to_json())

    @classmethod
    def from_json(cls, data: bytes | str) -> Signature:
        try:
            value = json.loads(data)
            if value.get("format") != FORMAT:
                raise ValueError("not a signature")
            return cls.from_points(value["strokes"], value["width"], value["height"],
                                   value.get("device", "unknown"))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SignatureError(f"stored signature is unreadable ({exc})", "malformed") from None


def _resample(points: Sequence[Point], step: float) -> list[tuple[float, float]]:
    """Points spaced ``step`` apart along the stroke (so turn counting ignores sampling jitter)."""
    if not points:
        return []
    out = [(points[0].x, points[0].y)]
    carried = 0.0
    for a, b in itertools.pairwise(points):
        seg = math.hypot(b.x - a.x, b.y - a.y)
        if seg == 0:
            continue
        pos = step - carried
        while pos <= seg:
            f = pos / seg
            out.append((a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f))
            pos += step
        carried = seg - (pos - step)
    return out


def _turns(points: Sequence[Point], step: float, min_angle: float = math.radians(60)) -> int:
    """Changes of direction of at least ``min_angle`` along a stroke, measured every ``step``."""
    pts = _resample(points, step)
    headings = [math.atan2(b[1] - a[1], b[0] - a[0]) for a, b in itertools.pairwise(pts)]
    turns, anchor = 0, None
    for h in headings:
        if anchor is None:
            anchor = h
            continue
        diff = abs((h - anchor + math.pi) % (2 * math.pi) - math.pi)
        if diff >= min_angle:
            turns += 1
            anchor = h
    return turns


def measure(sig: Signature) -> dict:
    """Points, strokes, bounding box, ink length, path ratio and turns of a signature."""
    pts = [p for s in sig.strokes for p in s]
    if not pts:
        return {"points": 0, "strokes": 0, "bbox_w": 0.0, "bbox_h": 0.0, "ink": 0.0,
                "path_ratio": 0.0, "turns": 0}
    xs, ys = [p.x for p in pts], [p.y for p in pts]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    ink = sum(math.hypot(b.x - a.x, b.y - a.y) for s in sig.strokes for a, b in itertools.pairwise(s))
    diag = math.hypot(w, h)
    step = max(diag / 60.0, 1.0)
    return {
        "points": len(pts), "strokes": len(sig.strokes), "bbox_w": round(w, 2), "bbox_h": round(h, 2),
        "ink": round(ink, 2), "path_ratio": round(ink / diag, 3) if diag else 0.0,
        "turns": sum(_turns(s, step) for s in sig.strokes),
    }


def check(sig: Signature) -> Signature:
    """Refuse an empty, trivial or malformed signature; return it with its measures attached."""
    if not (0 < sig.width <= 10_000 and 0 < sig.height <= 10_000):
        raise SignatureError("the signature pad size is invalid", "malformed")
    if len(sig.strokes) > MAX_STROKES or sig.point_count > MAX_POINTS:
        raise SignatureError("the signature has too many strokes or points to be a signature", "malformed")
    for p in (p for s in sig.strokes for p in s):
        if not all(math.isfinite(v) for v in (p.x, p.y, p.t)) or (
                p.pressure is not None and not (math.isfinite(p.pressure) and 0 <= p.pressure <= 1)):
            raise SignatureError("the signature holds invalid coordinates or pressure", "malformed")
    m = measure(sig)
    if m["points"] == 0:
        raise SignatureError("the signature is empty: please sign on the pad", "empty")
    if m["points"] < MIN_POINTS:
        raise SignatureError(f"the signature has only {m['points']} points: please sign with your "
                             "full signature", "too_few_points")
    extent = max(m["bbox_w"], m["bbox_h"]) / max(sig.width, sig.height)
    area = (m["bbox_w"] * m["bbox_h"]) / (sig.width * sig.height)
    if extent < MIN_EXTENT_FRACTION:
        raise SignatureError("the signature is too small (a dot or a tick): please sign larger", "too_small")
    if m["path_ratio"] < MIN_PATH_RATIO or area < MIN_AREA_FRACTION:
        raise SignatureError("the signature is just a line: please sign with your full signature",
                             "line")
    if m["turns"] < MIN_TURNS:
        raise SignatureError("the signature is too simple (almost no changes of direction): please sign "
                             "with your full signature", "too_simple")
    return Signature(sig.strokes, sig.width, sig.height, sig.device, m)


def render_png(sig: Signature, *, scale: float = 1.0, ink: tuple[int, int, int] = (16, 24, 64)) -> bytes:
    """The signature drawn black-on-white as PNG bytes (line width follows pen pressure)."""
    from PIL import Image, ImageDraw

    w, h = max(1, round(sig.width * scale)), max(1, round(sig.height * scale))
    image = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    base = max(2.0, 2.5 * scale)
    for stroke in sig.strokes:
        if len(stroke) == 1:
            p = stroke[0]
            r = base / 2
            draw.ellipse((p.x * scale - r, p.y * scale - r, p.x * scale + r, p.y * scale + r), fill=ink)
            continue
        for a, b in itertools.pairwise(stroke):
            pressure = b.pressure if b.pressure is not None else 0.6
            width = max(1, round(base * (0.5 + pressure)))
            draw.line((a.x * scale, a.y * scale, b.x * scale, b.y * scale), fill=ink, width=width)
            r = width / 2
            draw.ellipse((b.x * scale - r, b.y * scale - r, b.x * scale + r, b.y * scale + r), fill=ink)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def synthetic(name: str, width: float = 600, height: float = 200) -> Signature:
    """A deterministic, cursive-looking signature for ``name`` (demo seed and tests only)."""
    seed = int(sha256_hex(name.encode())[:8], 16)
    strokes = []
    letters = max(4, min(10, len(name)))
    x0, baseline = width * 0.08, height * 0.62
    span = width * 0.8 / letters
    t = 0.0
    points: list[Point] = []
    for i in range(letters):
        k = (seed >> (i * 3)) & 7
        loop_h = height * (0.18 + 0.05 * (k % 4))
        for j in range(24):
            a = 2 * math.pi * j / 24
            x = x0 + span * (i + j / 24) + span * 0.35 * math.sin(a)
            y = baseline - loop_h * (0.5 - 0.5 * math.cos(a)) * (1 if k % 2 else 0.8)
            t += 8.0
            points.append(Point(round(x, 2), round(y, 2), t, round(0.45 + 0.3 * math.sin(a / 2) ** 2, 3)))
    strokes.append(tuple(points))
    # an underline flourish
    flourish = tuple(Point(round(width * (0.12 + 0.7 * f / 20), 2),
                           round(height * (0.8 + 0.04 * math.sin(f)), 2), t + 10 * (f + 1), 0.5)
                     for f in range(20))
    strokes.append(flourish)
    return Signature(tuple(strokes), float(width), float(height), "synthetic")
