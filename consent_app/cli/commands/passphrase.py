"""`consent-app passphrase change`: re-wrap the database key under a new passphrase (admins)."""

from __future__ import annotations

import os

from consent_app.cli.context import _prompt, add_login_arguments, login
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.store.keys import ENV_PASSPHRASE

MESSAGES = define({
    "cli.entries_differ": "the two entries differ",
})

ENV_NEW_PASSPHRASE = "CONSENT_APP_NEW_PASSPHRASE"  # noqa: S105 - a variable name


def register(sub, parent) -> None:
    p = sub.add_parser("passphrase", parents=[parent], help="change the store passphrase (admins)")
    cmds = p.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    change = cmds.add_parser(
        "change", parents=[parent],
        help=f"re-wrap the database key under a new passphrase (${ENV_NEW_PASSPHRASE}); the key and "
        "the database stay as they are; audited")
    add_login_arguments(change)
    change.set_defaults(func=run_change)


def run_change(args) -> int:
    from consent_app.staff import Role
    from consent_app.store import passphrase

    current: dict[str, str] = {}

    def remembered() -> str:
        current["value"] = _prompt("Store passphrase", ENV_PASSPHRASE)
        return current["value"]

    from consent_app import paths
    from consent_app.store import Store

    with Store.open(paths.resolve_data_dir(args.data_dir), remembered) as store:
        admin = login(args, store, Role.ADMIN)
        new = os.environ.get(ENV_NEW_PASSPHRASE)
        if not new:
            new = _prompt("New store passphrase", ENV_NEW_PASSPHRASE)
            if _prompt("New store passphrase (again)", ENV_NEW_PASSPHRASE) != new:
                raise InputError(code="cli.entries_differ")
        passphrase.change(store, current.get("value", ""), new, admin.username)
    print("store passphrase changed (the database key is unchanged; backups made earlier still open "
          "with the passphrase they were made with)")
    return 0
