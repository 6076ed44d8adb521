"""Explicit labels: text size on images, intro and corner label on video, Morse "AI" on audio."""

from __future__ import annotations

import io

import numpy as np
import pytest
from markhelpers import mp4_bytes, wav_bytes

from consent_app.marking import labels, media

TEXT = labels.label_text("AI-generated / 人工智能生成")


def test_label_text_names_ai_and_generation() -> None:
    assert labels.label_text("consent on file").endswith("(人工智能生成 AI-generated)")
    assert labels.label_text("人工智能合成 — consent on file") == "人工智能合成 — consent on file"
    for text in (TEXT, labels.label_text("x")):
        assert "人工智能" in text or "AI" in text
        assert "生成" in text or "合成" in text


def _text_rows(image: np.ndarray) -> list[int]:
    """Heights of the runs of rows holding white text pixels."""
    white = (image.min(axis=2) > 200).any(axis=1)
    runs, n = [], 0
    for on in white:
        if on:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    return [*runs, n] if n else runs


@pytest.mark.parametrize("size", [(1920, 1080), (480, 640), (160, 120)])
def test_image_text_is_at_least_5_percent_of_the_shorter_side(size) -> None:
    from PIL import Image

    w, h = size
    grey = Image.new("RGB", size, (90, 90, 90))
    data = io.BytesIO()
    grey.save(data, "PNG")
    encoded, _image = media.label_image("x.png", "png", data.getvalue(), TEXT)
    marked = np.asarray(Image.open(io.BytesIO(encoded)).convert("RGB"))
    runs = _text_rows(marked)
    assert runs, "no label drawn"
    # the label's glyphs (CJK included) span at least 5 % of the shorter side
    assert max(runs) >= 0.05 * min(w, h)
    assert (marked != 90).any(axis=2).sum() > 0
    _patch, ink = labels.render(TEXT, min(w, h), w)
    assert ink >= 0.05 * min(w, h)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L"])
def test_image_label_changes_only_its_band_and_keeps_the_mode(mode) -> None:
    from PIL import Image

    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (300, 400, 4), dtype=np.uint8)
    source = Image.fromarray(pixels, "RGBA").convert(mode)
    before = np.asarray(source).copy()
    marked = labels.label_image(source, TEXT)
    assert marked.mode == mode
    assert marked.size == source.size
    assert np.array_equal(np.asarray(source), before)  # the caller's image is not drawn on
    changed = np.asarray(marked) != before
    if changed.ndim == 3:
        changed = changed.any(axis=2)
    rows, cols = np.nonzero(changed)
    patch, _ink = labels.render(TEXT, 300, 400 - 2 * max(2, 400 // 50))
    margin = max(2, 300 // 50)
    assert rows.min() >= 300 - patch.height - margin  # only the band at the bottom-left
    assert cols.min() >= margin
    assert cols.max() < margin + patch.width
    assert changed[300 - margin - patch.height // 2].mean() > 0.5  # and the band is drawn
    if mode == "RGBA":  # alpha kept where the label is not
        assert np.array_equal(np.asarray(marked)[:100, :, 3], before[:100, :, 3])


def test_video_intro_label_for_2_seconds_and_a_persistent_corner_label() -> None:
    import av

    from consent_app.marking import video

    result = video.label_video("in.mp4", mp4_bytes(seconds=5.0, size=(320, 240)), TEXT, "{}", label=True)
    seen = {}
    with av.open(io.BytesIO(result.data)) as c:
        for frame in c.decode(c.streams.video[0]):
            rgb = frame.to_ndarray(format="rgb24")
            bottom = (rgb[150:, :, :].min(axis=2) > 235).sum()
            corner = (rgb[:40, 200:, :].min(axis=2) > 180).sum()
            seen[round(float(frame.time), 1)] = (bottom, corner)
    intro = [t for t, (bottom, _c) in seen.items() if bottom > 50]
    assert min(intro) == 0.0
    assert max(intro) >= 2.0  # shown for at least 2 s from the start
    assert all(bottom <= 50 for t, (bottom, _c) in seen.items() if t >= video.INTRO_SECONDS + 0.2)
    assert all(corner > 15 for _t, (_b, corner) in seen.items())  # the small label stays
    assert len(result.phashes) == 5


def _still_clip(seconds: float, fps: int = 10, keyint: int = 250) -> bytes:
    """The same grey picture in every frame (P-frames copy their reference unchanged)."""
    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as c:
        v = c.add_stream("libopenh264", rate=fps, options={"g": str(keyint)})
        v.width, v.height, v.pix_fmt = 320, 240, "yuv420p"
        grey = np.full((240, 320, 3), 90, dtype=np.uint8)
        for n in range(int(seconds * fps)):
            frame = av.VideoFrame.from_ndarray(grey, format="rgb24")
            frame.pts = n
            for p in v.encode(frame):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
    return out.getvalue()


def test_video_labels_are_blended_once_per_frame_never_into_the_decoders_references() -> None:
    """Labels are drawn into the decoded frames in place: a reference picture the decoder still
    uses must not be written, or the band would darken frame after frame and outlast the intro."""
    import av

    from consent_app.marking import video

    result = video.label_video("in.mp4", _still_clip(seconds=5.0), TEXT, "{}", label=True)
    darkest = {}
    with av.open(io.BytesIO(result.data)) as c:
        for frame in c.decode(c.streams.video[0]):
            grey = frame.to_ndarray(format="gray")
            darkest[round(float(frame.time), 1)] = int(grey[150:, :].min())
    intro = [v for t, v in darkest.items() if t < video.INTRO_SECONDS - 0.2]
    after = [v for t, v in darkest.items() if t >= video.INTRO_SECONDS + 0.2]
    assert max(intro) - min(intro) <= 6  # the same translucent band in every intro frame
    assert min(intro) > 10  # translucent over grey 90, not blended again and again
    assert min(after) >= 80  # gone after the intro: only the unlabelled grey remains


def test_video_keeps_the_sources_keyframes() -> None:
    """The labelled frames go to the encoder with the source's picture types, like a plain re-encode."""
    import av

    from consent_app.marking import video

    def keyframes(data: bytes) -> list[float]:  # seconds
        with av.open(io.BytesIO(data)) as c:
            v = c.streams.video[0]
            keys = [p.pts for p in c.demux(v) if p.is_keyframe and p.pts is not None]
            return sorted(round(float(pts * v.time_base), 2) for pts in keys)

    source = _still_clip(seconds=4.0, keyint=10)
    result = video.label_video("in.mp4", source, TEXT, "{}", label=True)
    assert keyframes(source) == [0.0, 1.0, 2.0, 3.0]
    assert keyframes(result.data) == keyframes(source)


def test_audio_starts_with_morse_ai() -> None:
    import soundfile as sf

    marked = media.label_audio("in.wav", "wav", wav_bytes(seconds=1.0))
    samples, rate = sf.read(io.BytesIO(marked), dtype="float32")
    window = rate // 100  # 10 ms
    energy = np.array([np.abs(samples[i : i + window]).mean() for i in range(0, int(1.3 * rate), window)])
    on = energy > 0.05
    runs, n = [], 0
    for value in on[: int((len(labels.MORSE_AI) * 4 + 1) * labels.MORSE_UNIT * 100)]:
        if value:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    tones = [r * 10 for r in runs]  # ms
    assert len(tones) == 4, tones
    short, long_ = 80, 240
    assert [abs(t - short) < 30 for t in tones] == [True, False, True, True]
    assert abs(tones[1] - long_) < 40
    assert len(samples) > rate  # the original audio follows
