"""Shared output helpers for benchmarks: every script ends with one line per target."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def target(name: str, measured: float, goal: float, *, higher_is_better: bool, unit: str = "") -> bool:
    ok = measured >= goal if higher_is_better else measured <= goal
    sign = ">=" if higher_is_better else "<="
    print(f"target {name}: measured {measured:.3g}{unit}, goal {sign} {goal:g}{unit} "
          f"{'PASS' if ok else 'FAIL'}")
    return ok


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Minimum wall time of ``repeat`` runs (the least disturbed by a shared machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(fn: Callable[[], object], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
