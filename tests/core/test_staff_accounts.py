"""Staff accounts: the last admin stays, activate, unlock of unknown accounts, locked shown, timing."""

import pytest
from argon2 import PasswordHasher
from storesupport import ADMIN_PASSWORD, OPERATOR_PASSWORD

from consent_app import audit, staff
from consent_app.cli import main
from consent_app.errors import AuthError, InputError, PolicyError


def test_the_last_active_admin_cannot_be_deactivated(store):
    with store.transaction() as tx, pytest.raises(PolicyError, match="last active administrator") as err:
        staff.set_active(tx, "admin", False, actor="admin")
    assert err.value.code == "staff.last_admin"
    with store.transaction() as tx:
        staff.create(tx, "boss2", "second admin password", "admin", actor="admin")
        staff.set_active(tx, "admin", False, actor="boss2")  # another admin remains
    with store.transaction() as tx, pytest.raises(PolicyError, match="last active administrator"):
        staff.set_active(tx, "boss2", False, actor="boss2")
    with store.transaction() as tx:
        staff.set_active(tx, "admin", True, actor="boss2")
    assert staff.login(store, "admin", ADMIN_PASSWORD).is_admin
    with store.read() as conn:
        actions = [e.action for e in audit.entries(conn, target="staff:admin")]
    assert actions[-3:] == ["staff.deactivate", "staff.activate", "auth.login"]


def test_unknown_accounts_are_errors(store):
    for change in (lambda tx: staff.unlock(tx, "ghost", "admin"),
                   lambda tx: staff.set_active(tx, "ghost", True, "admin"),
                   lambda tx: staff.set_active(tx, "ghost", False, "admin")):
        with store.transaction() as tx, pytest.raises(InputError, match="no staff account named ghost"):
            change(tx)
    with store.read() as conn:
        assert not list(audit.entries(conn, target="staff:ghost"))


class CountingHasher(PasswordHasher):
    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8 * 1024, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):
        self.verified += 1
        return super().verify(hash, password)


def test_unknown_and_inactive_usernames_cost_one_password_check(store):
    """Same work (one Argon2id verification) for unknown, inactive and known usernames."""
    hasher = CountingHasher()
    staff.set_password_hasher(hasher)
    try:
        for username in ("nobody", "op"):
            hasher.verified = 0
            with pytest.raises(AuthError, match="wrong username or password"):
                staff.login(store, username, "wrong password!")
            assert hasher.verified == 1, username
        with store.transaction() as tx:
            staff.set_active(tx, "op", False, actor="admin")
        hasher.verified = 0
        with pytest.raises(AuthError):
            staff.login(store, "op", OPERATOR_PASSWORD)
        assert hasher.verified == 1
    finally:
        staff.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1))


def test_cli_staff_activate_unlock_and_list_locked(cli_env, store, capsys):
    for _ in range(5):  # lock the operator out
        with pytest.raises(AuthError):
            staff.login(store, "op", "wrong password!")
    store.close()
    capsys.readouterr()
    assert main(["staff", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("op "))
    assert "locked until" in line
    assert main(["staff", "list", "--json"]) == 0
    assert '"locked": true' in capsys.readouterr().out
    assert main(["staff", "unlock", "ghost"]) == 2
    assert "no staff account named ghost" in capsys.readouterr().err
    assert main(["staff", "unlock", "op"]) == 0
    assert main(["staff", "deactivate", "op"]) == 0
    assert main(["staff", "deactivate", "admin"]) == 1
    assert "last active administrator" in capsys.readouterr().err
    assert main(["staff", "activate", "op"]) == 0
    capsys.readouterr()
    assert main(["staff", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("op "))
    assert "active" in line
    assert "inactive" not in line
    assert "locked" not in line
