"""Make the app icon files for the macOS and Windows bundles from one PNG (Pillow).

    .venv/bin/python packaging/icons/make_icons.py

The source is ``consent-app.png`` (1024 px) in this folder; when it is missing it is drawn here
(a shield with a check mark: consent on file). Writes ``consent-app.ico`` (16-256 px, Windows) and
``consent-app.icns`` (16-1024 px, macOS) beside it; build.spec uses them.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "consent-app.png"
SIZE = 1024
BACKGROUND = (31, 78, 121, 255)
SHIELD = (246, 248, 250, 255)
CHECK = (46, 157, 91, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    """The icon: a rounded square, a shield, a check mark (drawn at 4x and scaled down, smooth)."""
    big = size * 4
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = big / 1024
    d.rounded_rectangle([40 * u, 40 * u, 984 * u, 984 * u], radius=190 * u, fill=BACKGROUND)
    shield = [(512, 150), (800, 250), (780, 560), (512, 880), (244, 560), (224, 250)]
    d.polygon([(x * u, y * u) for x, y in shield], fill=SHIELD)
    check = [(360, 520), (470, 640), (680, 390)]
    d.line([(x * u, y * u) for x, y in check], fill=CHECK, width=int(80 * u), joint="curve")
    for x, y in (check[0], check[-1]):
        r = 40 * u
        d.ellipse([x * u - r, y * u - r, x * u + r, y * u + r], fill=CHECK)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    if not SOURCE.is_file():
        draw().save(SOURCE, optimize=True)
    image = Image.open(SOURCE).convert("RGBA")
    if image.size != (SIZE, SIZE):
        raise SystemExit(f"{SOURCE} must be {SIZE}x{SIZE}, not {image.size[0]}x{image.size[1]}")
    image.save(HERE / "consent-app.ico", sizes=ICO_SIZES)
    image.save(HERE / "consent-app.icns")
    print(f"wrote {HERE / 'consent-app.ico'} and {HERE / 'consent-app.icns'} from {SOURCE.name}")


if __name__ == "__main__":
    main()
