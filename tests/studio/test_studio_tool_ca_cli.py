"""The tool CA commands at a joined station, as an administrator runs them: `tools register` issues with the
studio's CA, `tools revoke` revokes a tool of its former CA, `sync` carries both, `keys export` writes the
studio's one root, one CRL, the retired CA and the studio's JWKS with its issuer declaration, and the founding
station lists them after its own sync."""

from __future__ import annotations

import json

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from storesupport import ADMIN_PASSWORD, PASSPHRASE
from studiohelpers import station

from consent_app.cli import main as app_main
from consent_app.marking.trust import CRL_FILE, FORMER_FILE, ROOT_FILE, TrustBundle
from consent_app.provenance import ca
from consent_app.studio import service, sync
from consent_app.verify.issuers import MEMBER


def _as(monkeypatch, data_dir) -> None:
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)


def test_tool_commands_at_a_joined_station(tmp_path, studio_dsn, monkeypatch, capsys) -> None:
    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    with b.transaction() as tx:
        legacy = ca.register(tx, "legacy-b", "admin").certificate.serial  # b's own CA, before joining
    service.create(a, studio_dsn, "admin", "front desk")
    joined = service.join(b, studio_dsn, "admin", "stage")
    service.approve(a, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(b)
    with a.read() as conn:
        root_pem = ca.root_certificate(conn).public_bytes(Encoding.PEM)
    a.close()
    b.close()

    _as(monkeypatch, tmp_path / "b")
    assert app_main(["tools", "register", "grader", "--out", str(tmp_path / "grader")]) == 0
    assert (tmp_path / "grader" / "studio-ca.pem").read_bytes() == root_pem
    assert app_main(["tools", "revoke", "legacy-b", "--reason", "old rig"]) == 0
    assert app_main(["sync"]) == 0
    farm = tmp_path / "farm"
    farm.mkdir()
    assert app_main(["keys", "export", str(farm / "studio.jwks")]) == 0
    assert (farm / ROOT_FILE).read_bytes() == root_pem
    crl = x509.load_pem_x509_crl((farm / CRL_FILE).read_bytes())
    assert legacy in {str(r.serial_number) for r in crl}
    assert (farm / FORMER_FILE).exists()
    assert len(TrustBundle.load(farm).formers) == 1
    assert MEMBER in json.loads((farm / "studio.jwks").read_text())
    grader = x509.load_pem_x509_certificates((tmp_path / "grader" / "grader.cert.pem").read_bytes())[0]
    TrustBundle.load(farm).check_tool(grader)  # issued at b by the studio's CA

    _as(monkeypatch, tmp_path / "a")
    assert app_main(["sync"]) == 0
    capsys.readouterr()
    assert app_main(["tools", "list", "--json"]) == 0
    listed = {t["name"]: t for t in json.loads(capsys.readouterr().out)}
    assert set(listed) == {"legacy-b", "grader"}
    assert listed["legacy-b"]["revokedReason"] == "old rig"
    assert listed["grader"]["revokedAt"] is None
    capsys.readouterr()
    assert app_main(["audit", "verify"]) == 0  # every replicated tool row has its audit entry
