"""Decide whether a consent token allows one operation, now, offline."""

from __future__ import annotations

import time

from consent_app.verify.claims import Claims
from consent_app.verify.codes import (
    MALFORMED,
    NOT_COVERED,
    OUTSIDE_VALIDITY,
    REVOKED,
    STATUS_UNAVAILABLE,
    USAGE,
    VALID,
    VerifyError,
)
from consent_app.verify.jose import KeySet, decode_compact
from consent_app.verify.statuslist import StatusLists
from consent_app.verify.timeutil import format_time
from consent_app.verify.vocab import JWS_TYP, MAX_CLOCK_SKEW, MAX_TOKEN_BYTES, OPERATIONS


class Decision:
    """The verifier's answer: ``code`` 0 means the operation may run."""

    __slots__ = ("at", "claims", "code", "media", "operation", "reason", "reason_code")

    def __init__(
        self, code: int, reason: str, operation: str, claims: Claims | None, at: float | None = None
    ) -> None:
        self.at = time.time() if at is None else at  # the time the decision judged
        self.code = code
        self.reason = reason
        self.operation = operation
        self.claims = claims
        self.media: dict | None = None
        self.reason_code = "valid" if code == VALID else None  # why, for programs (README lists them)

    @property
    def valid(self) -> bool:
        return self.code == VALID

    def text(self) -> str:
        """A few lines for a person reading a terminal."""
        c = self.claims
        head = "VALID" if self.valid else f"REFUSED ({self.code})"
        lines = [f"{head}: {self.reason}"]
        if c is not None:
            lines.append(f"consent {c.consent_id}  token {c.token_id}")
            lines.append(f"operations: {', '.join(c.operations)}")
            if self.valid:
                lines.append(f"marking: {c.marking}")
            if c.demo:
                lines.append("DEMO: issued from a demo database; no real consent stands behind it")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        """The ``--json`` report."""
        from consent_app.verify.marking import marking_for

        c = self.claims
        out: dict = {
            "decision": "valid" if self.valid else "refused",
            "exitCode": self.code,
            "reason": self.reason,
            "reasonCode": self.reason_code,
            "operation": self.operation,
            "at": format_time(self.at),
            "consentId": c.consent_id if c else None,
            "tokenId": c.token_id if c else None,
            "operations": list(c.operations) if c else [],
            "demo": c.demo if c else None,
            "issuer": {"id": c.issuer_id, "name": c.issuer_name} if c else None,
            "validFrom": format_time(c.valid_from) if c else None,
            "validUntil": format_time(c.valid_until) if c else None,
            "marking": marking_for(c, self.operation) if c else None,
        }
        if self.media is not None:
            out["media"] = self.media
        return out


class Verifier:
    """Checks tokens against one studio key set and (optionally) its status lists."""

    __slots__ = ("keys", "skew", "status")

    def __init__(
        self, keys: KeySet, status: StatusLists | None = None, *, skew: float = MAX_CLOCK_SKEW
    ) -> None:
        if not 0 <= skew <= MAX_CLOCK_SKEW:
            raise ValueError(f"clock skew must be between 0 and {MAX_CLOCK_SKEW} s")
        self.keys = keys
        self.status = status
        self.skew = skew

    def authenticate(self, token: str | bytes) -> Claims:
        """Size, signature and shape: the claims of a genuine token, or ``VerifyError`` (3)."""
        if len(token) > MAX_TOKEN_BYTES:
            raise VerifyError(MALFORMED, f"token is larger than {MAX_TOKEN_BYTES} bytes",
                              reason_code="token.too_large")
        keys = self.keys
        if keys.issuers is not None:  # a revoked station's key verifies only the tokens listed for it
            raw = token.encode("ascii", "replace") if isinstance(token, str) else token
            keys = keys.issuers.keys_for(raw, keys)
        header, payload = decode_compact(token, keys, JWS_TYP)
        claims = Claims(payload)
        if self.keys.issuers is not None:  # a studio's key set: the studio or a station's former id
            claims.status_issuer = self.keys.issuers.canonical(claims.issuer_id, header["kid"])
        return claims

    def check(self, claims: Claims, operation: str, at: float | None = None) -> None:
        """Validity, coverage and revocation of authenticated claims; ``VerifyError`` else."""
        if operation not in OPERATIONS:
            raise VerifyError(USAGE, f"unknown operation {operation!r}; known: {', '.join(OPERATIONS)}",
                              reason_code="usage.unknown_operation")
        now = time.time() if at is None else at
        if now + self.skew < claims.valid_from:
            raise VerifyError(OUTSIDE_VALIDITY, f"token is not valid before {format_time(claims.valid_from)}",
                              reason_code="token.not_yet_valid")
        if now - self.skew > claims.valid_until:
            raise VerifyError(OUTSIDE_VALIDITY, f"token expired at {format_time(claims.valid_until)}",
                              reason_code="token.expired")
        if operation not in claims.operations:
            raise VerifyError(
                NOT_COVERED,
                f"operation {operation!r} is not covered (consented: {', '.join(claims.operations)})",
                reason_code="token.operation_not_covered",
            )
        if self.status is None:
            raise VerifyError(
                STATUS_UNAVAILABLE, "no status list was given (--status): revocation cannot be checked",
                reason_code="status.not_given",
            )
        lst = self.status.get(claims.status_list, claims.status_issuer, now, self.skew)
        if lst.status(claims.status_index):
            raise VerifyError(REVOKED, f"token {claims.token_id} has been revoked",
                              reason_code="token.revoked")

    def verify(self, token: str | bytes, operation: str, at: float | None = None) -> Claims:
        """Claims of a token valid for ``operation`` at ``at`` (default now); raise otherwise."""
        claims = self.authenticate(token)
        self.check(claims, operation, at)
        return claims

    def decide(
        self, token: str | bytes, operation: str, at: float | None = None, media: str | None = None
    ) -> Decision:
        """Like :meth:`verify` plus an optional media check, as a :class:`Decision`."""
        claims = None
        at = time.time() if at is None else at
        try:
            claims = self.authenticate(token)
            self.check(claims, operation, at)
            decision = Decision(VALID, "valid for this operation", operation, claims, at)
            if media is not None:
                from consent_app.verify.media import check_media

                decision.media = check_media(claims, media)
                decision.reason = "valid for this operation and this media"
        except VerifyError as exc:
            decision = Decision(exc.exit_code, exc.message, operation, claims, at)
            decision.reason_code = exc.reason_code
            if exc.report is not None:
                decision.media = exc.report
        if claims is not None and claims.demo and decision.valid:
            decision.reason += " (DEMO token: issued from a demo database)"
        return decision
