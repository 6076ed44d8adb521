"""Every state change leaves an audit entry: a whole studio workflow, then every stored object is checked."""

import json

import pytest

from consent_app import audit
from consent_app.cli import main
from consent_app.store import Store


@pytest.fixture
def worked_store(cli_env, faces_dir, voices_dir, tmp_path, capsys, monkeypatch):
    """A demo studio that ran a session, issued and revoked a token, erased, rotated, changed a setting."""
    assert main(["init", "--studio", "Audit Studio", "--admin", "admin", "--demo"]) == 0
    voice = sorted((voices_dir / "speakers" / "1688").glob("*.flac"))[0]
    capsys.readouterr()
    assert main(["demo", "seed", "--face", str(faces_dir / "obama.jpg"),
                 "--id-photo", str(faces_dir / "obama2.jpg"), "--voice", str(voice)]) == 0
    consent_id = capsys.readouterr().out.strip().splitlines()[-1]
    out = tmp_path / "t.jwt"
    assert main(["token", "issue", consent_id, "--out", str(out), "--operations", "face_swap"]) == 0
    assert main(["consent", "withdraw", consent_id, "--operations", "face_swap",
                 "--reason", "changed my mind"]) == 0
    capsys.readouterr()
    assert main(["consent", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert main(["subject", "erase-biometrics", listed["subject"], "--reason", "asked by subject"]) == 0
    assert main(["keys", "rotate"]) == 0
    assert main(["face", "threshold", "0.45"]) == 0
    monkeypatch.setenv("CONSENT_APP_NEW_PASSWORD", "another password 1")
    assert main(["staff", "add", "carol"]) == 0
    capsys.readouterr()
    return cli_env, consent_id


def _targets(conn, prefix):
    return {e.target.split(":", 1)[1] for e in audit.entries(conn) if e.target.startswith(prefix)}


def test_every_stored_object_has_its_audit_entry(worked_store):
    data_dir, consent_id = worked_store
    with Store.open(data_dir) as store, store.read() as conn:
        assert audit.verify_chain(conn).ok
        subjects = {r[0] for r in conn.execute("SELECT id FROM subjects")}
        assert subjects
        assert subjects <= _targets(conn, "subject:")
        consents = {r[0] for r in conn.execute("SELECT id FROM consents")}
        assert consents == {consent_id}
        assert consents <= _targets(conn, "consent:")
        tokens = {r[0] for r in conn.execute("SELECT id FROM tokens")}
        assert tokens
        assert tokens <= _targets(conn, "token:")
        kids = {r[0] for r in conn.execute("SELECT kid FROM signing_keys")}
        assert len(kids) == 2
        assert kids <= _targets(conn, "key:")
        staff = {r[0] for r in conn.execute("SELECT username FROM staff")}
        assert staff <= _targets(conn, "staff:")
        settings = {r[0] for r in conn.execute("SELECT key FROM settings")}
        assert settings <= _targets(conn, "setting:")
        # samples, templates and evidence are written by a completed session, which is audited
        sessions = {r[0] for r in conn.execute(
            "SELECT session_id FROM samples UNION SELECT session_id FROM evidence")} - {None}
        assert sessions
        assert sessions <= _targets(conn, "session:")
        from consent_app.tokens.listing import token_states

        revoked = {t["tokenId"].removeprefix("urn:uuid:") for t in token_states(conn)
                   if t["state"] == "revoked"}
        assert revoked
        events = {r[0] for r in conn.execute("SELECT hash FROM events")}
        assert events
        assert events == {e.details["event"] for e in audit.entries(conn) if e.action == "consent.event"}
        revocations = {e.target.split(":", 1)[1] for e in audit.entries(conn) if e.action == "token.revoke"}
        assert revoked <= revocations
        erased = {r[0] for r in conn.execute(
            "SELECT id FROM subjects WHERE biometrics_erased_at IS NOT NULL")}
        assert erased
        assert conn.execute("SELECT count(*) FROM samples WHERE data IS NOT NULL AND kind != 'signature'"
                            ).fetchone()[0] == 0
        erasures = {e.target.split(":", 1)[1] for e in audit.entries(conn) if "erase" in e.action}
        assert erased <= erasures
        withdrawals = [e for e in audit.entries(conn) if e.action == "consent.withdraw"]
        assert [w.target for w in withdrawals] == [f"consent:{consent_id}"]


def test_audit_details_hold_no_names_or_biometric_bytes(worked_store):
    data_dir, _ = worked_store
    with Store.open(data_dir) as store, store.read() as conn:
        names = [r[0] for r in conn.execute("SELECT display_name FROM subjects")]
        for entry in audit.entries(conn):
            text = json.dumps(entry.details, ensure_ascii=False)
            for name in names:
                assert name not in text, f"subject name in audit entry {entry.seq}"
            assert len(text) < 4000, f"audit entry {entry.seq} carries bulk data"
