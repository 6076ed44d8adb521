"""Errors the app reports to people: each carries a one-line, specific reason.

New errors carry a message *code* and parameters (see ``consent_app.messages``) so that the UI can word
them in its own language; ``str(error)`` is the English text for the CLI and logs::

    raise PolicyError(code="token.category_withdrawn", consent=cid, category=cat)

A plain ``PolicyError("text")`` still works (code ``None``), but the UI then shows the English text:
``tests/core/test_coded_errors.py`` fails on such a raise in the core.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; type checkers read the block below
if TYPE_CHECKING:
    from consent_app.messages import Message

# consent_app.messages is imported where a coded error needs it: `consent-verify` raises uncoded errors
# only, and its start-up is what a tool waits for on every job (bench/tokens.py).


class ConsentAppError(Exception):
    """Base class for every error that should reach a user as a clear message.

    ``exit_code`` is what a headless command exits with when this error ends it.
    """

    exit_code: int = 1
    code: str | None = None

    def __init__(self, message: str | None = None, /, *, code: str | None = None, **params: object) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, object] = dict(params)
        if message is None:
            if self.code:
                from consent_app.messages import Message

                message = Message(self.code, self.params).english()
            else:
                message = type(self).__name__
        super().__init__(message)
        self.message = message

    def as_message(self) -> Message | None:
        """The code and parameters for a UI to word, or None for an uncoded (English-only) error."""
        from consent_app.messages import Message, template

        return Message(self.code, self.params) if self.code and template(self.code) else None

    def __str__(self) -> str:
        return self.message


class InputError(ConsentAppError):
    """A file or value given by the user cannot be used (unreadable, wrong kind, ...)."""

    exit_code = 2


class StoreError(ConsentAppError):
    """The encrypted store cannot be opened or used safely."""


class WrongKeyError(StoreError):
    """The passphrase or key does not unlock this store."""


class StoreInUseError(StoreError):
    """Another instance of the app holds this data folder."""


class StoreCorruptError(StoreError):
    """The database file is damaged, truncated or tampered with."""


class AuthError(ConsentAppError):
    """Login failed, the account is locked, or the role does not allow the action."""


class PolicyError(ConsentAppError):
    """The request breaks a rule of the product (e.g. consent without identity check)."""
