"""Generated specimen documents: an MRZ in OCR-B on a synthetic card or passport page (Pillow only).

Used by the tests, ``bench/identity.py`` and the self-test; nothing is downloaded. The OCR-B font is
Debian's ``fonts-ocr-b`` (public domain), or the copy bundled into the packaged build.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from consent_app.identity import mrz

#: Document size in millimetres (ICAO 9303 part 4-6).
SIZES_MM = {"TD1": (85.6, 53.98), "TD2": (105.0, 74.0), "TD3": (125.0, 88.0)}
MRZ_PITCH_MM = 2.54  # 10 characters per inch
LINE_PITCH_MM = 4.23  # 6 lines per inch
FONT_CANDIDATES = ("/usr/share/fonts/opentype/ocr-b/OCRB.otf", "/usr/share/fonts/truetype/ocr-b/OCRB.ttf")


def ocr_b_font() -> Path:
    """The OCR-B font file (the bundled copy in a packaged build, else Debian's)."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / "resources" / "fonts" / "OCRB.otf"
    env = os.environ.get("CONSENT_APP_OCRB_FONT")
    for candidate in ([env] if env else []) + [str(bundled), *FONT_CANDIDATES]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FileNotFoundError("the OCR-B font is missing: install Debian's fonts-ocr-b")


@dataclass(frozen=True)
class Specimen:
    format: str
    surname: str = "ZHANG"
    given_names: str = "WEI MING"
    document_number: str = "E12345678"
    nationality: str = "CHN"
    issuing_state: str = "CHN"
    birth_date: date = date(1990, 3, 14)
    expiry_date: date = date(2032, 6, 30)
    sex: str = "F"
    document_type: str = ""

    @property
    def type_code(self) -> str:
        return self.document_type or ("P" if self.format == "TD3" else "ID")

    def lines(self) -> tuple[str, ...]:
        return mrz.compose(self.format, document_type=self.type_code, issuing_state=self.issuing_state,
                           surname=self.surname, given_names=self.given_names,
                           document_number=self.document_number, nationality=self.nationality,
                           birth_date=self.birth_date, expiry_date=self.expiry_date, sex=self.sex)

    def expected(self) -> dict[str, object]:
        """The fields ``MrzData.to_dict()`` must give for this document."""
        return {"documentType": self.type_code, "issuingState": self.issuing_state,
                "surname": self.surname, "givenNames": self.given_names,
                "documentNumber": self.document_number, "nationality": self.nationality,
                "birthDate": self.birth_date.isoformat(), "expiryDate": self.expiry_date.isoformat(),
                "sex": self.sex if self.sex in ("M", "F") else "X"}


def render(spec: Specimen | None, *, fmt: str = "TD3", px_per_mm: float = 9.0, angle: float = 0.0,
           blur: float = 0.0, portrait=None, lines: tuple[str, ...] | None = None, margin: float = 0.12):
    """A photo-like RGB ``PIL.Image`` of the document (no MRZ when ``spec`` and ``lines`` are None).

    ``portrait``: an RGB array or PIL image pasted as the holder's photo; ``angle`` in degrees
    (counter-clockwise); ``blur``: Gaussian radius in pixels.
    """
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    fmt = spec.format if spec is not None else fmt
    if lines is None and spec is not None:
        lines = spec.lines()
    w_mm, h_mm = SIZES_MM[fmt]
    width, height = round(w_mm * px_per_mm), round(h_mm * px_per_mm)
    card = Image.new("RGB", (width, height), (236, 232, 222))
    draw = ImageDraw.Draw(card)
    font_path = str(ocr_b_font())
    # a faint security pattern, a title and printed fields above the MRZ
    for y in range(0, height, max(4, round(px_per_mm * 1.5))):
        draw.line([(0, y), (width, y + height // 6)], fill=(226, 220, 212), width=1)
    small = ImageFont.truetype(font_path, max(8, round(px_per_mm * 2.2)))
    title = ImageFont.truetype(font_path, max(10, round(px_per_mm * 3.4)))
    draw.text((round(px_per_mm * 4), round(px_per_mm * 3)),
              "PASSPORT" if fmt == "TD3" else "IDENTITY CARD", font=title, fill=(40, 60, 110))
    portrait_box = (round(px_per_mm * 4), round(px_per_mm * 10),
                    round(px_per_mm * (4 + h_mm * 0.38)), round(px_per_mm * (10 + h_mm * 0.48)))
    _portrait(card, portrait_box, portrait)
    x0 = portrait_box[2] + round(px_per_mm * 4)
    fields = ([("Surname", spec.surname), ("Given names", spec.given_names),
               ("Date of birth", spec.birth_date.strftime("%d %b %Y").upper()),
               ("Document no.", spec.document_number)] if spec is not None
              else [("Name", "SPECIMEN HOLDER"), ("Date of issue", "01 JAN 2024"), ("Authority", "STUDIO")])
    y = portrait_box[1]
    for label, value in fields:
        draw.text((x0, y), label, font=small, fill=(90, 90, 110))
        draw.text((x0, y + round(px_per_mm * 2.6)), value, font=small, fill=(20, 20, 20))
        y += round(px_per_mm * 6.2)
    if lines:
        mrz_font = _mrz_font(font_path, px_per_mm)
        bottom = height - round(px_per_mm * 2.5)
        top = bottom - len(lines) * LINE_PITCH_MM * px_per_mm
        left = (width - len(lines[0]) * MRZ_PITCH_MM * px_per_mm) / 2
        for i, line in enumerate(lines):
            for j, ch in enumerate(line):
                draw.text((left + j * MRZ_PITCH_MM * px_per_mm, top + i * LINE_PITCH_MM * px_per_mm), ch,
                          font=mrz_font, fill=(10, 10, 10))
    pad = round(max(width, height) * margin)
    photo = Image.new("RGB", (width + 2 * pad, height + 2 * pad), (120, 108, 96))  # the desk
    photo.paste(card, (pad, pad))
    if angle:
        photo = photo.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(120, 108, 96))
    if blur:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    return photo


def _mrz_font(font_path: str, px_per_mm: float):
    from PIL import ImageFont

    probe = ImageFont.truetype(font_path, 100)
    advance = probe.getlength("0")  # OCR-B is monospaced
    size = round(100 * MRZ_PITCH_MM * px_per_mm / advance * 0.98)
    return ImageFont.truetype(font_path, size)


def _portrait(card, box, portrait) -> None:
    from PIL import Image, ImageDraw

    x0, y0, x1, y1 = box
    if portrait is None:  # a drawn silhouette, clipped to the photo box
        w, h = x1 - x0, y1 - y0
        photo = Image.new("RGB", (w, h), (200, 205, 215))
        draw = ImageDraw.Draw(photo)
        draw.ellipse((w * 0.28, h * 0.15, w * 0.72, h * 0.6), fill=(170, 150, 140))
        draw.ellipse((w * 0.08, h * 0.62, w * 0.92, h * 1.3), fill=(90, 100, 120))
        card.paste(photo, (x0, y0))
        return
    image = portrait if isinstance(portrait, Image.Image) else Image.fromarray(portrait)
    image = image.convert("RGB")
    target = (x1 - x0, y1 - y0)
    scale = max(target[0] / image.width, target[1] / image.height)
    image = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
    left, top = (image.width - target[0]) // 2, (image.height - target[1]) // 4
    card.paste(image.crop((left, top, left + target[0], top + target[1])), (x0, y0))


def png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes(image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def corpus(count: int = 30) -> list[tuple[Specimen, dict[str, float]]]:
    """``count`` varied specimens with their rendering (flat, rotated up to ±5°, blurred), TD1/TD2/TD3."""
    surnames = ["ZHANG", "LI", "WANG", "OUYANG", "SMITH", "MUELLER", "GARCIA<LOPEZ", "NGUYEN", "O<BRIEN",
                "KOWALSKA", "TANAKA", "SILVA"]
    given = ["WEI MING", "NA", "XIAO HONG", "JIAN", "ANNA MARIA", "JONAS", "LUCIA", "THI LAN", "SEAN",
             "EWA", "YUKI", "JOAO PEDRO"]
    states = ["CHN", "GBR", "DEU", "ESP", "VNM", "IRL", "POL", "JPN", "BRA", "FRA", "USA", "D<<"]
    renders = [{}, {"angle": 5.0}, {"angle": -5.0}, {"blur": 1.5}, {"angle": 3.0, "blur": 1.2},
               {"angle": -2.5, "blur": 1.0}]
    out = []
    for i in range(count):
        fmt = ("TD1", "TD2", "TD3")[i % 3]
        number = f"{'CEGKMPX'[i % 7]}{(7919 * (i + 3)) % 10**7:07d}{i % 10}"
        if i % 4 == 1:
            number = f"{(104729 * (i + 11)) % 10**9:09d}"
        spec = Specimen(
            format=fmt, surname=surnames[i % len(surnames)].replace("<", " "),
            given_names=given[(i * 5) % len(given)], document_number=number,
            nationality=states[(i * 7) % len(states)].replace("<", ""),
            issuing_state=states[i % len(states)].replace("<", ""),
            birth_date=date(1950 + (i * 7) % 60, 1 + i % 12, 1 + (i * 3) % 28),
            expiry_date=date(2027 + i % 10, 1 + (i * 5) % 12, 1 + (i * 11) % 28),
            sex="MF<"[i % 3],
        )
        out.append((spec, renders[i % len(renders)]))
    return out
