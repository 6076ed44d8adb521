"""The intake trace links a marked file and a stripped copy of it to the right subject: the marked file by
its marks (consent, token, tool) and face, the stripped one by face search; the statement says which is
covered and which cannot be determined."""

from __future__ import annotations

import json

import pytest
from consenthelpers import run_session
from storesupport import PASSPHRASE, make_store

from consent_app.cli import main


@pytest.fixture
def marked_files(cli_env, faces_dir, tmp_path, capsys):
    from PIL import Image

    from consent_app.marking.cli import mark_main
    from consent_app.store import Store

    store = make_store(cli_env)
    try:
        done = run_session(store, faces_dir)
    finally:
        store.close()
    token = tmp_path / "token.jwt"
    assert main(["token", "issue", done.consent_id, "--out", str(token)]) == 0
    assert main(["tools", "register", "swapper", "--out", str(tmp_path / "tool")]) == 0
    assert main(["keys", "export", str(tmp_path / "studio.jwks")]) == 0
    assert main(["status", "export", str(tmp_path / "status.jwt")]) == 0
    marked = tmp_path / "marked.jpg"
    assert mark_main([str(token), "--keys", str(tmp_path / "studio.jwks"),
                      "--status", str(tmp_path / "status.jwt"), "--operation", "face_swap",
                      "--tool-key", str(tmp_path / "tool" / "swapper.key.pem"),
                      "--tool-cert", str(tmp_path / "tool" / "swapper.cert.pem"),
                      "--in", str(faces_dir / "obama3.jpg"), "--out", str(marked)]) == 0
    stripped = tmp_path / "stripped.jpg"
    with Image.open(marked) as im:
        im.convert("RGB").save(stripped, "JPEG", quality=80)  # re-encoded: every mark gone
    capsys.readouterr()
    with Store.open(cli_env, PASSPHRASE) as s, s.read() as conn:
        token_id = conn.execute("SELECT id FROM tokens").fetchone()[0]
        tool_serial = conn.execute("SELECT serial FROM tool_certificates").fetchone()[0]
    return done, token_id, tool_serial, marked, stripped


def test_marked_and_stripped_files_lead_to_the_subject(marked_files, faces_dir, capsys, tmp_path):
    done, token_id, tool_serial, marked, stripped = marked_files
    assert main(["complaint", "file", "--claim", "no_consent", "--complainant", "third_party",
                 "--contact", "x@example.org", "--media", str(marked), str(stripped), "--json"]) == 0
    filed = json.loads(capsys.readouterr().out)
    first, second = filed["trace"]
    assert first["marks"]["found"] is True
    assert first["marks"]["valid"] is True
    assert first["marks"]["token"]["state"] == "valid"
    assert {("consent", done.consent_id), ("token", token_id), ("tool", tool_serial),
            ("subject", done.subject_id)} <= {(lk["kind"], lk["target"]) for lk in first["links"]}
    assert second["marks"]["found"] is False
    assert {(lk["kind"], lk["target"]) for lk in second["links"]} == {
        ("subject", done.subject_id), ("consent", done.consent_id)}

    pdf = tmp_path / "s.pdf"
    assert main(["complaint", "refute", filed["id"], "--out", str(pdf), "--json"]) == 0
    statement = json.loads(capsys.readouterr().out)
    assert statement["verdict"] == "cannot_be_determined"  # the stripped copy cannot be attributed
    assert main(["complaint", "show", filed["id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    facts = shown["actions"][0]["details"]["signed"]["statement"]["facts"]
    assert [f["verdict"] for f in facts] == ["covered", "cannot_be_determined"]

    # after the token is revoked, the marked file is no longer covered
    assert main(["token", "revoke", token_id, "--reason", "complaint upheld"]) == 0
    capsys.readouterr()
    assert main(["complaint", "file", "--claim", "after_withdrawal", "--complainant", "subject",
                 "--contact", "x@example.org", "--media", str(marked), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["trace"][0]["marks"]["token"]["state"] == "revoked"
    assert main(["complaint", "refute", again["id"], "--out", str(tmp_path / "t.pdf"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "cannot_be_determined"


def test_a_tools_certificate_is_revoked_from_the_complaint(marked_files, capsys):
    _, _, tool_serial, marked, _ = marked_files
    assert main(["complaint", "file", "--claim", "prohibited_use", "--complainant", "third_party",
                 "--contact", "x@example.org", "--media", str(marked), "--json"]) == 0
    complaint_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["complaint", "act", complaint_id, "--revoke-tool", "swapper", "--reason", "misuse",
                 "--json"]) == 0
    act = json.loads(capsys.readouterr().out)
    assert act["kind"] == "tool_revocation"
    assert act["serial"] == tool_serial
    assert main(["complaint", "file", "--claim", "prohibited_use", "--complainant", "third_party",
                 "--contact", "x@example.org", "--media", str(marked), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)["trace"][0]
    assert again["marks"]["tool"]["revoked"] is True
    assert again["marks"]["valid"] is False


def test_a_statement_about_a_file_marked_by_a_revoked_tool_is_signed(marked_files, capsys, tmp_path):
    """The trace names the revoked tool's 160-bit serial: the signed statement (RFC 8785, whose numbers
    are IEEE doubles) must carry it as text, not fail on it."""
    _, _, tool_serial, marked, _ = marked_files
    assert main(["tools", "revoke", "swapper", "--reason", "key leaked"]) == 0
    capsys.readouterr()
    assert main(["complaint", "file", "--claim", "prohibited_use", "--complainant", "third_party",
                 "--contact", "x@example.org", "--media", str(marked), "--json"]) == 0
    complaint_id = json.loads(capsys.readouterr().out)["id"]
    pdf = tmp_path / "revoked-tool.pdf"
    assert main(["complaint", "refute", complaint_id, "--out", str(pdf), "--json"]) == 0
    statement = json.loads(capsys.readouterr().out)
    assert statement["verdict"] == "cannot_be_determined"
    assert pdf.stat().st_size > 0
    assert main(["complaint", "show", complaint_id, "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)["actions"][0]["details"]["signed"]["statement"]["facts"]
    revoked = [f for f in facts[0]["marks"]["findings"] if f["code"] == "trace.tool_revoked"]
    assert revoked
    assert revoked[0]["params"]["serial"] == tool_serial
