"""1:1 comparison of face encodings, with a result that can be stored as evidence.

The default threshold is calibrated on the shared photos (see README, "Face matching threshold"):
same-person distances 0.04-0.44, different-person distances 0.66-0.90 with this pipeline. 0.50
leaves a margin of 0.15 below the closest pair of different people (face_recognition's own default
of 0.60 leaves 0.06). An admin can change it; the value used is stored with every result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from consent_app.biometrics.face.analysis import ENCODING_DIM, MODEL_NAME
from consent_app.messages import define

MESSAGES = define({
    "face.threshold_range": "face match threshold must be between {low} and {high}, not {value}",
})

DEFAULT_THRESHOLD = 0.50
#: Settings key (consent_app.settings) holding the admin-chosen threshold.
THRESHOLD_SETTING = "face.match_threshold"
#: Thresholds outside this range are refused: below, nobody matches; above, strangers do.
THRESHOLD_RANGE = (0.30, 0.65)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class MatchResult:
    """The outcome of one comparison: ``match`` is ``distance <= threshold``."""

    match: bool
    distance: float
    threshold: float
    model: str
    compared_at: str
    kind: str = "1:1"
    template_id: str | None = None  # which enrolled template gave the best distance, if any

    def to_dict(self) -> dict:
        out = {
            "kind": self.kind,
            "match": self.match,
            "distance": round(self.distance, 6),
            "threshold": self.threshold,
            "model": self.model,
            "compared_at": self.compared_at,
        }
        if self.template_id is not None:
            out["template_id"] = self.template_id
        return out


def as_vector(encoding: np.ndarray | Sequence[float]) -> np.ndarray:
    v = np.asarray(encoding, dtype=np.float64).reshape(-1)
    if v.shape != (ENCODING_DIM,) or not np.all(np.isfinite(v)):
        raise ValueError(f"a face encoding has {ENCODING_DIM} finite values")
    return v


def check_threshold(value: float) -> float:
    lo, hi = THRESHOLD_RANGE
    value = float(value)
    if not lo <= value <= hi:
        raise ValueError(f"face match threshold must be between {lo} and {hi}, not {value}")
    return value


def distance(a: np.ndarray | Sequence[float], b: np.ndarray | Sequence[float]) -> float:
    """Euclidean distance (face_recognition.face_distance for one pair)."""
    return float(np.linalg.norm(as_vector(a) - as_vector(b)))


def compare(
    a: np.ndarray | Sequence[float],
    b: np.ndarray | Sequence[float],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    model: str = MODEL_NAME,
) -> MatchResult:
    d = distance(a, b)
    return MatchResult(d <= threshold, d, threshold, model, _now())


def verify_against(
    live: np.ndarray | Sequence[float],
    templates: Sequence[tuple[str, np.ndarray | Sequence[float]]],
    threshold: float = DEFAULT_THRESHOLD,
    *,
    model: str = MODEL_NAME,
) -> MatchResult:
    """Returning subject: compare a live capture with each enrolled template (id, vector) and
    report the closest. Raises ValueError when there are no templates."""
    if not templates:
        raise ValueError("no enrolled face templates to verify against")
    v = as_vector(live)
    ids = [t[0] for t in templates]
    mat = np.stack([as_vector(t[1]) for t in templates])
    dists = np.linalg.norm(mat - v, axis=1)
    i = int(np.argmin(dists))
    d = float(dists[i])
    return MatchResult(d <= threshold, d, threshold, model, _now(), kind="1:enrolled",
                       template_id=ids[i])
