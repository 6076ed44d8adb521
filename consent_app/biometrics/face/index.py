"""1:N search over enrolled face templates (duplicate check at enrolment).

Templates live in one float32 matrix with precomputed half squared norms, so a query is one
matrix-vector product: argmin |b|²/2 - a·b  ==  argmin ||a - b||². Candidates within the float32
rounding bound of the best are re-checked exactly in float64, so the nearest neighbour is the same
as a plain ``face_recognition.face_distance`` scan. From 100k templates on, the first pass runs on
an int8 copy with a proven error bound (:mod:`.quantized`): a quarter of the memory traffic.
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
#: From this many templates on, an int8 first pass (see .quantized) picks the candidates.
_QUANTIZED_MIN = 100_000
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
        self._int8 = None  # quantized.Int8Scorer, built on demand for large indexes

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

    def prepare(self) -> None:
        """Build the int8 first pass now (about a second per million templates) rather than on
        the first query."""
        n = len(self._keys)
        if n >= _QUANTIZED_MIN and (self._int8 is None or self._int8.rows != n):
            from consent_app.biometrics.face.quantized import Int8Scorer

            self._int8 = Int8Scorer(self._mat[:n])

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
        self._int8 = None

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
        if n >= _QUANTIZED_MIN:
            self.prepare()
            assert self._int8 is not None
            return self._exact(self._int8.candidates(q64, k), q64, k)
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
        if k <= 1:
            kth = min(float(s[i]) for s, i in chunks)
        else:
            every = np.concatenate([s for s, _i in chunks])
            kth = float(np.partition(every, min(k, n) - 1)[min(k, n) - 1])
        # Rounding bound of a float32 dot product of 128 terms, plus the norm term (generous).
        scale = float(np.max(self._half_norm[:n])) * 2 + float(q64 @ q64)
        eps = 8 * ENCODING_DIM * float(np.finfo(np.float32).eps) * scale
        cand = [np.flatnonzero(s <= kth + eps) + lo for (lo, _hi), (s, _i) in
                zip(bounds, chunks, strict=True)]
        return self._exact(np.concatenate(cand), q64, k)

    def _exact(self, rows: np.ndarray, q64: np.ndarray, k: int) -> list[Hit]:
        """Float64 distances of the candidate rows; the k closest (ties: lowest row first)."""
        rows = np.sort(rows)
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
