"""The error marking and tracing end with: a message code, parameters and an exit code."""

from __future__ import annotations

from consent_app.errors import ConsentAppError


class MarkError(ConsentAppError):
    """A refusal of ``consent-mark`` / ``consent-trace``; ``exit_code`` is the command's exit status."""

    def __init__(self, exit_code: int, *, code: str, **params: object) -> None:
        super().__init__(code=code, **params)
        self.exit_code = exit_code
