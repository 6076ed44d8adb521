"""Write and read the AIGC implicit label where GB 45438 practice puts it, per format.

* JPEG, PNG, WebP: XMP property ``TC260:AIGC`` (namespace ``http://www.tc260.org.cn/ns/AIGC/1.0/``),
  through xmpkit (MIT).
* WAV: a RIFF chunk ``AIGC`` holding the JSON.
* MP3: an ID3v2.3 ``TXXX`` frame with description ``AIGC``.
* FLAC: a Vorbis comment ``AIGC=<JSON>``.
* MP4: ``moov/udta/meta`` (handler ``mdta``) key ``AIGC``, written by FFmpeg's muxer when the video
  is encoded (``video.py``); this module only reads it and rewrites its value in place.

No GPL tag library is used: the RIFF, ID3 and FLAC structures are small and written here, and the
tests read them back with independent parsers (Pillow, PyAV/FFmpeg, the stdlib).
"""

from __future__ import annotations

import struct

from consent_app.marking import essence

TC260_NS = "http://www.tc260.org.cn/ns/AIGC/1.0/"
KEY = "AIGC"


# -- XMP (images) -----------------------------------------------------------------------------
def _xmpkit():
    import xmpkit

    if not xmpkit.is_namespace_registered(TC260_NS):
        xmpkit.register_namespace(TC260_NS, "TC260")
    return xmpkit


def xmp_write(data: bytes, value: str) -> bytes:
    xmpkit = _xmpkit()
    handle = xmpkit.XmpFile()
    handle.from_bytes_with(data, xmpkit.XmpOptions().with_for_update())
    meta = handle.get_xmp() or xmpkit.XmpMeta()
    meta.set_property(TC260_NS, KEY, xmpkit.XmpValue.String(value))
    handle.put_xmp(meta)
    return bytes(handle.write_to_bytes())


def xmp_read(data: bytes) -> str | None:
    xmpkit = _xmpkit()
    handle = xmpkit.XmpFile()
    try:
        handle.from_bytes(data)
        meta = handle.get_xmp()
    except Exception:
        return None
    if meta is None or not meta.has_property(TC260_NS, KEY):
        return None
    value = meta.get_property(TC260_NS, KEY)
    return value.as_str() if value is not None else None


# -- RIFF (WAV) -------------------------------------------------------------------------------
def riff_write(data: bytes, value: str) -> bytes:
    payload = value.encode("ascii")
    chunk = b"AIGC" + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) & 1 else b"")
    body = data + chunk
    return body[:4] + struct.pack("<I", len(body) - 8) + body[8:]


def riff_read(data: bytes) -> str | None:
    for kind, start, length in essence.riff_chunks(data):
        if kind == b"AIGC":
            return data[start : start + length].decode("ascii", "replace")
    return None


# -- ID3 (MP3) --------------------------------------------------------------------------------
def _syncsafe(n: int) -> bytes:
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def id3_write(data: bytes, value: str) -> bytes:
    """Replace any leading ID3v2 tag with one holding ``TXXX:AIGC`` (ID3v2.3, ISO-8859-1)."""
    i = 0
    while (n := essence.id3v2_size(data, i)) > 0:
        i += n
    frame_body = b"\x00" + KEY.encode() + b"\x00" + value.encode("ascii")
    frame = b"TXXX" + struct.pack(">I", len(frame_body)) + b"\x00\x00" + frame_body
    tag = b"ID3\x03\x00\x00" + _syncsafe(len(frame)) + frame
    return tag + data[i:]


def _id3_frames(data: bytes, start: int):
    version = data[start + 3]
    end = start + essence.id3v2_size(data, start)
    i = start + 10
    if data[start + 5] & 0x40:  # extended header
        size = struct.unpack(">I", data[i : i + 4])[0]
        i += size if version == 3 else (size & 0x7F) | ((size >> 8 & 0x7F) << 7)
    while i + 10 <= end and data[i] != 0:
        fid = data[i : i + 4]
        raw = data[i + 4 : i + 8]
        size = struct.unpack(">I", raw)[0]
        if version == 4:
            size = (raw[0] << 21) | (raw[1] << 14) | (raw[2] << 7) | raw[3]
        yield fid, data[i + 10 : i + 10 + size]
        i += 10 + size


def id3_read(data: bytes) -> str | None:
    i = 0
    while essence.id3v2_size(data, i) > 0:
        for fid, body in _id3_frames(data, i):
            if fid == b"TXXX" and body:
                enc = body[0]
                text = body[1:]
                if enc in (1, 2):  # UTF-16
                    sep = text.find(b"\0\0")
                    while sep != -1 and sep % 2:
                        sep = text.find(b"\0\0", sep + 1)
                    codec = "utf-16" if enc == 1 else "utf-16-be"
                    desc, val = text[:sep].decode(codec, "replace"), text[sep + 2 :].decode(codec, "replace")
                else:
                    desc_b, _, val_b = text.partition(b"\0")
                    codec = "utf-8" if enc == 3 else "latin-1"
                    desc, val = desc_b.decode(codec, "replace"), val_b.decode(codec, "replace")
                if desc == KEY:
                    return val.rstrip("\0")
        i += essence.id3v2_size(data, i)
    return None


# -- FLAC -------------------------------------------------------------------------------------
def _vorbis(vendor: bytes, comments: list[bytes]) -> bytes:
    out = struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(comments))
    return out + b"".join(struct.pack("<I", len(c)) + c for c in comments)


def _parse_vorbis(body: bytes) -> tuple[bytes, list[bytes]]:
    (n,) = struct.unpack("<I", body[:4])
    vendor, i = body[4 : 4 + n], 4 + n
    (count,) = struct.unpack("<I", body[i : i + 4])
    i += 4
    comments = []
    for _ in range(count):
        (length,) = struct.unpack("<I", body[i : i + 4])
        comments.append(body[i + 4 : i + 4 + length])
        i += 4 + length
    return vendor, comments


def flac_write(data: bytes, value: str) -> bytes:
    lead = essence.flac_start(data)
    blocks, end = [], lead + 4
    for kind, start, length, _last in essence.flac_blocks(data):
        blocks.append((kind, data[start + 4 : start + 4 + length]))
        end = start + 4 + length
    entry = f"{KEY}={value}".encode()
    for n, (kind, body) in enumerate(blocks):
        if kind == 4:
            vendor, comments = _parse_vorbis(body)
            comments = [c for c in comments if not c.upper().startswith(b"AIGC=")] + [entry]
            blocks[n] = (4, _vorbis(vendor, comments))
            break
    else:
        blocks.insert(1, (4, _vorbis(b"consent-mark", [entry])))
    out = bytearray(data[:lead] + b"fLaC")
    for n, (kind, body) in enumerate(blocks):
        out += bytes([kind | (0x80 if n == len(blocks) - 1 else 0)]) + len(body).to_bytes(3, "big") + body
    return bytes(out) + data[end:]


def flac_read(data: bytes) -> str | None:
    for kind, start, length, _last in essence.flac_blocks(data):
        if kind == 4:
            _vendor, comments = _parse_vorbis(data[start + 4 : start + 4 + length])
            for c in comments:
                key, _, val = c.partition(b"=")
                if key.upper() == b"AIGC":
                    return val.decode("utf-8", "replace")
    return None


# -- MP4 --------------------------------------------------------------------------------------
def _find(data: bytes, path: list[bytes], start: int = 0, end: int | None = None):
    for kind, _box, payload, box_end in essence.mp4_boxes(data, start, end):
        if kind == path[0]:
            if len(path) == 1:
                return payload, box_end
            return _find(data, path[1:], payload, box_end)
    return None


def _mp4_value_span(data: bytes) -> tuple[int, int] | None:
    """(start, end) of the AIGC value bytes in moov/udta/meta, or None."""
    found = _find(data, [b"moov", b"udta", b"meta"])
    if found is None:
        return None
    start, end = found
    if data[start + 4 : start + 8] not in (b"hdlr", b"keys", b"ilst"):
        start += 4  # ISO full box: version and flags
    keys_box = _find(data, [b"keys"], start, end)
    ilst = _find(data, [b"ilst"], start, end)
    if keys_box is None or ilst is None:
        return None
    ks, _ke = keys_box
    (count,) = struct.unpack(">I", data[ks + 4 : ks + 8])
    index, i = None, ks + 8
    for n in range(1, count + 1):
        (size,) = struct.unpack(">I", data[i : i + 4])
        if data[i + 8 : i + size] == KEY.encode():
            index = n
        i += size
    if index is None:
        return None
    for kind, _b, payload, box_end in essence.mp4_boxes(data, ilst[0], ilst[1]):
        if struct.unpack(">I", kind)[0] == index:
            data_box = _find(data, [b"data"], payload, box_end)
            if data_box is not None:
                return data_box[0] + 8, data_box[1]
    return None


def mp4_read(data: bytes) -> str | None:
    span = _mp4_value_span(data)
    return data[span[0] : span[1]].decode("utf-8", "replace") if span else None


def mp4_replace(data: bytes, value: str) -> bytes:
    """Rewrite the AIGC value in place (same length: no box or offset changes)."""
    span = _mp4_value_span(data)
    raw = value.encode("ascii")
    if span is None or span[1] - span[0] != len(raw):
        raise ValueError("the MP4 has no AIGC placeholder of that length")
    return data[: span[0]] + raw + data[span[1] :]


WRITERS = {
    "jpeg": xmp_write,
    "png": xmp_write,
    "webp": xmp_write,
    "wav": riff_write,
    "mp3": id3_write,
    "flac": flac_write,
    "mp4": mp4_replace,
}
READERS = {
    "jpeg": xmp_read,
    "png": xmp_read,
    "webp": xmp_read,
    "wav": riff_read,
    "mp3": id3_read,
    "flac": flac_read,
    "mp4": mp4_read,
}


def read_label(fmt: str, data: bytes) -> str | None:
    try:
        return READERS[fmt](data)
    except (struct.error, IndexError, ValueError, essence.MarkError):
        return None
