"""The consent credential's claims, checked for shape (a malformed token is refused, code 3)."""

from __future__ import annotations

from consent_app.verify.codes import MALFORMED, VerifyError
from consent_app.verify.timeutil import parse_time
from consent_app.verify.vocab import STATUS_ENTRY_TYPE, STATUS_PURPOSE, TOKEN_TYPE, VC_CONTEXT

DEMO_MARK = "[DEMO]"


def _bad(message: str) -> VerifyError:
    return VerifyError(MALFORMED, "malformed token: " + message, reason_code="token.malformed")


def _str(obj: dict, key: str, where: str, *, empty: bool = False) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or (not value and not empty):
        raise _bad(f"{where}{key} must be a non-empty string")
    return value


def _str_list(obj: dict, key: str, where: str, *, optional: bool = False) -> list[str]:
    value = obj.get(key)
    if value is None and optional:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(f"{where}{key} must be a list of strings")
    return value


def _urn_uuid(value: str, what: str) -> str:
    if not value.startswith("urn:uuid:") or len(value) != 45:
        raise _bad(f"{what} must be a urn:uuid: identifier")
    return value


class Claims:
    """Typed view of a verified token payload."""

    __slots__ = (
        "assets",
        "binding",
        "consent_id",
        "demo",
        "evidence",
        "issuer_id",
        "issuer_name",
        "marking",
        "operations",
        "payload",
        "prohibited_uses",
        "project",
        "purpose",
        "status_index",
        "status_issuer",
        "status_list",
        "subject_id",
        "territory",
        "token_id",
        "valid_from",
        "valid_until",
    )

    def __init__(self, payload: dict) -> None:
        self.payload = payload
        ctx = payload.get("@context")
        if not isinstance(ctx, list) or not ctx or ctx[0] != VC_CONTEXT:
            raise _bad(f"@context must start with {VC_CONTEXT}")
        types = payload.get("type")
        if not isinstance(types, list) or "VerifiableCredential" not in types:
            raise _bad("type must include VerifiableCredential")
        if TOKEN_TYPE not in types:
            raise _bad(f"type must include {TOKEN_TYPE}")
        self.token_id = _urn_uuid(_str(payload, "id", ""), "id")
        issuer = payload.get("issuer")
        if not isinstance(issuer, dict):
            raise _bad("issuer must be an object with id and name")
        self.issuer_id = _str(issuer, "id", "issuer.")
        self.issuer_name = _str(issuer, "name", "issuer.")
        self.status_issuer = self.issuer_id  # the studio's id for a former issuer id (verify/issuers.py)
        try:
            self.valid_from = parse_time(payload.get("validFrom"))
            self.valid_until = parse_time(payload.get("validUntil"))
        except ValueError as exc:
            raise _bad(f"validFrom/validUntil: {exc}") from None
        if self.valid_until <= self.valid_from:
            raise _bad("validUntil is not after validFrom")
        subject = payload.get("credentialSubject")
        if not isinstance(subject, dict):
            raise _bad("credentialSubject must be an object")
        where = "credentialSubject."
        self.subject_id = _urn_uuid(_str(subject, "id", where), "credentialSubject.id")
        self.consent_id = _str(subject, "consentId", where)
        self.operations = _str_list(subject, "operations", where)
        if not self.operations:
            raise _bad("credentialSubject.operations is empty")
        self.project = _str(subject, "project", where)
        self.purpose = _str(subject, "purpose", where)
        territory = subject.get("territory")
        if isinstance(territory, str):
            territory = [territory]
        if not isinstance(territory, list) or not all(isinstance(t, str) for t in territory):
            raise _bad("credentialSubject.territory must be a string or a list of strings")
        self.territory = territory
        self.prohibited_uses = _str_list(subject, "prohibitedUses", where)
        self.marking = _str(subject, "marking", where)
        self.assets = self._assets(subject.get("assets"))
        binding = subject.get("biometricBinding")
        if binding is not None and not isinstance(binding, dict):
            raise _bad("credentialSubject.biometricBinding must be an object")
        self.binding = binding
        evidence = payload.get("evidence", [])
        if isinstance(evidence, dict):
            evidence = [evidence]
        if not isinstance(evidence, list) or not all(isinstance(e, dict) for e in evidence):
            raise _bad("evidence must be a list of objects")
        self.evidence = evidence
        self.demo = self.issuer_name.startswith(DEMO_MARK) or any(e.get("demo") is True for e in evidence)
        self.status_list, self.status_index = self._status(payload.get("credentialStatus"))

    @staticmethod
    def _assets(assets: object) -> list[dict]:
        if assets is None:
            return []
        if not isinstance(assets, list):
            raise _bad("credentialSubject.assets must be a list")
        for asset in assets:
            digest = asset.get("sha256") if isinstance(asset, dict) else None
            if (
                not isinstance(digest, str)
                or len(digest) != 64
                or not all(c in "0123456789abcdef" for c in digest)
            ):
                raise _bad("each asset needs a lowercase hex sha256")
            if not isinstance(asset.get("modality"), str):
                raise _bad("each asset needs a modality")
        return assets

    @staticmethod
    def _status(status: object) -> tuple[str, int]:
        if status is None:
            raise _bad("token has no credentialStatus: every consent token must be revocable")
        if isinstance(status, list):
            if len(status) != 1:
                raise _bad("credentialStatus must hold exactly one entry")
            status = status[0]
        if not isinstance(status, dict) or status.get("type") != STATUS_ENTRY_TYPE:
            raise _bad(f"credentialStatus must be a {STATUS_ENTRY_TYPE}")
        if status.get("statusPurpose") != STATUS_PURPOSE:
            raise _bad(f"credentialStatus.statusPurpose must be {STATUS_PURPOSE!r}")
        index = status.get("statusListIndex")
        if not isinstance(index, str) or not index.isascii() or not index.isdigit():
            raise _bad("credentialStatus.statusListIndex must be a decimal string")
        if len(index) > 12:
            raise _bad("credentialStatus.statusListIndex is out of range")
        list_id = status.get("statusListCredential")
        if not isinstance(list_id, str) or not list_id:
            raise _bad("credentialStatus.statusListCredential must be a string")
        return list_id, int(index)
