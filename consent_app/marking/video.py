"""MP4 (H.264/AAC): draw the explicit labels into every frame, re-encode, copy the audio.

The big label (>= 5 % of the shorter side) is shown for the first ``INTRO_SECONDS``; a small
corner label stays for the whole video. Labels are blended in place into the decoded frame's YUV
planes (only the label's rectangle: no frame goes through RGB or a numpy copy of the picture), and
that frame is what the encoder gets, so it keeps the source's timing and picture types (the
source's keyframes stay keyframes) as a plain FFmpeg re-encode of the decoded frames does. The
AIGC metadata is written by FFmpeg's MP4 muxer into ``moov/udta/meta`` (mdta keys,
``movflags=use_metadata_tags``) as a fixed-length placeholder that ``embed.mp4_replace`` fills
once the content hash is known.

H.264 is encoded with Cisco's openh264 (BSD-2-Clause) inside an LGPL FFmpeg that
``scripts/build_lgpl_av.sh`` builds for PyAV: no GPL encoder (x264) is linked (issue 14). openh264
forces an IDR picture where the source frame was an I picture and never makes B-frames.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from consent_app.marking import labels
from consent_app.marking.errors import MarkError
from consent_app.marking.media import av_detail
from consent_app.messages import define

MESSAGES = define(
    {
        "mark.no_encoder": "this PyAV's FFmpeg has no {codec} encoder: install PyAV built from source "
        "against an LGPL FFmpeg with --enable-libopenh264 (README, Licensing of video)",
    }
)

INTRO_SECONDS = 3.0
CODEC = "libopenh264"
BITS_PER_PIXEL = 0.1  # per frame: ~2.8 Mbit/s at 720p30, ~6.2 Mbit/s at 1080p30
MIN_BIT_RATE = 500_000
FACE_SAMPLES = 10


def codec_options(width: int, height: int, rate) -> dict[str, str]:
    """openh264 has no constant-quality factor: a target bit rate from the picture size and frame
    rate under its quality-first rate control, High profile with CABAC."""
    fps = float(rate) if rate else 25.0
    bit_rate = max(MIN_BIT_RATE, int(width * height * fps * BITS_PER_PIXEL))
    return {"b": str(bit_rate), "rc_mode": "quality", "profile": "high", "coder": "cabac"}


def require_encoder() -> None:
    """Refuse (exit 1) before anything is decoded when this FFmpeg cannot encode H.264 with openh264
    (PyAV's own wheels: they carry x264, GPL, and no openh264)."""
    import av

    if CODEC not in av.codecs_available:
        raise MarkError(1, code="mark.no_encoder", codec=CODEC)


@dataclass
class VideoResult:
    data: bytes
    phashes: list[str] = field(default_factory=list)  # one per second of output
    face_frames: list = field(default_factory=list)  # RGB arrays of input frames (<= FACE_SAMPLES)
    duration: float = 0.0


class _Overlay:
    """A label pre-split into Y, U, V planes and alpha at full and chroma resolution."""

    def __init__(self, patch, x: int, y: int) -> None:
        import numpy as np

        x, y = x & ~1, y & ~1
        w, h = patch.width & ~1, patch.height & ~1
        rgba = np.asarray(patch.crop((0, 0, w, h)), dtype=np.float32)
        r, g, b, a = (rgba[..., i] for i in range(4))
        self.a = a / 255.0
        self.y = 16 + 0.257 * r + 0.504 * g + 0.098 * b
        u = 128 - 0.148 * r - 0.291 * g + 0.439 * b
        v = 128 + 0.439 * r - 0.368 * g - 0.071 * b
        self.ac = self.a[::2, ::2]
        self.u, self.v = u[::2, ::2], v[::2, ::2]
        # premultiplied: out = plane * (1 - a) + value * a
        self.inv_a, self.ya = 1 - self.a, self.y * self.a
        self.inv_ac, self.ua, self.va = 1 - self.ac, self.u * self.ac, self.v * self.ac
        self.x, self.y0, self.w, self.h = x, y, w, h

    def apply(self, luma, cb, cr) -> None:
        """Blend into the Y, U and V planes of a yuv420p frame (2-D uint8 views, written in place)."""
        x, y, w, h = self.x, self.y0, self.w, self.h
        region = luma[y : y + h, x : x + w]
        region[:] = (region * self.inv_a + self.ya).astype(luma.dtype)
        cx, cy = x // 2, y // 2
        for plane, value in ((cb, self.ua), (cr, self.va)):
            region = plane[cy : cy + h // 2, cx : cx + w // 2]
            region[:] = (region * self.inv_ac + value).astype(plane.dtype)


def _plane_views(frame):
    """Writable 2-D uint8 views (rows x visible width) of a yuv420p frame's Y, U and V planes."""
    import numpy as np

    views = []
    for plane in frame.planes:
        rows = np.frombuffer(plane, dtype=np.uint8).reshape(-1, plane.line_size)
        views.append(rows[: plane.height, : plane.width])
    return views


def _overlays(text: str, width: int, height: int) -> tuple[_Overlay, _Overlay]:
    short = min(width, height)
    margin = max(2, short // 50)
    big, _ = labels.render(text, short, width - 2 * margin)
    small, _ = labels.render(labels.CORNER_TEXT, short, width // 3, labels.SMALL_HEIGHT)
    intro = _Overlay(big, margin, max(0, height - big.height - margin))
    corner = _Overlay(small, max(0, width - small.width - margin), margin)
    return intro, corner


def label_video(
    path: str,
    data: bytes,
    text: str,
    placeholder: str,
    *,
    label: bool = True,
    face_samples: int = FACE_SAMPLES,
) -> VideoResult:
    """Label and re-encode; ``face_samples`` input frames (one a second) are kept as RGB for the
    token's face binding (0 when the token has none: no frame is converted for nothing)."""
    import av
    import numpy as np
    from PIL import Image

    from consent_app.marking.phash import dhash

    require_encoder()
    result = VideoResult(b"")
    out = io.BytesIO()
    try:
        source = av.open(io.BytesIO(data), format="mp4")
    except av.error.FFmpegError as exc:
        raise MarkError(2, code="mark.decode", path=path, format="mp4", detail=av_detail(exc)) from None
    except ValueError as exc:
        raise MarkError(2, code="mark.decode", path=path, format="mp4", detail=str(exc)[:120]) from None
    try:
        if not source.streams.video:
            raise MarkError(2, code="mark.decode", path=path, format="mp4", detail="no video stream")
        vin = source.streams.video[0]
        ain = source.streams.audio[0] if source.streams.audio else None
        if vin.codec_context.name != "h264" or (ain is not None and ain.codec_context.name != "aac"):
            codecs = vin.codec_context.name + ("/" + ain.codec_context.name if ain else "")
            raise MarkError(
                2, code="mark.decode", path=path, format="mp4 (H.264/AAC)", detail=f"codecs {codecs}"
            )
        width, height = vin.codec_context.width & ~1, vin.codec_context.height & ~1
        sink = av.open(out, "w", format="mp4", options={"movflags": "use_metadata_tags"})
        sink.metadata["AIGC"] = placeholder
        rate = vin.average_rate or 25
        vout = sink.add_stream(CODEC, rate=rate, options=codec_options(width, height, rate))
        vout.width, vout.height, vout.pix_fmt = width, height, "yuv420p"
        aout = sink.add_stream_from_template(ain) if ain is not None else None
        intro, corner = _overlays(text, width, height) if label else (None, None)
        next_second = 0.0
        streams = [vin] + ([ain] if ain is not None else [])
        for packet in source.demux(*streams):
            if packet.stream is ain:
                if packet.dts is None:
                    continue
                packet.stream = aout
                sink.mux(packet)
                continue
            for frame in packet.decode():
                t = float(frame.time) if frame.time is not None else 0.0
                if frame.format.name != "yuv420p" or frame.width != width or frame.height != height:
                    pts, time_base, pict_type = frame.pts, frame.time_base, frame.pict_type
                    frame = frame.reformat(width=width, height=height, format="yuv420p")
                    frame.pts, frame.time_base, frame.pict_type = pts, time_base, pict_type
                sample = t >= next_second
                if sample and len(result.face_frames) < face_samples:
                    result.face_frames.append(np.ascontiguousarray(frame.to_ndarray(format="rgb24")))
                if label:
                    frame.make_writable()  # the decoder may still hold this picture as a reference
                    luma, cb, cr = _plane_views(frame)
                    if t < INTRO_SECONDS:
                        intro.apply(luma, cb, cr)
                    corner.apply(luma, cb, cr)
                else:
                    luma = _plane_views(frame)[0]
                if sample:
                    result.phashes.append(dhash(Image.fromarray(np.ascontiguousarray(luma))))
                    next_second = float(int(t) + 1)
                result.duration = max(result.duration, t)
                for out_packet in vout.encode(frame):
                    sink.mux(out_packet)
        for out_packet in vout.encode(None):
            sink.mux(out_packet)
        sink.close()
    except av.error.FFmpegError as exc:
        raise MarkError(2, code="mark.decode", path=path, format="mp4", detail=str(exc)[:120]) from None
    finally:
        source.close()
    if not result.phashes:
        raise MarkError(2, code="mark.decode", path=path, format="mp4", detail="no video frames")
    result.data = out.getvalue()
    return result


def video_phashes(data: bytes, limit: int = 600) -> list[str]:
    """One dHash per second of a video (for tracing a copy), from the luma plane."""
    import av

    from consent_app.marking.phash import dhash

    hashes: list[str] = []
    with av.open(io.BytesIO(data)) as source:
        vin = source.streams.video[0]
        next_second = 0.0
        for frame in source.decode(vin):
            t = float(frame.time) if frame.time is not None else 0.0
            if t >= next_second:
                hashes.append(dhash(frame.to_image()))
                next_second = float(int(t) + 1)
                if len(hashes) >= limit:
                    break
    return hashes


def video_frames(data: bytes, samples: int = FACE_SAMPLES) -> list:
    """RGB arrays of one frame per second (up to ``samples``)."""
    import av
    import numpy as np

    frames: list = []
    with av.open(io.BytesIO(data)) as source:
        next_second = 0.0
        for frame in source.decode(source.streams.video[0]):
            t = float(frame.time) if frame.time is not None else 0.0
            if t >= next_second:
                frames.append(np.ascontiguousarray(frame.to_ndarray(format="rgb24")))
                next_second = float(int(t) + 1)
                if len(frames) >= samples:
                    break
    return frames
