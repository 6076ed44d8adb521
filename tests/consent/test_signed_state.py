"""State from signed events, tried as an insider with the store key would: edit columns, delete events.

Every attack runs against a real SQCipher store opened with its key (``tamper`` drops the append-only
triggers first, as an insider could). Each must be detected or refused; nothing may be issued for a
withdrawn category; the next status list must not un-revoke a token.
"""

from __future__ import annotations

import json

import pytest
from consenthelpers import tamper
from storesupport import store_consent

from consent_app import audit
from consent_app.cli import main
from consent_app.consent import events, records
from consent_app.consent import state as st
from consent_app.crypto.keys import public_key_map as signing_keys
from consent_app.errors import PolicyError
from consent_app.tokens import export_jwks, export_status_lists, issue, revoke_token
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify import codes as C


def _verifier(store) -> Verifier:
    with store.transaction() as tx:
        keys = KeySet.from_jwks(export_jwks(tx))
        lists = export_status_lists(tx, "admin")
    return Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))


@pytest.fixture
def withdrawn(consent_store):
    """A consent with a face_swap and a tts_voice_clone token; face_swap then withdrawn (signed)."""
    with consent_store.transaction() as tx:
        cid = store_consent(tx)
        swap = issue(tx, cid, ["face_swap"], actor="op")
        voice = issue(tx, cid, ["tts_voice_clone"], actor="op")
    with consent_store.transaction() as tx:
        stale_grant = records.grant(tx, cid)  # taken before the withdrawal
        records.withdraw(tx, cid, categories=["face_swap"], reason="no more swaps", staff="op")
    return cid, swap, voice, stale_grant


def test_state_comes_from_the_events(consent_store, withdrawn):
    cid, swap, voice, _ = withdrawn
    with consent_store.read() as conn:
        consent = records.get_verified(conn, cid)
    assert consent.state == "partially_withdrawn"
    assert consent.withdrawn_categories == ("face_swap",)
    assert [e.kind for e in consent.events] == ["token_issue", "token_issue", "withdrawal", "revocation"]
    first = consent.events[0]
    assert first.body["record"] == consent.record_hash
    assert first.body["seen"] == []
    assert consent.events[1].body["seen"] == [first.hash]  # names what its author had seen
    tokens = {t.id: t for t in consent.tokens}
    assert tokens[swap.token_id].state == "revoked"
    assert tokens[swap.token_id].cause == "withdrawal"
    assert tokens[voice.token_id].state == "issued"


def test_a_withdrawn_category_is_refused_even_with_a_grant_that_says_active(consent_store, withdrawn):
    _, _, _, stale_grant = withdrawn
    assert "face_swap" in stale_grant.allowed_operations
    with consent_store.transaction() as tx, \
            pytest.raises(PolicyError, match="face_swap was withdrawn") as exc:
        issue(tx, stale_grant, ["face_swap"], actor="op")
    assert exc.value.code == "token.category_withdrawn"
    with consent_store.transaction() as tx:  # what remains can still be issued, and never the withdrawn one
        fresh = issue(tx, stale_grant, actor="op")
    assert fresh.payload["credentialSubject"]["operations"] == ["face_attribute_edit", "tts_voice_clone"]


def test_column_edit_is_refused_loudly_and_nothing_is_issued_or_unrevoked(consent_store, withdrawn, cli_env,
                                                                          capsys, monkeypatch):
    cid, swap, voice, _ = withdrawn
    tamper(consent_store, "UPDATE consents SET state = 'active', withdrawn_categories = '[]', "
                          "withdrawn_at = NULL WHERE id = ?", (cid,))
    tamper(consent_store, "UPDATE tokens SET revoked_at = NULL, revoked_by = NULL, revoked_reason = NULL")
    with consent_store.read() as conn:
        consent = records.get(conn, cid)
        assert any("stored state disagrees with its signed events" in p for p in consent.problems)
        with pytest.raises(PolicyError, match=f"consent {cid}: stored state disagrees with its signed event"):
            records.get_verified(conn, cid)
    with consent_store.transaction() as tx, pytest.raises(PolicyError, match="stored state disagrees"):
        issue(tx, cid, ["face_swap"], actor="op")
    verifier = _verifier(consent_store)
    assert verifier.decide(swap.token, "face_swap").code == C.REVOKED  # never un-revoked
    assert verifier.decide(voice.token, "tts_voice_clone").code == C.REVOKED  # fail closed
    with consent_store.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM tokens").fetchone()[0] == 2


def test_column_edit_through_the_commands(withdrawn_cli, capsys):
    data_dir, cid = withdrawn_cli
    assert main(["consent", "show", cid]) == 1
    assert "stored state disagrees with its signed events" in capsys.readouterr().err
    assert main(["token", "issue", cid, "--out", str(data_dir.parent / "t.jwt"), "--operations",
                 "face_swap"]) == 1
    assert "stored state disagrees" in capsys.readouterr().err
    assert main(["token", "list", "--json"]) == 0
    assert {t["state"] for t in json.loads(capsys.readouterr().out)} == {"unverified"}
    assert main(["consent", "list"]) == 0
    assert "DOES NOT VERIFY" in capsys.readouterr().out


@pytest.fixture
def withdrawn_cli(cli_env):
    from storesupport import PASSPHRASE, make_store

    from consent_app.store import Store

    make_store(cli_env).close()
    with Store.open(cli_env, PASSPHRASE) as store:
        with store.transaction() as tx:
            cid = store_consent(tx)
            issue(tx, cid, ["face_swap"], actor="op")
            records.withdraw(tx, cid, categories=["face_swap"], reason="r", staff="op")
        tamper(store, "UPDATE consents SET state = 'active', withdrawn_categories = '[]' WHERE id = ?",
               (cid,))
    return cli_env, cid


@pytest.mark.parametrize("which", ["withdrawal", "revocation", "both"])
def test_deleted_events_are_detected(consent_store, withdrawn, which):
    cid, swap, _, _ = withdrawn
    kinds = ("withdrawal", "revocation") if which == "both" else (which,)
    marks = ",".join("?" * len(kinds))
    tamper(consent_store, f"DELETE FROM events WHERE consent_id = ? AND kind IN ({marks})", (cid, *kinds))
    tamper(consent_store, "UPDATE consents SET state = 'active', withdrawn_categories = '[]' WHERE id = ?",
           (cid,))
    with consent_store.read() as conn:
        consent = records.get(conn, cid)
    assert any("not stored (deleted?)" in p for p in consent.problems), consent.problems
    with consent_store.transaction() as tx, \
            pytest.raises(PolicyError, match=r"failed verification|stored state disagrees"):
        issue(tx, cid, ["face_swap"], actor="op")
    assert _verifier(consent_store).decide(swap.token, "face_swap").code == C.REVOKED


def test_deleting_the_audit_entries_too_breaks_the_audit_chain(consent_store, withdrawn):
    cid, _, _, _ = withdrawn
    with consent_store.transaction() as tx:
        tx.execute("DROP TRIGGER audit_no_delete")
        tx.execute("DROP TRIGGER events_no_delete")
        tx.execute("DELETE FROM events WHERE consent_id = ? AND kind IN ('withdrawal', 'revocation')", (cid,))
        tx.execute("DELETE FROM audit WHERE action IN ('consent.event', 'consent.withdraw', 'token.revoke') "
                   "AND seq > (SELECT MIN(seq) FROM audit WHERE action = 'consent.withdraw') - 1")
        tx.execute("UPDATE consents SET state = 'active', withdrawn_categories = '[]' WHERE id = ?", (cid,))
        assert audit.verify_chain(tx).ok  # a cut tail alone is for checkpoints and witnesses to catch
        audit.append(tx, "admin", "setting.change", "setting:x", {})  # but the store goes on being used
        tx.execute("DELETE FROM audit WHERE action = 'token.issue'")
    with consent_store.read() as conn:
        assert not audit.verify_chain(conn).ok  # caught by the chain (and by witnesses once recomputed)


def test_tokens_and_events_are_append_only(consent_store, withdrawn):
    with consent_store.transaction() as tx, pytest.raises(Exception, match="append-only"):
        tx.execute("UPDATE tokens SET revoked_at = NULL")
    with consent_store.transaction() as tx, pytest.raises(Exception, match="append-only"):
        tx.execute("DELETE FROM tokens")
    with consent_store.transaction() as tx, pytest.raises(Exception, match="append-only"):
        tx.execute("DELETE FROM events")


def test_an_altered_event_or_a_foreign_token_row_is_detected(consent_store, withdrawn):
    cid, swap, _, _ = withdrawn
    tamper(consent_store, "UPDATE events SET body = replace(body, 'face_swap', 'face_generation') "
                          "WHERE kind = 'withdrawal'")
    with consent_store.read() as conn:
        assert any("does not match its hash" in p for p in records.get(conn, cid).problems)
    with consent_store.transaction() as tx:
        other = store_consent(tx)
    tamper(consent_store, "UPDATE tokens SET operations = '[\"face_generation\"]' WHERE consent_id = ?",
           (other,))
    tamper(consent_store, "INSERT INTO tokens SELECT 'forged', consent_id, kid, issued_at, issued_by, "
                          "valid_from, valid_until, operations, bindings, status_list, status_index + 1, "
                          "sha256, "
                          "NULL, NULL, NULL FROM tokens WHERE id = ?", (swap.token_id,))
    with consent_store.read() as conn:
        assert any("token forged: no signed issue event" in p for p in records.get(conn, cid).problems)


def test_manual_revocation_is_a_signed_event(consent_store, withdrawn):
    cid, _, voice, _ = withdrawn
    with consent_store.transaction() as tx:
        assert revoke_token(tx, voice.token_id, "admin", "file lost")
        assert not revoke_token(tx, voice.token_id, "admin", "again")
    with consent_store.read() as conn:
        consent = records.get_verified(conn, cid)
    last = consent.events[-1]
    assert (last.kind, last.body["tokens"]) == ("revocation", [voice.token_id])
    assert last.body["cause"] == "revocation"
    assert consent.status.token(voice.token_id).revoked_reason == "file lost"


def test_concurrent_events_merge_instead_of_looking_like_tampering(consent_store, monkeypatch):
    """Two stations withdraw different categories from the same view: both events stand; state is
    the union."""
    with consent_store.transaction() as tx:
        cid = store_consent(tx)
        view = events.heads(tx, cid)
    real_heads = events.heads
    monkeypatch.setattr(events, "heads", lambda conn, consent_id: list(view))  # neither saw the other
    with consent_store.transaction() as tx:
        records.withdraw(tx, cid, categories=["face_swap"], reason="station A", staff="op", revoke=_no_tokens)
    with consent_store.transaction() as tx:
        records.withdraw(tx, cid, categories=["tts_voice_clone"], reason="station B", staff="op",
                         revoke=_no_tokens)
    monkeypatch.setattr(events, "heads", real_heads)
    with consent_store.read() as conn:
        consent = records.get_verified(conn, cid)
        heads = events.heads(conn, cid)
    assert set(consent.withdrawn_categories) == {"face_swap", "tts_voice_clone"}
    assert consent.state == "partially_withdrawn"
    assert len(heads) == 2
    assert all(e.body["seen"] == [] for e in consent.events)
    with consent_store.transaction() as tx:  # the next event names both heads
        last = records.withdraw(tx, cid, categories=None, reason="all", staff="op")
    assert last.body["seen"] == heads


def _no_tokens(tx, consent_id, operations, actor, reason):
    return []


def test_state_is_monotonic_in_the_set_of_events(consent_store, withdrawn):
    """Any subset of the events gives a state with at most the same withdrawals and revocations."""
    import itertools

    cid, _, _, _ = withdrawn
    with consent_store.read() as conn:
        consent = records.get_verified(conn, cid)
        rows = st.token_rows(conn, cid)
    full = consent.events
    for n in range(len(full) + 1):
        for subset in itertools.combinations(full, n):
            part = st.compute(cid, consent.record_hash, consent.categories, list(subset), rows, set())
            bigger = st.compute(cid, consent.record_hash, consent.categories, list(full), rows, set())
            assert set(part.withdrawn) <= set(bigger.withdrawn)
            assert {t.id for t in part.tokens if t.state == "revoked"} <= \
                {t.id for t in bigger.tokens if t.state == "revoked"}


def test_moving_a_consent_to_another_person_is_detected(consent_store):
    with consent_store.transaction() as tx:
        cid = store_consent(tx, name="Mei Lin 林美")
    with consent_store.read() as conn:
        consent = records.get_verified(conn, cid)
        salts = conn.execute("SELECT field FROM commitment_salts WHERE consent_id = ?", (cid,)).fetchall()
    committed = consent.record["dataSubject"]["commitments"]
    assert set(committed) == {"name"}
    assert committed["name"].startswith("hmac-sha256:")
    assert "Mei Lin" not in json.dumps(consent.record)  # the name itself is not in the record
    assert salts == [("name",)]
    tamper(consent_store, "UPDATE subjects SET display_name = 'Somebody Else' WHERE id = ?",
           (consent.subject_id,))
    with consent_store.read() as conn, pytest.raises(PolicyError, match="name differs from the one bound"):
        records.get_verified(conn, cid)


def test_further_identity_fields_can_be_committed(consent_store, monkeypatch):
    from consent_app.consent import identity

    stored = {"value": "E12345678"}
    monkeypatch.setitem(identity._READERS, "document_number", lambda conn, sid: stored["value"])
    with consent_store.transaction() as tx:
        cid = store_consent(tx)
    # store_consent commits only the name; commit a document number on a second record the same way
    with consent_store.transaction() as tx:
        subject = records.get(tx, cid).subject_id
        extra = identity.commit(tx, "c2", subject, {"document_number": "E12345678"})
    assert set(extra) == {"name", "document_number"}
    with consent_store.read() as conn:
        record = {"dataSubject": {"commitments": extra}}
        assert identity.problems(conn, "c2", subject, record) == []
        stored["value"] = "E99999999"
        assert identity.problems(conn, "c2", subject, record) == [
            "the subject's document_number differs from the one bound to the signed record"]


@pytest.mark.parametrize("background", [False, True])
def test_many_signatures_checked_at_once_give_the_single_check_answers(consent_store, withdrawn, background):
    """SignatureCheck (exports: libsodium, in a worker thread when a core is idle) answers as the single
    check (cryptography) does, for good signatures, one by another key, one that is not base64, one cut
    short and one by a key the studio does not have: every row answered, in chunks across the threads."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.consent import record as rec
    from consent_app.consent.record import b64url
    from consent_app.crypto.keys import public_key_map

    with consent_store.read() as conn:
        good = conn.execute(f"SELECT {events.COLUMNS} FROM events").fetchall()
        keys = public_key_map(conn)
    other = b64url(Ed25519PrivateKey.generate().sign(good[0][8].encode()))
    bad = [(*good[0][:10], other), (*good[1][:10], "!!not base64!!"), (*good[2][:10], good[2][10][:40]),
           (*good[3][:9], "unknown-kid", good[3][10])]
    rows = [(f"h{i}", *row[1:]) for i, row in enumerate((good + bad) * 100)]  # 800 rows: several chunks
    answers = events.SignatureCheck(rows, keys, background=background).result()
    assert len(answers) == len(rows)
    for row in rows:  # what the single check's cryptography call says about the same signature
        try:
            keys[row[9]].verify(rec.b64url_decode(row[10]), row[8].encode())
            expected = True
        except (KeyError, ValueError, InvalidSignature):
            expected = False
        assert answers[row[0]] is expected, (row[9], row[10][:10])
    assert sum(answers.values()) == len(good) * 100


class _Meter:
    """An IdleMeter whose answer the test sets (the real one reads /proc/stat: tests/core/test_spare_core)."""

    cpus = 2
    idle_cores = None

    def __init__(self, spare: bool) -> None:
        self._spare = spare

    def spare(self, cancel=None) -> bool:
        return self._spare


@pytest.mark.parametrize("idle", [True, False])
def test_the_worker_verifies_only_on_an_idle_core_and_every_row_is_checked(consent_store, withdrawn, idle):
    """With a core idle the worker verifies the rows (all of them here: it finishes before result() is
    asked); with none it verifies nothing and result() verifies every row on the caller's thread. Either
    way a forged signature (another key's) and a signature moved from another event are answered no."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.consent.record import b64url

    with consent_store.read() as conn:
        good = conn.execute(f"SELECT {events.COLUMNS} FROM events").fetchall()
        keys = signing_keys(conn)
    forged = (*good[0][:10], b64url(Ed25519PrivateKey.generate().sign(good[0][8].encode())))
    moved = (*good[1][:10], good[0][10])
    rows = [(f"h{i}", *row[1:]) for i, row in enumerate([*(good * 300)[:600], forged, moved])]
    check = events.SignatureCheck(rows, keys, idle=_Meter(idle))  # 602 rows: more than _MIN_BACKGROUND
    assert check._worker is not None  # two CPUs: the worker starts and asks the meter
    check._worker.result(timeout=60)  # let it finish (or decline) before the caller verifies anything
    assert check.parallel is idle
    answers = check.result()
    assert len(answers) == len(rows)
    assert [h for h, ok in answers.items() if not ok] == ["h600", "h601"]


@pytest.mark.parametrize("covered", ["none", "early", "all"])
def test_load_many_checks_every_signature_whatever_was_checked_early(consent_store, withdrawn, covered):
    """A withdrawal whose signature was swapped for another event's is a problem in load_many's states
    whether the caller's early check covered that event, covered none, or load_many checked them itself."""
    cid, *_ = withdrawn
    tamper(consent_store, "UPDATE events SET signature = (SELECT signature FROM events e2 "
                          "WHERE e2.kind = 'token_issue' LIMIT 1) WHERE kind = 'withdrawal'")
    with consent_store.read() as conn:
        rows = conn.execute(f"SELECT {events.COLUMNS} FROM events").fetchall()
        record_hash, record = conn.execute("SELECT record_hash, record FROM consents WHERE id = ?",
                                           (cid,)).fetchone()
        keys = signing_keys(conn)
        checked = {"none": None, "early": [r for r in rows if r[3] != "withdrawal"], "all": rows}[covered]
        early = None if checked is None else events.SignatureCheck(checked, keys)
        wanted = {cid: (record_hash, json.loads(record)["purposes"][0]["processing"])}
        state = st.load_many(conn, wanted, keys, events=rows, checks=early)[cid]
    assert [p for p in state.problems if "signature does not verify" in p]
    assert state.withdrawn == ()  # the withdrawal does not count
