"""Voice benchmark: embedding time on one core, and calibration error rates on ../shared/voices.

Run: ``.venv/bin/python bench/voice.py [--voices DIR] [--repeat N]``.

- Embedding time for 5 s and 30 s of real speech (preprocessing + ONNX encoder), pinned to one
  CPU with the app's cached 1-thread onnxruntime session; beside it the naive baseline: the same
  pipeline creating a fresh onnxruntime session with default threading for every clip.
- Equal error rate and false accepts / false rejects at the default threshold, under the trial
  protocol of ``consent_app.biometrics.voice.calibration`` (enrol on 3 clips, probe the rest;
  impostor clips and other speakers against every enrolment).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
if hasattr(os, "sched_setaffinity"):  # one core, before numpy/onnxruntime start any thread
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import numpy as np  # noqa: E402

from consent_app.biometrics import audio  # noqa: E402
from consent_app.biometrics.voice import calibration, embedding, verify  # noqa: E402

EMBED_GOAL_MS = 40.0
FRR_GOAL = 0.05
EER_GOAL = 0.01


def speech(voices: Path, seconds: float) -> np.ndarray:
    """``seconds`` of real speech: shared clips of one speaker joined end to end."""
    parts, total = [], 0
    for clip in sorted((voices / "speakers" / "3080").glob("*.flac")):
        parts.append(audio.load(clip).samples)
        total += len(parts[-1])
        if total >= seconds * 16_000:
            break
    return np.concatenate(parts)[: int(seconds * 16_000)]


def time_ms(func, repeat: int) -> float:
    func()  # warm-up
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def line(name: str, measured: str, goal: str, ok: bool) -> str:
    return f"target {name}: measured {measured}, goal {goal} {'PASS' if ok else 'FAIL'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=Path, default=REPO.parent / "shared" / "voices")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"CPUs available to this process: {len(os.sched_getaffinity(0))}")

    targets = []
    timings = {}
    for seconds in (5, 30):
        wav = speech(args.voices, seconds)
        cached = time_ms(lambda w=wav: embedding.embed_waveform(w, embedding.session(1)), args.repeat)
        naive = time_ms(lambda w=wav: embedding.embed_waveform(w, embedding.new_session(None)),
                        max(3, args.repeat // 4))
        timings[seconds] = (cached, naive)
        print(f"embed {seconds:>2} s clip: {cached:7.1f} ms (cached 1-thread session) | "
              f"naive baseline {naive:7.1f} ms (new default session per clip) | "
              f"{naive / cached:.1f}x")
    cached5, naive5 = timings[5]
    targets.append(line("embed_5s_ms", f"{cached5:.1f} ms", f"<= {EMBED_GOAL_MS:.0f} ms",
                        cached5 <= EMBED_GOAL_MS))
    targets.append(line("embed_5s_speedup_vs_naive", f"{naive5 / cached5:.1f}x", ">= 1.0x",
                        naive5 / cached5 >= 1.0))

    start = time.perf_counter()
    corpus = calibration.embed_corpus(args.voices)
    genuine, impostor = calibration.trial_scores(corpus)
    print(f"embedded {sum(len(c) for c in corpus.speakers.values()) + len(corpus.impostors)} "
          f"clips and scored trials in {time.perf_counter() - start:.1f} s")
    eer, eer_threshold = calibration.equal_error_rate(genuine, impostor)
    rates = calibration.rates(genuine, impostor, verify.DEFAULT_THRESHOLD)
    print(f"genuine trials {rates.genuine_trials}: similarity min {genuine.min():.3f}, "
          f"median {np.median(genuine):.3f}")
    print(f"impostor trials {rates.impostor_trials}: similarity max {impostor.max():.3f}, "
          f"median {np.median(impostor):.3f}")
    print(f"EER {eer:.2%} at threshold {eer_threshold:.3f}; default threshold "
          f"{verify.DEFAULT_THRESHOLD}: FAR {rates.far:.3%} ({rates.false_accepts}), "
          f"FRR {rates.frr:.2%} ({rates.false_rejects})")
    targets.append(line("eer", f"{eer:.2%}", f"<= {EER_GOAL:.0%}", eer <= EER_GOAL))
    targets.append(line("false_accepts", f"{rates.false_accepts} of {rates.impostor_trials}", "0",
                        rates.false_accepts == 0))
    targets.append(line("false_reject_rate",
                        f"{rates.frr:.2%} ({rates.false_rejects} of {rates.genuine_trials})",
                        f"<= {FRR_GOAL:.0%}", rates.frr <= FRR_GOAL))
    print("\n".join(targets))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
