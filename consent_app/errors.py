"""Errors the app reports to people: each carries a one-line, specific reason."""

from __future__ import annotations


class ConsentAppError(Exception):
    """Base class for every error that should reach a user as a clear message.

    ``exit_code`` is what a headless command exits with when this error ends it.
    """

    exit_code: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

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
