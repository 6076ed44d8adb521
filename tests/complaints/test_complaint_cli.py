"""A complaint from intake to refutation through the CLI, on a real store with a real enrolled subject."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from consenthelpers import run_session
from storesupport import PASSPHRASE, make_store

from consent_app import clock
from consent_app.cli import main


def _store(data_dir):
    from consent_app.store import Store

    return Store.open(data_dir, PASSPHRASE)


@pytest.fixture
def enrolled(cli_env, faces_dir):
    """A store with one subject (obama.jpg enrolled) and a face_swap + face_generation consent."""
    store = make_store(cli_env)
    try:
        return run_session(store, faces_dir)
    finally:
        store.close()


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_intake_trace_workflow_refutation(enrolled, cli_env, faces_dir, capsys, tmp_path):
    # a stripped copy (no marks) of the enrolled subject, and an image of someone the studio never enrolled
    assert main(["complaint", "file", "--claim", "no_consent", "--complainant", "third_party",
                 "--contact", "reporter@example.org", "--media", str(faces_dir / "obama3.jpg"),
                 "--url", "https://video.example/x", "--note", "seen on a video site", "--json"]) == 0
    filed = _json(capsys)
    complaint_id = filed["id"]
    trace = filed["trace"][0]
    assert trace["faces"] == 1
    assert [m["subject"] for m in trace["matches"]] == [enrolled.subject_id]
    assert {(lk["kind"], lk["target"]) for lk in trace["links"]} == {
        ("subject", enrolled.subject_id), ("consent", enrolled.consent_id)}

    assert main(["complaint", "file", "--claim", "no_consent", "--complainant", "subject",
                 "--contact", "+86 10 1234 5678", "--media", str(faces_dir / "biden.jpg")]) == 0
    other_id = capsys.readouterr().out.splitlines()[0].strip()

    assert main(["complaint", "show", complaint_id, "--json"]) == 0
    shown = _json(capsys)
    assert shown["state"] == "received"
    assert shown["verified"] is True
    assert shown["attachments"][0]["mime"] == "image/jpeg"
    assert [e["state"] for e in shown["events"]] == ["received"]
    assert {lk["status"] for lk in shown["links"]} == {"proposed"}
    subject_link = next(lk for lk in shown["links"] if lk["kind"] == "subject")
    assert main(["complaint", "link", complaint_id, "--confirm", subject_link["id"]]) == 0
    capsys.readouterr()

    # workflow: allowed steps are signed events; a skipped or backward step is refused
    assert main(["complaint", "update", complaint_id, "--state", "resolved", "--note", "x"]) == 1
    assert "cannot move to resolved" in capsys.readouterr().err
    assert main(["complaint", "update", complaint_id, "--state", "acknowledged", "--note", "told them"]) == 0
    assert main(["complaint", "update", complaint_id, "--state", "investigating", "--note", "tracing"]) == 0
    capsys.readouterr()

    pdf = tmp_path / "statement.pdf"
    assert main(["complaint", "refute", complaint_id, "--out", str(pdf), "--json"]) == 0
    result = _json(capsys)
    assert result["verdict"] == "cannot_be_determined"   # who is depicted, not whether it was authorised
    text = _pdf_text(pdf)
    assert "CANNOT BE DETERMINED" in text
    assert "not proof of consent" in text
    assert enrolled.subject_id in text
    assert enrolled.consent_id in text
    pdf_zh = tmp_path / "statement-zh.pdf"
    assert main(["complaint", "refute", other_id, "--out", str(pdf_zh), "--language", "zh-CN", "--json"]) == 0
    assert _json(capsys)["verdict"] == "not_covered"
    assert "不在本工作室获得的任何同意范围之内" in _pdf_text(pdf_zh)

    assert main(["complaint", "update", complaint_id, "--state", "resolved", "--note", "statement sent"]) == 0
    capsys.readouterr()
    assert main(["complaint", "show", complaint_id, "--json"]) == 0
    shown = _json(capsys)
    assert [e["state"] for e in shown["events"]] == ["received", "acknowledged", "investigating", "resolved"]
    assert [a["kind"] for a in shown["actions"]] == ["refutation"]
    assert shown["actions"][0]["details"]["hash"] == result["hash"]
    assert shown["dueAt"] is None
    assert shown["overdue"] is False
    assert main(["complaint", "update", complaint_id, "--state", "investigating", "--note", "again"]) == 1
    capsys.readouterr()

    with _store(cli_env) as store, store.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions.count("complaint.transition") == 5  # 2 received + 3 steps
    assert "complaint.file" in actions
    assert "complaint.link_decision" in actions


def test_overdue_list_and_withdrawal_action(enrolled, faces_dir, capsys):
    assert main(["complaint", "file", "--claim", "after_withdrawal", "--complainant", "subject",
                 "--contact", "mei@example.org", "--consent", enrolled.consent_id,
                 "--url", "https://x.example/v"]) == 0
    complaint_id = capsys.readouterr().out.strip()
    assert main(["complaint", "list", "--overdue", "--json"]) == 0
    assert _json(capsys) == []
    later = clock.now() + timedelta(days=2)
    clock.set_clock(lambda: later)
    try:
        assert main(["complaint", "list", "--overdue", "--json"]) == 3
        overdue = _json(capsys)
        assert [c["id"] for c in overdue] == [complaint_id]
        assert overdue[0]["subject"] == enrolled.subject_id  # from the consent named
        assert main(["complaint", "update", complaint_id, "--state", "acknowledged", "--note", "ok"]) == 0
        capsys.readouterr()
        assert main(["complaint", "list", "--overdue"]) == 0  # resolve is due 15 days after receipt
        assert "no overdue complaints" in capsys.readouterr().out
    finally:
        clock.set_clock(None)
    assert main(["complaint", "act", complaint_id, "--withdraw", enrolled.consent_id, "--reason", " "]) == 2
    assert "give the reason for this action" in capsys.readouterr().err
    assert main(["complaint", "act", complaint_id, "--withdraw", enrolled.consent_id,
                 "--operations", "face_swap", "--reason", "subject asked", "--json"]) == 0
    act = _json(capsys)
    assert act["kind"] == "withdrawal"
    assert act["categories"] == ["face_swap"]
    assert main(["consent", "show", enrolled.consent_id, "--json"]) == 0
    consent = _json(capsys)
    assert consent["summary"]["withdrawn"] == ["face_swap"]
    assert complaint_id in consent["events"][0]["event"]["reason"]


def test_import_web_form_and_email(cli_env, faces_dir, capsys, tmp_path):
    import base64
    from email.message import EmailMessage

    make_store(cli_env).close()
    form = tmp_path / "form.json"
    form.write_text(json.dumps({
        "claim": "unmarked", "complainant": {"role": "tool_maker", "contact": "ops@tool.example"},
        "note": "our output lost its label",
        "attachments": [{"name": "face.png", "data_base64":
                         base64.b64encode((faces_dir / "lin-manuel-miranda.png").read_bytes()).decode()}]}))
    assert main(["complaint", "import", str(form), "--json"]) == 0
    from_form = _json(capsys)["id"]
    msg = EmailMessage()
    msg["From"] = "Someone <someone@example.org>"
    msg["To"] = "complaints@studio.example"
    msg["Subject"] = "Fake video of me"
    msg.set_content("Claim: no_consent\nComplainant: subject\nSeen at https://clips.example/abc.\n")
    msg.add_attachment((faces_dir / "biden.jpg").read_bytes(), maintype="image", subtype="jpeg",
                       filename="still.jpg")
    eml = tmp_path / "m.eml"
    eml.write_bytes(bytes(msg))
    assert main(["complaint", "import", str(eml), "--json"]) == 0
    from_mail = _json(capsys)["id"]
    assert main(["complaint", "show", from_form, "--json"]) == 0
    a = _json(capsys)
    assert (a["channel"], a["claim"], a["complainant"], a["contact"]) == \
        ("web_form", "unmarked", "tool_maker", "ops@tool.example")
    assert main(["complaint", "show", from_mail, "--json"]) == 0
    b = _json(capsys)
    assert (b["channel"], b["claim"], b["complainant"], b["url"]) == \
        ("email", "no_consent", "subject", "https://clips.example/abc")
    assert b["contact"] == "Someone <someone@example.org>"
    assert b["attachments"][0]["name"] == "still.jpg"


def test_bad_input_is_refused_and_nothing_is_written(cli_env, capsys, tmp_path):
    make_store(cli_env).close()
    text = tmp_path / "notes.txt"
    text.write_text("not a picture")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    good = tmp_path / "ok.png"
    good.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    base = ["complaint", "file", "--claim", "other", "--complainant", "third_party", "--contact", "a@b.c"]
    cases = [
        (["--media", str(good), str(text)], "not an image, video or audio file"),
        (["--media", str(empty)], "the file is empty (0 bytes)"),
        (["--media", str(tmp_path / "missing.jpg")], "no such file"),
        (["--media", str(tmp_path)], "is a folder"),
        ([], "attach the disputed media or give its URL"),
        (["--url", "ftp://x"], "must start with http"),
        (["--url", "https://x.example", "--subject", "nobody"], "no subject with id nobody"),
    ]
    for extra, message in cases:
        assert main(base + extra) == 2, extra
        assert message in capsys.readouterr().err
    bad_form = tmp_path / "f.json"
    bad_form.write_text("[1, 2")
    assert main(["complaint", "import", str(bad_form)]) == 2
    assert "not a valid web form submission" in capsys.readouterr().err
    assert main(["complaint", "import", str(text)]) == 2
    assert "not a complaint file" in capsys.readouterr().err
    with _store(cli_env) as store, store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM complaints").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM complaint_media").fetchone()[0] == 0
    assert main(["complaint", "show", "nope"]) == 2
    assert "no complaint with id nope" in capsys.readouterr().err


def test_tampered_state_is_refused(cli_env, capsys):
    make_store(cli_env).close()
    assert main(["complaint", "file", "--claim", "other", "--complainant", "third_party",
                 "--contact", "a@b.c", "--url", "https://x.example"]) == 0
    complaint_id = capsys.readouterr().out.strip()
    with _store(cli_env) as store, store.transaction() as tx:
        tx.execute("UPDATE complaints SET state = 'resolved', contact = 'someone else' WHERE id = ?",
                   (complaint_id,))
    assert main(["complaint", "show", complaint_id]) == 1
    err_out = capsys.readouterr().out
    assert "disagrees with its signed events" in err_out
    assert "contact differs" in err_out
    assert main(["complaint", "update", complaint_id, "--state", "acknowledged", "--note", "x"]) == 1
    assert "failed verification" in capsys.readouterr().err


def test_duty_account_cannot_file_complaints(cli_env, capsys, monkeypatch):
    store = make_store(cli_env)
    from consent_app import staff

    with store.transaction() as tx:
        staff.create(tx, "cron", "duty password 1", staff.Role.DUTY, actor="admin")
    store.close()
    monkeypatch.setenv("CONSENT_APP_USER", "cron")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "duty password 1")
    assert main(["complaint", "file", "--claim", "other", "--complainant", "third_party",
                 "--contact", "a@b.c", "--url", "https://x.example"]) == 1
    assert "duty account" in capsys.readouterr().err


def test_links_are_corrected_by_staff_and_the_procedure_is_written(cli_env, capsys, tmp_path):
    make_store(cli_env).close()
    assert main(["complaint", "file", "--claim", "other", "--complainant", "third_party",
                 "--contact", "a@b.c", "--url", "https://x.example"]) == 0
    complaint_id = capsys.readouterr().out.strip()
    assert main(["complaint", "link", complaint_id, "--add", "tool:swapper", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["status"] == "confirmed"
    assert main(["complaint", "link", complaint_id, "--reject", added["link"]]) == 0
    assert main(["complaint", "link", complaint_id, "--confirm", "no-such-link"]) == 2
    assert "has no link no-such-link" in capsys.readouterr().err
    assert main(["complaint", "link", complaint_id, "--add", "planet:mars"]) == 2
    capsys.readouterr()
    assert main(["complaint", "show", complaint_id, "--json"]) == 0
    links = json.loads(capsys.readouterr().out)["links"]
    assert [(lk["kind"], lk["target"], lk["status"], lk["source"]) for lk in links] == [
        ("tool", "swapper", "rejected", "staff")]

    with _store(cli_env) as store, store.transaction() as tx:
        from consent_app import settings

        settings.put(tx, "complaints.channels", ["complaints@studio.example", "https://studio.example/form"],
                     "admin")
        settings.put(tx, "complaints.resolve_days", 10, "admin")
    html, md = tmp_path / "procedure.html", tmp_path / "procedure.zh.md"
    assert main(["complaint", "procedure", str(html)]) == 0
    assert main(["complaint", "procedure", str(md), "--language", "zh-CN", "--format", "md"]) == 0
    text = html.read_text(encoding="utf-8")
    assert "complaints@studio.example" in text
    assert "within 1 day(s)" in text
    assert "within 10 day(s)" in text
    assert "not whether the use was authorised" in text
    zh = md.read_text(encoding="utf-8")
    assert zh.startswith("# 如何向Test Studio投诉")
    assert "10 天内" in zh
    assert main(["complaint", "procedure", str(tmp_path / "missing" / "p.html")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_a_damaged_video_is_kept_and_the_trace_says_it_cannot_be_decoded(cli_env, capsys, tmp_path):
    """A cut-short clip is still evidence: it is attached, and the trace says why no face was searched."""
    make_store(cli_env).close()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom" + b"\0\0\x10\0mdat" + bytes(range(256)) * 4)
    assert main(["complaint", "file", "--claim", "unmarked", "--complainant", "subject", "--contact", "a@b.c",
                 "--media", str(cut), "--json"]) == 0
    trace = json.loads(capsys.readouterr().out)["trace"][0]
    notes = {n["code"]: n["params"] for n in trace["notes"]}
    assert "provenance.no_faces" not in notes  # it was not searched, so "no face found" would be false
    assert notes["provenance.not_decoded"]["what"] == "video"
    assert "Errno" not in notes["provenance.not_decoded"]["reason"]
