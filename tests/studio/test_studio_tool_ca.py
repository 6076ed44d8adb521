"""One tool CA per studio: the founder's CA becomes the studio's (its key sealed in PostgreSQL), any approved
station registers and revokes tools with it, registrations and revocations travel as signed objects, and the
publish folder of any station holds the one root and one CRL. A joining station's own CA is retired: its key
is destroyed, its root is certified by the studio's until its tools expire, so they keep marking (C2PA
Trusted) and stay revocable; a former anchor added by editing the file is not trusted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from studiohelpers import station

from consent_app.marking.trust import CRL_FILE, FORMER_FILE, ROOT_FILE, TOOL_UNTRUSTED, TrustBundle
from consent_app.provenance import ca, former
from consent_app.studio import service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "marking"))
from tokenhelpers import record_consent
from toolcahelpers import mark as _mark
from toolcahelpers import publish_folder as _publish
from toolcahelpers import register as _register
from toolcahelpers import trace as _trace


def _serials(crl_pem: bytes) -> set[str]:
    from cryptography import x509

    return {str(r.serial_number) for r in x509.load_pem_x509_crl(crl_pem)}


def test_one_tool_ca_for_the_studio(tmp_path, studio_dsn, capsys) -> None:
    import psycopg
    from cryptography.hazmat.primitives.serialization import Encoding

    from consent_app.consent.records import grant
    from consent_app.errors import PolicyError
    from consent_app.tokens import issue

    tools = tmp_path / "tools"
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        legacy_a = _register(a, "legacy-a", tools)  # the founder's own CA, before the studio
        legacy_b = _register(b, "legacy-b", tools)  # b's own CA, before it joins
        b_consent, _ = record_consent(b)
        with b.transaction() as tx:  # and a token under b's former issuer id
            token_b = issue(tx, grant(tx, b_consent), ["face_swap"], actor="admin")
        token_b_file = tmp_path / "token_b.jwt"
        token_b_file.write_text(token_b.token)
        with b.read() as conn:
            b_old_root = ca.root_certificate(conn)
        service.create(a, studio_dsn, "admin", "front desk")
        with a.read() as conn:
            studio_root = ca.root_certificate(conn)
            seed = conn.execute("SELECT private_key FROM studio_ca").fetchone()[0]
        joined = service.join(b, studio_dsn, "admin", "stage")
        with pytest.raises(PolicyError, match="not received the studio's tool CA"), b.transaction() as tx:
            ca.register(tx, "too-early", "admin")  # asked to join, not approved: no CA of its own now
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        sync.sync_once(b)
        sync.sync_once(b)
        sync.sync_once(a)

        # b holds the studio's CA; its own CA's key is gone, its root kept as a former CA, certified
        with b.read() as conn:
            assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(studio_root)
            assert bytes(conn.execute("SELECT private_key FROM studio_ca").fetchone()[0]) == bytes(seed)
            kept = former.formers(conn)
            actions = [r[0] for r in conn.execute("SELECT action FROM audit WHERE target = 'ca:root'")]
        assert [ca.fingerprint(r) for r, _x in kept] == [ca.fingerprint(b_old_root)]
        assert former.issued_by(kept[0][1], studio_root)
        assert "ca.retire" in actions
        assert "ca.adopt" in actions
        with a.read() as conn:
            assert [ca.fingerprint(r) for r, _x in former.formers(conn)] == [ca.fingerprint(b_old_root)]
        # PostgreSQL never sees the CA key in clear
        from consent_app.studio.objects import b64

        with psycopg.connect(studio_dsn) as pg:
            envelopes = [bytes(e) for (e,) in pg.execute("SELECT envelope FROM studio_objects")]
            kinds = {k for (k,) in pg.execute("SELECT kind FROM studio_objects")}
        assert {"tools.ca", "tools.former_ca", "tool.register"} <= kinds
        assert not any(bytes(seed) in e or b64(bytes(seed)).encode() in e for e in envelopes)

        # an admin at the joined station registers with the studio CA; a tool made at a is revoked at b
        swapper_b = _register(b, "swapper-b", tools)
        swapper_a = _register(a, "swapper-a", tools)
        sync.sync_once(a)
        sync.sync_once(b)
        with b.transaction() as tx:
            ca.revoke(tx, "swapper-a", "admin", "laptop stolen")
        sync.sync_once(b)
        sync.sync_once(a)
        with a.read() as conn:
            listed = {t.name: t for t in ca.list_tools(conn)}
        assert set(listed) == {"legacy-a", "legacy-b", "swapper-b", "swapper-a"}
        assert listed["swapper-a"].revoked_reason == "laptop stolen"
        assert listed["swapper-b"].revoked_at is None

        consent_id, _ = record_consent(a)
        with a.transaction() as tx:
            token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        token_file = tmp_path / "token.jwt"
        token_file.write_text(token.token)
        farm = _publish(a, tmp_path / "farm")  # made at a, after the sync
        assert (farm / ROOT_FILE).read_bytes() == studio_root.public_bytes(Encoding.PEM)  # the one root
        assert swapper_a[2] in _serials((farm / CRL_FILE).read_bytes())

        # tools registered at either station, and b's former-CA tool, mark and read as Trusted
        for n, tool in enumerate((swapper_b, legacy_b, legacy_a)):
            marked = tmp_path / f"marked{n}.jpg"
            assert _mark(farm, token_file, tool, marked, seed=n) == 0
            code, report = _trace(farm, marked, capsys)
            assert code == 0, report
            assert report["c2pa"]["validationState"] == "Trusted"
        prejoin = tmp_path / "prejoin.jpg"  # b's pre-join token, checked with a's folder (issuer declaration)
        assert _mark(farm, token_b_file, legacy_a, prejoin, seed=8) == 0
        code, report = _trace(farm, prejoin, capsys)
        assert code == 0, report
        assert report["token"]["state"] == "valid"
        assert _mark(farm, token_file, swapper_a, tmp_path / "no.jpg", seed=9) == TOOL_UNTRUSTED
        assert not (tmp_path / "no.jpg").exists()
        # their usage receipts import into the founder's ledger (the former CA is in its own bundle too)
        from consent_app.provenance import ledger

        for n in (0, 1):
            receipt = (tmp_path / f"marked{n}.jpg.usage.jwt").read_text()
            imported = ledger.import_receipt(a, f"marked{n}", receipt, "admin")
            assert imported.ok, imported.message

        # b's former-CA tool revoked at a, b's studio-CA tool revoked at b: a's next publication refuses both
        with a.transaction() as tx:
            ca.revoke(tx, "legacy-b", "admin", "retired rig")
        with b.transaction() as tx:
            ca.revoke(tx, "swapper-b", "admin", "compromised")
        from consent_app.tokens.revocation import revoke_token

        with a.transaction() as tx:
            assert revoke_token(tx, token_b.token_id, "admin", "withdrawn at the front desk")
        sync.sync_once(a)
        sync.sync_once(b)
        sync.sync_once(a)
        farm2 = _publish(a, tmp_path / "farm2")
        assert {legacy_b[2], swapper_b[2], swapper_a[2]} <= _serials((farm2 / CRL_FILE).read_bytes())
        for n, tool in enumerate((swapper_b, legacy_b)):
            assert _mark(farm2, token_file, tool, tmp_path / f"late{n}.jpg", seed=20 + n) == TOOL_UNTRUSTED
        code, report = _trace(farm2, tmp_path / "marked1.jpg", capsys)  # marked by legacy-b before
        assert code == 12
        assert report["tool"]["revoked"] is True
        assert _mark(farm2, token_file, legacy_a, tmp_path / "still.jpg", seed=30) == 0
        code, report = _trace(farm2, prejoin, capsys)  # the pre-join token, revoked after the join
        assert code == 12
        assert report["token"]["state"] == "revoked"

        # an anchor added to the former file by hand (no cross-certificate by the studio root) is not trusted
        rogue = _rogue_ca(tmp_path / "rogue")
        with (farm2 / FORMER_FILE).open("ab") as f:
            f.write(rogue["root"] + rogue["fake_cross"])
        bundle = TrustBundle.load(farm2)
        assert [ca.fingerprint(r) for r in bundle.formers] == [ca.fingerprint(b_old_root)]
        assert _mark(farm2, token_file, (rogue["key"], rogue["cert"], ""), tmp_path / "rogue.jpg",
                     seed=40) == TOOL_UNTRUSTED
    finally:
        a.close()
        b.close()


def _rogue_ca(folder: Path) -> dict:
    """A self-made CA with a tool certificate and a 'cross-certificate' it signed itself."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir()
    now = datetime.now(UTC)
    key, tool_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Rogue tool CA")])

    def cert(subject, public, issuer, signer, is_ca: bool):
        b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public)
             .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
             .not_valid_after(now + timedelta(days=30))
             .add_extension(x509.BasicConstraints(ca=is_ca, path_length=0 if is_ca else None), critical=True))
        if is_ca:
            usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
            b = b.add_extension(usage, True)
        else:
            usage = x509.KeyUsage(True, False, False, False, False, False, False, False, False)
            b = b.add_extension(usage, True)
            b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        return b.sign(signer, None).public_bytes(serialization.Encoding.PEM)

    root = cert(name, key.public_key(), name, key, True)
    tool = cert(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "rogue")]), tool_key.public_key(), name,
                key, False)
    (folder / "rogue.key.pem").write_bytes(tool_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (folder / "rogue.cert.pem").write_bytes(tool + root)
    return {"root": root, "fake_cross": cert(name, key.public_key(), name, key, True),
            "key": folder / "rogue.key.pem", "cert": folder / "rogue.cert.pem"}
