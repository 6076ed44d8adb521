"""Erased bytes leave the store file at the end of the transaction that erased them.

The store runs with SQLite's ``secure_delete`` on (``cipher.CIPHER_SETTINGS``): a row's old bytes and
the pages it frees are overwritten with zeros, in the write-ahead log. Until a checkpoint copies those
zeroed pages back, the main file still holds the old ones, which the store key decrypts. So code that
erases personal or biometric data calls ``request(tx)`` inside its transaction, and the store checkpoints
(``TRUNCATE``: the log emptied too) right after that transaction commits.
"""

from __future__ import annotations

_requested: set[int] = set()


def request(tx) -> None:
    """Ask for the store file to be scrubbed once ``tx``'s transaction has committed."""
    _requested.add(id(tx))


def take(conn) -> bool:
    """Whether ``conn``'s transaction asked for a scrub (and forget it)."""
    if id(conn) in _requested:
        _requested.discard(id(conn))
        return True
    return False
