"""1:N search over enrolled face templates (duplicate check at enrolment).

Templates live in one float32 matrix with precomputed half squared norms, so a query is one
matrix-vector product: argmin |b|² - 2a·b  ==  argmin ||a - b||². The product is split over
threads (numpy releases the GIL), which roughly doubles the memory bandwidth a query can use.
Candidates within the float32 rounding bound of the best are re-checked exactly in float64, so
the nearest neighbour is the same as a plain ``face_recognition.face_distance`` scan.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.face.analysis import ENCODING_DIM

#: Below this many templates a single thread is faster than splitting.
_PARALLEL_MIN = 200_000
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1),
                                   thread_name_prefix="face-index")
    return _pool


@dataclass(frozen=True)
class Hit:
    key: Hashable
    distance: float


class TemplateIndex:
    """Append-only collection of (key, 128-d template) with exact nearest-neighbour search."""

    def __init__(self, capacity: int = 1024) -> None:
        self._mat = np.empty((max(1, capacity), ENCODING_DIM), np.float32)
        self._half_norm = np.empty(max(1, capacity), np.float32)
        self._keys: list[Hashable] = []

    def __len__(self) -> int:
        return len(self._keys)

    @classmethod
    def from_matrix(cls, keys: Sequence[Hashable], matrix: np.ndarray) -> TemplateIndex:
        mat = np.ascontiguousarray(matrix, dtype=np.float32)
        if mat.ndim != 2 or mat.shape[1] != ENCODING_DIM or len(keys) != len(mat):
            raise ValueError(f"need one {ENCODING_DIM}-d row per key")
        idx = cls(capacity=len(mat))
        idx._mat = mat
        idx._half_norm = 0.5 * np.einsum("ij,ij->i", mat, mat)
        idx._keys = list(keys)
        return idx

    def add(self, key: Hashable, template: np.ndarray | Sequence[float]) -> None:
        v = np.asarray(template, dtype=np.float32).reshape(-1)
        if v.shape != (ENCODING_DIM,) or not np.all(np.isfinite(v)):
            raise ValueError(f"a face template has {ENCODING_DIM} finite values")
        n = len(self._keys)
        if n == len(self._mat):
            grow = max(1024, n)
            self._mat = np.concatenate([self._mat, np.empty((grow, ENCODING_DIM), np.float32)])
            self._half_norm = np.concatenate([self._half_norm, np.empty(grow, np.float32)])
        self._mat[n] = v
        self._half_norm[n] = 0.5 * float(v @ v)
        self._keys.append(key)

    def _scores(self, q: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, int]:
        """half_norm - b·q for rows lo:hi (argmin = nearest), and the local argmin."""
        s = self._mat[lo:hi] @ q
        np.subtract(self._half_norm[lo:hi], s, out=s)
        return s, int(np.argmin(s))

    def nearest(self, query: np.ndarray | Sequence[float], k: int = 1) -> list[Hit]:
        """The k nearest templates, closest first, with exact (float64) distances."""
        n = len(self._keys)
        if n == 0:
            return []
        q64 = np.asarray(query, dtype=np.float64).reshape(-1)
        if q64.shape != (ENCODING_DIM,) or not np.all(np.isfinite(q64)):
            raise ValueError(f"a face template has {ENCODING_DIM} finite values")
        q = q64.astype(np.float32)
        if n >= _PARALLEL_MIN:
            parts = min(4, os.cpu_count() or 1)
            step = -(-n // parts)
            bounds = [(i, min(n, i + step)) for i in range(0, n, step)]
            futures = [_executor().submit(self._scores, q, lo, hi) for lo, hi in bounds]
            chunks = [f.result() for f in futures]
        else:
            bounds = [(0, n)]
            chunks = [self._scores(q, 0, n)]
        best = min(float(s[i]) for s, i in chunks)
        # Rounding bound of a float32 dot product of 128 terms, plus the norm term (generous).
        scale = float(np.max(self._half_norm[:n])) * 2 + float(q64 @ q64)
        eps = 8 * ENCODING_DIM * float(np.finfo(np.float32).eps) * scale
        cand: list[np.ndarray] = []
        for (lo, _hi), (s, _i) in zip(bounds, chunks, strict=True):
            local = np.flatnonzero(s <= best + eps)
            if k > 1 and len(local) < k:
                local = np.argpartition(s, min(k, len(s)) - 1)[:k]
            cand.append(local + lo)
        rows = np.unique(np.concatenate(cand))
        exact = np.linalg.norm(self._mat[rows].astype(np.float64) - q64, axis=1)
        order = np.argsort(exact, kind="stable")[:k]
        return [Hit(self._keys[int(rows[o])], float(exact[o])) for o in order]

    def within(self, query: np.ndarray | Sequence[float], threshold: float) -> list[Hit]:
        """Every template at distance <= threshold, closest first."""
        n = len(self._keys)
        if n == 0:
            return []
        q64 = np.asarray(query, dtype=np.float64).reshape(-1)
        q = q64.astype(np.float32)
        s = self._mat[:n] @ q
        d2 = 2 * (self._half_norm[:n] - s) + float(q @ q)
        rows = np.flatnonzero(d2 <= (threshold + 1e-3) ** 2)
        exact = np.linalg.norm(self._mat[rows].astype(np.float64) - q64, axis=1)
        keep = exact <= threshold
        rows, exact = rows[keep], exact[keep]
        order = np.argsort(exact, kind="stable")
        return [Hit(self._keys[int(rows[o])], float(exact[o])) for o in order]
