"""`consent-app complaint ...`: the complaint register from the command line (``--json`` everywhere).

* ``complaint file --claim CLAIM --complainant ROLE --contact TEXT [--media FILE ...] [--url URL]
  [--subject ID] [--consent ID] [--note TEXT]``: prints the complaint id (attachments are traced).
* ``complaint import FILE``: a web form submission (.json) or an e-mail (.eml).
* ``complaint list [--overdue]`` (exit 0; with ``--overdue`` exit 3 when any complaint is overdue),
  ``complaint show ID``, ``complaint update ID --state STATE --note TEXT``.
* ``complaint link ID (--confirm LINK | --reject LINK | --add KIND:TARGET)``: staff confirm or correct
  what the trace linked.
* ``complaint act ID (--withdraw CONSENT [--operations OP ...] | --revoke-token TOKEN | --revoke-tool NAME)
  --reason TEXT``.
* ``complaint refute ID --out FILE.pdf [--language zh-CN]``: the signed refutation statement.
* ``complaint procedure OUT [--language zh-CN]``: the studio's complaint procedure for its website.
* ``complaint deadlines [--acknowledge-days N] [--resolve-days N]``: show or (admin, audited) set the time
  limits; at a studio station they are the studio's (shared with every station at the next sync).

Exit codes: 0 done; 1 refused (workflow step not allowed, record fails verification, login); 2 bad input;
3 ``list --overdue`` found overdue complaints.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store

EXIT_OVERDUE = 3


def register(sub, parent) -> None:
    from consent_app.complaints import model as m

    p = sub.add_parser("complaint", parents=[parent], help="the complaint register")
    cmds = p.add_subparsers(dest="complaint_command", metavar="ACTION", required=True)

    def add(name: str, helptext: str, func, *, changes: bool = True):
        c = cmds.add_parser(name, parents=[parent], help=helptext)
        c.add_argument("--json", action="store_true", help="print JSON")
        if changes:
            add_login_arguments(c)
        c.set_defaults(func=func)
        return c

    f = add("file", "register a complaint (attachments are traced); prints its id", run_file)
    f.add_argument("--claim", required=True, choices=m.CLAIMS)
    f.add_argument("--complainant", required=True, choices=m.ROLES, help="who complains")
    f.add_argument("--contact", required=True, metavar="TEXT", help="how to reach the complainant")
    f.add_argument("--media", nargs="+", metavar="FILE", default=[],
                   help="the disputed image, video or audio")
    f.add_argument("--url", metavar="URL", help="where the disputed media was seen")
    f.add_argument("--subject", metavar="ID", help="the subject concerned, if known")
    f.add_argument("--consent", metavar="ID", help="the consent concerned, if known")
    f.add_argument("--note", metavar="TEXT", default="", help="what the complainant says")
    i = add("import", "register a complaint from a web form (.json) or an e-mail (.eml)", run_import)
    i.add_argument("source", metavar="FILE")
    lst = add("list", "list complaints, with their deadlines", run_list, changes=False)
    lst.add_argument("--overdue", action="store_true", help="only overdue ones (exit 3 when there are any)")
    show = add("show", "one complaint: intake, events, attachments, links, actions", run_show, changes=False)
    show.add_argument("complaint_id", metavar="ID")
    up = add("update", "move a complaint to its next state (signed event with a note)", run_update)
    up.add_argument("complaint_id", metavar="ID")
    up.add_argument("--state", required=True, choices=m.STATES)
    up.add_argument("--note", required=True, metavar="TEXT")
    lk = add("link", "confirm, reject or add a link (subject, consent, token, tool, usage receipt)", run_link)
    lk.add_argument("complaint_id", metavar="ID")
    group = lk.add_mutually_exclusive_group(required=True)
    group.add_argument("--confirm", metavar="LINK")
    group.add_argument("--reject", metavar="LINK")
    group.add_argument("--add", metavar="KIND:TARGET")
    act = add("act", "withdraw a consent or revoke a token because of a complaint (linked back)", run_act)
    act.add_argument("complaint_id", metavar="ID")
    what = act.add_mutually_exclusive_group(required=True)
    what.add_argument("--withdraw", metavar="CONSENT")
    what.add_argument("--revoke-token", metavar="TOKEN")
    what.add_argument("--revoke-tool", metavar="NAME", help="revoke a generation tool's certificate (admin)")
    act.add_argument("--operations", nargs="+", metavar="OP", help="with --withdraw: only these categories")
    act.add_argument("--reason", required=True, metavar="TEXT")
    ref = add("refute", "write the signed refutation statement PDF", run_refute)
    ref.add_argument("complaint_id", metavar="ID")
    ref.add_argument("--out", required=True, metavar="FILE.pdf")
    ref.add_argument("--language", choices=["en", "zh-CN"], default="en")
    proc = add("procedure", "write the studio's complaint procedure (for its website)", run_procedure,
               changes=False)
    proc.add_argument("out", metavar="OUT")
    proc.add_argument("--language", choices=["en", "zh-CN"], default="en")
    proc.add_argument("--format", choices=["html", "md"], default="html")
    dl = add("deadlines", "show or (admin) set the days to acknowledge and to resolve a complaint",
             run_deadlines)
    dl.add_argument("--acknowledge-days", type=int, metavar="N", help="1 to 365 (default 1)")
    dl.add_argument("--resolve-days", type=int, metavar="N", help="1 to 365 (default 15)")


def _print_report(reports) -> None:
    from consent_app.messages import Message

    for r in reports:
        for note in r.notes:
            print(f"  {r.name}: {Message(note['code'], note['params'])}")


def run_file(args) -> int:
    from consent_app.complaints import Submission, media

    attachments = media.read_files(args.media)
    submission = Submission(claim=args.claim, role=args.complainant, contact=args.contact, channel="staff",
                            attachments=attachments, url=args.url, subject_id=args.subject,
                            consent_id=args.consent, note=args.note)
    return _register(args, submission)


def run_import(args) -> int:
    from consent_app.complaints import read_submission

    return _register(args, read_submission(args.source))


def _register(args, submission) -> int:
    from consent_app.complaints import register_complaint

    with open_store(args) as store:
        member = login(args, store)
        filed = register_complaint(store, submission, staff=member.username)
    if args.json:
        emit_json({"id": filed.complaint_id, "trace": [r.as_dict() for r in filed.reports]})
    else:
        print(filed.complaint_id)
        _print_report(filed.reports)
    return 0


def run_list(args) -> int:
    from consent_app import clock
    from consent_app.complaints import list_complaints

    now = clock.now()
    with open_store(args) as store, store.read() as conn:
        rows = list_complaints(conn, overdue_only=args.overdue, now=now)
    summaries = [c.summary(now) for c in rows]
    if args.json:
        emit_json(summaries)
    elif not summaries:
        print("no overdue complaints" if args.overdue else "no complaints")
    for s in summaries if not args.json else ():
        flag = "  OVERDUE" if s["overdue"] else ""
        bad = "" if s["verified"] else "  FAILS VERIFICATION"
        print(f"{s['id']}  {s['state']:<13} {s['claim']:<16} received {s['receivedAt']}  "
              f"due {s['dueAt'] or '-'}{flag}{bad}")
    return EXIT_OVERDUE if args.overdue and summaries else 0


def run_show(args) -> int:
    from consent_app import clock
    from consent_app.complaints import get

    now = clock.now()
    with open_store(args) as store, store.read() as conn:
        c = get(conn, args.complaint_id)
    if args.json:
        emit_json(c.as_dict(now))
        return 0
    s = c.summary(now)
    contact = {"erased": "personal data erased with the subject",
               "waiting": "personal data waiting for the subject's key"}.get(c.personal, c.contact)
    print(f"complaint {c.id}: {c.claim} from a {c.role} ({contact}) via {c.channel}")
    print(f"  state: {c.state}; received {c.received_at}; due {s['dueAt'] or '-'}"
          f"{'  OVERDUE' if s['overdue'] else ''}")
    print(f"  signature: {'verified' if c.verified else 'FAILS: ' + '; '.join(c.problems)}")
    if c.url:
        print(f"  url: {c.url}")
    print(f"  subject: {c.subject_id or '-'}; consent: {c.consent_id or '-'}")
    for media in c.media:
        print(f"  attachment {media.id}: {media.name} ({media.mime}, {media.size} bytes, "
              f"sha256 {media.sha256})")
    for e in c.events:
        branch = " (concurrent: another branch decided)" if e.concurrent else ""
        print(f"  event {e.seq}: {e.state} at {e.at} by {e.staff} — {e.note}{branch}")
    for lk in c.links:
        print(f"  link {lk.id}: {lk.kind} {lk.target} ({lk.source}, {lk.status})")
    for a in c.actions:
        print(f"  action: {a.kind} {a.target} at {a.at} by {a.staff}")
    return 0 if c.verified else 1


def run_update(args) -> int:
    from consent_app.complaints import transition

    with open_store(args) as store:
        member = login(args, store)
        with store.transaction() as tx:
            event = transition(tx, args.complaint_id, args.state, note=args.note, staff=member.username)
    if args.json:
        emit_json({"id": args.complaint_id, "state": event.state, "event": event.body, "proof": event.proof})
    else:
        print(f"complaint {args.complaint_id} is now {event.state} (signed event {event.seq})")
    return 0


def run_link(args) -> int:
    from consent_app.complaints import decide_link, get_verified
    from consent_app.complaints.register import add_link
    from consent_app.errors import InputError

    with open_store(args) as store:
        member = login(args, store)
        with store.transaction() as tx:
            get_verified(tx, args.complaint_id)
            if args.add:
                kind, _, target = args.add.partition(":")
                if not target:
                    raise InputError(code="complaint.bad_link_kind", kind=args.add,
                                     choices="subject, consent, token, tool, usage_receipt (as KIND:TARGET)")
                link_id = add_link(tx, args.complaint_id, kind=kind, target=target, source="staff",
                                   evidence={"method": "staff"}, staff=member.username)
                result = {"link": link_id, "status": "confirmed"}
            else:
                link_id = args.confirm or args.reject
                decide_link(tx, args.complaint_id, link_id, confirm=bool(args.confirm), staff=member.username)
                result = {"link": link_id, "status": "confirmed" if args.confirm else "rejected"}
    if args.json:
        emit_json(result)
    else:
        print(f"link {result['link']} {result['status']}")
    return 0


def run_act(args) -> int:
    from consent_app import staff
    from consent_app.complaints import actions

    with open_store(args) as store:
        member = login(args, store, staff.Role.ADMIN if args.revoke_tool else None)
        with store.transaction() as tx:
            if args.revoke_tool:
                result = actions.revoke_tool(tx, args.complaint_id, args.revoke_tool, args.reason,
                                             member.username)
            elif args.withdraw:
                result = actions.withdraw(tx, args.complaint_id, args.withdraw, args.operations, args.reason,
                                          member.username)
            else:
                result = actions.revoke_token(tx, args.complaint_id, args.revoke_token, args.reason,
                                              member.username)
    if args.json:
        emit_json(result)
    else:
        print(f"{result['kind']} of {result['target']} recorded on complaint {args.complaint_id}")
    return 0


def run_refute(args) -> int:
    from consent_app.complaints import refutation

    with open_store(args) as store:
        member = login(args, store)
        statement = refutation.write_statement(store, args.complaint_id, args.out, language=args.language,
                                               staff=member.username)
    if args.json:
        emit_json({"out": args.out, "verdict": statement["verdict"], "hash": statement["hash"]})
    else:
        print(f"refutation statement written to {args.out}: {statement['verdict']} "
              f"(statement hash {statement['hash']})")
    return 0


def run_procedure(args) -> int:
    from consent_app.complaints import procedure

    with open_store(args) as store, store.read() as conn:
        text = procedure.render(conn, language=args.language, fmt=args.format)
    procedure.write(args.out, text)
    if args.json:
        emit_json({"out": args.out, "language": args.language, "format": args.format})
    else:
        print(f"complaint procedure ({args.language}) written to {args.out}")
    return 0


def run_deadlines(args) -> int:
    from consent_app.complaints import register as reg
    from consent_app.staff import Role
    from consent_app.studio import settings_sync

    with open_store(args) as store:
        if args.acknowledge_days is not None or args.resolve_days is not None:
            member = login(args, store, Role.ADMIN)
            with store.transaction() as tx:
                reg.set_deadline_days(tx, acknowledge=args.acknowledge_days, resolve=args.resolve_days,
                                      actor=member.username)
        with store.read() as conn:
            ack, res = reg.deadline_days(conn)
            shared = settings_sync.studio_wide(conn)
    if args.json:
        emit_json({"acknowledgeDays": ack, "resolveDays": res, "studioWide": shared})
    else:
        print(f"acknowledge within {ack} day(s), resolve within {res} day(s)"
              + (" (studio-wide: every station of the studio)" if shared else ""))
    return 0
