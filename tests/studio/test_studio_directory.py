"""One staff directory: accounts made, changed or deactivated at one station apply at every station."""

from __future__ import annotations

import pytest
from storesupport import ADMIN_PASSWORD
from studiohelpers import station

from consent_app import staff
from consent_app.errors import AuthError
from consent_app.studio import service, sync


def test_accounts_travel_sealed_and_the_newest_state_wins(tmp_path, studio_dsn) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        with b.transaction() as tx:  # b's own admin gets another password before it joins
            staff.set_password(tx, "admin", "b's own admin pass 1", actor="admin")
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        sync.sync_once(b)
        staff.login(b, "admin", ADMIN_PASSWORD)  # b adopted the studio's admin account
        with pytest.raises(AuthError):
            staff.login(b, "admin", "b's own admin pass 1")
        with a.transaction() as tx:
            staff.create(tx, "cam2", "camera operator 2", staff.Role.OPERATOR, actor="admin")
        sync.sync_once(a)
        sync.sync_once(b)
        assert staff.login(b, "cam2", "camera operator 2").role is staff.Role.OPERATOR
        with b.transaction() as tx:
            staff.set_active(tx, "cam2", False, actor="admin")
        sync.sync_once(b)
        sync.sync_once(a)
        with pytest.raises(AuthError):
            staff.login(a, "cam2", "camera operator 2")
        from consent_app.studio import db

        pg = db.connect(studio_dsn)
        envelopes = b"".join(bytes(r[0]) for r in pg.execute(
            "SELECT envelope FROM studio_objects WHERE kind = 'staff'"))
        pg.close()
        assert b"cam2" in envelopes  # the username is public (it orders the directory) ...
        assert b"argon2" not in envelopes  # ... the password hash and name are sealed
    finally:
        a.close()
        b.close()
