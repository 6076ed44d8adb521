"""A connection kept between syncs is checked with one small query (the studio_schema row, not the catalogue)
and still refuses a schema that moved on, and a database that stopped being a studio database."""

from __future__ import annotations

import pytest
from studiohelpers import station

from consent_app.studio import db, pg_migrations, service, sync
from consent_app.studio.db import StudioError


def test_a_kept_connection_still_sees_a_newer_schema_and_a_lost_studio_table(tmp_path, studio_dsn) -> None:
    a = station(tmp_path, "a")
    try:
        lk = service.create(a, studio_dsn, "admin", "desk")
        sync.sync_once(a)
        kept = db.reused(lk.dsn, lk.studio_id)
        assert db.reused(lk.dsn, lk.studio_id) is kept  # reused, not reconnected
        pg = db.connect(studio_dsn)
        pg.execute("UPDATE studio_schema SET version = 99")
        with pytest.raises(StudioError, match="newer than this app knows"):
            sync.sync_once(a)
        pg.execute("UPDATE studio_schema SET version = %s", (pg_migrations.latest_version(),))
        sync.sync_once(a)
        pg.execute("ALTER TABLE studio_schema RENAME TO studio_schema_gone")
        with pytest.raises(StudioError) as caught:
            sync.sync_once(a)
        assert caught.value.code == "studio.not_studio_db"
        pg.execute("ALTER TABLE studio_schema_gone RENAME TO studio_schema")
        pg.close()
        assert sync.sync_once(a).alerts == []
    finally:
        a.close()
