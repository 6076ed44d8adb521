"""What a consent allows a token to carry: the issuing side's explicit input.

The consent module builds a :class:`ConsentGrant` from its signed record; tokens never carry
more than the grant (operations it still allows, validity inside the consent's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ConsentGrant:
    """One consent as far as tokens are concerned. Times are timezone-aware datetimes."""

    consent_id: str
    subject_id: str  # the subject's pseudonymous uuid (never the name)
    operations: tuple[str, ...]
    project: str
    purpose: str
    territory: tuple[str, ...]
    prohibited_uses: tuple[str, ...]
    marking: str
    valid_from: datetime
    valid_until: datetime
    record_hash: str  # e.g. "sha256:<hex>" of the canonical signed consent record
    evidence: dict = field(default_factory=dict)  # methods, scores, thresholds, liveness
    withdrawn_operations: tuple[str, ...] = ()
    withdrawn_at: datetime | None = None  # set when the whole consent was withdrawn
    demo: bool = False
    biometrics_erased: bool = False  # the subject's face/voice data was erased: no template bindings

    @property
    def allowed_operations(self) -> tuple[str, ...]:
        """Operations a new token may still carry."""
        if self.withdrawn_at is not None:
            return ()
        return tuple(op for op in self.operations if op not in self.withdrawn_operations)
