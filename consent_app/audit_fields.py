"""What the fields of an audit entry's details are: a name for people and the kind of value.

An audit entry's ``details`` are its hashed content, kept exactly as recorded. To show them to people,
each known field has a coded name (``audit.field.<key>``, worded by the UI in its language) and a *kind*
that says how its value reads: an id or hash (shortened, the full value on hover), category ids (their
names), a consent or complaint state, a yes/no, a time, a number, free text typed by staff, or an
enumerated value with a coded name of its own (``audit.value.<kind>.<value>``). A field that is not
known here is shown as ``key: value``; the recorded JSON stays available beside the worded view.

Qt-free: the CLI could use the same names; the staff console's audit viewer words them
(``consent_app/ui/audit_details.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from consent_app.messages import Message, define, template

FIELD_NAMES = define({
    "audit.field.action_id": "action",
    "audit.field.active": "active",
    "audit.field.after_seq": "after entry",
    "audit.field.alerts": "alerts",
    "audit.field.asr": "speech recognition",
    "audit.field.attempt": "attempt",
    "audit.field.attempts": "attempts",
    "audit.field.backup": "backup file",
    "audit.field.backup_head": "backup's audit head",
    "audit.field.bindings": "bound to",
    "audit.field.bytes": "size (bytes)",
    "audit.field.categories": "categories",
    "audit.field.cause": "cause",
    "audit.field.challenge": "challenge",
    "audit.field.channel": "channel",
    "audit.field.checked_at": "checked at",
    "audit.field.claim": "claim",
    "audit.field.code": "result",
    "audit.field.commitments": "bound identity fields",
    "audit.field.consent_id": "consent",
    "audit.field.counts": "counts",
    "audit.field.consents": "consents",
    "audit.field.tokens": "tokens",
    "audit.field.usage_receipts": "usage receipts",
    "audit.field.complaints": "complaints",
    "audit.field.audit_entries": "audit entries",
    "audit.field.database_key": "database key",
    "audit.field.demo": "demo",
    "audit.field.distance": "face distance",
    "audit.field.event": "event hash",
    "audit.field.event_hash": "event hash",
    "audit.field.event_id": "event",
    "audit.field.evidence_id": "evidence",
    "audit.field.evidence_sha256": "evidence SHA-256",
    "audit.field.face_match": "face comparison",
    "audit.field.files": "files",
    "audit.field.fingerprint": "key fingerprint",
    "audit.field.forced": "forced",
    "audit.field.from": "from",
    "audit.field.genesis": "genesis",
    "audit.field.hours": "valid for (hours)",
    "audit.field.id": "id",
    "audit.field.identity_passed": "identity check passed",
    "audit.field.identity_sha256": "identity check SHA-256",
    "audit.field.intake_hash": "intake hash",
    "audit.field.kdf": "key derivation",
    "audit.field.kept": "kept",
    "audit.field.kept_aside": "replaced database kept as",
    "audit.field.key": "setting",
    "audit.field.kid": "signing key",
    "audit.field.kind": "kind",
    "audit.field.kinds": "kinds of data",
    "audit.field.language": "language",
    "audit.field.link_id": "link",
    "audit.field.liveness_frames": "liveness frames",
    "audit.field.lists": "status lists",
    "audit.field.manifest_sha256": "manifest SHA-256",
    "audit.field.match": "match",
    "audit.field.matches": "matches",
    "audit.field.media": "attachments",
    "audit.field.media_id": "attachment",
    "audit.field.memory_cost": "memory cost (KiB)",
    "audit.field.modality": "modality",
    "audit.field.method": "method",
    "audit.field.message": "message",
    "audit.field.mime": "file type",
    "audit.field.model": "model",
    "audit.field.new": "new value",
    "audit.field.nonce": "nonce",
    "audit.field.notafter": "valid until",
    "audit.field.object": "shared object",
    "audit.field.old": "old value",
    "audit.field.operation": "operation",
    "audit.field.operations": "operations",
    "audit.field.operator": "operator",
    "audit.field.output": "output SHA-256",
    "audit.field.override": "overridden",
    "audit.field.passed": "passed",
    "audit.field.path": "file",
    "audit.field.phrase": "phrase",
    "audit.field.problem_codes": "problems",
    "audit.field.problems": "problems",
    "audit.field.produceid": "produce id",
    "audit.field.protection": "key protection",
    "audit.field.pseudonymised": "pseudonymised",
    "audit.field.published": "published revocations",
    "audit.field.readopted": "entries re-adopted",
    "audit.field.readopted_to": "re-adopted up to entry",
    "audit.field.reason": "reason",
    "audit.field.record_hash": "record hash",
    "audit.field.reference": "compared with",
    "audit.field.rehashed": "password hash upgraded",
    "audit.field.remaining": "categories left",
    "audit.field.replaced": "replaced audit head",
    "audit.field.retired": "retired keys",
    "audit.field.revoked": "revoked tokens",
    "audit.field.revoked_tokens": "revoked tokens",
    "audit.field.role": "role",
    "audit.field.sample_id": "sample",
    "audit.field.samples": "samples",
    "audit.field.score": "word score",
    "audit.field.seq": "number",
    "audit.field.sequence": "sequence",
    "audit.field.serial": "certificate serial",
    "audit.field.session_id": "session",
    "audit.field.sha256": "SHA-256",
    "audit.field.source": "found by",
    "audit.field.speaker_similarity": "speaker similarity",
    "audit.field.speech_seconds": "speech (seconds)",
    "audit.field.state": "state",
    "audit.field.statement_sha256": "statement SHA-256",
    "audit.field.station": "station",
    "audit.field.step": "session step",
    "audit.field.status": "status",
    "audit.field.status_list": "status list",
    "audit.field.studio_name": "studio name",
    "audit.field.studioroot": "studio root fingerprint",
    "audit.field.subject_id": "subject",
    "audit.field.target": "target",
    "audit.field.template": "template",
    "audit.field.template_id": "template",
    "audit.field.templates": "templates",
    "audit.field.terms_version": "terms version",
    "audit.field.threshold": "threshold",
    "audit.field.time_cost": "time cost",
    "audit.field.to": "to",
    "audit.field.token": "token",
    "audit.field.tool": "tool",
    "audit.field.type": "type",
    "audit.field.until": "until",
    "audit.field.url": "web address given",
    "audit.field.valid_from": "valid from",
    "audit.field.valid_until": "valid until",
    "audit.field.via": "attested by",
    "audit.field.witnessed": "witnessed head",
})

# Enumerated values recorded by the core, by kind: ``audit.value.<kind>.<value>``.
VALUE_NAMES = define({
    "audit.value.binding.assets": "approved assets",
    "audit.value.binding.face": "face",
    "audit.value.binding.voice": "voice",
    "audit.value.cause.erasure": "biometric data erased",
    "audit.value.cause.revocation": "revoked by staff",
    "audit.value.cause.withdrawal": "consent withdrawn",
    "audit.value.cause.complaint": "complaint",
    "audit.value.event.erasure": "erasure",
    "audit.value.event.revocation": "revocation",
    "audit.value.event.token_issue": "token issued",
    "audit.value.event.withdrawal": "withdrawal",
    "audit.value.key.complaints.acknowledge_days": "days to acknowledge a complaint",
    "audit.value.key.complaints.resolve_days": "days to resolve a complaint",
    "audit.value.key.face.match_threshold": "face match threshold",
    "audit.value.key.studio.code": "studio code",
    "audit.value.key.tokens.status_list_hours": "status list validity (hours)",
    "audit.value.key.voice.match_threshold": "voice match threshold",
    "audit.value.method.face_vs_id_document": "live face against the ID document",
    "audit.value.method.face_vs_enrolled": "live face against the enrolled face",
    "audit.value.kind.face": "face",
    "audit.value.kind.id_document": "ID document",
    "audit.value.kind.statement": "spoken statement",
    "audit.value.kind.voice": "voice",
    "audit.value.kind.withdrawal": "withdrawal",
    "audit.value.kind.token_revocation": "token revocation",
    "audit.value.kind.tool_revocation": "tool revocation",
    "audit.value.language.en": "English",
    "audit.value.language.zh_cn": "Simplified Chinese",
    "audit.value.login.unknown_or_inactive_account": "unknown or inactive account",
    "audit.value.login.wrong_password": "wrong password",
    "audit.value.database_key.unchanged": "unchanged",
    "audit.value.commitment.name": "name",
    "audit.value.head": "{count} entries, head {head}",
    "audit.value.protection.keyring": "OS keyring",
    "audit.value.protection.passphrase": "passphrase",
    "audit.value.reference.enrolled": "the enrolled face",
    "audit.value.reference.id_document": "the ID document",
    "audit.value.asr_unavailable": "no speech recogniser for {language}",
    "audit.value.revoke_reason_erased": "biometric data erased: {reason}",
    "audit.value.revoke_reason.consent_withdrawn": "consent withdrawn",
    "audit.value.revoke_reason.token_files_could_not_be_written": "token files could not be written",
    "audit.value.revoke_reason.withdrawn_at_another_station_before_this_token_was_issued":
        "withdrawn at another station before this token was issued",
    "audit.value.role.admin": "administrator",
    "audit.value.role.duty": "scheduled duties",
    "audit.value.role.operator": "operator",
    "audit.value.via.admin_password": "an administrator's password",
    "audit.value.via.login": "their own login",
})

# What an entry's target names (``consent:<id>``, ``staff:<name>``...).
TARGET_NAMES = define({
    "audit.target.ca": "tool certificate authority",
    "audit.target.complaint": "complaint",
    "audit.target.consent": "consent",
    "audit.target.duty": "duty",
    "audit.target.export": "export",
    "audit.target.key": "signing key",
    "audit.target.session": "session",
    "audit.target.setting": "setting",
    "audit.target.staff": "staff account",
    "audit.target.station": "station",
    "audit.target.studio": "studio",
    "audit.target.subject": "subject",
    "audit.target.token": "token",
    "audit.target.tool": "generation tool",
})

# How each field's value reads. Kinds: id, hash (shortened), categories, consent_state, complaint_state,
# session_step, bool, time, number, text (typed by staff: shown as typed), message (a coded result),
# messages (coded problems), actions (liveness actions), and "value:<kind>" (VALUE_NAMES).
KINDS: dict[str, str] = {
    "action_id": "id", "consent_id": "id", "event_id": "id", "evidence_id": "id", "id": "id",
    "link_id": "id", "media_id": "id", "sample_id": "id", "session_id": "id", "subject_id": "id",
    "template_id": "id", "token": "id", "kid": "id", "object": "id", "station": "id", "status_list": "id",
    "produceId": "id", "nonce": "id", "serial": "id", "retired": "id", "lists": "id",
    "revoked_tokens": "id", "alerts": "id",
    "event": "hash", "event_hash": "hash", "evidence_sha256": "hash", "fingerprint": "hash",
    "genesis": "hash",
    "identity_sha256": "hash", "intake_hash": "hash", "manifest_sha256": "hash", "output": "hash",
    "record_hash": "hash", "sha256": "hash", "statement_sha256": "hash", "tool": "hash", "media": "hash",
    "categories": "categories", "remaining": "categories", "operations": "categories",
    "operation": "categories",
    "state": "consent_state",
    "step": "session_step",
    "challenge": "actions",
    "active": "bool", "demo": "bool", "forced": "bool", "identity_passed": "bool", "kept": "bool",
    "override": "bool", "passed": "bool", "pseudonymised": "bool", "rehashed": "bool", "url": "bool",
    "match": "bool",
    "valid_from": "time", "valid_until": "time", "until": "time", "notAfter": "time", "from": "time",
    "to": "time", "checked_at": "time", "method": "value:method", "modality": "value:kind",
    "studioRoot": "hash", "template": "id",
    "attempt": "number", "attempts": "number", "bytes": "number", "distance": "number", "files": "number",
    "hours": "number", "liveness_frames": "number", "matches": "number", "memory_cost": "number",
    "readopted": "number", "readopted_to": "number", "after_seq": "number", "revoked": "number",
    "samples": "number", "score": "number", "seq": "number", "sequence": "number",
    "speaker_similarity": "number", "speech_seconds": "number", "templates": "number", "threshold": "number",
    "time_cost": "number", "consents": "number", "tokens": "number", "usage_receipts": "number",
    "complaints": "number", "audit_entries": "number",
    "reason": "text", "studio_name": "text", "phrase": "text", "backup": "text", "kept_aside": "text",
    "path": "text", "old": "text", "new": "text", "model": "text", "mime": "text", "kdf": "text",
    "terms_version": "text", "channel": "text", "source": "text", "status": "text", "asr": "asr",
    "target": "id", "database_key": "value:database_key",
    "backup_head": "head", "replaced": "head", "witnessed": "head",
    "operator": "text", "problems": "text", "message": "text", "counts": "raw", "published": "raw",
    "claim": "complaint_claim", "commitments": "value:commitment",
    "code": "message", "problem_codes": "messages",
    "bindings": "value:binding", "cause": "value:cause", "type": "value:event", "key": "value:key",
    "kinds": "value:kind", "language": "value:language", "protection": "value:protection",
    "reference": "value:reference", "role": "value:role", "via": "value:via", "kind": "value:kind",
}

# Fields read differently in some actions (the same key recorded with another meaning there).
ACTION_KINDS: dict[tuple[str, str], str] = {
    ("auth.login_failed", "reason"): "value:login",
    ("token.revoke", "reason"): "value:revoke_reason",  # the core's own reasons; one typed by staff as typed
    ("complaint.transition", "from"): "complaint_state",
    ("complaint.transition", "state"): "complaint_state",
    ("complaint.file", "role"): "complaint_role",
    ("complaint.link", "kind"): "complaint_link",
    ("complaint.link", "status"): "complaint_link_status",
    ("complaint.link_decision", "status"): "complaint_link_status",
    ("session.identity_override", "match"): "raw",  # the face comparison's body: its fields worded
    ("settings.change", "old"): "raw",
    ("settings.change", "new"): "raw",
}

# Fields named differently in some actions.
ACTION_FIELD_NAMES: dict[tuple[str, str], str] = {("session.identity_override", "match"): "face_match"}

# Shown when the entry has them, in place of other fields: coded problems replace their English text,
# a duty's coded result its English message (its parameters are recorded beside it).
REPLACES: dict[str, tuple[str, ...]] = {"problem_codes": ("problems",), "code": ("message", "params")}


@dataclass(frozen=True)
class Field:
    """One detail of an audit entry: its key, its name (None when unknown), how its value reads."""

    key: str
    name: Message | None
    kind: str
    value: Any


def kind_of(action: str, key: str) -> str:
    return ACTION_KINDS.get((action, key)) or KINDS.get(key, "raw")


def fields(action: str, details: dict[str, Any]) -> list[Field]:
    """The entry's details in the order recorded, each with its name and kind (unknown: name None)."""
    shown = dict(details)
    for coded_key, replaced in REPLACES.items():
        if coded_key in shown:
            for key in replaced:
                shown.pop(key, None)
    out = []
    for key, value in shown.items():
        code = f"audit.field.{ACTION_FIELD_NAMES.get((action, key), key).lower()}"
        name = Message(code) if template(code) is not None else None
        out.append(Field(key, name, kind_of(action, key) if name is not None else "raw", value))
    return out


def value_message(kind: str, value: object) -> Message | None:
    """The coded name of an enumerated value (``value:<kind>``), or None when it has none. Two values the
    core writes as sentences are coded by their shape: a missing recogniser and an erasure's revocation."""
    if kind == "asr" and isinstance(value, str) and value.startswith("unavailable for "):
        return Message("audit.value.asr_unavailable", {"language": value[len("unavailable for "):]})
    erased = "biometric data erased: "  # consent/erasure.py's reason for the tokens it revokes
    if kind == "value:revoke_reason" and isinstance(value, str) and value.startswith(erased):
        return Message("audit.value.revoke_reason_erased", {"reason": value[len(erased):]})
    if not kind.startswith("value:") or not isinstance(value, str):
        return None
    slug = value.strip().lower().replace(" ", "_").replace("-", "_")
    code = f"audit.value.{kind[6:]}.{slug}"
    return Message(code) if template(code) is not None else None


def coded(value: object, params: object = None) -> Message | None:
    """A recorded coded message: ``{"code", "params"}`` (or a code with ``params`` beside it)."""
    if isinstance(value, dict) and isinstance(value.get("code"), str):
        value, params = value["code"], value.get("params")
    if isinstance(value, str) and template(value) is not None:
        return Message(value, params if isinstance(params, dict) else {})
    return None


def _codes(value: object):
    if isinstance(value, dict):
        if isinstance(value.get("code"), str):
            yield value["code"]
        for inner in value.values():
            yield from _codes(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _codes(inner)


def ensure_templates(details: list[dict[str, Any]]) -> None:
    """Register the templates of every coded message recorded in ``details`` (a duty's result, the
    problems an override names): a module that defines one may not be imported yet. Loads the whole core
    only when one is missing (~1 s: call it off the GUI thread)."""
    if any(template(code) is None for entry in details for code in _codes(entry)):
        from consent_app.messages import load_all

        load_all()
