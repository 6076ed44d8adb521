"""records export: a signed archive checked by its own verify_export.py and by jwcrypto; one changed byte in
any file is caught; pseudonymised exports hold no names or contacts; bad input writes nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from consenthelpers import run_session
from storesupport import PASSPHRASE, make_store

from consent_app import clock
from consent_app.cli import main

CONTACT = "whistle@example.org"
NAME = "Mei Lin 林美"


def _store(data_dir):
    from consent_app.store import Store

    return Store.open(data_dir, PASSPHRASE)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, faces_dir):
    """One store with a consent, a token, a withdrawal and a complaint; a full and a pseudonymised export."""
    import os

    base = tmp_path_factory.mktemp("records")
    data_dir = base / "data"
    env = {"CONSENT_APP_DATA_DIR": str(data_dir), "CONSENT_APP_PASSPHRASE": PASSPHRASE,
           "CONSENT_APP_USER": "admin", "CONSENT_APP_PASSWORD": "correct horse battery"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        store = make_store(data_dir)
        try:
            done = run_session(store, faces_dir, name=NAME)
        finally:
            store.close()
        assert main(["token", "issue", done.consent_id, "--out", str(base / "t.jwt")]) == 0
        assert main(["complaint", "file", "--claim", "beyond_scope", "--complainant", "third_party",
                     "--contact", CONTACT, "--url", "https://x.example/v", "--consent", done.consent_id]) == 0
        assert main(["consent", "withdraw", done.consent_id, "--operations", "face_swap", "--reason",
                     "asked"]) == 0
        today = clock.now().date().isoformat()
        full, pseudo = base / "full.zip", base / "pseudo.zip"
        assert main(["records", "export", str(full), "--from", today, "--to", today, "--json"]) == 0
        assert main(["records", "export", str(pseudo), "--from", today, "--to", today, "--pseudonymise"]) == 0
        with _store(data_dir) as s, s.read() as conn:
            from consent_app.crypto.keys import active_key

            kid = active_key(conn).kid
        return {"full": full, "pseudo": pseudo, "kid": kid, "done": done, "base": base, "today": today,
                "data_dir": data_dir}
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _verify(target, fingerprint):
    """Run the verify_export.py shipped in the export, standard library only (-I -S: no site packages)."""
    return subprocess.run([sys.executable, "-I", "-S", str(_SCRIPT), str(target), "--key-fingerprint",
                           fingerprint], capture_output=True, text=True)


_SCRIPT = None


@pytest.fixture(autouse=True, scope="module")
def _shipped_script(exported):
    global _SCRIPT
    with zipfile.ZipFile(exported["full"]) as z:
        data = z.read("verify_export.py")
    _SCRIPT = exported["base"] / "verify_export.py"
    _SCRIPT.write_bytes(data)


def test_the_export_verifies_with_its_own_checker(exported, tmp_path):
    for name in ("full", "pseudo"):
        result = _verify(exported[name], exported["kid"])
        assert result.returncode == 0, result.stderr
        assert "verify_export: OK" in result.stdout
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(exported["full"]) as z:
        z.extractall(unpacked)
    inside = subprocess.run([sys.executable, "-I", "-S", str(unpacked / "verify_export.py"),
                             "--key-fingerprint", exported["kid"]], capture_output=True, text=True)
    assert inside.returncode == 0, inside.stderr
    wrong = _verify(exported["full"], "A" * 43)
    assert wrong.returncode == 1
    assert "another key than the fingerprint" in wrong.stderr


def test_a_fingerprint_that_starts_with_a_dash_is_taken_as_the_fingerprint(exported, tmp_path):
    """A key thumbprint is base64url: one in 64 starts with "-". The shipped checker takes it as the value of
    --key-fingerprint (a wrong key: exit 1 naming it), not as an unknown option (a usage error, exit 2)."""
    wrong = _verify(exported["full"], "-" + exported["kid"][1:])
    assert wrong.returncode == 1, wrong.stderr
    assert "another key than the fingerprint" in wrong.stderr
    if exported["kid"].startswith("-"):  # this run's key: the right one verifies as written in README.txt
        assert _verify(exported["full"], exported["kid"]).returncode == 0


def test_the_manifest_verifies_with_jwcrypto(exported):
    from jwcrypto import jwk, jws

    with zipfile.ZipFile(exported["full"]) as z:
        token = z.read("manifest.jws").decode().strip()
        manifest_bytes = z.read("manifest.json")
        keys = jwk.JWKSet.from_json(z.read("keys/studio.jwks").decode())
        names = set(z.namelist())
        files = {n: z.read(n) for n in names}
    key = keys.get_key(exported["kid"])
    assert key.thumbprint() == exported["kid"]
    checked = jws.JWS()
    checked.deserialize(token)
    checked.verify(key, alg="EdDSA")
    assert checked.payload == manifest_bytes
    manifest = json.loads(manifest_bytes)
    import hashlib

    assert {f["path"] for f in manifest["files"]} | {"manifest.json", "manifest.jws"} == names
    for f in manifest["files"]:
        assert hashlib.sha256(files[f["path"]]).hexdigest() == f["sha256"]
    assert manifest["counts"]["consents"] == 1
    assert manifest["counts"]["tokens"] == 1
    assert manifest["counts"]["complaints"] == 1
    assert manifest["counts"]["audit_entries"] > 10
    lines = files["consents.jsonl"].decode().splitlines()
    assert len(lines) == 1
    consent = json.loads(lines[0])
    assert consent["consent"] == exported["done"].consent_id
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from consent_app.consent.record import b64url_decode, verify

    public = {k["kid"]: Ed25519PublicKey.from_public_bytes(b64url_decode(k["x"]))
              for k in json.loads(files["keys/studio.jwks"])["keys"]}
    assert verify(consent["record"], consent["proof"], public).ok  # the signed record, checkable as exported
    assert verify(consent["events"][0]["event"], consent["events"][0]["proof"], public).ok
    assert consent["record"]["recordId"] == f"urn:uuid:{exported['done'].consent_id}"
    withdrawals = [e for e in consent["events"] if e["event"]["type"] == "withdrawal"]
    assert withdrawals[0]["event"]["categories"] == ["face_swap"]
    assert consent["subjectName"] == NAME
    checkpoint = json.loads(files["checkpoint.json"])
    assert checkpoint["format"] == "consent_app.audit-checkpoint"


def _rewrite(source, target, name, change):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)


def _flip(data: bytes) -> bytes:
    i = len(data) // 2
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


def test_one_changed_byte_in_any_file_is_caught(exported, tmp_path):
    with zipfile.ZipFile(exported["pseudo"]) as z:
        names = z.namelist()
    assert "manifest.json" in names
    for name in names:
        changed = tmp_path / "changed.zip"
        _rewrite(exported["pseudo"], changed, name, _flip)
        result = _verify(changed, exported["kid"])
        assert result.returncode == 1, name
        assert "FAILED" in result.stderr, name
    extra = tmp_path / "extra.zip"
    _rewrite(exported["pseudo"], extra, "", _flip)
    with zipfile.ZipFile(extra, "a") as z:
        z.writestr("consents/planted.json", b"{}")
    result = _verify(extra, exported["kid"])
    assert result.returncode == 1
    assert "consents/planted.json: not listed" in result.stderr


def test_pseudonymised_export_has_no_names_contacts_or_biometrics(exported, faces_dir):
    blobs = {}
    with zipfile.ZipFile(exported["pseudo"]) as z:
        for n in z.namelist():
            blobs[n] = z.read(n)
    everything = b"".join(blobs.values())
    assert CONTACT.encode() not in everything
    assert NAME.encode() not in everything
    assert "林美".encode() not in everything
    consent = json.loads(blobs["consents.jsonl"].decode().splitlines()[0])
    assert "record" not in consent
    assert consent["proof"]["signatureValue"]
    assert consent["summary"]["withdrawn"] == ["face_swap"]
    with zipfile.ZipFile(exported["full"]) as z:
        full = b"".join(z.read(n) for n in z.namelist())
    assert CONTACT.encode() in full  # the full export does carry them
    for export in (everything, full):
        assert (faces_dir / "obama.jpg").read_bytes()[1000:1064] not in export
        assert b'"vector"' not in export
        assert b'"template"' not in export


def test_bad_input_writes_nothing(exported, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(exported["data_dir"]))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", "correct horse battery")
    with _store(exported["data_dir"]) as s, s.read() as conn:
        before = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    out = tmp_path / "x.zip"
    cases = [
        (["--from", "2026-02-01", "--to", "2026-01-01"], "the period is reversed"),
        (["--from", "yesterday", "--to", "2026-01-01"], "is not a date"),
    ]
    for extra, message in cases:
        assert main(["records", "export", str(out), *extra]) == 2
        assert message in capsys.readouterr().err
    assert main(["records", "export", str(tmp_path / "missing" / "x.zip"), "--from", exported["today"],
                 "--to", exported["today"]]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["records", "export", str(tmp_path / "x.txt"), "--from", exported["today"],
                 "--to", exported["today"]]) == 2
    assert list(tmp_path.iterdir()) == []
    with _store(exported["data_dir"]) as s, s.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before


@pytest.mark.parametrize("member", ["audit.jsonl", "consents.jsonl", "complaints.jsonl"])
@pytest.mark.parametrize("writer", [False, True])
def test_a_full_disk_while_writing_a_member_writes_nothing(exported, monkeypatch, tmp_path, writer, member):
    """The disk fills while a member of the archive is written (a hardware stand-in at the zip's write):
    a one-line coded error, no file (not even the temporary one) and no audit entry; also when the members
    are written on the writer thread (a core idle), where the failure is re-raised on the export's."""
    import errno

    from consent_app.errors import InputError
    from consent_app.records import export

    monkeypatch.setattr(export, "_writer_thread", lambda computed: writer)
    real = zipfile.ZipFile.writestr

    def full(self, info, data, *args, **kwargs):
        if getattr(info, "filename", info) == member:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with _store(exported["data_dir"]) as store:
        with store.read() as conn:
            before = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
        with pytest.raises(InputError) as caught:
            export.export(store, tmp_path / "x.zip", exported["today"], exported["today"], actor="admin")
        with store.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0] == before
    assert caught.value.code == "records.cannot_write"
    assert "No space left on device" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_members_written_on_the_writer_thread_are_the_same_files(exported, monkeypatch, tmp_path):
    """The writer thread (a core idle) writes the same members, in the same order, with the same manifest
    entries as the export's own thread, and the archive verifies with its checker."""
    import shutil

    from consent_app.records import export

    archives = {}
    for writer in (False, True):  # each from its own copy of the store (an export adds an audit entry)
        data_dir = shutil.copytree(exported["data_dir"], tmp_path / f"data-{writer}")
        monkeypatch.setattr(export, "_writer_thread", lambda computed, on=writer: on)
        archives[writer] = tmp_path / f"writer-{writer}.zip"
        with _store(data_dir) as store:
            export.export(store, archives[writer], exported["today"], exported["today"], actor="admin")
    contents = {}
    for writer, path in archives.items():
        with zipfile.ZipFile(path) as z:
            manifest = json.loads(z.read("manifest.json"))
            contents[writer] = ([(i.filename, i.CRC, i.file_size) for i in z.infolist()
                                 if i.filename not in ("manifest.json", "manifest.jws", "checkpoint.json")],
                                [f for f in manifest["files"] if f["path"] != "checkpoint.json"])
        done = _verify(path, exported["kid"])
        assert done.returncode == 0, done.stdout + done.stderr
    assert contents[True] == contents[False]
    assert [f["path"] for f in contents[True][1]][-5:] == ["audit.jsonl", "consents.jsonl", "tokens.json",
                                                            "usage_receipts.json", "complaints.jsonl"]


def test_operators_cannot_export(exported, capsys, monkeypatch, tmp_path):
    from storesupport import OPERATOR_PASSWORD

    monkeypatch.setenv("CONSENT_APP_DATA_DIR", str(exported["data_dir"]))
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", OPERATOR_PASSWORD)
    assert main(["records", "export", str(tmp_path / "x.zip"), "--from", exported["today"],
                 "--to", exported["today"]]) == 1
    assert "needs an admin" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


def test_states_come_from_the_signed_events_not_the_columns(exported, tmp_path):
    """The cached columns of a copy of the store are made to lie (no withdrawal, other categories, no
    revocation): the export still reports what the signed record and events say."""
    import shutil

    from consent_app.records import export

    data_dir = tmp_path / "data"
    shutil.copytree(exported["data_dir"], data_dir)
    consent_id = exported["done"].consent_id
    with _store(data_dir) as store:
        with store.transaction() as tx:
            tx.execute("UPDATE consents SET state = 'active', withdrawn_categories = '[]', "
                       "categories = '[\"face_swap\", \"invented\"]' WHERE id = ?", (consent_id,))
        out = tmp_path / "lying-columns.zip"
        export.export(store, out, exported["today"], exported["today"], actor="admin")
    with zipfile.ZipFile(out) as z:
        consent = json.loads(z.read("consents.jsonl").decode().splitlines()[0])
        tokens = json.loads(z.read("tokens.json"))
    signed = consent["record"]["purposes"][0]["processing"]
    assert consent["summary"]["categories"] == signed
    assert "invented" not in signed
    assert consent["summary"]["withdrawn"] == ["face_swap"]
    assert consent["summary"]["state"] == "partially_withdrawn"
    assert consent["summary"]["problems"] == []
    assert len(tokens) == 1
    assert tokens[0]["state"] == "revoked"  # the withdrawal covers an operation of the token
    assert tokens[0]["revoked_at"] == next(e["event"]["time"] for e in consent["events"]
                                          if e["event"]["type"] == "withdrawal")


def test_a_consent_created_before_the_period_is_exported_for_its_event_in_it(exported, tmp_path):
    """A withdrawal two days later: the export of that day holds the consent (created before), its
    events and the state they give; the export of the day after holds nothing."""
    import shutil
    from datetime import timedelta

    from consent_app.consent import records
    from consent_app.records import export

    data_dir = tmp_path / "data"
    shutil.copytree(exported["data_dir"], data_dir)
    consent_id = exported["done"].consent_id
    later = clock.now() + timedelta(days=2)
    day = later.date().isoformat()
    clock.set_clock(lambda: later)
    try:
        with _store(data_dir) as store:
            with store.transaction() as tx:
                records.withdraw(tx, consent_id, categories=None, reason="all of it", staff="admin")
            out, empty = tmp_path / "later.zip", tmp_path / "after.zip"
            export.export(store, out, day, day, actor="admin")
            after = (later + timedelta(days=1)).date().isoformat()
            export.export(store, empty, after, after, actor="admin")
    finally:
        clock.set_clock(None)
    with zipfile.ZipFile(out) as z:
        lines = z.read("consents.jsonl").decode().splitlines()
    assert len(lines) == 1
    consent = json.loads(lines[0])
    assert consent["consent"] == consent_id
    assert consent["summary"]["createdAt"] < day
    assert consent["summary"]["state"] == "withdrawn"
    assert [e["event"]["type"] for e in consent["events"]].count("withdrawal") == 2
    with zipfile.ZipFile(empty) as z:
        assert z.read("consents.jsonl") == b""


@pytest.mark.parametrize("worker", [False, True])
def test_an_event_whose_signature_does_not_verify_is_a_problem_not_a_state(exported, tmp_path, monkeypatch,
                                                                          worker):
    """A withdrawal of every category written straight into a copy of the store, with the right hash,
    columns and key id but signed by another key: the export checks every event's signature, so the forged
    withdrawal is listed as a problem and the state stays what the genuine events say. ``worker``: the
    export's signatures all verified by the second thread (as on an idle machine: a core found idle, one
    event a chunk, the worker done before the export asks for the answers), not on the export's thread."""
    import shutil
    import uuid

    from consent_app import spare_core
    from consent_app.consent.events import SignatureCheck

    if worker:
        ran = []
        result = SignatureCheck.result

        def after_the_worker(self):
            if self._worker is not None:
                self._worker.result(timeout=60)
                ran.append(self.parallel)
            return result(self)

        monkeypatch.setattr(SignatureCheck, "_MIN_BACKGROUND", 0)
        monkeypatch.setattr(SignatureCheck, "_CHUNK", 1)
        monkeypatch.setattr(spare_core.IdleMeter, "spare", lambda self, cancel=None: True)
        monkeypatch.setattr(SignatureCheck, "result", after_the_worker)

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.canonical import canonical_json, sha256_hex
    from consent_app.consent import events
    from consent_app.consent.record import b64url
    from consent_app.crypto.keys import active_key
    from consent_app.records import export

    data_dir = tmp_path / "data"
    shutil.copytree(exported["data_dir"], data_dir)
    consent_id = exported["done"].consent_id
    with _store(data_dir) as store:
        with store.transaction() as tx:
            record_hash, record = tx.execute("SELECT record_hash, record FROM consents WHERE id = ?",
                                             (consent_id,)).fetchone()
            seen, at, event_id = events.heads(tx, consent_id), clock.iso(), str(uuid.uuid4())
            body = {"schema": events.EVENT_SCHEMA, "eventId": f"urn:uuid:{event_id}",
                    "recordId": f"urn:uuid:{consent_id}", "record": record_hash, "seen": seen,
                    "type": "withdrawal", "time": at, "actor": "admin", "demo": False,
                    "categories": json.loads(record)["purposes"][0]["processing"], "remaining": [],
                    "reason": "forged"}
            data = canonical_json(body)
            digest = "sha256:" + sha256_hex(data)
            tx.execute(f"INSERT INTO events ({events.COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (digest, event_id, consent_id, "withdrawal", None, at, "admin", json.dumps(seen),
                        data.decode(), active_key(tx).kid, b64url(Ed25519PrivateKey.generate().sign(data))))
        out = tmp_path / "forged.zip"
        export.export(store, out, exported["today"], exported["today"], actor="admin")
    with zipfile.ZipFile(out) as z:
        consent = json.loads(z.read("consents.jsonl").decode().splitlines()[0])
        tokens = json.loads(z.read("tokens.json"))
    assert consent["summary"]["problems"] == [f"event {digest[:23]}: the Ed25519 signature does not verify"]
    if worker:
        assert ran  # the worker started
        assert all(ran)  # and verified them (each check's rows, the forged one included)
    assert consent["summary"]["state"] == "partially_withdrawn"
    assert consent["summary"]["withdrawn"] == ["face_swap"]
    assert tokens[0]["revoked_reason"] == "consent withdrawn: asked"


def test_audit_lines_escape_every_character_as_json_does(exported, tmp_path):
    """audit.jsonl is put together by SQLite: an entry whose actor, target and details hold quotes,
    backslashes, control characters and non-ASCII text comes out as the JSON text Python writes for it,
    and reads back to the stored values."""
    import shutil

    from consent_app import audit
    from consent_app.records import export

    data_dir = tmp_path / "data"
    shutil.copytree(exported["data_dir"], data_dir)
    odd = 'a"b\\c\n\t\r\b\f\x01\x1f\x7f 林美 \u2028 😀'
    with _store(data_dir) as store:
        with store.transaction() as tx:
            entry = audit.append(tx, f"admin{odd}", "test.odd", f"x:{odd}", {"note": odd, "n": 1})
        out = tmp_path / "odd.zip"
        export.export(store, out, exported["today"], exported["today"], actor="admin")
        with store.read() as conn:
            row = conn.execute("SELECT seq, ts, actor, action, target, details, prev_hash, hash FROM audit "
                               "WHERE seq = ?", (entry.seq,)).fetchone()
    with zipfile.ZipFile(out) as z:
        lines = z.read("audit.jsonl").decode().split("\n")  # not splitlines(): U+2028 is no line end here
    line = next(x for x in lines if '"action":"test.odd"' in x)
    seq, ts, actor, action, target, details, prev_hash, digest = row
    expected = json.dumps({"seq": seq, "ts": ts, "actor": actor, "action": action, "target": target,
                           "details": json.loads(details), "prev_hash": prev_hash, "hash": digest},
                          ensure_ascii=False, separators=(",", ":")).replace(
        json.dumps(json.loads(details), ensure_ascii=False, separators=(",", ":")), details)
    assert line == expected
    assert json.loads(line)["actor"] == f"admin{odd}"
    assert json.loads(line)["details"]["note"] == odd


def test_consent_and_token_lines_are_written_as_the_json_encoder_writes_them(exported):
    """The consents and tokens sections write their objects field by field: every kind of value comes out
    as json.dumps writes it, and the exported lines read back as the same objects re-encoded."""
    from consent_app.records import sections

    odd = 'a"b\\c\n\t\x01\x7f 林美 \u2028 😀'
    for value in (odd, "", None, True, False, 0, 7, 2.5, [odd, None, 3], {"b": 1, "a": odd}):
        assert sections._js(value) == sections.dumps(value)
    assert sections._jlist((odd, "x")) == sections.dumps([odd, "x"])
    assert sections._jlist(()) == "[]"
    with zipfile.ZipFile(exported["full"]) as z:
        line = z.read("consents.jsonl").decode().split("\n")[0]
        tokens = z.read("tokens.json").decode()
    assert tokens == sections.dumps(json.loads(tokens)) + "\n"
    consent = json.loads(line)
    head = {k: consent[k] for k in ("consent", "proof", "subject", "subjectName", "summary")}
    assert line.startswith(sections.dumps(head)[:-1] + ',"events":[')


def test_a_record_altered_in_the_store_is_a_problem(exported, tmp_path):
    """The stored record's text changed behind the app's back (triggers dropped, as an insider could): the
    export checks each record's bytes against its hash and says so in the consent's problems, in both the
    full and the pseudonymised export."""
    import shutil

    from consenthelpers import tamper

    from consent_app.records import export

    data_dir = tmp_path / "data"
    shutil.copytree(exported["data_dir"], data_dir)
    with _store(data_dir) as store:
        tamper(store, "UPDATE consents SET record = replace(record, 'face_swap', 'face_generation') "
                      "WHERE id = ?", (exported["done"].consent_id,))
        for name, pseudonymise in (("full.zip", False), ("pseudo.zip", True)):
            export.export(store, tmp_path / name, exported["today"], exported["today"], actor="admin",
                          pseudonymise=pseudonymise)
            with zipfile.ZipFile(tmp_path / name) as z:
                consent = json.loads(z.read("consents.jsonl").decode().split("\n")[0])
            problems = consent["summary"]["problems"]
            assert "the signed record does not match its hash (it was altered)" in problems
