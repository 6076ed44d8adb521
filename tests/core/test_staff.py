"""Staff accounts: roles, lockout, password policy upgrades, every outcome audited."""

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from storesupport import ADMIN_PASSWORD, OPERATOR_PASSWORD

from consent_app import audit, clock, settings, staff
from consent_app.errors import AuthError, InputError


@pytest.fixture
def frozen_clock():
    current = [clock.now()]
    clock.set_clock(lambda: current[0])
    yield current
    clock.set_clock(None)


def _actions(store, username):
    with store.read() as conn:
        return [e.action for e in audit.entries(conn, target=f"staff:{username}")]


def test_login_succeeds_and_is_audited(store):
    member = staff.login(store, "op", OPERATOR_PASSWORD)
    assert member.role is staff.Role.OPERATOR
    assert _actions(store, "op")[-1] == "auth.login"


def test_unknown_user_and_wrong_password_look_the_same(store):
    with pytest.raises(AuthError) as unknown:
        staff.login(store, "nobody", "whatever password")
    with pytest.raises(AuthError) as wrong:
        staff.login(store, "op", "wrong password!")
    assert str(unknown.value) == str(wrong.value) == "wrong username or password"
    assert _actions(store, "nobody") == ["auth.login_failed"]


def test_lockout_after_five_failures_for_fifteen_minutes(store, frozen_clock):
    for _ in range(4):
        with pytest.raises(AuthError, match="wrong username or password"):
            staff.login(store, "op", "bad password!")
    with pytest.raises(AuthError, match="now locked until"):
        staff.login(store, "op", "bad password!")
    # even the right password is refused while locked
    with pytest.raises(AuthError, match="is locked"):
        staff.login(store, "op", OPERATOR_PASSWORD)
    frozen_clock[0] += timedelta(minutes=14, seconds=59)
    with pytest.raises(AuthError, match="is locked"):
        staff.login(store, "op", OPERATOR_PASSWORD)
    frozen_clock[0] += timedelta(seconds=2)
    assert staff.login(store, "op", OPERATOR_PASSWORD).username == "op"
    actions = _actions(store, "op")
    assert actions.count("auth.login_failed") == 5
    assert actions.count("auth.lockout") == 1
    assert actions.count("auth.login_refused_locked") == 2
    assert actions[-1] == "auth.login"


def test_lockout_policy_is_configurable(store, frozen_clock):
    with store.transaction() as tx:
        settings.put(tx, "auth.lockout_attempts", 2, actor="admin")
        settings.put(tx, "auth.lockout_minutes", 1, actor="admin")
    for _ in range(2):
        with pytest.raises(AuthError):
            staff.login(store, "op", "bad password!")
    with pytest.raises(AuthError, match="is locked"):
        staff.login(store, "op", OPERATOR_PASSWORD)
    frozen_clock[0] += timedelta(minutes=1, seconds=1)
    assert staff.login(store, "op", OPERATOR_PASSWORD)
    with store.read() as conn:
        changes = [e for e in audit.entries(conn) if e.action == "settings.change"]
    assert [c.details["key"] for c in changes] == ["auth.lockout_attempts", "auth.lockout_minutes"]


def test_success_resets_the_failure_count(store):
    for _ in range(4):
        with pytest.raises(AuthError):
            staff.login(store, "op", "bad password!")
    staff.login(store, "op", OPERATOR_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthError, match="wrong username"):
            staff.login(store, "op", "bad password!")


def test_password_is_rehashed_when_the_policy_rises(store):
    with store.read() as conn:
        old_hash = conn.execute("SELECT password_hash FROM staff WHERE username='op'").fetchone()[0]
    assert "m=8192" in old_hash
    stronger = PasswordHasher()  # RFC 9106 low-memory profile: m=65536, t=3, p=4
    staff.set_password_hasher(stronger)
    try:
        staff.login(store, "op", OPERATOR_PASSWORD)
    finally:
        staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))
    with store.read() as conn:
        new_hash = conn.execute("SELECT password_hash FROM staff WHERE username='op'").fetchone()[0]
    assert new_hash.startswith("$argon2id$")
    assert "m=65536,t=3,p=4" in new_hash
    with store.read() as conn:
        last = list(audit.entries(conn, target="staff:op"))[-1]
    assert last.details == {"rehashed": True}


def test_roles(store):
    admin = staff.login(store, "admin", ADMIN_PASSWORD)
    op = staff.login(store, "op", OPERATOR_PASSWORD)
    staff.require_role(admin, "admin")
    staff.require_role(admin, "operator")
    staff.require_role(op, "operator")
    with pytest.raises(AuthError, match="needs an admin"):
        staff.require_role(op, "admin")


def test_weak_password_and_duplicate_names_are_refused(store):
    with store.transaction() as tx, pytest.raises(InputError, match="at least 10"):
        staff.create(tx, "newbie", "short", "operator", actor="admin")
    with store.transaction() as tx, pytest.raises(InputError, match="already exists"):
        staff.create(tx, "op", "long enough password", "operator", actor="admin")


def test_deactivated_account_cannot_log_in(store):
    with store.transaction() as tx:
        staff.set_active(tx, "op", False, actor="admin")
    with pytest.raises(AuthError, match="wrong username or password"):
        staff.login(store, "op", OPERATOR_PASSWORD)
