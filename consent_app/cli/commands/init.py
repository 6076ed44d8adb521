"""`consent-app init`: create the studio's encrypted store and its first admin."""

from __future__ import annotations

import os

from consent_app import paths
from consent_app.cli.context import _prompt
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.store.keys import ENV_PASSPHRASE, KeyringUnavailableError, keyring_available

MESSAGES = define({
    "cli.no_keyring_for_init": "no OS keyring is available here; run init without --keyring to use a "
                               "passphrase",
    "cli.entries_differ": "the two entries differ",
})

ENV_ADMIN_PASSWORD = "CONSENT_APP_ADMIN_PASSWORD"  # noqa: S105 - a variable name


def register(sub, parent) -> None:
    p = sub.add_parser("init", parents=[parent], help="create the encrypted store and the first admin")
    p.add_argument("--studio", required=True, metavar="NAME", help="the studio's name")
    p.add_argument("--admin", required=True, metavar="USER", help="username of the first admin")
    protect = p.add_mutually_exclusive_group()
    protect.add_argument("--keyring", action="store_true",
                         help="keep the database key in the OS keyring")
    protect.add_argument("--passphrase", action="store_true",
                         help=f"wrap the database key with a passphrase (default; ${ENV_PASSPHRASE})")
    p.add_argument("--demo", action="store_true",
                   help="make a demo store: marked DEMO everywhere, its consents prove nothing")
    p.set_defaults(func=run)


def run(args) -> int:
    from consent_app.setup import initialize

    data_dir = paths.resolve_data_dir(args.data_dir)
    if args.keyring and not keyring_available():
        raise KeyringUnavailableError(code="cli.no_keyring_for_init")
    passphrase = None
    if not args.keyring:
        passphrase = os.environ.get(ENV_PASSPHRASE) or _confirmed("Store passphrase", ENV_PASSPHRASE)
    password = os.environ.get(ENV_ADMIN_PASSWORD) or _confirmed(
        f"Password for admin {args.admin}", ENV_ADMIN_PASSWORD)
    store = initialize(
        data_dir, studio_name=args.studio, admin_username=args.admin, admin_password=password,
        passphrase=passphrase, use_keyring=args.keyring, demo=args.demo,
    )
    store.close()
    kind = "demo store" if args.demo else "store"
    print(f"created {kind} for {args.studio!r} in {data_dir} "
          f"(key protected by {'the OS keyring' if args.keyring else 'a passphrase'})")
    return 0


def _confirmed(label: str, env: str) -> str:
    first = _prompt(label, env)
    if _prompt(f"{label} (again)", env) != first:
        raise InputError(code="cli.entries_differ")
    return first
