"""A sync of a store nothing was written to since its last sync does not look for rows to share (that reads
every row of the consents, tokens, events, complaints and tool certificates); any write brings the look
back, so nothing recorded is ever left unshared."""

from __future__ import annotations

import pytest
from storesupport import store_consent
from studiohelpers import pair, statements

from consent_app.studio import quiet, replicate, sync

#: What looking for rows to share runs: the anti-join of a shared table against the outbox and the inbox.
LOOK = "NOT EXISTS (SELECT 1 FROM studio_outbox o"


def _looked(statements: list[str]) -> bool:
    return any(LOOK in sql for sql in statements)


def _settle(store) -> None:
    """Sync until a sync fetched nothing (one that pulled something may have made rows to share)."""
    for _ in range(4):
        if not sync.sync_once(store).pulled:
            return
    raise AssertionError("the station kept pulling")


def test_an_unwritten_store_is_not_searched_and_any_write_brings_it_back(tmp_path, studio_dsn) -> None:
    a, b = pair(tmp_path, studio_dsn)
    try:
        _settle(a)
        assert not _looked(statements(a, lambda: sync.sync_once(a)))  # nothing written since
        assert quiet.unchanged(a)

        with a.transaction() as tx:  # a consent recorded at the station
            consent = store_consent(tx)
        assert not quiet.unchanged(a)
        assert _looked(statements(a, lambda: sync.sync_once(a)))
        with a.read() as conn:
            shared = conn.execute("SELECT 1 FROM studio_outbox WHERE kind = ? AND object_id = ?",
                                  (replicate.RECORD, consent)).fetchone()
        assert shared is not None
        sync.sync_once(b)
        with b.read() as conn:
            assert conn.execute("SELECT 1 FROM consents WHERE id = ?", (consent,)).fetchone() is not None

        _settle(a)
        assert not _looked(statements(a, lambda: sync.sync_once(a)))
        with a.read() as conn:  # a write outside any transaction of the store counts too
            conn.execute("UPDATE studio_sync SET last_error = 'x' WHERE id = 1")
        assert _looked(statements(a, lambda: sync.sync_once(a)))
    finally:
        a.close()
        b.close()


def test_a_failed_sync_leaves_the_next_one_looking(tmp_path, studio_dsn, monkeypatch) -> None:
    a, b = pair(tmp_path, studio_dsn)
    try:
        _settle(a)
        assert quiet.unchanged(a)

        def broken(store, pg):
            raise OSError("the exchange failed")

        monkeypatch.setattr(sync.templates, "exchange", broken)
        with a.transaction() as tx:
            store_consent(tx)
        with pytest.raises(OSError, match="the exchange failed"):
            sync.sync_once(a)
        monkeypatch.undo()
        assert not quiet.unchanged(a)
        assert _looked(statements(a, lambda: sync.sync_once(a)))
    finally:
        a.close()
        b.close()


def test_a_sync_that_pulled_something_leaves_the_next_one_looking(tmp_path, studio_dsn) -> None:
    """What a pull applies can make rows of this station's own to share (a revocation of a token it issued,
    say): the sync after one that fetched anything looks again."""
    a, b = pair(tmp_path, studio_dsn)
    try:
        _settle(a)
        with b.transaction() as tx:
            store_consent(tx)
        sync.sync_once(b)
        assert sync.sync_once(a).pulled
        assert not quiet.unchanged(a)
        assert _looked(statements(a, lambda: sync.sync_once(a)))
    finally:
        a.close()
        b.close()
