"""Reading a media file for ``consent-mark`` and ``consent-trace``: a regular file, its format from its
bytes, the whole of it in one piece within the format's size limit, or a ``MarkError`` (exit 2).

Kept apart from ``mark`` so that tracing (a file a second) imports nothing of the marking itself. The file
is read unbuffered: its head, then from its start once (a buffered reader would fill and copy an 8 KiB
buffer for the head first).
"""

from __future__ import annotations

import os

from consent_app.marking import essence, formats
from consent_app.marking.errors import MarkError
from consent_app.marking.formats import Format

HEAD = 64  # bytes enough to recognise every format (behind leading ID3 tags: the whole file is sniffed)


def read_input(path: str, limit: int | None = None) -> tuple[bytes, Format]:
    """The bytes and format of an input file, or an error (exit 2) with a clear reason."""
    from consent_app.files import open_regular

    with open_regular(path, "input", buffering=0) as fh:
        try:
            head = fh.read(HEAD)
            if not head:
                raise MarkError(2, code="mark.empty", path=path)
            fmt = formats.sniff(head)
            if fmt is None:
                raise MarkError(2, code="mark.format_unknown", path=path, supported=formats.SUPPORTED)
            cap = formats.MAX_BYTES[fmt.kind] if limit is None else limit
            # read what the file holds (never a cap-sized buffer), at most one byte over the cap
            size = os.fstat(fh.fileno()).st_size
            fh.seek(0)
            data = read_at_most(fh, max(len(head), min(cap, size) + 1))
        except OSError as exc:
            raise MarkError(2, code="mark.unreadable", path=path, reason=exc.strerror or str(exc)) from None
    if len(data) > cap:
        raise MarkError(2, code="mark.too_large", path=path, limit=round(cap / (1 << 20), 3))
    if head.startswith(b"ID3"):
        fmt = formats.sniff(data[: essence_skip(data) + 4]) or fmt
    named = formats.named_format(path)
    if named is not None and named.name != fmt.name:
        raise MarkError(
            2, code="mark.format_mismatch", path=path, actual=fmt.name.upper(), named=named.name.upper()
        )
    return data, fmt


def read_at_most(fh, n: int) -> bytes:
    """Up to ``n`` bytes of the unbuffered ``fh`` from where it stands: to its end or ``n``, whichever
    comes first. One read(2) returns a whole regular file as a rule; a short one (the end, or the most
    one call moves, about 2 GiB on Linux) is followed by more until ``n`` or the end."""
    data = fh.read(n)
    if not data or len(data) >= n:
        return data
    parts, got = [data], len(data)
    while got < n and (more := fh.read(n - got)):
        parts.append(more)
        got += len(more)
    return data if len(parts) == 1 else b"".join(parts)


def essence_skip(data: bytes) -> int:
    """Where the data begins behind any leading ID3v2 tags."""
    i = 0
    while (n := essence.id3v2_size(data, i)) > 0:
        i += n
    return i
