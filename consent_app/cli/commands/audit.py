"""`consent-app audit verify|checkpoint|show`: the hash-chained audit trail."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from consent_app.cli.context import emit_json, open_store
from consent_app.errors import ConsentAppError, InputError
from consent_app.messages import Message, define

MESSAGES = define({
    "checkpoint.not_json": "checkpoint {path} is not JSON: {reason}",
    "checkpoint.rejected": "checkpoint rejected: {reason}",
    "audit.chain_broken": "audit chain broken at entry {seq}: {reason}",
    "audit.crosscheck_failed": "{count} stored object(s) and audit entries do not match (first: {first})",
    "audit.checkpoint_broken_log": "refusing to checkpoint a broken log: audit chain broken at entry {seq}: "
                                   "{reason}",
})


class AuditBrokenError(ConsentAppError):
    exit_code = 1


def register(sub, parent) -> None:
    p = sub.add_parser("audit", parents=[parent], help="check or checkpoint the audit trail")
    cmds = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = cmds.add_parser("verify", parents=[parent],
                             help="check the whole hash chain, cross-check stored objects against it, "
                             "and check that the store extends published witnesses")
    verify.add_argument("--checkpoint", metavar="FILE", help="also check against an exported checkpoint")
    verify.add_argument("--witness", nargs="+", metavar="FILE", default=[],
                        help="published status lists, checkpoints and withdrawal receipts (PDF): exit 1 "
                        "naming the first one the store does not extend")
    verify.set_defaults(func=run_verify)
    cp = cmds.add_parser("checkpoint", parents=[parent],
                         help="write a signed checkpoint (entry count and head hash)")
    cp.add_argument("out", metavar="OUT")
    cp.set_defaults(func=run_checkpoint)
    show = cmds.add_parser("show", parents=[parent], help="print audit entries")
    show.add_argument("--target", help="only entries about this target, e.g. staff:alice")
    show.add_argument("--last", type=int, default=50, metavar="N")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)


def run_verify(args) -> int:
    from consent_app import audit, audit_checkpoint
    from consent_app.crypto.keys import public_key_map
    from consent_app.store import meta

    with open_store(args) as store, store.read() as conn:
        if args.checkpoint:
            from consent_app.files import read_bounded
            from consent_app.verify.strictjson import loads

            raw = read_bounded(args.checkpoint, 64 * 1024, "checkpoint")
            try:
                checkpoint = loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(code="checkpoint.not_json", path=str(args.checkpoint),
                                 reason=str(exc)) from None
            try:
                report = audit_checkpoint.verify_checkpoint(conn, checkpoint, public_key_map(conn),
                                                 meta.studio(conn).id)
            except ValueError as exc:
                raise AuditBrokenError(code="checkpoint.rejected", reason=str(exc)) from None
        else:
            report = audit.verify_chain(conn)
        if not report.ok:
            raise AuditBrokenError(code="audit.chain_broken", seq=report.first_bad,
                                   reason=getattr(report, "problem", None) or report.reason)
        from consent_app import witness
        from consent_app.audit_crosscheck import cross_check

        findings = cross_check(conn)
        witnesses, failure = witness.check_files(conn, args.witness, public_key_map(conn),
                                                 meta.studio(conn).id)
    for finding in findings:
        print(f"consent-app: {finding.english()}", file=sys.stderr)
    if failure is not None:
        raise (AuditBrokenError(code=failure.code, **failure.params) if isinstance(failure, Message)
               else AuditBrokenError(str(failure)))
    if findings:
        raise AuditBrokenError(code="audit.crosscheck_failed", count=len(findings), first=findings[0])
    extra = " and matches the checkpoint" if args.checkpoint else ""
    if witnesses:
        extra += f"; extends all {len(witnesses)} witness(es)"
    print(report.summary() + extra + "; every record, event, token and sample has its audit entry")
    return 0


def run_checkpoint(args) -> int:
    from consent_app import audit, audit_checkpoint
    from consent_app.crypto.keys import active_key
    from consent_app.store import meta
    from consent_app.store.atomic import atomic_write_bytes

    with open_store(args) as store, store.read() as conn:
        report = audit.verify_chain(conn)
        if not report.ok:
            raise AuditBrokenError(code="audit.checkpoint_broken_log", seq=report.first_bad,
                                   reason=report.problem or report.reason)
        checkpoint = audit_checkpoint.make_checkpoint(conn, meta.studio(conn).id, active_key(conn))
        store.write_anchor()  # the anchor is never behind a head published in a checkpoint
    atomic_write_bytes(Path(args.out), json.dumps(checkpoint, indent=2).encode() + b"\n")
    print(f"checkpoint written to {args.out}: {checkpoint['count']} entries, "
          f"head {checkpoint['head'][:16]}")
    return 0


def run_show(args) -> int:
    from consent_app import audit

    with open_store(args) as store, store.read() as conn:
        count, _ = audit.head(conn)
        rows = list(audit.entries(conn, after=max(0, count - args.last) if not args.target else 0,
                                  target=args.target))
    if args.json:
        emit_json([e.__dict__ for e in rows])
    else:
        for e in rows:
            print(f"{e.seq:6d} {e.ts} {e.actor:<12} {e.action:<28} {e.target} "
                  f"{json.dumps(e.details, ensure_ascii=False)}")
    return 0
