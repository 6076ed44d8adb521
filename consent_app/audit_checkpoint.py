"""Signed audit checkpoints: the chain's length and head, signed with the studio key, kept apart.

A checkpoint exported with each backup detects a log cut short or rewritten later
(``consent-app audit checkpoint`` / ``audit verify --checkpoint``).
"""

from __future__ import annotations

from typing import Any

from consent_app import audit, clock
from consent_app.canonical import canonical_json
from consent_app.crypto.keys import verify_signature

CHECKPOINT_FORMAT = "consent_app.audit-checkpoint"


def make_checkpoint(conn, studio_id: str, signer) -> dict:
    """A signed statement of the chain's length and head. ``signer`` is a studio SigningKey."""
    count, head_hash = audit.head(conn)
    body = {"format": CHECKPOINT_FORMAT, "version": 1, "studio": studio_id, "count": count,
            "head": head_hash, "created_at": clock.iso(), "kid": signer.kid}
    signature = signer.sign(canonical_json(body))
    return {**body, "signature": signature.hex()}


def verify_checkpoint(conn, checkpoint: dict, public_keys: dict[str, Any],
                      studio_id: str) -> audit.ChainReport:
    """Check the chain, then that it still contains the checkpoint's entries unchanged."""
    if not isinstance(checkpoint, dict) or not isinstance(checkpoint.get("signature"), str):
        raise ValueError("not an audit checkpoint file")
    body = {k: v for k, v in checkpoint.items() if k != "signature"}
    if body.get("format") != CHECKPOINT_FORMAT:
        raise ValueError("not an audit checkpoint file")
    if body.get("studio") != studio_id:
        raise ValueError("the checkpoint belongs to another studio")
    key = public_keys.get(body.get("kid")) if isinstance(body.get("kid"), str) else None
    try:
        signature = bytes.fromhex(checkpoint["signature"])
    except ValueError:
        signature = b""
    if key is None or not verify_signature(key, signature, canonical_json(body)):
        raise ValueError("the checkpoint's signature does not verify with this studio's keys")
    report = audit.verify_chain(conn)
    if not report.ok:
        return report
    count = int(body["count"])
    if report.count < count:
        return audit.ChainReport(False, report.count, report.head, report.count + 1,
                                 f"the log was cut: the checkpoint has {count} entries, the log "
                                 f"{report.count}")
    if count and audit.hash_at(conn, count) != body["head"]:
        return audit.ChainReport(False, report.count, report.head, count,
                                 "the log was rewritten: entry does not match the checkpoint's head")
    return report


__all__ = ["CHECKPOINT_FORMAT", "make_checkpoint", "verify_checkpoint"]
