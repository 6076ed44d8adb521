"""A studio farm for marking tests: a real store with a consent, a token, exported keys and a tool."""

from __future__ import annotations

import io
import math
import os
import struct
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from consent_app.cli import main as app_main


@dataclass
class Farm:
    root: Path  # folder with studio.jwks, status.jwt, studio-ca.pem, tool-revocations.crl.pem, tool-certs.pem
    data_dir: Path
    consent_id: str
    subject_id: str
    token: Path
    tool_key: Path
    tool_cert: Path

    @property
    def keys(self) -> Path:
        return self.root / "studio.jwks"

    @property
    def status(self) -> Path:
        return self.root / "status.jwt"

    def export(self) -> None:
        assert app_main(["keys", "export", str(self.keys)]) == 0
        assert app_main(["status", "export", str(self.status)]) == 0

    def mark_args(
        self, src: Path, out: Path, *extra: str, token: Path | None = None, operation: str = "face_swap"
    ) -> list[str]:
        return [
            str(token or self.token),
            "--keys",
            str(self.keys),
            "--status",
            str(self.status),
            "--operation",
            operation,
            "--tool-key",
            str(self.tool_key),
            "--tool-cert",
            str(self.tool_cert),
            "--in",
            str(src),
            "--out",
            str(out),
            *extra,
        ]


def make_farm(
    tmp: Path, store, *, categories=("face_swap", "tts_voice_clone"), bind: tuple[str, ...] = (), prepare=None
) -> Farm:
    """``store`` is open and gets closed here (the commands open the folder themselves)."""
    from tokenhelpers import record_consent

    consent_id, subject_id = record_consent(store, categories)
    if prepare is not None:
        prepare(store, subject_id)
    store.close()
    root = tmp / "farm"
    root.mkdir()
    token = root / "token.jwt"
    assert (
        app_main(["token", "issue", consent_id, "--out", str(token), *(["--bind", *bind] if bind else [])])
        == 0
    )
    assert app_main(["tools", "register", "swapper", "--out", str(root / "tool")]) == 0
    farm = Farm(
        root,
        Path(os.environ["CONSENT_APP_DATA_DIR"]),
        consent_id,
        subject_id,
        token,
        root / "tool" / "swapper.key.pem",
        root / "tool" / "swapper.cert.pem",
    )
    farm.export()
    return farm


def jpeg_bytes(size=(640, 480), fmt="JPEG", seed: int = 1) -> bytes:
    from PIL import Image

    rng = np.random.default_rng(seed)
    w, h = size
    base = np.zeros((h, w, 3), dtype=np.uint8)
    base[..., 0] = np.linspace(0, 255, w, dtype=np.uint8)[None, :]
    base[..., 1] = np.linspace(255, 0, h, dtype=np.uint8)[:, None]
    base[..., 2] = rng.integers(0, 60, (h, w), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(base).save(out, fmt)
    return out.getvalue()


def wav_bytes(seconds: float = 2.0, rate: int = 16000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 220 * n / rate)))
            for n in range(int(seconds * rate))
        )
        w.writeframes(frames)
    return out.getvalue()


def mp4_bytes(seconds: float = 3.0, size=(320, 240), fps: int = 10, audio: bool = True) -> bytes:
    import av

    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as c:
        v = c.add_stream("libopenh264", rate=fps)
        v.width, v.height, v.pix_fmt = size[0], size[1], "yuv420p"
        a = c.add_stream("aac", rate=44100) if audio else None
        for n in range(int(seconds * fps)):
            img = np.zeros((size[1], size[0], 3), dtype=np.uint8)
            img[..., 0] = (n * 8) % 255
            img[:, : size[0] // 2, 1] = 200
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = n
            for p in v.encode(frame):
                c.mux(p)
        for p in v.encode(None):
            c.mux(p)
        if a is not None:
            total = int(seconds * 44100)
            pts = 0
            while pts < total:
                t = (np.arange(1024) + pts) / 44100
                samples = (0.2 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :]
                frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
                frame.sample_rate, frame.pts = 44100, pts
                pts += 1024
                for p in a.encode(frame):
                    c.mux(p)
            for p in a.encode(None):
                c.mux(p)
    return out.getvalue()
