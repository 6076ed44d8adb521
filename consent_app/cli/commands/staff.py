"""`consent-app staff add|list|passwd|unlock|activate|deactivate`: accounts, for admins."""

from __future__ import annotations

import os

from consent_app.cli.context import _prompt, add_login_arguments, emit_json, login, open_store

ENV_NEW_PASSWORD = "CONSENT_APP_NEW_PASSWORD"  # noqa: S105 - a variable name


def register(sub, parent) -> None:
    p = sub.add_parser("staff", parents=[parent], help="manage staff accounts (admins)")
    cmds = p.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = cmds.add_parser("add", parents=[parent], help="create an account")
    add.add_argument("username")
    add.add_argument("--role", choices=["admin", "operator", "duty"], default="operator")
    add.add_argument("--name", help="display name")
    add_login_arguments(add)
    add.set_defaults(func=run_add)
    lst = cmds.add_parser("list", parents=[parent], help="list accounts")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)
    for action, helptext in (("passwd", "set a new password"), ("unlock", "lift a lockout"),
                             ("activate", "enable a deactivated account"),
                             ("deactivate", "disable an account (not the last active admin)")):
        c = cmds.add_parser(action, parents=[parent], help=helptext)
        c.add_argument("username")
        add_login_arguments(c)
        c.set_defaults(func=run_change, action=action)


def run_add(args) -> int:
    from consent_app import staff

    with open_store(args) as store:
        admin = login(args, store, staff.Role.ADMIN)
        password = os.environ.get(ENV_NEW_PASSWORD) or _prompt(
            f"Password for {args.username}", ENV_NEW_PASSWORD)
        with store.transaction() as tx:
            staff.create(tx, args.username, password, args.role, actor=admin.username,
                         display_name=args.name)
    print(f"created {args.role} {args.username}")
    return 0


def run_list(args) -> int:
    from consent_app import staff

    with open_store(args) as store, store.read() as conn:
        members = staff.list_staff(conn)
    if args.json:
        emit_json([{"username": m.username, "name": m.display_name, "role": m.role.value,
                    "active": m.active, "locked": m.locked,
                    "locked_until": m.locked_until if m.locked else None} for m in members])
    else:
        for m in members:
            lock = f" locked until {m.locked_until}" if m.locked else ""
            print(f"{m.username:<20} {m.role.value:<9} {'active' if m.active else 'inactive'}{lock}")
    return 0


def run_change(args) -> int:
    from consent_app import staff

    with open_store(args) as store:
        admin = login(args, store, staff.Role.ADMIN)
        with store.transaction() as tx:
            if args.action == "passwd":
                password = os.environ.get(ENV_NEW_PASSWORD) or _prompt(
                    f"New password for {args.username}", ENV_NEW_PASSWORD)
                staff.set_password(tx, args.username, password, admin.username)
            elif args.action == "unlock":
                staff.unlock(tx, args.username, admin.username)
            elif args.action == "activate":
                staff.set_active(tx, args.username, True, admin.username)
            else:
                staff.set_active(tx, args.username, False, admin.username)
    print(f"{args.action}: {args.username} done")
    return 0
