"""Revoking a station rotates the studio's tool CA (issue 16): the remaining stations get a new root whose
key is sealed under the new data key generation only; the old root is no trust anchor any more, and the tools
the studio registered under it (the revoked station's up to its cut too) stay trusted one by one through the
signed allowed list. A certificate minted with the stolen old key after the revocation traces as not
attributable (exit 13) in the farm folder and at every remaining station; its usage receipts are refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import psycopg
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from studiohelpers import station
from toolcahelpers import forge, join, mark, publish_folder, register, stolen_ca, trace

from consent_app.marking.errors import MarkError
from consent_app.marking.trust import ALLOWED_FILE, CRL_FILE, ROOT_FILE, TOOL_UNTRUSTED, TrustBundle
from consent_app.provenance import apptrace, ca, ledger
from consent_app.studio import carotate, link, objects, sealed, service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "marking"))
from tokenhelpers import record_consent

PEM = serialization.Encoding.PEM


def _root(store) -> x509.Certificate:
    with store.read() as conn:
        return ca.root_certificate(conn)


def _traced_at(store, marked: Path) -> dict:
    with store.read() as conn:
        return apptrace.trace_with_store(conn, marked.read_bytes(), marked.name, search=False).as_dict()


def _rotation(dsn: str) -> objects.StudioObject:
    with psycopg.connect(dsn) as conn:
        (row,) = conn.execute("SELECT station, seq, envelope, signature FROM studio_objects WHERE kind = %s",
                              (carotate.ROTATE,)).fetchall()
    return objects.parse(bytes(row[2]), bytes(row[3]), station=row[0], seq=row[1])


def test_a_revocation_rotates_the_tool_ca(tmp_path, studio_dsn, capsys) -> None:
    tools = tmp_path / "tools"
    a, b, c = (station(tmp_path, n) for n in "abc")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        b_id = join(b, a, studio_dsn, "stage")
        join(c, a, studio_dsn, "annex")
        for st in (a, b, c):
            sync.sync_once(st)
        old_root = _root(a)
        assert ca.fingerprint(_root(b)) == ca.fingerprint(_root(c)) == ca.fingerprint(old_root)
        old_a = register(a, "swapper-a", tools)  # a legit tool of the founder
        old_b = register(b, "swapper-b", tools)  # registered by b before its cut
        consent_id, _ = record_consent(a)
        from consent_app.consent.records import grant
        from consent_app.tokens import issue

        with a.transaction() as tx:
            token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        token_file = tmp_path / "token.jwt"
        token_file.write_text(token.token)
        for st in (b, a, c):
            sync.sync_once(st)
        farm0 = publish_folder(a, tmp_path / "farm0")  # the folder as it was before the revocation
        assert mark(farm0, token_file, old_a, tmp_path / "before_a.jpg", seed=1) == 0
        assert mark(farm0, token_file, old_b, tmp_path / "before_b.jpg", seed=2) == 0
        stolen_key, stolen_root = stolen_ca(b)  # what the thief of station b holds

        service.revoke(a, b_id, "laptop stolen", "admin")
        for st in (c, b, a):
            sync.sync_once(st)

        # (c) a and c share a new root; the old one is retired and its key is gone from their stores
        new_root = _root(a)
        assert ca.fingerprint(new_root) != ca.fingerprint(old_root)
        assert ca.fingerprint(_root(c)) == ca.fingerprint(new_root)
        stolen_seed = ca.raw_seed(stolen_key)
        for st in (a, c):
            with st.read() as conn:
                assert carotate.current(conn) == (ca.fingerprint(new_root), 1)
                assert [ca.fingerprint(r) for r in carotate.retired(conn)] == [ca.fingerprint(old_root)]
                keys = [bytes(k) for (k,) in conn.execute("SELECT private_key FROM studio_ca")]
                assert keys
                assert stolen_seed not in keys
                actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE target = 'ca:root'")]
            assert "ca.rotate" in actions
        with a.read() as conn:
            revoke_entry = json.loads(conn.execute(
                "SELECT details FROM audit WHERE action = 'studio.revoke'").fetchone()[0])
        assert revoke_entry["tool_ca"] == ca.fingerprint(new_root)
        assert service.status(c)["tool_ca"] == {"fingerprint": ca.fingerprint(new_root), "generation": 1,
                                                "retired": 1}
        new_c = register(c, "painter-c", tools)
        issued = x509.load_pem_x509_certificates(new_c[1].read_bytes())
        assert issued[0].issuer == new_root.subject
        assert issued[1] == new_root
        assert ca.fingerprint(issued[1]) == ca.fingerprint(new_root)
        with c.read() as conn:
            assert TrustBundle(new_root).issuer_of(issued[0]) == new_root

        # (e) the revoked station never had the new data key generation: the new CA key does not open there
        rotation = _rotation(studio_dsn)
        label = sealed.split(rotation.body["sealed"])[0]
        with a.read() as conn:
            assert label == sealed.newest(link.require(conn).keyring)
        with b.read() as conn:
            ring_b = link.require(conn).keyring
            assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(old_root)  # never installed
            held = conn.execute("SELECT accepted FROM studio_inbox WHERE kind = ?",
                                (carotate.ROTATE,)).fetchone()
        assert label not in ring_b
        assert held == (0,)
        with pytest.raises(sealed.MissingGeneration):
            sealed.unseal(ring_b, carotate.ROTATE, rotation.object_id, rotation.body["sealed"])
        new_seed = ca.raw_seed(stolen_ca(a)[0])
        with psycopg.connect(studio_dsn) as pg:
            envelopes = [bytes(e) for (e,) in pg.execute("SELECT envelope FROM studio_objects")]
        assert not any(new_seed in e or objects.b64(new_seed).encode() in e for e in envelopes)

        # the thief mints a tool certificate with the old key and marks a fake with the old folder
        forged = forge(stolen_key, stolen_root, "swapper-a", tools / "forged")
        fake = tmp_path / "fake.jpg"
        assert mark(farm0, token_file, forged, fake, seed=3) == 0  # the old root still trusts it
        assert mark(farm0, token_file, forged, tmp_path / "fake2.jpg", seed=4) == 0

        farm = publish_folder(a, tmp_path / "farm")
        farm_c = publish_folder(c, tmp_path / "farm_c")
        assert (farm / ROOT_FILE).read_bytes() == new_root.public_bytes(PEM)
        allowed = x509.load_pem_x509_certificates((farm / ALLOWED_FILE).read_bytes())
        assert {ca.fingerprint(x) for x in allowed} == {
            ca.fingerprint(x509.load_pem_x509_certificate(t[1].read_bytes())) for t in (old_a, old_b)}

        # (a) the forged output is not Trusted: exit 13 in either farm folder and at every remaining station
        for folder in (farm, farm_c):
            code, report = trace(folder, fake, capsys)
            assert code == 13, report
            assert report["c2pa"]["validationState"] != "Trusted"
            assert report["verdict"]["code"] == "trace.c2pa_untrusted"
        for st in (a, c):
            report = _traced_at(st, fake)
            assert report["exitCode"] == 13, report
            assert report["c2pa"]["trustedBy"] is None
        # … and consent-mark refuses the forged certificate with the new folder
        assert mark(farm, token_file, forged, tmp_path / "no.jpg", seed=5) == TOOL_UNTRUSTED
        assert not (tmp_path / "no.jpg").exists()

        # (b) outputs of legit tools marked before the revocation (b's too, registered before its cut) stay
        # Trusted; the old tools keep marking; the new root's tool marks
        assert mark(farm, token_file, old_a, tmp_path / "after_a.jpg", seed=6) == 0
        assert mark(farm, token_file, new_c, tmp_path / "after_c.jpg", seed=7) == 0
        for name, by in (("before_a", "allowed"), ("before_b", "allowed"), ("after_a", "allowed"),
                         ("after_c", "root")):
            marked = tmp_path / f"{name}.jpg"
            code, report = trace(farm, marked, capsys)
            assert code == 0, (name, report)
            assert report["c2pa"]["validationState"] == "Trusted"
            assert report["c2pa"]["trustedBy"] == by
            for st in (a, c):
                assert _traced_at(st, marked)["exitCode"] == 0, name

        # (d) receipts: the forged tool's are refused, the legit ones (old and new roots) imported
        refused = ledger.import_receipt(a, "fake", (tmp_path / "fake.jpg.usage.jwt").read_text(), "admin")
        assert not refused.ok
        assert refused.message.code == "tool.not_from_studio"
        refused_c = ledger.import_receipt(c, "fake2", (tmp_path / "fake2.jpg.usage.jwt").read_text(), "admin")
        assert not refused_c.ok
        for name in ("before_a", "before_b", "after_c"):
            receipt = (tmp_path / f"{name}.jpg.usage.jwt").read_text()
            imported = ledger.import_receipt(a, name, receipt, "admin")
            assert imported.ok, (name, imported.message)

        # the allowed list is the root's: a certificate added by hand makes the folder unusable, not trusted
        tampered = tmp_path / "tampered"
        tampered.mkdir()
        for f in farm.iterdir():
            (tampered / f.name).write_bytes(f.read_bytes())
        with (tampered / ALLOWED_FILE).open("ab") as out:
            leaf = x509.load_pem_x509_certificates(forged[1].read_bytes())[0]
            out.write(leaf.public_bytes(PEM))
        with pytest.raises(MarkError) as err:
            TrustBundle.load(tampered)
        assert err.value.code == "trust.allowed_signature"

        # a tool of the old root revoked later leaves the allowed list and goes on the CRL: exit 12
        with c.transaction() as tx:
            ca.revoke(tx, "swapper-b", "admin", "b's rig was with the stolen laptop")
        for st in (c, a):
            sync.sync_once(st)
        farm2 = publish_folder(a, tmp_path / "farm2")
        allowed2 = x509.load_pem_x509_certificates((farm2 / ALLOWED_FILE).read_bytes())
        assert [str(x.serial_number) for x in allowed2] == [old_a[2]]
        crl = x509.load_pem_x509_crl((farm2 / CRL_FILE).read_bytes())
        assert old_b[2] in {str(r.serial_number) for r in crl}
        code, report = trace(farm2, tmp_path / "before_b.jpg", capsys)
        assert code == 12, report
        assert report["tool"]["revoked"] is True
        code, _report = trace(farm2, tmp_path / "before_a.jpg", capsys)
        assert code == 0
    finally:
        for st in (a, b, c):
            st.close()


def _sealing_label(store, fingerprint: str) -> str:
    """The data key generation the object that shared root ``fingerprint`` was sealed under."""
    with store.read() as conn:
        own = link.require(conn).station_id
        shared = [o for o in carotate._held_objects(conn, own, (carotate.ROTATE, "tools.ca"))
                  if o.object_id == fingerprint]
    return sealed.split(shared[0].body["sealed"])[0]


def test_two_revocations_at_once_end_on_a_root_neither_revoked_station_holds(tmp_path, studio_dsn) -> None:
    """a revokes x while c revokes y, each before seeing the other's: a's new generation went to y, c's to x.
    The first station that sees both makes another generation for the active stations only."""
    a, c, x, y = (station(tmp_path, n) for n in "acxy")
    try:
        service.create(a, studio_dsn, "admin", "front desk")
        join(c, a, studio_dsn, "annex")
        x_id = join(x, a, studio_dsn, "stage")
        y_id = join(y, a, studio_dsn, "van")
        for st in (a, c, x, y, a, c):
            sync.sync_once(st)
        report_a, report_c = sync.sync_once(a).report, sync.sync_once(c).report
        link.revoke(a, report_a, x_id, "laptop stolen", "admin")
        link.revoke(c, report_c, y_id, "van broken into", "admin")
        for st in (a, c, a, c, a, c, x, y):  # a new generation made at a pull is pushed at the next sync
            sync.sync_once(st)

        root = _root(a)
        assert ca.fingerprint(_root(c)) == ca.fingerprint(root)
        healed = []
        for st in (a, c):
            with st.read() as conn:
                assert carotate.current(conn)[1] == 2  # one more generation after the two concurrent ones
                healed += conn.execute("SELECT 1 FROM audit WHERE action = 'ca.rotate_tainted'").fetchall()
        assert healed
        label = _sealing_label(a, ca.fingerprint(root))
        with a.read() as conn:
            assert carotate.holders(conn, link.require(conn).station_id, label).isdisjoint({x_id, y_id})
            assert not carotate.tainted(conn, link.require(conn).station_id, {x_id, y_id})
        for revoked in (x, y):
            with revoked.read() as conn:
                assert label not in link.require(conn).keyring
                assert ca.fingerprint(ca.root_certificate(conn)) != ca.fingerprint(root)
    finally:
        for st in (a, c, x, y):
            st.close()
