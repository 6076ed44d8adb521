"""A station rolled back to an old copy and reconciled takes back what its lost objects recorded: a
withdrawal made there before the rollback must not come back to life at that station (its own state, the
tokens it issues and the status lists it publishes)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from storesupport import PASSPHRASE
from studiohelpers import station

from consent_app.consent import records
from consent_app.errors import ConsentAppError
from consent_app.store import Store
from consent_app.studio import service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import record_consent


def test_a_withdrawal_lost_by_a_rollback_is_taken_back_at_reconcile(tmp_path, studio_dsn) -> None:
    from consent_app.consent.records import grant
    from consent_app.tokens import issue

    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    service.create(a, studio_dsn, "admin", "front desk")
    joined = service.join(b, studio_dsn, "admin", "stage")
    service.approve(a, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(b)
    consent_id, _ = record_consent(a, categories=("face_swap", "tts_voice_clone"))
    sync.sync_once(a)
    sync.sync_once(b)
    a.close()
    b.close()
    folder = tmp_path / "b"
    shutil.copytree(folder, tmp_path / "old-copy")
    b = Store.open(folder, PASSPHRASE)
    with b.transaction() as tx:  # the subject withdraws face_swap at b
        records.withdraw(tx, consent_id, categories=["face_swap"], reason="asked at stage", staff="admin")
    sync.sync_once(b)
    b.close()
    shutil.rmtree(folder)
    shutil.copytree(tmp_path / "old-copy", folder)  # b's disk restored from the old copy
    b = Store.open(folder, PASSPHRASE)
    try:
        with pytest.raises(ConsentAppError):
            sync.sync_once(b)
        service.reconcile(b, "admin", "disk restored from last week's copy")
        sync.sync_once(b)
        with b.read() as conn:
            consent = records.get_verified(conn, consent_id)
        assert consent.withdrawn_categories == ("face_swap",)
        with pytest.raises(ConsentAppError, match="withdrawn"), b.transaction() as tx:
            issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        from consent_app.audit_crosscheck import cross_check

        with b.read() as conn:
            assert cross_check(conn) == []
    finally:
        b.close()
