"""Explicit labels (GB 45438-2025): text people see on images and video, a rhythm they hear on audio.

* The text contains 人工智能 or AI and 生成 or 合成 (the token's marking text, completed if needed),
  drawn with the shipped CJK font (Droid Sans Fallback, Apache-2.0).
* Images: capital letters, and so the taller CJK characters, are at least 5 % of the shorter side
  high (measured ink height, 10 % margin for anti-aliasing).
* Audio: Morse "AI" (short-long-short-short) as a 1 kHz tone at the start, then a short pause.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MIN_HEIGHT = 0.05  # of the shorter side
SMALL_HEIGHT = 0.025  # the persistent corner label on video
MORSE_UNIT = 0.08  # seconds; dot = 1 unit, dash = 3
MORSE_AI = ((1, 1), (3, 3), (1, 1), (1, 0))  # (tone units, following silence units): . -   . .
MORSE_TONE_HZ = 1000.0
MORSE_PAUSE = 0.4
CORNER_TEXT = "AI生成"
CAP_SAMPLE = "AIH"  # capital letters: the smallest "text height" of a label; CJK glyphs are taller


def font_path() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (
        here / "fonts" / "DroidSansFallback.ttf",
        here.parents[1] / "resources" / "fonts" / "DroidSansFallback.ttf",
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("the CJK font DroidSansFallback.ttf is not installed with consent_app")


def label_text(marking: str) -> str:
    """The token's marking, completed so that it names AI and generation as GB 45438 asks."""
    text = " ".join(marking.split()) or "AI生成"
    has_ai = "人工智能" in text or "AI" in text.upper()
    has_gen = "生成" in text or "合成" in text
    if not (has_ai and has_gen):
        text += " (人工智能生成 AI-generated)"
    return text


@lru_cache(maxsize=64)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path()), size)


def _fit_font(sample: str, min_ink: int):
    """The smallest font whose ink height for ``sample`` reaches ``min_ink`` pixels."""
    size = max(8, min_ink)
    while True:
        font = _font(size)
        _left, top, _right, bottom = font.getbbox(sample)
        if bottom - top >= min_ink:
            return font
        size += max(1, size // 20)


def _wrap(text: str, font, max_width: int) -> list[str]:
    lines, line = [], ""
    for ch in text:
        trial = line + ch
        if line and font.getlength(trial) > max_width:
            cut = line.rfind(" ")
            if cut > 0 and ch != " ":
                lines.append(line[:cut])
                line = line[cut + 1 :] + ch
            else:
                lines.append(line.rstrip())
                line = ch.lstrip()
        else:
            line = trial
    if line.strip():
        lines.append(line.strip())
    return lines


def render(text: str, short_side: int, max_width: int, fraction: float = MIN_HEIGHT):
    """An RGBA image of the label: white text on a dark translucent band; returns (image, capital height)."""
    from PIL import Image, ImageDraw

    # 10 % over the minimum: anti-aliased glyph edges do not count as text when it is measured
    min_ink = max(10, int(short_side * fraction * 1.1 + 0.999))
    font = _fit_font(CAP_SAMPLE, min_ink)  # capitals (and so CJK characters, taller) reach min_ink
    pad = max(2, min_ink // 4)
    lines = _wrap(text, font, max(10, max_width - 2 * pad))
    # the band's line height uses the font's full extent so every line's ink is >= min_ink
    ascent, descent = font.getmetrics()
    line_h = ascent + descent
    width = int(max(font.getlength(line) for line in lines)) + 2 * pad
    height = line_h * len(lines) + 2 * pad
    image = Image.new("RGBA", (min(width, max_width), height), (0, 0, 0, 150))
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((pad, pad + n * line_h), line, font=font, fill=(255, 255, 255, 255))
    _left, top, _right, bottom = font.getbbox(CAP_SAMPLE)
    return image, bottom - top


def label_image(image, text: str):
    """A copy of the image with the label drawn at its bottom-left (RGB, RGBA or L in, same mode out).

    Only the label's rectangle is blended (in RGBA) and pasted back: the rest of the picture is
    never converted.
    """
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    w, h = image.size
    patch, _ink = render(text, min(w, h), w - max(2, w // 50) * 2)
    margin = max(2, min(w, h) // 50)
    x, y = margin, max(0, h - patch.height - margin)
    box = (x, y, x + patch.width, y + patch.height)
    region = image.crop(box).convert("RGBA")
    region.alpha_composite(patch)
    out = image.copy()
    out.paste(region if image.mode == "RGBA" else region.convert(image.mode), box)
    return out


def morse_ai(sample_rate: int):
    """float32 mono samples of the Morse "AI" rhythm followed by a pause."""
    import numpy as np

    unit = int(MORSE_UNIT * sample_rate)
    fade = max(1, int(0.005 * sample_rate))
    parts = []
    for tone_units, gap_units in MORSE_AI:
        n = tone_units * unit
        t = np.arange(n, dtype=np.float32) / sample_rate
        tone = 0.4 * np.sin(2 * np.pi * MORSE_TONE_HZ * t).astype(np.float32)
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        tone[:fade] *= ramp
        tone[-fade:] *= ramp[::-1]
        parts += [tone, np.zeros(gap_units * unit, dtype=np.float32)]
    parts.append(np.zeros(int(MORSE_PAUSE * sample_rate), dtype=np.float32))
    return np.concatenate(parts)


def prepend_morse(samples, sample_rate: int):
    """``samples`` (frames x channels, float32) with the Morse rhythm in every channel first."""
    import numpy as np

    beep = morse_ai(sample_rate)
    channels = samples.shape[1] if samples.ndim == 2 else 1
    beep = np.repeat(beep[:, None], channels, axis=1)
    body = samples if samples.ndim == 2 else samples[:, None]
    return np.concatenate([beep, body.astype(np.float32)], axis=0)
