"""Which media ``consent-mark`` handles, recognised by their bytes (never by the file name)."""

from __future__ import annotations

from dataclasses import dataclass

from consent_app.messages import define

MESSAGES = define(
    {
        "mark.format_unknown": "{path}: not a supported format (supported: {supported})",
        "mark.format_mismatch": "{path} is a {actual} file, but its name says {named}",
        "mark.empty": "{path} is empty (0 bytes)",
        "mark.too_large": "{path} is larger than the {limit} MB limit",
        "mark.unreadable": "cannot read {path}: {reason}",
    }
)


@dataclass(frozen=True)
class Format:
    name: str  # jpeg, png, webp, mp4, wav, mp3, flac
    kind: str  # image, video, audio
    mime: str
    extensions: tuple[str, ...]


FORMATS = {
    f.name: f
    for f in (
        Format("jpeg", "image", "image/jpeg", (".jpg", ".jpeg")),
        Format("png", "image", "image/png", (".png",)),
        Format("webp", "image", "image/webp", (".webp",)),
        Format("mp4", "video", "video/mp4", (".mp4", ".m4v")),
        Format("wav", "audio", "audio/wav", (".wav",)),
        Format("mp3", "audio", "audio/mpeg", (".mp3",)),
        Format("flac", "audio", "audio/flac", (".flac",)),
    )
}
SUPPORTED = ", ".join(FORMATS)
MAX_BYTES = {"image": 100 << 20, "audio": 500 << 20, "video": 2 << 30}


def sniff(head: bytes) -> Format | None:
    """The format of a file from its bytes (the whole file, or enough to pass leading ID3 tags)."""
    if head.startswith(b"\xff\xd8\xff"):
        return FORMATS["jpeg"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FORMATS["png"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FORMATS["webp"]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return FORMATS["wav"]
    if head.startswith(b"fLaC"):
        return FORMATS["flac"]
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"isom",
        b"mp42",
        b"mp41",
        b"iso2",
        b"iso4",
        b"iso5",
        b"M4V ",
        b"avc1",
    ):
        return FORMATS["mp4"]
    if head.startswith(b"ID3"):
        # c2pa-python writes its FLAC manifest as a leading ID3v2 tag: look behind the tag(s)
        from consent_app.marking.essence import id3v2_size

        i = 0
        while (n := id3v2_size(head, i)) > 0:
            i += n
        if head[i : i + 4] == b"fLaC":
            return FORMATS["flac"]
        return FORMATS["mp3"]
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return FORMATS["mp3"]
    return None


def named_format(path: str) -> Format | None:
    lower = path.lower()
    for fmt in FORMATS.values():
        if lower.endswith(fmt.extensions):
            return fmt
    return None
