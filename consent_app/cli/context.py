"""What headless commands share: finding and unlocking the store, logging staff in, printing."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import Any

from consent_app import paths, staff
from consent_app.errors import AuthError, InputError
from consent_app.messages import define
from consent_app.store import Store
from consent_app.store.keys import ENV_PASSPHRASE

MESSAGES = define({
    "cli.secret_needed": "{label} needed: set {env} or run in a terminal",
    "cli.user_needed": "this command changes the store: give --user NAME (or set {env})",
})

ENV_USER = "CONSENT_APP_USER"
ENV_PASSWORD = "CONSENT_APP_PASSWORD"  # noqa: S105 - the name of a variable, not a secret


def _prompt(label: str, env: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(code="cli.secret_needed", label=label, env=env)
    return getpass.getpass(f"{label}: ")


def passphrase_source():
    return lambda: _prompt("Store passphrase", ENV_PASSPHRASE)


def open_store(args) -> Store:
    data_dir = paths.resolve_data_dir(getattr(args, "data_dir", None))
    return Store.open(data_dir, passphrase_source())


def add_login_arguments(parser) -> None:
    parser.add_argument("--user", metavar="NAME", help=f"staff account (default: ${ENV_USER})")


def login(args, store: Store, role: staff.Role | str | None = None) -> staff.StaffMember:
    """Authenticate the staff member running a command that changes the store.

    Without ``role`` any operator or admin may; a ``duty`` account only where ``role`` is DUTY.
    """
    username = getattr(args, "user", None) or os.environ.get(ENV_USER)
    if not username:
        raise AuthError(code="cli.user_needed", env=ENV_USER)
    member = staff.login(store, username, _prompt(f"Password for {username}", ENV_PASSWORD))
    staff.require_role(member, role if role is not None else staff.Role.OPERATOR)
    return member


def emit_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True))
