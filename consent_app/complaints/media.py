"""Attachments to a complaint: read with a size bound, recognised as image, video or audio by their bytes.

Only media are accepted (the register is for disputed images, videos and recordings); anything else,
an empty file or one over the size limit is refused with a coded message before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from consent_app.canonical import sha256_hex
from consent_app.errors import InputError
from consent_app.messages import define

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
MAX_ATTACHMENTS = 20

MESSAGES = define({
    "complaint.media_missing": "{name}: no such file",
    "complaint.media_unreadable": "{name}: cannot read ({reason})",
    "complaint.media_folder": "{name}: is a folder, not a media file",
    "complaint.media_empty": "{name}: the file is empty (0 bytes); attach the image, video or audio itself",
    "complaint.media_too_big": "{name}: larger than the {limit_mb} MB limit for an attachment",
    "complaint.media_not_media": "{name}: not an image, video or audio file (accepted: {accepted})",
    "complaint.media_too_many": "at most {limit} attachments per complaint",
})

ACCEPTED = "JPEG, PNG, WebP, GIF, BMP, TIFF, MP4/MOV/M4A, WebM/MKV, AVI, WAV, MP3, FLAC, Ogg"


@dataclass(frozen=True)
class Attachment:
    name: str
    kind: str   # image / video / audio
    mime: str
    data: bytes

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)

    @property
    def size(self) -> int:
        return len(self.data)


def sniff(data: bytes) -> tuple[str, str] | None:
    """(kind, mime) from the first bytes, or None when they are not a media format we accept."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", "image/webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image", "image/gif"
    if head[:2] == b"BM" and len(data) > 26:
        return "image", "image/bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image", "image/tiff"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B "):
            return "audio", "audio/mp4"
        if brand == b"qt  ":
            return "video", "video/quicktime"
        return "video", "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video", "video/webm" if b"webm" in data[:64] else "video/x-matroska"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video", "video/x-msvideo"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio", "audio/wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio", "audio/mpeg"
    if head.startswith(b"fLaC"):
        return "audio", "audio/flac"
    if head.startswith(b"OggS"):
        return "audio", "audio/ogg"
    return None


def from_bytes(name: str, data: bytes) -> Attachment:
    """Check an attachment given as bytes (web form, e-mail part)."""
    if not data:
        raise InputError(code="complaint.media_empty", name=name)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InputError(code="complaint.media_too_big", name=name, limit_mb=MAX_ATTACHMENT_BYTES // 2**20)
    found = sniff(data)
    if found is None:
        raise InputError(code="complaint.media_not_media", name=name, accepted=ACCEPTED)
    return Attachment(name, found[0], found[1], data)


def read_file(path: str | Path) -> Attachment:
    """Read one attachment from disk with the size checked while reading (not trusted from stat)."""
    p = Path(path)
    if p.is_dir():
        raise InputError(code="complaint.media_folder", name=str(p))
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_ATTACHMENT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(code="complaint.media_missing", name=str(p)) from None
    except OSError as exc:
        raise InputError(code="complaint.media_unreadable", name=str(p),
                         reason=exc.strerror or str(exc)) from None
    return from_bytes(p.name, data)


def read_files(paths) -> list[Attachment]:
    """Every attachment checked before any is stored (one bad file refuses the whole complaint)."""
    paths = list(paths or [])
    if len(paths) > MAX_ATTACHMENTS:
        raise InputError(code="complaint.media_too_many", limit=MAX_ATTACHMENTS)
    return [read_file(p) for p in paths]
