"""`consent-app db check` (integrity and cipher settings) and `db discard-incomplete`."""

from __future__ import annotations

from consent_app.cli.context import emit_json, open_store
from consent_app.errors import StoreCorruptError
from consent_app.messages import Message, define

MESSAGES = define({
    "db.check_failed": "database check failed: {problem}{more}",
    "db.check_more": " (+{count} more)",
})


def register(sub, parent) -> None:
    p = sub.add_parser("db", parents=[parent], help="database maintenance")
    cmds = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    check = cmds.add_parser("check", parents=[parent],
                            help="check every page (HMAC), the structure and the cipher settings")
    check.add_argument("--json", action="store_true")
    check.set_defaults(func=run_check)
    discard = cmds.add_parser("discard-incomplete", parents=[parent],
                              help="remove what an interrupted `init` left (a half store, work folders); "
                              "a complete store is never touched")
    discard.set_defaults(func=run_discard)


def run_discard(args) -> int:
    from consent_app import paths
    from consent_app.store.initdir import discard_incomplete

    data_dir = paths.resolve_data_dir(args.data_dir)
    removed = discard_incomplete(data_dir)
    if not removed:
        print(f"nothing to discard in {data_dir}")
    for path in removed:
        print(f"removed {path}")
    return 0


def run_check(args) -> int:
    with open_store(args) as store:
        problems = store.cipher_setting_problems() + store.integrity_problems()
        report = {"ok": not problems, "problems": problems, "settings": store.cipher_settings(),
                  "schema_version": store.schema_version, "path": str(store.path)}
    if args.json:
        emit_json(report)
    if problems:
        more = Message("db.check_more", {"count": len(problems) - 1}) if len(problems) > 1 else ""
        raise StoreCorruptError(code="db.check_failed", problem=problems[0], more=more)
    if not args.json:
        s = report["settings"]
        print(f"ok: {store.path} — SQLCipher {s['cipher_version']}, {s['cipher_hmac_algorithm']}, "
              f"page HMAC on, memory security on (may lock: {s['memory_lock_limit']}; page cache "
              f"{abs(int(s['cache_size'])) // 1024} MiB), WAL + synchronous=FULL, "
              f"schema v{report['schema_version']}")
    return 0
