"""The content hash of a media file: its media data, without the metadata that marking adds.

``ReservedCode1`` of the AIGC label signs this hash, so the label only verifies on the content it
was made for, while adding or reading metadata (XMP, ID3, RIFF/FLAC comments, the C2PA manifest)
leaves it unchanged:

* JPEG: every segment except APPn and COM, and everything from the first SOS on.
* PNG: every chunk except the textual/metadata ones (tEXt, iTXt, zTXt, eXIf, tIME, caBX).
* WebP, WAV: the RIFF chunks that carry media (fmt/data; VP8/VP8L/ALPH/ANIM/ANMF).
* MP4: the payload of every ``mdat`` box.
* MP3: the bytes between the ID3v2 tag(s) and an ID3v1 trailer.
* FLAC: the audio frames after the metadata blocks, plus STREAMINFO.
"""

from __future__ import annotations

import hashlib
import struct

from consent_app.marking.errors import MarkError
from consent_app.messages import define

MESSAGES = define({"mark.corrupt": "{what} is damaged or truncated ({detail})"})

_PNG_META = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME", b"caBX"}
_RIFF_MEDIA = {b"fmt ", b"data", b"fact", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"}


def _bad(detail: str, *, cut: bool = False) -> MarkError:
    """``cut``: the file ends before its own structure does (truncated), so a part of it is missing."""
    return MarkError(11, code="mark.corrupt", what="media", detail=detail, truncated=cut)


def jpeg(data: bytes, h) -> None:
    if not data.startswith(b"\xff\xd8"):
        raise _bad("no JPEG start marker")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise _bad(f"JPEG segment expected at {i}")
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            h.update(memoryview(data)[i:])  # no copy of the scan data
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            h.update(data[i : i + 2])
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        end = i + 2 + length
        if end > len(data):
            raise _bad("JPEG segment runs past the end", cut=True)
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            h.update(data[i:end])
        i = end
    raise _bad("JPEG without image data")


def png(data: bytes, h) -> None:
    i = 8
    seen_end = False
    while i + 12 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            raise _bad("PNG chunk runs past the end", cut=True)
        if kind not in _PNG_META:
            h.update(memoryview(data)[i:end])
        i = end
        if kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        raise _bad("PNG without IEND", cut=True)


def riff_chunks(data: bytes):
    """(fourcc, offset of the payload, payload length) of each top-level RIFF chunk."""
    i = 12
    while i + 8 <= len(data):
        kind = data[i : i + 4]
        (length,) = struct.unpack("<I", data[i + 4 : i + 8])
        if i + 8 + length > len(data):
            raise _bad(f"RIFF chunk {kind!r} runs past the end", cut=True)
        yield kind, i + 8, length
        i += 8 + length + (length & 1)


def riff(data: bytes, h) -> None:
    found = False
    for kind, start, length in riff_chunks(data):
        if kind in _RIFF_MEDIA:
            h.update(kind)
            h.update(memoryview(data)[start : start + length])
            found = True
    if not found:
        raise _bad("RIFF file without media chunks")


def mp4_boxes(data: bytes, start: int = 0, end: int | None = None):
    """(type, start of box, start of payload, end of box) of the boxes between start and end."""
    end = len(data) if end is None else end
    i = start
    while i + 8 <= end:
        size, kind = struct.unpack(">I4s", data[i : i + 8])
        header = 8
        if size == 1:
            if i + 16 > end:
                raise _bad("MP4 box header truncated", cut=True)
            (size,) = struct.unpack(">Q", data[i + 8 : i + 16])
            header = 16
        elif size == 0:
            size = end - i
        if size < header or i + size > end:
            raise _bad(f"MP4 box {kind!r} runs past the end", cut=True)
        yield kind, i, i + header, i + size
        i += size
    if i != end:
        raise _bad("MP4 ends inside a box header", cut=True)


def mp4(data: bytes, h) -> None:
    found = False
    kinds = set()
    for kind, _start, payload, end in mp4_boxes(data):
        kinds.add(kind)
        if kind == b"mdat":
            h.update(memoryview(data)[payload:end])
            found = True
    if not found or b"moov" not in kinds:
        raise _bad("MP4 without media data or movie header")


def id3v2_size(data: bytes, i: int = 0) -> int:
    if data[i : i + 3] != b"ID3" or len(data) < i + 10:
        return 0
    size = 0
    for b in data[i + 6 : i + 10]:
        size = (size << 7) | (b & 0x7F)
    footer = 10 if data[i + 5] & 0x10 else 0
    return 10 + size + footer


def mp3(data: bytes, h) -> None:
    i = 0
    while (n := id3v2_size(data, i)) > 0:
        i += n
    end = len(data) - 128 if data[-128:-125] == b"TAG" else len(data)
    if end - i < 4 or data[i] != 0xFF:
        raise _bad("MP3 without audio frames")
    h.update(memoryview(data)[i:end])


def flac_start(data: bytes) -> int:
    """Offset of ``fLaC`` (after leading ID3v2 tags, where c2pa-python puts its FLAC manifest)."""
    i = 0
    while (n := id3v2_size(data, i)) > 0:
        i += n
    if data[i : i + 4] != b"fLaC":
        raise _bad("no FLAC marker")
    return i


def flac_blocks(data: bytes):
    """(type, header offset, payload length, is last) of each metadata block."""
    i = flac_start(data) + 4
    while True:
        if i + 4 > len(data):
            raise _bad("FLAC metadata truncated", cut=True)
        kind, length = data[i] & 0x7F, int.from_bytes(data[i + 1 : i + 4], "big")
        last = bool(data[i] & 0x80)
        if i + 4 + length > len(data):
            raise _bad("FLAC block runs past the end", cut=True)
        yield kind, i, length, last
        i += 4 + length
        if last:
            return


def flac(data: bytes, h) -> None:
    end = flac_start(data) + 4
    for kind, start, length, _last in flac_blocks(data):
        if kind == 0:
            h.update(data[start + 4 : start + 4 + length])
        end = start + 4 + length
    h.update(memoryview(data)[end:])


_HASHERS = {"jpeg": jpeg, "png": png, "webp": riff, "wav": riff, "mp4": mp4, "mp3": mp3, "flac": flac}


def content_hash(fmt: str, data: bytes) -> str:
    """SHA-256 (hex) of the media content of ``data`` in format ``fmt``."""
    h = hashlib.sha256(fmt.encode() + b"\0")
    _HASHERS[fmt](data, h)
    return h.hexdigest()
