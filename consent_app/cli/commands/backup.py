"""`consent-app backup OUT` and `consent-app restore IN`."""

from __future__ import annotations

from pathlib import Path

from consent_app import paths
from consent_app.cli.context import add_login_arguments, login, open_store, passphrase_source


def register(sub, parent) -> None:
    b = sub.add_parser("backup", parents=[parent],
                       help="write an encrypted copy of the store (and its key envelope beside it)")
    b.add_argument("out", metavar="OUT")
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", parents=[parent],
                       help="replace the store with a backup, after checking the backup fully")
    r.add_argument("source", metavar="IN")
    r.add_argument("--force", action="store_true",
                   help="restore even a backup older than the head this store already witnessed")
    r.add_argument("--reason", metavar="TEXT", help="why (required with --force; audited)")
    add_login_arguments(r)
    r.set_defaults(func=run_restore)


def run_backup(args) -> int:
    from consent_app.store.backup import backup, envelope_beside

    with open_store(args) as store:
        out = backup(store, Path(args.out))
    print(f"backup written to {out} (key envelope: {envelope_beside(out).name}); it is encrypted "
          "with the store's key")
    return 0


def run_restore(args) -> int:
    from consent_app.store.restore import restore

    data_dir = paths.resolve_data_dir(args.data_dir)
    from consent_app.staff import Role

    report = restore(data_dir, Path(args.source), passphrase_source(),
                     login=lambda store: login(args, store, Role.ADMIN),
                     force=args.force, reason=args.reason)
    aside = f"; the replaced database is kept in {report.kept_aside}" if report.kept_aside else ""
    print(f"restored {args.source} into {data_dir}: schema v{report.schema_version}, "
          f"{report.entries} audit entries verified{' (forced)' if report.forced else ''}{aside}")
    return 0
