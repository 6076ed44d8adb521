"""`consent-app consent list|show|withdraw`: signed consent records from the command line.

* ``consent list [--subject ID] [--json]``
* ``consent show ID [--json]``: the signed record, its events, and whether the signatures verify;
  a record whose signature no longer verifies is refused with the reason (exit 1).
* ``consent withdraw ID [--operations OP ...] --reason TEXT [--receipt OUT.pdf]``: a signed,
  audited withdrawal event; revokes every token of the withdrawn categories.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store
from consent_app.messages import define

MESSAGES = define({
    "subject.unknown": "no subject with id {subject}",
})


def register(sub, parent) -> None:
    p = sub.add_parser("consent", parents=[parent], help="list, show and withdraw signed consents")
    cmds = p.add_subparsers(dest="consent_command", metavar="ACTION", required=True)
    lst = cmds.add_parser("list", parents=[parent], help="list consents (all, or of one subject)")
    lst.add_argument("--subject", metavar="ID", help="only this subject's consents")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)
    show = cmds.add_parser("show", parents=[parent],
                           help="the signed record and whether its signature verifies")
    show.add_argument("consent_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="print the signed record and events as JSON")
    show.set_defaults(func=run_show)
    wd = cmds.add_parser("withdraw", parents=[parent],
                         help="withdraw a whole consent or single categories (signed, audited; "
                              "revokes the affected tokens)")
    wd.add_argument("consent_id", metavar="ID")
    wd.add_argument("--operations", nargs="+", metavar="OP",
                    help="withdraw only these categories (default: everything still agreed)")
    wd.add_argument("--reason", required=True, metavar="TEXT", help="why (told by the subject)")
    wd.add_argument("--receipt", metavar="OUT.pdf", help="also write the withdrawal receipt")
    add_login_arguments(wd)
    wd.set_defaults(func=run_withdraw)


def _summary(consent, at=None) -> dict:
    from consent_app.consent import records

    return {"id": consent.id, "subject": consent.subject_id, "state": records.effective_state(consent, at),
            "categories": list(consent.categories), "withdrawn": list(consent.withdrawn_categories),
            "validFrom": consent.valid_from, "validUntil": consent.valid_until, "language": consent.language,
            "createdAt": consent.created_at, "recordHash": consent.record_hash, "demo": consent.demo,
            "verified": consent.verified, "problems": list(consent.problems),
            "tokens": [{"tokenId": f"urn:uuid:{t.id}", "state": t.state, "operations": list(t.operations),
                        "revokedAt": t.revoked_at, "reason": t.revoked_reason} for t in consent.tokens]}


def run_list(args) -> int:
    from consent_app.consent import records

    with open_store(args) as store, store.read() as conn:
        if args.subject and conn.execute("SELECT 1 FROM subjects WHERE id = ?",
                                         (args.subject,)).fetchone() is None:
            from consent_app.errors import InputError

            raise InputError(code="subject.unknown", subject=args.subject)
        consents = records.list_consents(conn, args.subject)
    rows = [_summary(c) for c in consents]
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("no consents")
        return 0
    for r in rows:
        flag = "" if r["verified"] else f"  DOES NOT VERIFY: {'; '.join(r['problems'])}"
        demo = "  DEMO" if r["demo"] else ""
        print(f"{r['id']}  {r['state']:<19} until {r['validUntil']}  subject {r['subject']}  "
              f"{','.join(c for c in r['categories'] if c not in r['withdrawn'])}{demo}{flag}")
    return 0


def run_show(args) -> int:
    from consent_app.consent import records

    with open_store(args) as store, store.read() as conn:
        consent = records.get_verified(conn, args.consent_id)
    if args.json:
        emit_json({**consent.signed_document(), "verified": True, "kid": consent.proof["kid"],
                   "summary": _summary(consent)})
        return 0
    s = _summary(consent)
    r = consent.record
    print(f"consent {consent.id}{'  (DEMO: not a real consent)' if consent.demo else ''}")
    print(f"  signature: verified (Ed25519, key {consent.proof['kid']}); record {consent.record_hash}")
    print(f"  state: {s['state']}; valid {consent.valid_from} .. {consent.valid_until}")
    print(f"  subject: urn:uuid:{consent.subject_id}; attester: {r['attester'].get('role')}")
    print(f"  categories: {', '.join(consent.categories)}")
    if consent.withdrawn_categories:
        print(f"  withdrawn: {', '.join(consent.withdrawn_categories)}")
    print(f"  project: {r['purposes'][0]['project']}; purpose: {r['purposes'][0]['purpose']}")
    print(f"  terms: {consent.terms_version} ({consent.language}), sha256 {consent.terms_sha256}")
    identity = r["evidence"].get("identityVerification")
    if identity:
        print(f"  face vs ID: distance {identity['distance']} (threshold {identity['threshold']}), "
              f"match {identity['match']}")
    if r["evidence"].get("identityOverride"):
        o = r["evidence"]["identityOverride"]
        print(f"  identity override by {o['admin']}: {o['reason']}")
    for e in consent.events:
        what = {"withdrawal": f"withdrawal of {', '.join(e.categories)}",
                "revocation": f"revocation of token(s) {', '.join(e.body.get('tokens', []))}",
                "erasure": f"erasure of {', '.join(e.body.get('modalities', []))} data",
                "token_issue": f"token {e.token_id} issued for {', '.join(e.body.get('operations', []))}",
                }.get(e.kind, e.kind)
        reason = f" — {e.body['reason']}" if e.body.get("reason") else ""
        print(f"  event {e.seq}: {what} at {e.at} by {e.staff} (signature verified){reason}")
    for t in consent.tokens:
        state = f"revoked {t.revoked_at} ({t.revoked_reason})" if t.revoked else f"until {t.valid_until}"
        print(f"  token urn:uuid:{t.id}: {','.join(t.operations)}  {state}")
    return 0


def run_withdraw(args) -> int:
    from consent_app.consent import receipt, records

    with open_store(args) as store:
        member = login(args, store)
        with store.transaction() as tx:
            event = records.withdraw(tx, args.consent_id, categories=args.operations, reason=args.reason,
                                     staff=member.username)
        if args.receipt:
            with store.read() as conn:
                receipt.write(args.receipt, receipt.withdrawal_receipt(conn, args.consent_id, event.seq))
    left = event.body["remaining"]
    print(f"withdrew {', '.join(event.categories)} from consent {args.consent_id} (event {event.id}); "
          f"{'still agreed: ' + ', '.join(left) if left else 'the whole consent is withdrawn'}")
    if args.receipt:
        print(f"withdrawal receipt written to {args.receipt}")
    _print_affected_uses(args, event.categories)
    return 0


def _print_affected_uses(args, categories) -> None:
    """The outputs already made under the withdrawn categories (from imported usage receipts)."""
    from consent_app.provenance.ledger import uses_for_consent

    with open_store(args) as store, store.read() as conn:
        uses = uses_for_consent(conn, args.consent_id, list(categories))
    if uses:
        print(f"{len(uses)} output(s) were made under the withdrawn categories:")
        for u in uses:
            print(f"  {u.made_at}  {u.operation}  {u.tool}  ProduceID {u.produce_id}"
                  f"  sha256 {u.output_sha256}")
