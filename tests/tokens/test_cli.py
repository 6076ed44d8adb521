"""The headless commands (consent-app keys/status/token) and consent-verify's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from storesupport import store_consent
from tokenhelpers import NOW, Studio

from consent_app import audit, clock
from consent_app.cli import main as app_main
from consent_app.verify import codes as C
from consent_app.verify.cli import main as verify_main


@pytest.fixture
def files(tmp_path: Path, studio: Studio) -> dict[str, Path]:
    """A valid token, a revoked one, the JWKS and a status list, written as a studio would."""
    token, revoked = studio.token(), studio.token()
    studio.revoke(revoked)
    out = {
        "token": tmp_path / "token.jwt",
        "revoked": tmp_path / "revoked.jwt",
        "keys": tmp_path / "studio.jwks",
        "status": tmp_path / "status.jwt",
    }
    out["token"].write_text(token + "\n")
    out["revoked"].write_text(revoked)
    out["keys"].write_text(json.dumps(studio.jwks))
    out["status"].write_text(studio.status_jwt())
    return out


AT = ["--at", "2026-11-23T12:00:00Z"]


def verify(files: dict[str, Path], *extra: str, token: str = "token", status: bool = True) -> int:
    args = [str(files[token]), "--keys", str(files["keys"]), *AT, *extra]
    if status:
        args += ["--status", str(files["status"])]
    return verify_main(args)


def test_exit_0_and_json_report(files, capsys) -> None:
    assert verify(files, "--operation", "face_swap", "--json") == C.VALID
    report = json.loads(capsys.readouterr().out)
    assert report["decision"] == "valid"
    assert report["operations"] == ["face_swap", "face_attribute_edit", "tts_voice_clone"]
    assert report["marking"]["label"].startswith("AI-generated")
    assert report["marking"]["gb45438"]["AIGC"]["Label"] == "1"
    assert report["consentId"]


def test_exit_codes(files, capsys, tmp_path: Path) -> None:
    assert verify(files, "--operation", "voice_conversion") == C.NOT_COVERED
    assert verify(files, "--operation", "face_swap", token="revoked") == C.REVOKED
    assert verify(files, "--operation", "face_swap", status=False) == C.STATUS_UNAVAILABLE
    late = [str(files["token"]), "--keys", str(files["keys"]), "--operation", "face_swap"]
    assert verify_main([*late, "--at", "2031-01-01T00:00:00Z"]) == C.OUTSIDE_VALIDITY
    bad = tmp_path / "bad.jwt"
    bad.write_text(files["token"].read_text().replace(".", ".x", 1))
    assert verify_main([str(bad), "--keys", str(files["keys"]), "--operation", "face_swap"]) == C.MALFORMED
    big = tmp_path / "big.jwt"
    big.write_bytes(b"a" * 20000)
    assert verify_main([str(big), "--keys", str(files["keys"]), "--operation", "face_swap"]) == C.MALFORMED
    assert verify(files, "--operation", "face_swap", "--media", str(tmp_path / "nope.png")) == C.USAGE
    media = tmp_path / "frame.png"
    media.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert verify(files, "--operation", "face_swap", "--media", str(media)) == C.MEDIA_MISMATCH
    capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["t.jwt"],
        ["t.jwt", "--keys", "k"],
        ["t.jwt", "--operation", "face_swap"],
        ["a", "b", "--keys", "k", "--operation", "face_swap"],
        ["t.jwt", "--keys", "k", "--operation", "face_swap", "--bogus"],
        ["t.jwt", "--keys", "k", "--keys", "k", "--operation", "face_swap"],
        ["t.jwt", "--keys"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys) -> None:
    assert verify_main(argv) == C.USAGE
    assert "consent-verify: error:" in capsys.readouterr().err


def test_unreadable_or_invalid_inputs_exit_2(files, tmp_path: Path, capsys) -> None:
    keys = str(files["keys"])
    assert verify_main(["missing.jwt", "--keys", keys, "--operation", "face_swap"]) == C.USAGE
    assert verify_main([str(files["token"]), "--keys", "missing.jwks", "--operation", "face_swap"]) == C.USAGE
    junk = tmp_path / "junk.jwks"
    junk.write_text("{not json")
    assert verify_main([str(files["token"]), "--keys", str(junk), "--operation", "face_swap"]) == C.USAGE
    assert verify(files, "--operation", "lip_sync") == C.USAGE
    assert verify(files, "--operation", "face_swap", "--at", "yesterday") == C.USAGE
    err = capsys.readouterr().err
    assert "cannot read token missing.jwt" in err
    assert "key set is not valid JSON" in err


def test_token_given_inline_and_on_stdin(files, capsys) -> None:
    token = files["token"].read_text().strip()
    keys, status = str(files["keys"]), str(files["status"])
    assert verify_main([token, "--keys", keys, "--status", status, *AT, "--operation", "face_swap"]) == 0
    out = subprocess.run(
        [sys.executable, "-m", "consent_app.verify", "-", "--keys", keys, "--status", status, *AT,
         "--operation", "face_swap", "--json"],
        input=token, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["decision"] == "valid"


def test_help_lists_exit_codes(capsys) -> None:
    assert verify_main(["--help"]) == 0
    text = capsys.readouterr().out
    for code in range(2, 9):
        assert f"  {code}  " in text


def test_console_script_exit_code(files) -> None:
    exe = Path(sys.executable).parent / "consent-verify"
    out = subprocess.run(
        [str(exe), str(files["token"]), "--keys", str(files["keys"]), "--status", str(files["status"]),
         *AT, "--operation", "voice_conversion"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == C.NOT_COVERED
    assert out.stdout.startswith("REFUSED (5): operation 'voice_conversion' is not covered")


def test_a_reader_that_stops_reading_is_no_traceback(files) -> None:
    """`consent-verify ... | head -1`: the pipe closes before the report is written; the exit code stands."""
    exe = Path(sys.executable).parent / "consent-verify"
    proc = subprocess.Popen(
        [str(exe), str(files["token"]), "--keys", str(files["keys"]), "--status", str(files["status"]),
         *AT, "--operation", "voice_conversion"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    proc.stdout.close()  # the reader is gone before anything is written
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == C.NOT_COVERED
    assert "Traceback" not in err
    assert "BrokenPipe" not in err


# -- consent-app keys / status / token ------------------------------------------------------------


@pytest.fixture
def app_store(data_dir: Path, cli_env):
    from storesupport import make_store

    store = make_store(data_dir)
    store.close()
    return data_dir


def test_keys_export_rotate_and_status_export(app_store: Path, tmp_path: Path, capsys) -> None:
    jwks = tmp_path / "studio.jwks"
    assert app_main(["keys", "export", str(jwks)]) == 0
    first = json.loads(jwks.read_text())["keys"]
    assert [k["kty"] for k in first] == ["OKP"]
    assert "d" not in first[0]
    assert app_main(["keys", "rotate"]) == 0
    assert app_main(["keys", "export", str(jwks)]) == 0
    second = json.loads(jwks.read_text())["keys"]
    assert len(second) == 2  # the old key was retired moments ago: kept for its status lists
    status = tmp_path / "status.jwt"
    assert app_main(["status", "export", str(status), "--hours", "2"]) == 0
    from consent_app.verify import KeySet, StatusLists

    keys = KeySet.from_bytes(jwks.read_bytes())
    lists = StatusLists.from_bytes(status.read_bytes(), keys)
    [only] = lists._all().values()
    assert only.valid_until - only.valid_from == 2 * 3600
    assert app_main(["token", "list"]) == 0
    assert "no tokens" in capsys.readouterr().out


def test_keys_rotate_needs_an_admin(app_store: Path, monkeypatch, capsys) -> None:
    from storesupport import OPERATOR_PASSWORD

    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", OPERATOR_PASSWORD)
    assert app_main(["keys", "rotate"]) != 0
    assert "admin" in capsys.readouterr().err


def test_token_issue_for_an_unknown_consent_fails_clearly(app_store: Path, tmp_path: Path, capsys) -> None:
    code = app_main(["token", "issue", "no-such-consent", "--out", str(tmp_path / "t.jwt")])
    assert code != 0
    assert "no-such-consent" in capsys.readouterr().err
    assert not (tmp_path / "t.jwt").exists()


def test_token_list_shows_issued_and_revoked(app_store: Path, capsys) -> None:
    from storesupport import PASSPHRASE

    from consent_app.store import Store
    from consent_app.tokens import issue, revoke_for_consent

    store = Store.open(app_store, PASSPHRASE)
    clock.set_clock(lambda: NOW)
    try:
        with store.transaction() as tx:
            from consent_app.consent import records

            grant = records.grant(tx, store_consent(tx, valid_until=NOW + timedelta(days=3)))
            kept = issue(tx, grant, operations=["face_swap"], actor="op")
            gone = issue(tx, grant, operations=["tts_voice_clone"], actor="op")
            revoke_for_consent(tx, grant.consent_id, ["tts_voice_clone"], "admin")
            assert [e.action for e in audit.entries(tx)][-1] == "token.revoke"
    finally:
        clock.set_clock(None)
        store.close()
    assert app_main(["token", "list", "--consent", grant.consent_id, "--json"]) == 0
    listed = {t["tokenId"]: t for t in json.loads(capsys.readouterr().out)}
    assert listed[kept.payload["id"]]["revokedAt"] is None
    assert listed[gone.payload["id"]]["revokedAt"] is not None
    assert (listed[kept.payload["id"]]["state"], listed[gone.payload["id"]]["state"]) == ("issued", "revoked")


def test_token_issue_end_to_end_with_a_recorded_consent(app_store: Path, tmp_path: Path, capsys) -> None:
    """consent-app token issue -> files -> consent-verify; withdrawal -> status export -> revoked."""
    from storesupport import PASSPHRASE
    from tokenhelpers import record_consent

    from consent_app.consent import records
    from consent_app.store import Store

    store = Store.open(app_store, PASSPHRASE)
    try:
        consent_id, _subject = record_consent(store, ("face_swap", "tts_voice_clone"), days=30)
    finally:
        store.close()
    out = tmp_path / "out" / "token.jwt"
    out.parent.mkdir()
    assert app_main(["token", "issue", consent_id, "--out", str(out), "--operations", "face_swap",
                     "--until", "2099-01-01"]) != 0  # fmt: skip
    assert "cannot outlive its consent" in capsys.readouterr().err
    assert not out.exists()
    assert app_main(["token", "issue", consent_id, "--out", str(out), "--operations", "face_swap"]) == 0
    printed = capsys.readouterr().out
    summary = json.loads((tmp_path / "out" / "token.summary.json").read_text())
    assert summary["consentId"] == consent_id
    assert summary["operations"] == ["face_swap"]
    assert summary["tokenId"] in printed
    assert (tmp_path / "out" / "token.qr.png").read_bytes().startswith(b"\x89PNG")
    jwks, status = tmp_path / "k.jwks", tmp_path / "s.jwt"
    assert app_main(["keys", "export", str(jwks)]) == 0
    assert app_main(["status", "export", str(status)]) == 0
    args = [str(out), "--keys", str(jwks), "--status", str(status), "--operation"]
    assert verify_main([*args, "face_swap"]) == C.VALID
    assert verify_main([*args, "tts_voice_clone"]) == C.NOT_COVERED

    store = Store.open(app_store, PASSPHRASE)
    try:
        with store.transaction() as tx:
            records.withdraw(tx, consent_id, categories=["face_swap"], reason="changed mind", staff="admin")
        with store.read() as conn:
            issued = [e for e in audit.entries(conn) if e.action == "token.issue"]
    finally:
        store.close()
    assert len(issued) == 1
    assert issued[0].details["consent_id"] == consent_id
    assert app_main(["status", "export", str(status)]) == 0
    assert verify_main([*args, "face_swap"]) == C.REVOKED
    assert app_main(["token", "issue", consent_id, "--out", str(out), "--operations", "face_swap"]) != 0
    assert "category face_swap was withdrawn" in capsys.readouterr().err


def test_token_whose_files_cannot_be_written_is_revoked(app_store: Path, tmp_path: Path, capsys) -> None:
    from storesupport import PASSPHRASE
    from tokenhelpers import record_consent

    from consent_app.store import Store

    store = Store.open(app_store, PASSPHRASE)
    try:
        consent_id, _ = record_consent(store, ("face_swap",))
    finally:
        store.close()
    assert app_main(["token", "issue", consent_id, "--out", str(tmp_path / "missing" / "t.jwt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "t.summary.json").mkdir()  # the summary cannot be written over a folder
    assert app_main(["token", "issue", consent_id, "--out", str(tmp_path / "t.jwt")]) == 2
    assert "was revoked" in capsys.readouterr().err
    assert app_main(["token", "list", "--json"]) == 0
    [token] = json.loads(capsys.readouterr().out)
    assert token["revokedAt"] is not None
    assert app_main(["token", "revoke", token["tokenId"], "--reason", "lost"]) == 2
    assert "already revoked" in capsys.readouterr().err
    assert app_main(["token", "issue", consent_id, "--out", str(tmp_path / "ok.jwt")]) == 0
    capsys.readouterr()
    assert app_main(["token", "list", "--json"]) == 0
    live = [t for t in json.loads(capsys.readouterr().out) if t["revokedAt"] is None]
    assert app_main(["token", "revoke", live[0]["tokenId"], "--reason", "file lost"]) == 0
    assert app_main(["token", "list", "--json"]) == 0
    assert all(t["revokedAt"] for t in json.loads(capsys.readouterr().out.split("\n", 1)[1]))


def test_token_out_folder_is_refused_before_issuing(app_store: Path, tmp_path: Path, capsys) -> None:
    from storesupport import PASSPHRASE
    from tokenhelpers import record_consent

    from consent_app.store import Store

    store = Store.open(app_store, PASSPHRASE)
    try:
        consent_id, _ = record_consent(store, ("face_swap",))
    finally:
        store.close()
    assert app_main(["token", "issue", consent_id, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err
    assert "revoked" not in err
    assert app_main(["token", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing signed, nothing to revoke


def test_json_report_for_an_input_error(files, capsys) -> None:
    code = verify_main([str(files["token"]), "--keys", "missing.jwks", "--operation", "face_swap", "--json"])
    assert code == C.USAGE
    report = json.loads(capsys.readouterr().out)
    assert report == {"decision": "refused", "exitCode": 2, "reason": report["reason"],
                      "reasonCode": "input.unreadable"}
    assert "missing.jwks" in report["reason"]


def test_missing_token_file_with_dots_is_unreadable_not_malformed(files, capsys) -> None:
    code = verify_main(["my.token.jwt", "--keys", str(files["keys"]), "--operation", "face_swap"])
    assert code == C.USAGE
    assert "cannot read token my.token.jwt" in capsys.readouterr().err


# --- defects found when the verifier was attacked (issue 11) -------------------------------------


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize("where", ["token", "keys", "status"])
def test_deeply_nested_json_is_refused_not_a_traceback(files, tmp_path: Path, capsys, where) -> None:
    deep = "[" * 5000 + "]" * 5000
    expected = {"token": C.MALFORMED, "keys": C.USAGE, "status": C.STATUS_UNAVAILABLE}[where]
    if where == "token":
        (tmp_path / "deep.jwt").write_text(f"{_b64(deep.encode())}.{_b64(b'{}')}.{_b64(bytes(64))}")
        args = [str(tmp_path / "deep.jwt"), "--keys", str(files["keys"]), "--status", str(files["status"])]
    else:
        (tmp_path / "deep.json").write_text(deep)
        args = [str(files["token"]), "--keys", str(files["keys"]), "--status", str(files["status"])]
        args[args.index("--" + where) + 1] = str(tmp_path / "deep.json")
    assert verify_main([*args, *AT, "--operation", "face_swap", "--json"]) == expected
    report = json.loads(capsys.readouterr().out)
    assert report["exitCode"] == expected
    assert report["decision"] == "refused"


def test_header_with_one_character_changed_is_malformed(files, capsys, tmp_path: Path) -> None:
    token = files["token"].read_text().strip()
    _h64, p64, s64 = token.split(".")
    header = json.dumps({"alg": "EdDSA", "typ": "vc+jwt", "kid": "k"})
    broken = header.replace('"kid"', '/kid"')
    for variant in (broken, header.replace("{", "[", 1), header[:-1]):
        (tmp_path / "t.jwt").write_text(f"{_b64(variant.encode())}.{p64}.{s64}")
        code = verify_main([str(tmp_path / "t.jwt"), "--keys", str(files["keys"]),
                            "--status", str(files["status"]), *AT, "--operation", "face_swap"])
        assert code == C.MALFORMED
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--keys", "--status", "--media"])
def test_endless_inputs_are_refused_while_reading(files, option, capsys) -> None:
    args = [str(files["token"]), "--keys", str(files["keys"]), "--status", str(files["status"]), *AT,
            "--operation", "face_swap"]
    if option == "--media":
        args += ["--media", "/dev/zero"]
    else:
        args[args.index(option) + 1] = "/dev/zero"
    assert verify_main(args) == C.USAGE
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "/dev/zero" in err
    assert ("larger than" in err) or ("not a regular file" in err)


def test_json_report_says_which_time_it_judged(files, capsys) -> None:
    assert verify(files, "--operation", "face_swap", "--json") == C.VALID
    assert json.loads(capsys.readouterr().out)["at"] == "2026-11-23T12:00:00Z"
    assert verify_main([str(files["token"]), "--keys", str(files["keys"]), "--status", str(files["status"]),
                        "--operation", "face_swap", "--json"]) != C.USAGE
    judged = json.loads(capsys.readouterr().out)["at"]
    assert judged.endswith("Z")
    assert judged[:4].isdigit()


def test_token_without_credential_status_is_malformed(studio: Studio, files, tmp_path: Path) -> None:
    from tokenhelpers import forge

    payload = studio.payload()
    payload.pop("credentialStatus")
    token = forge({"alg": "EdDSA", "typ": "vc+jwt", "kid": studio.kid}, payload, studio.key)
    code = verify_main([token, "--keys", str(files["keys"]), "--status", str(files["status"]), *AT,
                        "--operation", "face_swap"])
    assert code == C.MALFORMED


def test_verifier_without_status_list_fails_closed(files) -> None:
    assert verify(files, "--operation", "face_swap", status=False) == C.STATUS_UNAVAILABLE
