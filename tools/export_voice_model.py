"""Export Resemblyzer's GE2E voice encoder to ONNX (run ONCE, in a throwaway venv).

The app runs the encoder with onnxruntime and never imports PyTorch. This script made the files
in ``resources/models/``:

- ``voice_encoder_resemblyzer_ge2e.onnx``: the LSTM encoder, input ``mels`` float32
  (batch, frames, 40) -> output ``embeds`` float32 (batch, 256), L2-normalised per row;
- ``voice_mel_filterbank_16k_400_40.npy``: librosa's 40-band slaney mel filterbank for
  16 kHz / n_fft 400, so the app computes the same mel spectrogram in numpy;
- ``RESEMBLYZER_LICENSE.txt``: Resemblyzer's Apache-2.0 licence from its wheel;

and, with ``--voices``, ``tests/voice/data/resemblyzer_reference.json`` (Resemblyzer's own
embeddings of two shared clips, which the tests compare the app's pipeline against).

It then checks (1) ONNX vs PyTorch on the same mel batches and (2) the app's numpy pipeline
(``consent_app.biometrics.voice``) vs ``VoiceEncoder.embed_utterance`` on real clips, and
prints the maximum absolute differences.

How to run (from the repository root)::

    python3 -m venv /tmp/exportvenv
    /tmp/exportvenv/bin/pip install torch==2.13.0 resemblyzer==0.1.4 onnx onnxscript onnxruntime
    /tmp/exportvenv/bin/python tools/export_voice_model.py --voices ../shared/voices
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from importlib import metadata
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "resources" / "models"
REFERENCE = REPO / "tests" / "voice" / "data" / "resemblyzer_reference.json"
REFERENCE_CLIPS = ("speakers/367/367-130732-0002.flac", "impostors/19-198-0000.flac")
ONNX_NAME = "voice_encoder_resemblyzer_ge2e.onnx"
MEL_NAME = "voice_mel_filterbank_16k_400_40.npy"


def export(encoder, onnx_path: Path) -> None:
    import torch

    dummy = torch.zeros(2, 160, 40, dtype=torch.float32)
    torch.onnx.export(
        encoder,
        (dummy,),
        str(onnx_path),
        input_names=["mels"],
        output_names=["embeds"],
        dynamic_axes={"mels": {0: "batch", 1: "frames"}, "embeds": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def check_onnx_vs_torch(encoder, onnx_path: Path, batches: list[np.ndarray]) -> float:
    import onnxruntime as ort
    import torch

    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    worst = 0.0
    for mels in batches:
        with torch.no_grad():
            ref = encoder(torch.from_numpy(mels)).numpy()
        got = session.run(None, {"mels": mels})[0]
        worst = max(worst, float(np.max(np.abs(ref - got))))
    return worst


def check_pipeline(encoder, clips: list[Path]) -> tuple[float, float]:
    """Max |difference| of the app's embedding vs embed_utterance; also min cosine."""
    import soundfile as sf
    from resemblyzer import preprocess_wav

    sys.path.insert(0, str(REPO))
    from consent_app.biometrics.voice import embedding, features

    worst, min_cos = 0.0, 1.0
    for clip in clips:
        ref = encoder.embed_utterance(preprocess_wav(clip))
        wav, rate = sf.read(str(clip), dtype="float32")
        assert rate == features.SAMPLE_RATE
        got = embedding.embed_waveform(wav)
        worst = max(worst, float(np.max(np.abs(ref - got))))
        min_cos = min(min_cos, float(np.dot(ref, got)))
    return worst, min_cos


def write_reference(encoder, voices: Path) -> None:
    """Resemblyzer's own embeddings of two shared clips, for the app's regression test."""
    import json

    from resemblyzer import preprocess_wav

    clips = {c: [round(float(x), 8) for x in encoder.embed_utterance(preprocess_wav(voices / c))]
             for c in REFERENCE_CLIPS}
    source = ("Resemblyzer 0.1.4 VoiceEncoder.embed_utterance(preprocess_wav(path)), PyTorch CPU, "
              "written by tools/export_voice_model.py")
    REFERENCE.write_text(json.dumps({"source": source, "clips": clips}, indent=0) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=Path, help="../shared/voices, for the pipeline check")
    args = parser.parse_args()

    import librosa
    import resemblyzer
    import torch
    from resemblyzer import VoiceEncoder

    torch.manual_seed(0)
    OUT.mkdir(parents=True, exist_ok=True)
    encoder = VoiceEncoder(device="cpu", verbose=False).eval()

    onnx_path = OUT / ONNX_NAME
    export(encoder, onnx_path)
    bank = librosa.filters.mel(sr=16000, n_fft=400, n_mels=40).astype(np.float32)
    np.save(OUT / MEL_NAME, bank, allow_pickle=False)
    dist = metadata.distribution("Resemblyzer")
    licence = next(f for f in dist.files if f.name == "LICENSE")
    shutil.copyfile(dist.locate_file(licence), OUT / "RESEMBLYZER_LICENSE.txt")

    weights = Path(resemblyzer.__file__).parent / "pretrained.pt"
    print(f"resemblyzer {dist.version}, torch {torch.__version__}, librosa {librosa.__version__}")
    print(f"pretrained.pt sha256 {hashlib.sha256(weights.read_bytes()).hexdigest()}")
    print(f"{ONNX_NAME}: {onnx_path.stat().st_size} bytes, "
          f"sha256 {hashlib.sha256(onnx_path.read_bytes()).hexdigest()}")

    rng = np.random.default_rng(0)
    batches = [rng.random((n, 160, 40), dtype=np.float32) * scale
               for n, scale in ((1, 1.0), (7, 10.0), (3, 0.01))]
    print(f"max |onnx - torch| on random mel batches: {check_onnx_vs_torch(encoder, onnx_path, batches):.3g}")

    if args.voices:
        clips = sorted(args.voices.glob("speakers/*/*.flac")) + sorted(
            args.voices.glob("impostors/*.flac"))
        from resemblyzer import preprocess_wav, wav_to_mel_spectrogram

        real = []
        for clip in clips[:10]:
            mel = wav_to_mel_spectrogram(preprocess_wav(clip))
            real.append(np.stack([mel[i:i + 160] for i in range(0, len(mel) - 160, 77)]))
        print(f"max |onnx - torch| on real mel batches: {check_onnx_vs_torch(encoder, onnx_path, real):.3g}")
        write_reference(encoder, args.voices)
        worst, min_cos = check_pipeline(encoder, clips)
        print(f"app pipeline vs embed_utterance on {len(clips)} clips: max |diff| {worst:.3g}, "
              f"min cosine {min_cos:.9f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
