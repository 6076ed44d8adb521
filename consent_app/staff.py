"""Staff accounts: roles, Argon2id passwords, lockout after repeated failures, all audited."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from consent_app import audit, clock, settings
from consent_app.errors import AuthError, InputError, PolicyError
from consent_app.messages import define

MESSAGES = define({
    "staff.last_admin": "{username} is the last active administrator; make another account an "
    "administrator (or activate one) first",
    "staff.unknown": "no staff account named {username}",
    "staff.duty_only": "{user} is a duty account: it can run scheduled duties and nothing else",
    "staff.not_duty": "{user} cannot run duties (needs the duty or admin role)",
    "staff.wrong_login": "wrong username or password",
    "staff.locked": "account {username!r} is locked after too many failed logins until {until}",
    "staff.now_locked": "wrong password; account {username!r} is now locked until {until}",
    "staff.password_short": "the password must have at least {minimum} characters",
    "staff.bad_username": "a username uses letters, digits, '.', '_' or '-' only",
    "staff.exists": "a staff account named {username!r} already exists",
    "staff.admin_only": "{user} is an operator; this needs an admin",
})

MIN_PASSWORD_LENGTH = 10

# RFC 9106 low-memory profile (argon2-cffi's default). Raising it rehashes passwords at login.
_hasher = PasswordHasher()


class Role(StrEnum):
    ADMIN = "admin"
    OPERATOR = "operator"
    DUTY = "duty"  # runs scheduled duties (status list, checkpoint, backup, retention) and nothing else


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: str | None = None

    @property
    def locked(self) -> bool:
        """True while a lockout after failed logins lasts."""
        return bool(self.locked_until) and clock.parse_iso(self.locked_until) > clock.now()

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def set_password_hasher(hasher: PasswordHasher) -> None:
    """Change the password policy (a stronger one makes logins rehash)."""
    global _hasher
    _hasher = hasher


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(code="staff.password_short", minimum=MIN_PASSWORD_LENGTH)


def _check_username(username: str) -> None:
    if not username or not username.replace("_", "").replace("-", "").replace(".", "").isalnum():
        raise InputError(code="staff.bad_username")


def _row_to_member(row) -> StaffMember:
    return StaffMember(row[0], row[1], row[2], Role(row[3]), bool(row[4]),
                       row[5] if len(row) > 5 else None)


_SELECT = "SELECT id, username, display_name, role, active, locked_until FROM staff"
_dummy_hash: str | None = None


def _burn_dummy_verify(password: str) -> None:
    """Spend the time a real check takes, so an unknown username answers as slowly as a known one."""
    global _dummy_hash
    if _dummy_hash is None or _hasher.check_needs_rehash(_dummy_hash):
        import secrets

        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
    with contextlib.suppress(VerificationError, InvalidHashError):
        _hasher.verify(_dummy_hash, password)


def create(tx, username: str, password: str, role: Role | str, actor: str,
           display_name: str | None = None) -> StaffMember:
    _check_username(username)
    _check_password(password)
    role = Role(role)
    if tx.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
        raise InputError(code="staff.exists", username=username)
    cur = tx.execute(
        "INSERT INTO staff (username, display_name, role, password_hash, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (username, display_name or username, role.value, _hasher.hash(password), clock.iso()),
    )
    audit.append(tx, actor, "staff.create", f"staff:{username}", {"role": role.value})
    return StaffMember(cur.lastrowid, username, display_name or username, role, True)


def get(conn, username: str) -> StaffMember | None:
    row = conn.execute(_SELECT + " WHERE username = ?", (username,)).fetchone()
    return _row_to_member(row) if row else None


def list_staff(conn) -> list[StaffMember]:
    return [_row_to_member(r) for r in conn.execute(_SELECT + " ORDER BY username")]


def login(store, username: str, password: str) -> StaffMember:
    """Check a password. Failures count towards a lockout; every outcome is audited.

    Raises ``AuthError`` with a message that does not reveal whether the account exists,
    except for a lockout, which says when it ends.
    """
    with store.transaction() as tx:
        row = tx.execute(
            "SELECT id, username, display_name, role, active, password_hash, failed_logins, "
            "locked_until FROM staff WHERE username = ?",
            (username,),
        ).fetchone()
        now = clock.now()
        if row is None or not row[4]:
            _burn_dummy_verify(password)
            audit.append(tx, username or "?", "auth.login_failed", f"staff:{username}",
                         {"reason": "unknown or inactive account"})
            failure = AuthError(code="staff.wrong_login")
        else:
            member = _row_to_member(row[:5])
            stored_hash, failed, locked_until = row[5], row[6], row[7]
            if locked_until and clock.parse_iso(locked_until) > now:
                audit.append(tx, username, "auth.login_refused_locked", f"staff:{username}", {})
                failure = AuthError(code="staff.locked", username=username, until=locked_until)
            else:
                try:
                    _hasher.verify(stored_hash, password)
                except (VerificationError, InvalidHashError):
                    failure = _record_failure(tx, username, failed, now)
                else:
                    _record_success(tx, member, stored_hash, password)
                    return member
    raise failure


def _record_failure(tx, username: str, failed: int, now) -> AuthError:
    attempts = int(settings.get(tx, "auth.lockout_attempts"))
    minutes = float(settings.get(tx, "auth.lockout_minutes"))
    failed += 1
    if failed >= attempts:
        until = clock.iso(now + timedelta(minutes=minutes))
        tx.execute("UPDATE staff SET failed_logins = 0, locked_until = ? WHERE username = ?",
                   (until, username))
        audit.append(tx, username, "auth.login_failed", f"staff:{username}",
                     {"reason": "wrong password", "attempt": failed})
        audit.append(tx, "system", "auth.lockout", f"staff:{username}",
                     {"until": until, "attempts": failed})
        return AuthError(code="staff.now_locked", username=username, until=until)
    tx.execute("UPDATE staff SET failed_logins = ? WHERE username = ?", (failed, username))
    audit.append(tx, username, "auth.login_failed", f"staff:{username}",
                 {"reason": "wrong password", "attempt": failed})
    return AuthError(code="staff.wrong_login")


def _record_success(tx, member: StaffMember, stored_hash: str, password: str) -> None:
    rehashed = _hasher.check_needs_rehash(stored_hash)
    if rehashed:
        tx.execute("UPDATE staff SET password_hash = ? WHERE id = ?", (_hasher.hash(password), member.id))
    tx.execute(
        "UPDATE staff SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?",
        (clock.iso(), member.id),
    )
    audit.append(tx, member.username, "auth.login", f"staff:{member.username}",
                 {"rehashed": rehashed})


def require_role(member: StaffMember, role: Role | str) -> None:
    """Admins may do everything; operators what needs the operator role; duty accounts only duties."""
    role = Role(role)
    if role is Role.DUTY:
        if member.role not in (Role.DUTY, Role.ADMIN):
            raise AuthError(code="staff.not_duty", user=member.username)
        return
    if member.role is Role.DUTY:
        raise AuthError(code="staff.duty_only", user=member.username)
    if role is Role.ADMIN and not member.is_admin:
        raise AuthError(code="staff.admin_only", user=member.username)


def set_password(tx, username: str, new_password: str, actor: str) -> None:
    _check_password(new_password)
    cur = tx.execute("UPDATE staff SET password_hash = ?, failed_logins = 0, locked_until = NULL "
                     "WHERE username = ?", (_hasher.hash(new_password), username))
    if cur.rowcount != 1:
        raise InputError(code="staff.unknown", username=username)
    audit.append(tx, actor, "staff.password_change", f"staff:{username}", {})


def set_active(tx, username: str, active: bool, actor: str) -> None:
    """Activate or deactivate an account; the last active administrator cannot be deactivated."""
    member = get(tx, username)
    if member is None:
        raise InputError(code="staff.unknown", username=username)
    if not active and member.is_admin and member.active:
        (others,) = tx.execute("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1 "
                               "AND username != ?", (username,)).fetchone()
        if others == 0:
            raise PolicyError(code="staff.last_admin", username=username)
    tx.execute("UPDATE staff SET active = ? WHERE username = ?", (int(active), username))
    audit.append(tx, actor, "staff.activate" if active else "staff.deactivate", f"staff:{username}", {})


def unlock(tx, username: str, actor: str) -> None:
    cur = tx.execute("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE username = ?",
                     (username,))
    if cur.rowcount != 1:
        raise InputError(code="staff.unknown", username=username)
    audit.append(tx, actor, "staff.unlock", f"staff:{username}", {})
