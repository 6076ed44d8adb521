"""Ten stations, each its own process and store, recording, withdrawing, issuing and revoking
concurrently while syncing every second (``sync.watch`` at 1 s) against one PostgreSQL server: at the end
every station and the server hold the same objects, none lost, none doubled, every station computes the
same state for every consent, and every station publishes the same revocations."""

from __future__ import annotations

import pytest
from station_fleet import Fleet

from consent_app.studio import db

pytestmark = pytest.mark.slow


def test_ten_stations_converge_with_nothing_lost_or_doubled(tmp_path, studio_dsn) -> None:
    with Fleet(tmp_path / "fleet", studio_dsn, 10) as fleet:
        fleet.start(interval=1.0)
        made = fleet.ask_all(cmd="churn", rounds=3, tokens=True, withdraw=True)
        assert all(len(m["ids"]) == 3 for m in made)
        fleet.settle()
        dumps = [fleet.ask(i, cmd="dump", publish=str(tmp_path / f"farm{i}")) for i in range(10)]
    pg = db.connect(studio_dsn)
    try:
        server = {(s, q, h) for s, q, h in pg.execute("SELECT station, seq, hash FROM studio_objects")}
        count = pg.execute("SELECT COUNT(*) FROM studio_objects").fetchone()[0]
        conflicts = pg.execute("SELECT COUNT(*) FROM studio_conflicts").fetchone()[0]
    finally:
        pg.close()
    assert count == len(server)  # no object twice
    assert conflicts == 0
    for d in dumps:
        own = {(d["station"], q, h) for q, h in d["outbox"]}
        held = {(s, q, h) for s, q, h in d["inbox"]} | own  # a station's own objects stay in its outbox
        assert own <= server, "an object of this station never reached the server"
        assert held == server, f"station {d['station']} differs from the server"
    recorded = {i for m in made for i in m["ids"]}
    assert len(recorded) == 30
    first = dumps[0]
    assert set(first["states"]) == recorded
    assert any(s[1] for s in first["states"].values()), "the churn withdrew nothing"
    for d in dumps[1:]:
        assert d["states"] == first["states"], "stations compute different states"
        assert d["published"] == first["published"], "stations publish different revocations"
    revoked = {t for s in first["states"].values() for t in s[2]}
    assert sum(len(bits) for bits in first["published"].values()) == len(revoked)
