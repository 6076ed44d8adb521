"""Int8 first pass of the 1:N search, run by onnxruntime's integer GEMM kernels (MLAS).

Reading one million float32 templates (512 MB) per query is bound by memory bandwidth; their int8
copy is 128 MB, and onnxruntime multiplies it with the quantised query with SIMD integer kernels
(numpy has none). The pass is exact where it matters: every template whose true distance could be
the smallest is returned as a candidate, using a proven bound on the quantisation error, and the
caller re-checks candidates in float64.

Bound: with x̂ = δ·round(x/δ) (row error r = ‖x − x̂‖) and q̂ likewise (error e = ‖q − q̂‖),
|x·q − x̂·q̂| ≤ ‖x̂‖·e + r·‖q‖ =: E. With S = ‖x‖²/2 − x̂·q̂, the squared distance is
‖q‖² + 2(S + ε) with |ε| ≤ E, so no template with S > min S + 2E can be the nearest.

The one-node graph (MatMulInteger) is written directly in ONNX's protobuf wire format: it does not
justify the ``onnx`` package as a dependency.
"""

from __future__ import annotations

import os

import numpy as np

_UINT8, _INT8, _INT32 = 2, 3, 6


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def _bytes(field: int, value: bytes | str) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _tensor(name: str, dtype: int, dims: list[int], raw: bytes) -> bytes:
    return b"".join(_int(1, d) for d in dims) + _int(2, dtype) + _bytes(8, name) + _bytes(9, raw)


def _value_info(name: str, dtype: int, dims: list[int | str]) -> bytes:
    shape = b"".join(
        _bytes(1, _int(1, d) if isinstance(d, int) else _bytes(2, d)) for d in dims
    )
    return _bytes(1, name) + _bytes(2, _bytes(1, _int(1, dtype) + _bytes(2, shape)))


def _node(op: str, inputs: list[str], outputs: list[str], attrs: bytes = b"") -> bytes:
    return (b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs)
            + _bytes(4, op) + attrs)


def _model(q8: np.ndarray) -> bytes:
    """dot = (W - 128) @ q: W the templates as uint8 with zero point 128 (MLAS's fastest
    integer path on x86 is uint8 × int8), q the query as an int8 column."""
    n, k = q8.shape
    w = (q8.astype(np.int16) + 128).astype(np.uint8)
    graph = (
        _bytes(1, _node("MatMulInteger", ["W", "q", "zero"], ["dot"]))
        + _bytes(2, "face_int8_dot")
        + _bytes(5, _tensor("W", _UINT8, [n, k], w.tobytes()))
        + _bytes(5, _tensor("zero", _UINT8, [], bytes([128])))
        + _bytes(11, _value_info("q", _INT8, [k, 1]))
        + _bytes(12, _value_info("dot", _INT32, [n, 1]))
    )
    return _int(1, 8) + _bytes(7, graph) + _bytes(8, _bytes(1, "") + _int(2, 13))


class Int8Scorer:
    """Quantised copy of a template matrix that returns candidate rows for a query."""

    def __init__(self, mat: np.ndarray) -> None:
        from consent_app.biometrics.onnx import runtime

        ort = runtime()

        peak = float(np.abs(mat).max()) or 1.0
        self.step = peak / 127.0
        q8 = np.empty(mat.shape, np.int8)
        half_norm = np.empty(len(mat), np.float32)
        max_residual = max_norm = 0.0
        for lo in range(0, len(mat), 65536):  # in chunks: no float64 copy of the whole matrix
            block = mat[lo:lo + 65536].astype(np.float64)
            qb = np.clip(np.rint(block / self.step), -127, 127)
            q8[lo:lo + 65536] = qb
            approx = qb * self.step
            max_residual = max(max_residual, float(np.sqrt(((block - approx) ** 2).sum(1)).max()))
            max_norm = max(max_norm, float(np.sqrt((approx**2).sum(1)).max()))
            half_norm[lo:lo + 65536] = 0.5 * (block**2).sum(1)
        self.max_residual, self.max_approx_norm = max_residual, max_norm
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        # Waiting threads sleep instead of spinning: spinning costs more than it saves when the
        # CPU is shared with the camera, the UI and other programs.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(_model(q8), opts, providers=["CPUExecutionProvider"])
        self._half_norm = half_norm
        self.rows = len(mat)

    def candidates(self, q64: np.ndarray, k: int = 1) -> np.ndarray:
        """Row indices that may be among the k nearest to ``q64`` (always includes them)."""
        peak = float(np.abs(q64).max()) or 1.0
        q_step = peak / 127.0
        q8 = np.clip(np.rint(q64 / q_step), -127, 127).astype(np.int8)
        q_err = float(np.linalg.norm(q64 - q8.astype(np.float64) * q_step))
        bound = self.max_approx_norm * q_err + self.max_residual * float(np.linalg.norm(q64))
        dot = self._session.run(None, {"q": q8.reshape(-1, 1)})[0].reshape(-1)
        scores = np.multiply(dot, np.float32(self.step * q_step), dtype=np.float32)
        np.subtract(self._half_norm, scores, out=scores)
        kth = float(scores.min()) if k <= 1 else float(np.partition(scores, k - 1)[k - 1])
        # 2E from the bound, plus float32 rounding of the scores themselves (generous).
        slack = 2 * bound + 1e-5 * (abs(kth) + 1.0)
        return np.flatnonzero(scores <= kth + slack)
