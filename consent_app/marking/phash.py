"""Perceptual hashes: a 64-bit difference hash (dHash) that survives re-encoding and resizing."""

from __future__ import annotations

MATCH_BITS = 10  # at most this many differing bits out of 64 count as the same picture


def dhash(image) -> str:
    """16 hex digits: the sign of horizontal brightness steps on a 9x8 grey thumbnail."""
    from PIL import Image

    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    px = small.tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = (bits << 1) | (px[row * 9 + col] < px[row * 9 + col + 1])
    return f"{bits:016x}"


def distance(a: str, b: str) -> int:
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def best_match(candidates: list[str], known: list[str]) -> int | None:
    """The smallest distance between any candidate and any known hash (None if either is empty)."""
    best = None
    for a in candidates:
        for b in known:
            d = distance(a, b)
            best = d if best is None or d < best else best
    return best
