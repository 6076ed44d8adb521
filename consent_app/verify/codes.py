"""Exit codes of ``consent-verify`` and the error that carries them."""

from __future__ import annotations

from consent_app.errors import ConsentAppError

VALID = 0
USAGE = 2
MALFORMED = 3
OUTSIDE_VALIDITY = 4
NOT_COVERED = 5
REVOKED = 6
STATUS_UNAVAILABLE = 7
MEDIA_MISMATCH = 8

MEANING = {
    VALID: "valid for this operation",
    USAGE: "usage error or unreadable input",
    MALFORMED: "malformed token, bad signature or unknown key",
    OUTSIDE_VALIDITY: "outside its validity period",
    NOT_COVERED: "operation not covered by the consent",
    REVOKED: "revoked",
    STATUS_UNAVAILABLE: "status list missing, invalid, stale or from another issuer",
    MEDIA_MISMATCH: "media does not match the token's bindings",
}


class VerifyError(ConsentAppError):
    """A token (or an input of the verifier) is refused; ``exit_code`` says why."""

    def __init__(self, exit_code: int, message: str, report: dict | None = None, *,
                 reason_code: str | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.report = report  # details for --json (e.g. the media checks)
        # Why, as a stable identifier for programs (``reasonCode`` in ``--json``; README lists them); the
        # message is English for people reading a terminal.
        self.reason_code = reason_code
