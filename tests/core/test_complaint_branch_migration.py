"""Complaint events rebuilt without ``UNIQUE (complaint_id, seq)``: rows and append-only triggers survive, and
two steps may now share a number (concurrent steps at two studio stations, docs/studio.md)."""

from __future__ import annotations

import pytest
import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from storesupport import fast_argon2

from consent_app.store import Store, migrations
from consent_app.studio.objects import public_raw

PASS = "migrate me please"
T = "2026-01-01T00:00:00Z"
COLUMNS = "id, complaint_id, seq, state, at, staff, body, body_hash, kid, signature"


def _version_of(name: str) -> int:
    return next(m.version for m in migrations.all_migrations() if m.module.__name__.endswith(name))


def _event(eid: str, seq: int) -> tuple:
    return (eid, "c1", seq, "received", "2026-01-01T00:00:00Z", "op", "{}", f"h{eid}", "k1", "sig")


def test_events_and_triggers_survive_and_steps_may_branch(tmp_path):
    store = Store.create(tmp_path / "d", passphrase=PASS, argon2=fast_argon2(),
                         schema_version=_version_of("complaint_event_branches") - 1)
    with store.read() as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at, "
                     "retired_at) VALUES ('k1', 'Ed25519', x'', ?, ?, ?)",
                     (public_raw(Ed25519PrivateKey.generate()), T, T))
        conn.execute("INSERT INTO complaints (id, received_at, channel, complainant_role, contact, "
                     "contact_salt, claim, note, intake, intake_hash, kid, signature, state, created_by) "
                     "VALUES ('c1', ?, 'staff', 'subject', 'x', x'00', 'other', '', '{}', 'h', 'k1', "
                     "'s', 'received', 'op')", (T,))
        conn.executemany(f"INSERT INTO complaint_events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [_event("e1", 1), _event("e2", 2)])
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute(f"INSERT INTO complaint_events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         _event("e3", 2))
        conn.execute("COMMIT")
        before = conn.execute(f"SELECT {COLUMNS} FROM complaint_events ORDER BY rowid").fetchall()
    store.close()
    with Store.open(tmp_path / "d", PASS) as store, store.read() as conn:
        assert store.schema_version == migrations.latest_version()
        assert conn.execute(f"SELECT {COLUMNS} FROM complaint_events ORDER BY rowid").fetchall() == before
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(f"INSERT INTO complaint_events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     _event("e3", 2))  # a concurrent step 2 from another station
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("UPDATE complaint_events SET staff = 'x' WHERE id = 'e1'")
        with pytest.raises(sqlcipher3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM complaint_events WHERE id = 'e1'")
        conn.execute("ROLLBACK")
        indexes = {r[1] for r in conn.execute("PRAGMA index_list(complaint_events)")}
        assert "complaint_events_complaint" in indexes
