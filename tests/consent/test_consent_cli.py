"""Headless commands: consent list/show/withdraw, receipt, subject erase-biometrics, demo seed."""

from __future__ import annotations

import json

import pytest
from consenthelpers import run_session, tamper
from storesupport import make_store

from consent_app.cli import main


def _prepared(data_dir, faces_dir, *, demo=False, session=True):
    store = make_store(data_dir, demo=demo)
    try:
        return run_session(store, faces_dir) if session else None
    finally:
        store.close()


def _store(data_dir):
    from storesupport import PASSPHRASE

    from consent_app.store import Store

    return Store.open(data_dir, PASSPHRASE)


def test_list_show_withdraw_receipt_erase(cli_env, faces_dir, capsys, tmp_path):
    done = _prepared(cli_env, faces_dir)
    assert main(["consent", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in listed] == [done.consent_id]
    assert listed[0]["verified"] is True
    assert listed[0]["state"] == "active"
    assert main(["consent", "list", "--subject", done.subject_id]) == 0
    assert done.consent_id in capsys.readouterr().out
    assert main(["consent", "list", "--subject", "nobody"]) == 2
    assert "no subject with id nobody" in capsys.readouterr().err

    assert main(["keys", "rotate"]) == 0  # records signed before a rotation keep verifying
    capsys.readouterr()
    assert main(["consent", "show", done.consent_id]) == 0
    out = capsys.readouterr().out
    assert "signature: verified (Ed25519" in out
    assert "face_generation, face_swap" in out
    assert main(["consent", "show", done.consent_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["verified"] is True
    assert shown["record"]["recordId"] == f"urn:uuid:{done.consent_id}"
    assert shown["proof"]["hash"] == done.record_hash

    out_pdf = tmp_path / "w.pdf"
    assert main(["consent", "withdraw", done.consent_id, "--operations", "face_swap", "--reason",
                 "no swaps please", "--receipt", str(out_pdf)]) == 0
    assert "still agreed: face_generation" in capsys.readouterr().out
    assert out_pdf.read_bytes().startswith(b"%PDF-")
    assert main(["consent", "withdraw", done.consent_id, "--operations", "tts_voice_clone", "--reason",
                 "x"]) == 2
    assert "does not cover tts_voice_clone" in capsys.readouterr().err

    receipt_pdf = tmp_path / "r.pdf"
    assert main(["receipt", done.consent_id, str(receipt_pdf), "--language", "zh-CN"]) == 0
    assert receipt_pdf.read_bytes().startswith(b"%PDF-")
    assert main(["receipt", done.consent_id, str(tmp_path / "w2.pdf"), "--withdrawal"]) == 0
    capsys.readouterr()

    assert main(["subject", "erase-biometrics", done.subject_id]) == 0
    # face and ID document, plus the 4 liveness challenge frames kept (the start and each of 3 steps)
    assert "erased 6 sample(s) and 1 template(s)" in capsys.readouterr().out
    assert main(["consent", "show", done.consent_id]) == 0  # the proof survives erasure
    capsys.readouterr()
    with _store(cli_env) as store, store.read() as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert "consent.withdraw" in actions
    assert "subject.erase_biometrics" in actions


def test_state_changes_need_the_right_staff(cli_env, faces_dir, capsys, monkeypatch):
    from storesupport import OPERATOR_PASSWORD

    done = _prepared(cli_env, faces_dir)
    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", OPERATOR_PASSWORD)
    assert main(["subject", "erase-biometrics", done.subject_id]) == 1
    assert "this needs an admin" in capsys.readouterr().err
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "wrong password!")
    assert main(["consent", "withdraw", done.consent_id, "--reason", "x"]) == 1
    assert "wrong username or password" in capsys.readouterr().err
    with _store(cli_env) as store, store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'withdrawal'").fetchone()[0] == 0


def test_a_record_that_no_longer_verifies_is_refused_by_show(cli_env, faces_dir, capsys):
    done = _prepared(cli_env, faces_dir)
    with _store(cli_env) as store:
        tamper(store, "UPDATE consents SET record = replace(record, 'stunt', 'stunts')")
    assert main(["consent", "show", done.consent_id]) == 1
    err = capsys.readouterr().err
    assert f"consent {done.consent_id} failed verification and is refused" in err
    assert "does not match its hash" in err
    assert main(["consent", "list"]) == 0
    assert "DOES NOT VERIFY: record signature" in capsys.readouterr().out
    assert main(["receipt", done.consent_id, "/tmp/never.pdf"]) == 1


def test_demo_seed_refuses_a_real_database(cli_env, faces_dir, capsys):
    _prepared(cli_env, faces_dir, session=False)
    assert main(["demo", "seed", "--face", str(faces_dir / "obama.jpg")]) == 1
    assert "only runs on a demo database" in capsys.readouterr().err


def test_demo_seed_runs_one_complete_session_through_the_flow(cli_env, faces_dir, voices_dir, capsys):
    _prepared(cli_env, faces_dir, demo=True, session=False)
    speaker = sorted((voices_dir / "speakers").iterdir())[0]
    clips = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)
    code = main(["demo", "seed", "--face", str(faces_dir / "obama.jpg"), "--id-photo",
                 str(faces_dir / "obama2.jpg"), "--voice", str(clips[0]), str(clips[1]),
                 "--language", "zh-CN", "--name", "演示 用户"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    consent_id = captured.out.strip()
    assert len(consent_id) == 36
    assert "liveness on the still image: failed" in captured.err
    assert "identity override recorded by admin" in captured.err
    assert "spoken statement" in captured.err
    with _store(cli_env) as store, store.read() as conn:
        from consent_app.consent import records

        consent = records.get_verified(conn, consent_id)
        kinds = sorted(k for (k,) in conn.execute("SELECT kind FROM samples"))
    assert consent.demo is True
    assert consent.record["dataController"]["name"].startswith("DEMO")
    assert consent.record["evidence"]["liveness"]["passed"] is False
    assert "still files" in consent.record["evidence"]["identityOverride"]["reason"]
    assert consent.record["evidence"]["identityVerification"]["match"] is True
    statement = consent.record["evidence"]["statement"]
    assert statement["words_ok"] is None  # no recogniser for Chinese: said, not pretended
    assert statement["words"]["method"] is None  # and a seed cannot attest: nobody heard the subject
    assert statement["speaker_match"] is True
    assert statement["face_while_speaking"]["matched"] is True
    assert statement["source"] == "file"
    assert consent.record["evidence"]["captureDevices"]["fileBacked"] is True
    assert "must attest" in captured.err
    assert not set(consent.categories) & {"tts_voice_clone", "voice_conversion", "voice_attribute_edit"}
    assert "face_swap" in consent.categories
    assert "DEMO" in consent.terms_text
    assert kinds == ["face", "id_document", "signature", "signature", "signature", "signature", "statement",
                     "voice"]


def test_demo_seed_with_the_same_clip_as_sample_and_statement_opens_no_voice_category(
        cli_env, faces_dir, voices_dir, capsys):
    """The issue's case: `demo seed --language zh-CN --voice A.flac A.flac` used to open all three."""
    _prepared(cli_env, faces_dir, demo=True, session=False)
    speaker = sorted((voices_dir / "speakers").iterdir())[0]
    clip = sorted(speaker.glob("*.flac"), key=lambda p: -p.stat().st_size)[0]
    code = main(["demo", "seed", "--face", str(faces_dir / "obama.jpg"), "--voice", str(clip), str(clip),
                 "--language", "zh-CN"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "spoken statement refused: the statement recording is the voice sample itself" in captured.err
    with _store(cli_env) as store, store.read() as conn:
        from consent_app.consent import records

        consent = records.get_verified(conn, captured.out.strip())
    assert not set(consent.categories) & {"tts_voice_clone", "voice_conversion", "voice_attribute_edit"}
    assert "statement" not in consent.record["evidence"]


@pytest.mark.parametrize("args", [["--face", "/nonexistent.jpg"], ["--face", "FACES/obama.jpg", "--voice",
                                                                      "a.wav", "b.wav", "c.wav"]])
def test_demo_seed_bad_input_writes_nothing(cli_env, faces_dir, capsys, args):
    _prepared(cli_env, faces_dir, demo=True, session=False)
    args = [a.replace("FACES", str(faces_dir)) for a in args]
    assert main(["demo", "seed", *args]) == 2
    assert capsys.readouterr().err.startswith("consent-app: error:")
    with _store(cli_env) as store, store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM consents").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM samples").fetchone()[0] == 0
