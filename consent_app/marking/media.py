"""Decode, label and re-encode images and audio (video: ``video.py``), in memory."""

from __future__ import annotations

import io

from consent_app.marking import labels
from consent_app.marking.errors import MarkError
from consent_app.messages import define

MESSAGES = define({
    "mark.decode": "{path} cannot be decoded as {format}: {detail}",
    "mark.needs_av": "marking {format} needs PyAV, built against an LGPL FFmpeg with openh264: install the "
    "verifier with [mark,video] and --no-binary av (README, Licensing of video)",
})

#: Formats marked through PyAV (FFmpeg); the verifier's `video` extra, kept out of `mark` (no GPL wheels).
AV_FORMATS = frozenset({"mp4", "mp3"})


def require_av(fmt_name: str) -> None:
    """Refuse (exit 1) before anything is written when a format needs PyAV and it is not installed."""
    if fmt_name not in AV_FORMATS:
        return
    try:
        import av  # noqa: F401
    except ImportError:
        raise MarkError(1, code="mark.needs_av", format=fmt_name.upper()) from None


def av_detail(exc: Exception) -> str:
    """FFmpeg's reason in words ("Invalid data found when processing input"), without PyAV's
    "[Errno 1094995529] ...: '<none>'" wrapping; a file FFmpeg cannot parse is usually cut short."""
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"{reason[:100]} (truncated or damaged?)"

_PIL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def load_image(path: str, fmt: str, data: bytes):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        if image.format != _PIL_FORMAT[fmt]:
            raise MarkError(2, code="mark.format_mismatch", path=path, actual=image.format or "?", named=fmt)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise MarkError(2, code="mark.decode", path=path, format=fmt, detail=str(exc)[:120]) from None
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    return image


def encode_image(image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "jpeg":
        (image if image.mode == "RGB" else image.convert("RGB")).save(out, "JPEG", quality=92, optimize=False)
    elif fmt == "png":
        image.save(out, "PNG", compress_level=6)
    else:
        image.save(out, "WEBP", quality=90)
    return out.getvalue()


def label_image(path: str, fmt: str, data: bytes, text: str):
    """(encoded labelled image, the labelled PIL image)."""
    image = labels.label_image(load_image(path, fmt, data), text)
    return encode_image(image, fmt), image


def load_audio(path: str, fmt: str, data: bytes):
    """(float32 frames x channels, sample rate, soundfile subtype or None)."""
    import numpy as np

    if fmt in ("wav", "flac"):
        import soundfile as sf

        try:
            with sf.SoundFile(io.BytesIO(data)) as f:
                samples = f.read(dtype="float32", always_2d=True)
                return samples, f.samplerate, f.subtype
        except (RuntimeError, sf.LibsndfileError) as exc:
            raise MarkError(2, code="mark.decode", path=path, format=fmt, detail=str(exc)[:120]) from None
    import av

    try:
        with av.open(io.BytesIO(data), format="mp3") as container:
            stream = container.streams.audio[0]
            rate = stream.rate
            chunks = [f.to_ndarray() for f in container.decode(stream)]
            layout = stream.layout.nb_channels
    except av.error.FFmpegError as exc:
        raise MarkError(2, code="mark.decode", path=path, format=fmt, detail=av_detail(exc)) from None
    except (IndexError, ValueError) as exc:
        raise MarkError(2, code="mark.decode", path=path, format=fmt, detail=str(exc)[:120]) from None
    if not chunks:
        raise MarkError(2, code="mark.decode", path=path, format=fmt, detail="no audio frames")
    planar = np.concatenate(chunks, axis=1)  # fltp: channels x samples
    return planar.T.astype(np.float32).reshape(-1, layout), rate, None


def encode_audio(samples, rate: int, fmt: str, subtype: str | None) -> bytes:
    import numpy as np

    samples = np.clip(samples, -1.0, 1.0)
    if fmt in ("wav", "flac"):
        import soundfile as sf

        out = io.BytesIO()
        sf.write(out, samples, rate, format=fmt.upper(), subtype=subtype or ("PCM_16"))
        return out.getvalue()
    import av

    out = io.BytesIO()
    channels = samples.shape[1]
    with av.open(out, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout="stereo" if channels == 2 else "mono")
        stream.bit_rate = 192000
        frame_size = 1152
        planar = np.ascontiguousarray(samples.T)
        pts = 0
        for start in range(0, planar.shape[1], frame_size):
            chunk = np.ascontiguousarray(planar[:, start : start + frame_size])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=stream.layout.name)
            frame.sample_rate = rate
            frame.pts = pts
            pts += chunk.shape[1]
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


def label_audio(path: str, fmt: str, data: bytes) -> bytes:
    samples, rate, subtype = load_audio(path, fmt, data)
    return encode_audio(labels.prepend_morse(samples, rate), rate, fmt, subtype)
