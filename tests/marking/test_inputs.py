"""Reading an input file for marking and tracing: all of it, in one piece, within its format's limit."""

from __future__ import annotations

import io

import pytest
from markhelpers import jpeg_bytes, wav_bytes

from consent_app.errors import InputError
from consent_app.marking import formats
from consent_app.marking.errors import MarkError
from consent_app.marking.inputs import read_at_most, read_input


def test_the_whole_file_and_its_format(tmp_path) -> None:
    mp3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
    cases = (("a.jpg", jpeg_bytes(), "jpeg"), ("b.wav", wav_bytes(), "wav"), ("c.mp3", mp3, "mp3"))
    for name, data, fmt in cases:
        path = tmp_path / name
        path.write_bytes(data)
        got, got_fmt = read_input(str(path))
        assert got == data
        assert got_fmt.name == fmt


def test_the_size_limit_counts_every_byte(tmp_path, monkeypatch) -> None:
    data = jpeg_bytes()
    path = tmp_path / "a.jpg"
    path.write_bytes(data)
    monkeypatch.setitem(formats.MAX_BYTES, "image", len(data))
    assert read_input(str(path))[0] == data  # exactly at the limit
    monkeypatch.setitem(formats.MAX_BYTES, "image", len(data) - 1)
    with pytest.raises(MarkError) as caught:
        read_input(str(path))
    assert caught.value.code == "mark.too_large"
    assert read_input(str(path), limit=len(data))[0] == data  # a caller's own limit


def test_refusals(tmp_path) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "notes.jpg").write_text("hello")
    (tmp_path / "photo.png").write_bytes(jpeg_bytes())
    for name, code in (("empty.jpg", "mark.empty"), ("notes.jpg", "mark.format_unknown"),
                       ("photo.png", "mark.format_mismatch")):
        with pytest.raises(MarkError) as caught:
            read_input(str(tmp_path / name))
        assert caught.value.code == code
        assert caught.value.exit_code == 2
    for path, code in ((tmp_path / "missing.jpg", "file.not_found"), (tmp_path, "file.is_folder")):
        with pytest.raises(InputError) as refused:
            read_input(str(path))
        assert refused.value.code == code


class _Trickle(io.RawIOBase):
    """An unbuffered reader that hands out at most ``step`` bytes a call (as read(2) may)."""

    def __init__(self, data: bytes, step: int) -> None:
        self._data, self._pos, self._step = data, 0, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data[self._pos : self._pos + min(self._step, len(buffer))]
        buffer[: len(chunk)] = chunk
        self._pos += len(chunk)
        return len(chunk)


def test_short_reads_are_continued_up_to_the_limit_or_the_end() -> None:
    data = bytes(range(256)) * 40
    assert read_at_most(_Trickle(data, 1000), len(data) + 1) == data  # to the end
    assert read_at_most(_Trickle(data, 1000), 2500) == data[:2500]  # never past n
    assert read_at_most(_Trickle(data, 7), 10**6) == data
    assert read_at_most(_Trickle(b"", 7), 10) == b""
