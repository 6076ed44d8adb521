"""`consent-app records export OUT.zip --from DATE --to DATE [--pseudonymise]`: records for a regulator.

Prints the studio key fingerprint the regulator must receive separately to check the archive with its own
``verify_export.py --key-fingerprint``. Exit 0 written; 2 bad input (dates, target folder) and nothing
written.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store


def register(sub, parent) -> None:
    p = sub.add_parser("records", parents=[parent], help="records for a regulator")
    cmds = p.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    ex = cmds.add_parser("export", parents=[parent],
                         help="one signed archive of a period's records, with its own checker")
    ex.add_argument("out", metavar="OUT.zip")
    ex.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    ex.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day, included")
    ex.add_argument("--pseudonymise", action="store_true",
                    help="leave out names and contact details (signed records as hashes and signatures)")
    ex.add_argument("--json", action="store_true", help="print JSON")
    add_login_arguments(ex)
    ex.set_defaults(func=run_export)


def run_export(args) -> int:
    from pathlib import Path

    from consent_app import staff
    from consent_app.records import export

    export.Period.parse(args.start, args.end)  # bad input fails before any login or store access
    export.check_target(Path(args.out))
    with open_store(args) as store:
        member = login(args, store, staff.Role.ADMIN)
        summary = export.export(store, args.out, args.start, args.end, pseudonymise=args.pseudonymise,
                                actor=member.username)
    if args.json:
        emit_json(summary)
    else:
        counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in summary["counts"].items())
        print(f"records export written to {summary['out']}: {summary['files']} files ({counts})")
        print(f"studio key fingerprint: {summary['kid']} — give it to the recipient separately; they "
              f"check the archive with: python3 verify_export.py {summary['out']} "
              f"--key-fingerprint {summary['kid']}")
    return 0
