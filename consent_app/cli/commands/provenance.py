"""`consent-app trace` and `consent-app usage`: trace a file back, keep the ledger of marked outputs.

* ``trace FILE [--json]``: the file's marks checked against the studio's own root, tools and tokens
  (exit codes of ``consent-trace``: 0, 10, 11, 12, 13; 2 unreadable), plus a search of its faces
  (images, sampled video frames) or voice against the enrolled subjects and of its perceptual
  hashes against the imported usage receipts.
* ``usage import FILE... [--json]``: verify usage receipts and attach them to their consents
  (each in its own audited transaction; bad ones refused one by one with the reason; exit 1 if any).
* ``usage list [--consent ID | --subject ID] [--json]``: where a likeness was used.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store


def register(sub, parent) -> None:
    tr = sub.add_parser("trace", parents=[parent], help="trace a file back to its token, consent and subject")
    tr.add_argument("file", metavar="FILE")
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(func=run_trace)
    usage = sub.add_parser("usage", parents=[parent], help="the ledger of marked outputs (usage receipts)")
    cmds = usage.add_subparsers(dest="usage_command", metavar="ACTION", required=True)
    imp = cmds.add_parser("import", parents=[parent], help="verify and import usage receipts")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--json", action="store_true")
    add_login_arguments(imp)
    imp.set_defaults(func=run_import)
    lst = cmds.add_parser("list", parents=[parent], help="imported uses")
    who = lst.add_mutually_exclusive_group()
    who.add_argument("--consent", metavar="ID")
    who.add_argument("--subject", metavar="ID")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)


def run_trace(args) -> int:
    import dataclasses

    from consent_app.marking.inputs import read_input
    from consent_app.provenance.apptrace import trace_with_store

    data, _fmt = read_input(args.file)
    with open_store(args) as store, store.read() as conn:
        report = trace_with_store(conn, data, args.file)
    if args.json:
        emit_json(report.as_dict())
    else:  # the marks' lines, then each search finding in words (the raw matches are in --json)
        print(dataclasses.replace(report, matches={}).text())
        for note in report.matches.get("notes", []):
            print(f"  * {note['message']}")
    return report.exit_code


def run_import(args) -> int:
    from consent_app.messages import Message
    from consent_app.provenance.ledger import ImportResult, import_receipt

    results: list[ImportResult] = []
    with open_store(args) as store:
        member = login(args, store)
        for path in args.files:
            try:
                with open(path, encoding="ascii") as fh:
                    text = fh.read(300_000)
            except (OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                results.append(
                    ImportResult(path, False, Message("usage.unreadable", {"path": path, "reason": reason}))
                )
                continue
            results.append(import_receipt(store, path, text, member.username))
    if args.json:
        emit_json([r.as_dict() for r in results])
    else:
        for r in results:
            print(f"{'imported' if r.ok else 'REFUSED '}  {r.source}: {r.message.english()}")
    return 0 if all(r.ok for r in results) else 1


def run_list(args) -> int:
    from consent_app.provenance import ledger

    with open_store(args) as store, store.read() as conn:
        if args.consent:
            uses = ledger.uses_for_consent(conn, args.consent)
        elif args.subject:
            uses = ledger.uses_for_subject(conn, args.subject)
        else:
            uses = ledger.all_uses(conn)
    if args.json:
        emit_json([u.as_dict() for u in uses])
        return 0
    for u in uses:
        print(f"{u.made_at}  {u.operation}  {u.tool}  output {u.output_sha256[:16]}…  consent {u.consent_id}")
    if not uses:
        print("no recorded uses")
    return 0
