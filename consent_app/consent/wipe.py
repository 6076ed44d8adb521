"""The biometric part of an erasure: samples lose their bytes, templates their vectors, in ``tx``.

Rows stay with their SHA-256 (``NULL`` + ``erased_at``), so signed records, evidence hashes and the audit
trail still show what was captured. Used by a local erasure (``erasure.erase_subject``) and when a
station applies an erasure made at another station of the studio (``studio.templates``).
"""

from __future__ import annotations

from dataclasses import dataclass

from consent_app.store import scrub

BIOMETRIC_KINDS = ("face", "id_document", "voice", "statement")


@dataclass(frozen=True)
class Wiped:
    samples: int     # liveness frames included
    frames: int
    templates: int


def wipe(tx, subject_id: str, at: str) -> Wiped:
    scrub.request(tx)  # the old bytes leave the file's pages once this transaction commits
    marks = ",".join("?" * len(BIOMETRIC_KINDS))
    samples = tx.execute(
        f"UPDATE samples SET data = NULL, erased_at = ? WHERE subject_id = ? AND kind IN ({marks}) "  # noqa: S608
        "AND (data IS NOT NULL OR erased_at IS NULL)", (at, subject_id, *BIOMETRIC_KINDS)).rowcount
    frames = tx.execute(  # liveness challenge frames: face images too (counted as samples)
        "UPDATE liveness_frames SET data = NULL, erased_at = ? WHERE subject_id = ? "
        "AND (data IS NOT NULL OR erased_at IS NULL)", (at, subject_id)).rowcount
    templates = tx.execute(
        "UPDATE templates SET vector = NULL, erased_at = ? WHERE subject_id = ? "
        "AND (vector IS NOT NULL OR erased_at IS NULL)", (at, subject_id)).rowcount
    tx.execute("UPDATE subjects SET biometrics_erased_at = COALESCE(biometrics_erased_at, ?) WHERE id = ?",
               (at, subject_id))
    return Wiped(samples + frames, frames, templates)
