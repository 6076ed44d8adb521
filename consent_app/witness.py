"""Witnesses outside the store: published status lists, checkpoints and withdrawal receipts.

Each names an audit head (entry count + hash) signed with the studio's key. The store must *extend*
every witness: hold at least that many entries, with the entry at that count unchanged. A store
rolled back as a whole folder (database and anchor together), or an audit chain recomputed after an
edit, fails against the first witness published after the change (``audit verify --witness``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from consent_app import audit
from consent_app.canonical import canonical_json
from consent_app.errors import InputError
from consent_app.messages import define

MAX_WITNESS_BYTES = 8 * 1024 * 1024

MESSAGES = define({
    "witness.unreadable": "witness {path}: {reason}",
    "witness.not_extended_count": "the store does not extend witness {path} ({kind}): it names {count} "
    "audit entries, the store has {db_count} (rolled back, or the log was cut)",
    "witness.not_extended_hash": "the store does not extend witness {path} ({kind}): audit entry {count} "
    "has another hash than the witness names (the audit trail was rewritten)",
})


@dataclass(frozen=True)
class Witness:
    path: str
    kind: str  # "checkpoint", "status list", "withdrawal receipt"
    count: int
    head: str
    detail: str = ""


def _bad(path, reason: str) -> InputError:
    return InputError(code="witness.unreadable", path=str(path), reason=reason)


def _verify_detached(body: dict, signature_hex, public_keys: dict, path) -> None:
    from consent_app.crypto.keys import verify_signature

    key = public_keys.get(body.get("kid")) if isinstance(body.get("kid"), str) else None
    try:
        signature = bytes.fromhex(signature_hex) if isinstance(signature_hex, str) else b""
    except ValueError:
        signature = b""
    if key is None or not verify_signature(key, signature, canonical_json(body)):
        raise _bad(path, "its signature does not verify with this studio's keys")


def _count_head(path, count, head) -> tuple[int, str]:
    if not isinstance(count, int) or isinstance(count, bool) or count < 0 or not isinstance(head, str):
        raise _bad(path, "it names no audit entry count and head")
    return count, head


def _from_json(path, doc, public_keys: dict, studio_id: str) -> Witness:
    from consent_app.audit_checkpoint import CHECKPOINT_FORMAT
    from consent_app.consent.receipt_witness import RECEIPT_WITNESS_FORMAT

    if not isinstance(doc, dict):
        raise _bad(path, "not a checkpoint, status list or withdrawal receipt")
    body = {k: v for k, v in doc.items() if k != "signature"}
    if body.get("studio") != studio_id:
        raise _bad(path, "it belongs to another studio")
    _verify_detached(body, doc.get("signature"), public_keys, path)
    if body.get("format") == CHECKPOINT_FORMAT:
        count, head = _count_head(path, body.get("count"), body.get("head"))
        return Witness(str(path), "checkpoint", count, head, str(body.get("created_at", "")))
    if body.get("format") == RECEIPT_WITNESS_FORMAT:
        head = body.get("audit") if isinstance(body.get("audit"), dict) else {}
        count, head_hash = _count_head(path, head.get("count"), head.get("head"))
        return Witness(str(path), "withdrawal receipt", count, head_hash, str(body.get("consent", "")))
    raise _bad(path, "not a checkpoint, status list or withdrawal receipt")


def _from_status_list(path, data: bytes, public_keys: dict, studio_id: str) -> list[Witness]:
    from consent_app.tokens.signing import jwks
    from consent_app.verify.codes import VerifyError
    from consent_app.verify.jose import KeySet
    from consent_app.verify.statuslist import parse_status_credential

    keys = KeySet.from_jwks(jwks(list(public_keys.items())))
    out = []
    for raw in data.split():
        try:
            lst = parse_status_credential(raw, keys)
        except VerifyError as exc:
            raise _bad(path, exc.message) from None
        if lst.issuer != f"urn:uuid:{studio_id}":
            raise _bad(path, f"the status list {lst.id} is from another issuer")
        if lst.sequence is None:
            raise _bad(path, f"the status list {lst.id} carries no audit head (exported before witnesses)")
        out.append(Witness(str(path), "status list", lst.audit_count, lst.audit_head,
                           f"{lst.id} sequence {lst.sequence}"))
    if not out:
        raise _bad(path, "no status list in the file")
    return out


def load(path: str | Path, public_keys: dict, studio_id: str) -> list[Witness]:
    """The witnesses in one file (a status list file may hold several lists), each signature-checked."""
    from consent_app.files import read_bounded

    data = read_bounded(path, MAX_WITNESS_BYTES, "witness")
    if data.startswith(b"%PDF"):
        from consent_app.consent.receipt_witness import extract

        doc = extract(data)
        if doc is None:
            raise _bad(path, "the PDF carries no withdrawal witness (a receipt made before witnesses?)")
        return [_from_json(path, doc, public_keys, studio_id)]
    if data.lstrip().startswith(b"{"):
        from consent_app.verify.strictjson import loads

        try:
            doc = loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise _bad(path, f"not JSON ({exc})") from None
        return [_from_json(path, doc, public_keys, studio_id)]
    return _from_status_list(path, data, public_keys, studio_id)


def problem(conn, witness: Witness) -> InputError | None:
    """None when the store extends ``witness``; else the one-line reason (not raised)."""
    db_count, _ = audit.head(conn)
    params = {"path": witness.path, "kind": witness.kind, "count": witness.count, "db_count": db_count}
    if witness.count > db_count:
        return InputError(code="witness.not_extended_count", **params)
    if witness.count and audit.hash_at(conn, witness.count) != witness.head:
        return InputError(code="witness.not_extended_hash", **params)
    return None


def check_files(conn, paths: list[str], public_keys: dict, studio_id: str) -> tuple[list[Witness],
                                                                                   InputError | None]:
    """Load every witness in order; (all witnesses, the first one the store does not extend)."""
    witnesses: list[Witness] = []
    for path in paths:
        for witness in load(path, public_keys, studio_id):
            witnesses.append(witness)
            failure = problem(conn, witness)
            if failure is not None:
                return witnesses, failure
    return witnesses, None


def as_json(witness: Witness) -> str:
    return json.dumps(witness.__dict__, sort_keys=True)
