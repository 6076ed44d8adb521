"""Attacks on real stores after a real withdrawal: each is detected or refused.

Page replay (no key), whole-folder rollback against a published status list and the subject's
receipt, an audit entry edited with the chain (and anchor) recomputed by an insider, restore of an
old backup, rows slipped in or removed behind the app's back.
"""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from consenthelpers import run_session
from storesupport import PASSPHRASE, make_store

from consent_app import audit, clock
from consent_app.canonical import canonical_json, json_hash
from consent_app.cli import main
from consent_app.consent import receipt, records
from consent_app.store import Store, anchor, cipher, keys
from consent_app.verify.jose import b64url_decode

PAGE = cipher.PAGE_SIZE


@pytest.fixture
def prepared(cli_env, faces_dir):
    store = make_store(cli_env)
    done = run_session(store, faces_dir)
    store.close()
    return done


def _withdraw(data_dir, consent_id, categories=("face_swap",)):
    with Store.open(data_dir, PASSPHRASE) as store, store.transaction() as tx:
        return records.withdraw(tx, consent_id, categories=list(categories), reason="changed my mind",
                                staff="op")


def _publish(tmp_path, name="status.jwt"):
    out = tmp_path / name
    assert main(["status", "export", str(out)]) == 0
    return out


def test_page_replay_without_the_key_is_refused(prepared, cli_env, tmp_path, capsys):
    db = cli_env / "consent.db"
    old = db.read_bytes()
    _withdraw(cli_env, prepared.consent_id)
    new = bytearray(db.read_bytes())
    changed = [i for i in range(0, min(len(old), len(new)), PAGE) if old[i:i + PAGE] != new[i:i + PAGE]]
    assert changed, "the withdrawal changed no page"
    for i in changed:  # copy back the old ciphertext of every page the withdrawal changed
        new[i:i + PAGE] = old[i:i + PAGE]
    db.write_bytes(bytes(new[:len(old)]))
    # every page still carries a valid HMAC: SQLCipher alone cannot tell
    envelope = keys.read_envelope(cli_env / "consent.key.json")
    conn = cipher.connect(db, keys.unseal(envelope, PASSPHRASE))
    try:
        assert cipher.integrity_problems(conn) == []
        assert audit.verify_chain(conn).ok
    finally:
        conn.close()
    capsys.readouterr()
    assert main(["token", "issue", prepared.consent_id, "--out", str(tmp_path / "t.jwt"),
                 "--operations", "face_swap"]) == 1
    assert "older than its head anchor" in capsys.readouterr().err
    assert not (tmp_path / "t.jwt").exists()
    with pytest.raises(anchor.StoreRolledBackError):
        Store.open(cli_env, PASSPHRASE)


def test_whole_folder_rollback_is_caught_by_the_published_list_and_the_receipt(prepared, cli_env, tmp_path,
                                                                               capsys):
    copy = tmp_path / "copy"
    shutil.copytree(cli_env, copy)  # database, anchor and envelope: everything in the folder
    event = _withdraw(cli_env, prepared.consent_id)
    status = _publish(tmp_path)
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        pdf = receipt.withdrawal_receipt(conn, prepared.consent_id)
    receipt_pdf = tmp_path / "withdrawal.pdf"
    receipt_pdf.write_bytes(pdf)
    assert main(["audit", "verify", "--witness", str(status), str(receipt_pdf)]) == 0
    assert "extends all 2 witness(es)" in capsys.readouterr().out
    # the receipt carries the signed event and the audit head right after it
    from consent_app.consent.receipt_witness import extract

    witness = extract(pdf)
    assert witness["event"]["id"] == event.id
    assert witness["event"]["proof"]["hash"] == event.proof["hash"]
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        entry = next(e for e in audit.entries(conn) if e.details.get("event_id") == event.id
                     or (e.action == "consent.event" and e.details.get("id") == event.id))
    assert witness["audit"] == {"count": entry.seq, "head": entry.hash}

    shutil.rmtree(cli_env)
    shutil.copytree(copy, cli_env)  # the whole folder rolled back: it opens (anchor rolled back too)
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        assert list(records.get(conn, prepared.consent_id).withdrawn_categories) == []
    capsys.readouterr()
    assert main(["audit", "verify", "--witness", str(status)]) == 1
    err = capsys.readouterr().err
    assert f"does not extend witness {status} (status list)" in err
    assert main(["audit", "verify", "--witness", str(receipt_pdf)]) == 1
    assert "(withdrawal receipt)" in capsys.readouterr().err


def _insider_rewrites_entry(data_dir, seq):
    """Edit one audit entry, recompute the chain after it and re-sign the anchor (needs the passphrase)."""
    envelope = keys.read_envelope(data_dir / "consent.key.json")
    conn = cipher.connect(data_dir / "consent.db", keys.unseal(envelope, PASSPHRASE))
    try:
        conn.execute("DROP TRIGGER audit_no_update")
        rows = conn.execute("SELECT seq, ts, actor, action, target, details FROM audit WHERE seq >= ? "
                            "ORDER BY seq", (seq,)).fetchall()
        prev = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq - 1,)).fetchone()[0]
        conn.execute("UPDATE audit SET hash = 'x' || hash WHERE seq >= ?", (seq,))
        for s_, ts, actor, action, target, details in rows:
            details = json.loads(details)
            if s_ == seq:
                details["reason"] = "rewritten"
            digest = json_hash({"seq": s_, "ts": ts, "actor": actor, "action": action, "target": target,
                                "details": details, "prev": prev})
            conn.execute("UPDATE audit SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                         (canonical_json(details).decode(), prev, digest, s_))
            prev = digest
        (anchor.anchor_path(data_dir)).write_bytes(anchor.make(conn, envelope["store_id"]))
    finally:
        conn.close()


def test_an_audit_entry_edited_with_a_recomputed_chain_fails_against_witnesses(prepared, cli_env, tmp_path,
                                                                                capsys):
    event = _withdraw(cli_env, prepared.consent_id)
    checkpoint = tmp_path / "cp.json"
    assert main(["audit", "checkpoint", str(checkpoint)]) == 0
    status = _publish(tmp_path)
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        seq = next(e.seq for e in audit.entries(conn) if e.details.get("event_id") == event.id)
    _insider_rewrites_entry(cli_env, seq)
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0  # the chain alone (and the re-signed anchor) cannot tell
    capsys.readouterr()
    assert main(["audit", "verify", "--witness", str(checkpoint), str(status)]) == 1
    err = capsys.readouterr().err
    assert f"does not extend witness {checkpoint} (checkpoint)" in err
    assert f"audit entry {seq}" in err or "has another hash" in err


def test_restoring_an_old_backup_is_refused_and_forcing_it_is_audited_and_caught(prepared, cli_env,
                                                                                   tmp_path, capsys):
    old_backup = tmp_path / "old.db"
    assert main(["backup", str(old_backup)]) == 0
    _withdraw(cli_env, prepared.consent_id)
    status = _publish(tmp_path)
    capsys.readouterr()
    assert main(["restore", str(old_backup)]) == 1
    assert "older than a head this store already witnessed" in capsys.readouterr().err
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        assert list(records.get(conn, prepared.consent_id).withdrawn_categories) == ["face_swap"]
    assert main(["restore", str(old_backup), "--force"]) == 2  # a reason is required
    assert main(["restore", str(old_backup), "--force", "--reason", "disk failure drill"]) == 0
    with Store.open(cli_env, PASSPHRASE) as store, store.read() as conn:
        last = list(audit.entries(conn))[-1]
    assert last.action == "store.restore"
    assert last.details["reason"] == "disk failure drill"
    assert last.details["witnessed"]["extended"] is False
    capsys.readouterr()
    assert main(["audit", "verify", "--witness", str(status)]) == 1
    assert "does not extend witness" in capsys.readouterr().err
    # lists the restored store exports are still newer than those verifiers already saw
    again = _publish(tmp_path, "again.jwt")
    sequence = lambda p: json.loads(b64url_decode(p.read_text().split()[0].split(".")[1]))[  # noqa: E731
        "studioWitness"]["sequence"]
    assert sequence(again) > sequence(status)


def test_rows_added_or_removed_behind_the_apps_back_are_reported(prepared, cli_env, capsys):
    _withdraw(cli_env, prepared.consent_id)
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "has its audit entry" in capsys.readouterr().out
    with Store.open(cli_env, PASSPHRASE) as store, store.transaction() as tx:
        sample = tx.execute("SELECT id, subject_id FROM samples LIMIT 1").fetchone()
        tx.execute("INSERT INTO samples (id, subject_id, kind, mime, data, sha256, created_at) "
                   "VALUES (?, ?, 'face', 'image/jpeg', x'00', 'x', ?)",
                   (str(uuid.uuid4()), sample[1], clock.iso()))
        for name, in tx.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'events'").fetchall():
            tx.execute(f"DROP TRIGGER {name}")
        tx.execute("DELETE FROM events")
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "sample" in err
    assert "has no audit entry" in err
    assert "names signed event" in err
    assert "which is gone" in err
