"""A withdrawal or revocation publishes a fresh status list (and a checkpoint) at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from consenthelpers import run_session
from storesupport import make_store

from consent_app.cli import main
from consent_app.verify import codes as C
from consent_app.verify.cli import main as verify_main
from consent_app.verify.jose import b64url_decode


def _lists(path):
    return [json.loads(b64url_decode(line.split(".")[1])) for line in path.read_text().split()]


def test_withdrawal_and_revocation_publish_at_once(cli_env, faces_dir, tmp_path, capsys):
    store = make_store(cli_env)
    done = run_session(store, faces_dir)
    store.close()
    publish = tmp_path / "publish"
    publish.mkdir()
    # nothing configured: a revocation publishes nothing (the daily duty or status export still does)
    token = tmp_path / "t.jwt"
    assert main(["token", "issue", done.consent_id, "--out", str(token), "--operations", "face_swap"]) == 0
    assert main(["duties", "configure", "--status-folder", str(publish)]) == 0
    assert list(publish.iterdir()) == []
    keys = tmp_path / "studio.jwks"
    assert main(["keys", "export", str(keys)]) == 0
    capsys.readouterr()

    assert main(["consent", "withdraw", done.consent_id, "--operations", "face_swap", "--reason",
                 "changed my mind"]) == 0
    status = publish / "status.jwt"
    assert status.is_file(), "no status list published with the withdrawal"
    first = _lists(status)[0]["studioWitness"]
    checkpoints = sorted(publish.glob("checkpoint-*.json"))
    assert len(checkpoints) == 1
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert verify_main([str(token), "--keys", str(keys), "--status", str(status), "--operation", "face_swap",
                        "--at", at]) == C.REVOKED
    capsys.readouterr()

    token2 = tmp_path / "t2.jwt"
    assert main(["token", "issue", done.consent_id, "--out", str(token2), "--operations",
                 "face_generation"]) == 0
    summary = json.loads(token2.with_name("t2.summary.json").read_text())
    token_id = summary["tokenId"].rsplit(":", 1)[-1]
    assert main(["token", "revoke", token_id, "--reason", "file lost"]) == 0
    second = _lists(status)[0]["studioWitness"]
    assert second["sequence"] > first["sequence"]
    assert second["auditCount"] > first["auditCount"]
    assert len(sorted(publish.glob("checkpoint-*.json"))) == 2
    assert verify_main([str(token2), "--keys", str(keys), "--status", str(status), "--operation",
                        "face_generation", "--at", at]) == C.REVOKED
    assert main(["audit", "verify", "--witness", str(status), *map(str, publish.glob("checkpoint-*"))]) == 0
    capsys.readouterr()
    assert main(["duties", "status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["duties"]["status_list"]["last_ok"]["actor"] == "admin"


def test_status_export_writes_a_signed_checkpoint_beside_the_list(cli_env, tmp_path, capsys):
    make_store(cli_env).close()
    out = tmp_path / "status.jwt"
    assert main(["status", "export", str(out)]) == 0
    checkpoint = tmp_path / "status.checkpoint.json"
    assert "signed checkpoint" in capsys.readouterr().out
    assert json.loads(checkpoint.read_text())["count"] == _lists(out)[0]["studioWitness"]["auditCount"]
    assert main(["audit", "verify", "--witness", str(out), str(checkpoint)]) == 0
