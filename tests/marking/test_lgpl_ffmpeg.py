"""The project is MIT: the FFmpeg behind PyAV must be the LGPL build of scripts/build_lgpl_av.sh.

PyAV's own wheels link libx264/libx265 (GPL-2.0+) while their FFmpeg still reports "LGPL", so the
configuration string alone is not enough: these tests also look at the encoders FFmpeg offers, at
what the loaded libavcodec links, at the libraries mapped into this process and at the H.264 a
marked video carries (x264 writes its name and settings into every stream it makes).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import av
import pytest
from markhelpers import mp4_bytes

from consent_app.marking import labels

TEXT = labels.label_text("AI-generated / 人工智能生成")

ROOT = Path(__file__).resolve().parents[2]
GPL = re.compile(r"x264|x265|libxvid|librubberband|libvidstab|frei0r|libcdio|libdavs2|libxavs", re.I)


def _mapped(name: str) -> list[str]:
    paths = set()
    for line in Path("/proc/self/maps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and name in os.path.basename(parts[5]):
            paths.add(parts[5])
    return sorted(paths)


def test_every_ffmpeg_library_is_configured_lgpl() -> None:
    for lib, meta in av._core.library_meta.items():
        config, licence = meta["configuration"], meta["license"]
        assert "--enable-gpl" not in config, f"{lib} was configured with --enable-gpl: {config}"
        assert "--enable-nonfree" not in config, f"{lib} was configured with --enable-nonfree"
        assert licence.startswith("LGPL"), f"{lib} reports {licence!r}"
        # PyAV's 16.1 wheel reports "LGPL version 3 or later" with --enable-libx264 --enable-libx265
        assert not GPL.search(config), f"{lib} was configured with a GPL library: {config}"
        assert "--enable-libopenh264" in config, f"{lib} is not the openh264 build: {config}"


def test_no_gpl_encoder_is_offered_and_openh264_is() -> None:
    from consent_app.marking import video

    available = av.codecs_available
    assert not {"libx264", "libx264rgb", "libx265", "libxvid"} & available
    assert video.CODEC == "libopenh264"
    assert video.CODEC in available
    assert "aac" in available
    assert "libmp3lame" in available


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_pyav_loads_the_projects_ffmpeg_which_links_nothing_gpl() -> None:
    import av._core

    lib_dir = (ROOT / ".deps/ffmpeg/lib").resolve()
    linked = subprocess.run(["ldd", av._core.__file__], capture_output=True, text=True, check=True).stdout
    for name in ("avcodec", "avformat", "avutil", "swscale", "swresample", "avfilter", "avdevice"):
        found = re.search(rf"lib{name}_consentapp\.so\.\d+ => (\S+)", linked)
        assert found, f"PyAV does not link the LGPL build's lib{name} (run ./dev setup):\n{linked}"
        assert Path(found.group(1)).resolve().parent == lib_dir, found.group(1)
    codec = next(lib_dir.glob("libavcodec_consentapp.so.*"))
    ldd = subprocess.run(["ldd", str(codec)], capture_output=True, text=True, check=True).stdout
    assert not GPL.search(ldd), ldd
    assert "libopenh264.so" in ldd
    av.codec.Codec("libopenh264", "w")
    mapped = "\n".join(_mapped(".so"))
    assert str(lib_dir / "libavcodec_consentapp.so") in mapped
    assert not GPL.search(mapped), mapped


def test_a_marked_video_is_h264_made_by_openh264_not_x264() -> None:
    from consent_app.marking import video

    result = video.label_video("in.mp4", mp4_bytes(seconds=2.0), TEXT, "{}", label=True)
    assert b"x264" not in result.data  # x264 writes "x264 - core N ... options" into its SEI
    with av.open(io.BytesIO(result.data)) as c:
        assert c.streams.video[0].codec_context.name == "h264"
        assert c.streams.audio[0].codec_context.name == "aac"
        assert len(list(c.decode(c.streams.video[0]))) == 20


def test_marking_refuses_clearly_without_an_openh264_encoder(monkeypatch) -> None:
    from consent_app.marking import video
    from consent_app.marking.errors import MarkError

    monkeypatch.setattr(av, "codecs_available", av.codecs_available - {"libopenh264"})
    with pytest.raises(MarkError) as caught:
        video.label_video("in.mp4", mp4_bytes(seconds=1.0), TEXT, "{}", label=True)
    assert caught.value.code == "mark.no_encoder"
    assert caught.value.exit_code == 1
    assert "libopenh264" in str(caught.value)
