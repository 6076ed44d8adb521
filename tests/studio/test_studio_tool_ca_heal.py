"""A studio that revoked a station with a version that did not rotate the tool CA: at the first pull that
brings anything new, an active station finds the studio root's key in the revoked station's hands (generation
0 was sealed to it) and makes a new data key and tool CA generation for the active stations only. Driven
through ``consent-app`` as an administrator would: `sync`, `tools register`, `keys export`, `trace`, `usage
import`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cryptography import x509
from storesupport import ADMIN_PASSWORD, PASSPHRASE
from studiohelpers import station

from consent_app.cli import main as app_main
from consent_app.marking.trust import ALLOWED_FILE, ALLOWED_SIG_FILE, ROOT_FILE, TrustBundle, tool_name
from consent_app.provenance import ca
from consent_app.store import Store
from consent_app.studio import carotate, link, service, sync

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "marking"))
from tokenhelpers import record_consent
from toolcahelpers import forge, join, mark, publish_folder, register, stolen_ca


def _as(monkeypatch, data_dir: Path) -> None:
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)


def test_a_studio_revoked_before_rotation_existed_rotates_at_its_next_pull(tmp_path, studio_dsn,
                                                                          monkeypatch, capsys) -> None:
    from consent_app.consent.records import grant
    from consent_app.tokens import issue

    tools = tmp_path / "tools"
    a, b, c = (station(tmp_path, n) for n in "abc")
    service.create(a, studio_dsn, "admin", "front desk")
    b_id = join(b, a, studio_dsn, "stage")
    join(c, a, studio_dsn, "annex")
    for st in (a, b, c):
        sync.sync_once(st)
    with a.read() as conn:
        old_root = ca.root_certificate(conn)
    old_b = register(b, "rig-b", tools)
    consent_id, _ = record_consent(a)
    with a.transaction() as tx:
        token = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
    token_file = tmp_path / "token.jwt"
    token_file.write_text(token.token)
    for st in (b, a, c):
        sync.sync_once(st)
    farm0 = publish_folder(a, tmp_path / "farm0")
    stolen_key, stolen_root = stolen_ca(b)
    with monkeypatch.context() as old_version:  # what the app did before: revoke without a new tool CA
        old_version.setattr(carotate, "rotate", lambda *args: "")
        old_version.setattr(carotate, "heal", lambda *args: None)
        service.revoke(a, b_id, "laptop stolen", "admin")
        for st in (c, b, a):
            sync.sync_once(st)
    with a.read() as conn:
        assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(old_root)  # the hole
    for st in (a, b, c):
        st.close()

    # the new version: c registers a tool (still under the old root) and pushes it; a's pull brings it
    _as(monkeypatch, tmp_path / "c")
    assert app_main(["tools", "register", "rig-c", "--out", str(tools)]) == 0
    assert app_main(["sync"]) == 0
    _as(monkeypatch, tmp_path / "a")
    assert app_main(["sync"]) == 0  # tainted: a new data key and tool CA generation, pushed next
    assert app_main(["sync"]) == 0
    _as(monkeypatch, tmp_path / "c")
    assert app_main(["sync"]) == 0
    a, b, c = (Store.open(tmp_path / n, PASSPHRASE) for n in "abc")
    try:
        with a.read() as conn:
            now = carotate.current(conn)
            healed = conn.execute("SELECT details FROM audit WHERE action = 'ca.rotate_tainted'").fetchall()
        assert now[1] == 1
        assert now[0] != ca.fingerprint(old_root)
        assert b_id in json.loads(healed[0][0])["revoked"]
        with c.read() as conn:
            assert carotate.current(conn) == now
        with b.read() as conn:
            assert ca.fingerprint(ca.root_certificate(conn)) == ca.fingerprint(old_root)
            assert not set(link.require(conn).keyring) - {"0"}  # no generation after its revocation
    finally:
        for st in (a, b, c):
            st.close()

    # keys export at a: the new root and the signed allowed list (b's tool before its cut, c's under the old
    # root)
    farm = tmp_path / "farm"
    farm.mkdir()
    _as(monkeypatch, tmp_path / "a")
    assert app_main(["keys", "export", str(farm / "studio.jwks")]) == 0
    assert app_main(["status", "export", str(farm / "status.jwt")]) == 0
    assert (farm / ALLOWED_SIG_FILE).exists()
    root = x509.load_pem_x509_certificate((farm / ROOT_FILE).read_bytes())
    assert ca.fingerprint(root) == now[0]
    listed = {tool_name(x) for x in x509.load_pem_x509_certificates((farm / ALLOWED_FILE).read_bytes())}
    assert listed == {"rig-b", "rig-c"}
    assert TrustBundle.load(farm).allowed

    # the thief's certificate: trace says 13 at a, usage import refuses its receipt
    forged = forge(stolen_key, stolen_root, "rig-b", tools / "forged")
    fake = tmp_path / "fake.jpg"
    assert mark(farm0, token_file, forged, fake, seed=11) == 0
    capsys.readouterr()
    assert app_main(["trace", str(fake), "--json"]) == 13
    assert json.loads(capsys.readouterr().out)["verdict"]["code"] == "trace.c2pa_untrusted"
    assert app_main(["usage", "import", str(tmp_path / "fake.jpg.usage.jwt")]) == 1
    legit = tmp_path / "legit.jpg"
    assert mark(farm, token_file, old_b, legit, seed=12) == 0  # b's tool from before its cut keeps marking
    capsys.readouterr()
    assert app_main(["trace", str(legit), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["c2pa"]["trustedBy"] == "allowed"
    assert app_main(["usage", "import", str(tmp_path / "legit.jpg.usage.jwt")]) == 0
