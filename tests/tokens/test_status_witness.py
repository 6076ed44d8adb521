"""Status lists carry a growing sequence and the signed audit head; revocations are never undone.

`consent-verify --state DIR` remembers what it saw, so an older (genuinely signed) list is refused.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from storesupport import store_consent
from tokenhelpers import NOW

from consent_app import audit, clock
from consent_app.crypto import keys as signing
from consent_app.errors import PolicyError
from consent_app.tokens import export_jwks, export_status_lists, issue, revoke_token
from consent_app.tokens.signing import sign_compact
from consent_app.verify import codes as C
from consent_app.verify.cli import main as verify_main
from consent_app.verify.jose import b64url_decode


@pytest.fixture
def tstore(store):
    current = [NOW]
    clock.set_clock(lambda: current[0])
    yield store, current
    clock.set_clock(None)


def _payload(jws: str) -> dict:
    return json.loads(b64url_decode(jws.split(".")[1]))


def _issue(store):
    with store.transaction() as tx:
        return issue(tx, store_consent(tx), actor="op")


def _export(store, path):
    with store.transaction() as tx:
        lists = export_status_lists(tx, "admin")
    path.write_text("\n".join(lists) + "\n")
    return lists


def test_each_export_carries_a_growing_sequence_and_the_signed_audit_head(tstore, tmp_path):
    store, _ = tstore
    first = _payload(_export(store, tmp_path / "1.jwt")[0])
    second = _payload(_export(store, tmp_path / "2.jwt")[0])
    assert first["studioWitness"]["sequence"] >= int(NOW.timestamp()) * 1000  # at least the export time (ms)
    assert second["studioWitness"]["sequence"] > first["studioWitness"]["sequence"]  # grows within a second
    with store.read() as conn:
        count, head = audit.head(conn)
        last = list(audit.entries(conn))[-1]
    sequence = second["studioWitness"]["sequence"]
    assert second["studioWitness"] == {"sequence": sequence, "auditCount": count, "auditHead": head}
    assert last.action == "status.export"
    assert last.details["sequence"] == sequence


def test_export_refuses_to_clear_a_published_revocation(tstore, tmp_path, monkeypatch):
    store, _ = tstore
    issued = _issue(store)
    with store.transaction() as tx:
        revoke_token(tx, issued.token_id, "admin", "lost laptop")
    first = _payload(_export(store, tmp_path / "s.jwt")[0])
    # an insider clears the revocation in the table, behind the app's back
    with store.transaction() as tx:
        triggers = tx.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "AND tbl_name = 'tokens'").fetchall()
        for name, _ in triggers:
            tx.execute(f"DROP TRIGGER {name}")
        tx.execute("UPDATE tokens SET revoked_at = NULL")
    # the state comes from the signed revocation event, so the column edit changes nothing
    again = _payload(_export(store, tmp_path / "s1.jwt")[0])
    assert again["studioWitness"]["sequence"] > first["studioWitness"]["sequence"]
    # and should the computation ever lose a revocation, the export still refuses to clear the bit
    from consent_app.tokens import statuslists

    monkeypatch.setattr(statuslists, "revoked_entries", lambda conn: set())
    with pytest.raises(PolicyError, match="never undone") as err:
        _export(store, tmp_path / "s2.jwt")
    assert err.value.code == "status.revocation_cleared"


def _verify(token, keys, status, state=None):
    at = (NOW + timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    argv = [str(token), "--keys", str(keys), "--status", str(status), "--operation", "face_swap", "--at", at]
    if state is not None:
        argv += ["--state", str(state)]
    return verify_main(argv)


def test_verifier_state_refuses_an_older_list_and_a_cleared_revocation(tstore, tmp_path, capsys):
    store, current = tstore
    issued = _issue(store)
    token = tmp_path / "token.jwt"
    token.write_text(issued.token)
    keys = tmp_path / "studio.jwks"
    with store.transaction() as tx:
        keys.write_text(json.dumps(export_jwks(tx, NOW)))
    state = tmp_path / "state"
    state.mkdir()
    old = tmp_path / "old.jwt"
    _export(store, old)  # not revoked yet
    assert _verify(token, keys, old, state) == C.VALID
    with store.transaction() as tx:
        revoke_token(tx, issued.token_id, "admin", "consent withdrawn")
    current[0] = NOW + timedelta(minutes=5)
    new = tmp_path / "new.jwt"
    _export(store, new)  # revoked, a later sequence
    assert _verify(token, keys, new, state) == C.REVOKED
    capsys.readouterr()
    # a farm fed the old list again: without state it passes, with state it is refused
    assert _verify(token, keys, old) == C.VALID
    assert _verify(token, keys, old, state) == C.STATUS_UNAVAILABLE
    old_seq = _payload(old.read_text().split()[0])["studioWitness"]["sequence"]
    new_seq = _payload(new.read_text().split()[0])["studioWitness"]["sequence"]
    assert f"older (sequence {old_seq}) than one already seen (sequence {new_seq})" in capsys.readouterr().out
    # an insider with the signing key signs a newer list with the revocation cleared
    forged = _payload(new.read_text().split()[0])
    forged["studioWitness"]["sequence"] += 1
    forged["credentialSubject"]["encodedList"] = _payload(old.read_text().split()[0])[
        "credentialSubject"]["encodedList"]
    with store.read() as conn:
        key = signing.active_key(conn)
    (tmp_path / "forged.jwt").write_text(sign_compact(forged, key.private, key.kid) + "\n")
    assert _verify(token, keys, tmp_path / "forged.jwt") == C.VALID  # the signature is genuine
    assert _verify(token, keys, tmp_path / "forged.jwt", state) == C.STATUS_UNAVAILABLE
    assert "never undone" in capsys.readouterr().out
    # a list without a sequence once one was seen, and a damaged state file, are refused too
    legacy = _payload(new.read_text().split()[0])
    del legacy["studioWitness"]
    (tmp_path / "legacy.jwt").write_text(sign_compact(legacy, key.private, key.kid) + "\n")
    assert _verify(token, keys, tmp_path / "legacy.jwt", state) == C.STATUS_UNAVAILABLE
    (state_file,) = [p for p in state.iterdir() if p.suffix == ".json"]
    assert json.loads(state_file.read_text())["sequence"] == new_seq
    state_file.write_text("{")
    assert _verify(token, keys, new, state) == C.STATUS_UNAVAILABLE
    assert "damaged" in capsys.readouterr().out
    assert _verify(token, keys, new, tmp_path / "no-such-folder") == C.USAGE
