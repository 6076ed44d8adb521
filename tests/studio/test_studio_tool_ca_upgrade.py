"""A studio founded before the tool CA was shared (the founder's CA stayed its own, a member kept its own and
registered tools with it): at the founder's next sync its CA becomes the studio's, the member adopts it and
retires its own, whose tools stay trusted. A `tools.ca` object from any station but the founder is ignored."""

from __future__ import annotations

from studiohelpers import station

from consent_app.provenance import ca, former, ledger
from consent_app.studio import link, objects, sealed, service, sync, toolca


def test_an_older_studio_gets_one_tool_ca_at_the_next_sync(tmp_path, studio_dsn, monkeypatch) -> None:
    from cryptography.hazmat.primitives import serialization

    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        with monkeypatch.context() as old_version:  # what the app did before: nothing of tools was shared
            old_version.setattr(toolca, "collect", lambda tx, lk: 0)
            old_version.setattr(ca, "studio_ca_state", lambda conn: "single")
            service.create(a, studio_dsn, "admin", "front desk")
            joined = service.join(b, studio_dsn, "admin", "stage")
            service.approve(a, joined.station_id, joined.fingerprint, "admin")
            sync.sync_once(b)
            sync.sync_once(b)
            with a.transaction() as tx:  # registered with the stations' own CAs, as the old version did
                ca.register(tx, "rig-a", "admin")
            with b.transaction() as tx:
                rig_b = ca.register(tx, "rig-b", "admin").certificate
        with a.read() as conn:
            a_root = ca.root_certificate(conn)
        with b.read() as conn:
            b_root = ca.root_certificate(conn)
        assert ca.fingerprint(a_root) != ca.fingerprint(b_root)

        # b, a member, tries to pass its own CA off as the studio's: nobody takes it
        with b.transaction() as tx:
            lk = link.require(tx)
            key = tx.execute("SELECT private_key FROM studio_ca").fetchone()[0]
            fp = ca.fingerprint(b_root)
            link.append(tx, toolca.CA, fp, {
                "certificate": b_root.public_bytes(serialization.Encoding.PEM).decode(),
                "sealed": sealed.seal(lk.data_key, toolca.CA, fp, {"seed": objects.b64(bytes(key))})})

        for _ in range(2):  # the new version: the founder shares its CA, b adopts it and shares its tools
            sync.sync_once(a)
            sync.sync_once(b)
        sync.sync_once(a)
        with a.read() as conn:
            assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(a_root)
            assert ca.studio_ca_state(conn) == "studio"
            assert [ca.fingerprint(r) for r, _x in former.formers(conn)] == [ca.fingerprint(b_root)]
            names = {t.name for t in ca.list_tools(conn)}
            bundle_a = ledger.studio_bundle(conn)
        with b.read() as conn:
            assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(a_root)
            assert ca.studio_ca_state(conn) == "studio"
        assert names == {"rig-a", "rig-b"}
        from cryptography import x509

        bundle_a.check_tool(x509.load_pem_x509_certificate(rig_b.certificate_pem.encode()))  # still trusted
        with b.transaction() as tx:
            ca.register(tx, "rig-b-2", "admin")  # now with the studio's CA
    finally:
        a.close()
        b.close()


def test_a_joining_ca_whose_tools_all_expired_is_dropped_and_shares_nothing(tmp_path, studio_dsn) -> None:
    from datetime import timedelta

    from consent_app import clock

    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        real = clock.now()
        clock.set_clock(lambda: real - timedelta(days=30))
        try:
            with b.transaction() as tx:  # a tool of b's own CA that expired long before b joins
                ca.register(tx, "expired-rig", "admin", days=2)
        finally:
            clock.set_clock(None)
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        for _ in range(2):
            sync.sync_once(b)
        sync.sync_once(a)
        with b.read() as conn:
            assert former.formers(conn) == []  # nothing left to trust it for: not kept
            actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE target = 'ca:root'")]
            assert "ca.retire" in actions
        with a.read() as conn:
            assert [t.name for t in ca.list_tools(conn)] == []  # never shared, so never held back
            assert conn.execute("SELECT COUNT(*) FROM studio_inbox WHERE accepted = 0").fetchone()[0] == 0
    finally:
        a.close()
        b.close()
