"""`consent-app token|keys|status`: issue consent tokens, export public keys and status lists.

* ``token issue CONSENT_ID --out FILE [--operations OP ...] [--until DATE] [--bind KIND ...]``
  writes the token (FILE), a readable summary (FILE stem + ``.summary.json``) and a QR code of
  the token id (FILE stem + ``.qr.png``); audited.
* ``token list [--consent ID] [--json]`` / ``token revoke TOKEN_ID --reason TEXT`` (audited)
* ``keys export OUT.jwks`` / ``keys rotate`` (admin; audited)
* ``status export OUT [--hours H]`` writes the signed revocation lists (one JWS per line); audited.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store
from consent_app.messages import define

MESSAGES = define({
    "cli.until_not_date": "--until {text} is not a date (YYYY-MM-DD) or an RFC 3339 time",
    "cli.until_no_zone": "--until {text} needs a time zone (e.g. 2027-01-31T18:00:00Z)",
    "cli.revoke_reason_needed": "give the reason for the revocation",
    "cli.no_live_token": "no live token urn:uuid:{token} (unknown or already revoked)",
})

OPERATIONS_HELP = (
    "face_generation, face_swap, face_attribute_edit, face_manipulation, pose_manipulation, "
    "tts_voice_clone, voice_conversion, voice_attribute_edit"
)


def register(sub, parent) -> None:
    tok = sub.add_parser("token", parents=[parent], help="issue and list consent tokens")
    tcmds = tok.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    iss = tcmds.add_parser(
        "issue",
        parents=[parent],
        help="sign a consent token for a consent (never more than it allows)",
        description="Writes FILE (the token), FILE's stem + .summary.json and + .qr.png.",
    )
    iss.add_argument("consent_id", metavar="CONSENT_ID")
    iss.add_argument("--out", required=True, metavar="FILE", help="where to write the token")
    iss.add_argument(
        "--operations", nargs="+", metavar="OP", help=f"subset of the consent's categories: {OPERATIONS_HELP}"
    )
    iss.add_argument(
        "--until", metavar="DATE", help="end of validity (YYYY-MM-DD = end of that day UTC, or RFC 3339)"
    )
    iss.add_argument(
        "--bind",
        nargs="+",
        choices=("assets", "face", "voice"),
        default=[],
        metavar="KIND",
        help="bind the token to the approved source media (assets) and/or the face/voice templates",
    )
    add_login_arguments(iss)
    iss.set_defaults(func=run_issue)
    rev = tcmds.add_parser("revoke", parents=[parent], help="revoke one token (e.g. a lost file)")
    rev.add_argument("token_id", metavar="TOKEN_ID", help="urn:uuid:... or the bare uuid")
    rev.add_argument("--reason", required=True, metavar="TEXT")
    add_login_arguments(rev)
    rev.set_defaults(func=run_revoke)
    lst = tcmds.add_parser("list", parents=[parent], help="list issued tokens")
    lst.add_argument("--consent", metavar="ID", help="only the tokens of this consent")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)

    keys = sub.add_parser("keys", parents=[parent], help="the studio's signing keys")
    kcmds = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    exp = kcmds.add_parser("export", parents=[parent], help="write the public keys (JWKS) verifiers need")
    exp.add_argument("out", metavar="OUT.jwks")
    exp.set_defaults(func=run_keys_export)
    rot = kcmds.add_parser(
        "rotate", parents=[parent], help="make a new signing key (admin); older tokens keep verifying"
    )
    add_login_arguments(rot)
    rot.set_defaults(func=run_keys_rotate)

    status = sub.add_parser("status", parents=[parent], help="token revocation status lists")
    scmds = status.add_subparsers(dest="status_command", metavar="ACTION", required=True)
    sexp = scmds.add_parser("export", parents=[parent], help="write the current signed status list(s)")
    sexp.add_argument("out", metavar="OUT")
    sexp.add_argument("--hours", type=float, metavar="H", help="validity (default: setting, 24 h)")
    add_login_arguments(sexp)
    sexp.set_defaults(func=run_status_export)


def parse_until(text: str | None):
    """``YYYY-MM-DD`` (through the end of that day, UTC) or an RFC 3339 time with zone."""
    if text is None:
        return None
    from datetime import UTC, datetime, time

    from consent_app.errors import InputError

    try:
        if len(text) == 10:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            return datetime.combine(day.date(), time(23, 59, 59), UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(code="cli.until_not_date", text=repr(text)) from None
    if moment.tzinfo is None:
        raise InputError(code="cli.until_no_zone", text=repr(text))
    return moment


def _write(path, data: bytes, mode: int = 0o644) -> None:
    from consent_app.errors import InputError
    from consent_app.store.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, data, mode=mode)
    except OSError as exc:
        raise InputError(code="file.unwritable", path=str(path), reason=exc.strerror or str(exc)) from None


def run_issue(args) -> int:
    from pathlib import Path

    from consent_app.tokens.files import check_writable, issue_to_files

    until = parse_until(args.until)
    check_writable(Path(args.out))
    with open_store(args) as store:
        member = login(args, store)
        issued, (out, summary_path, qr_path) = issue_to_files(
            store, args.consent_id, args.operations, until, args.bind, Path(args.out), member.username)
    summary = issued.summary()
    print(f"token {issued.payload['id']} for consent {args.consent_id}")
    print(f"operations: {', '.join(summary['operations'])}; valid until {summary['validUntil']}")
    print(f"wrote {out}, {summary_path}, {qr_path}")
    if issued.demo:
        print("DEMO token: issued from a demo database; nobody should trust it")
    if {"face", "voice"} & set(args.bind):
        print(f"note: {out} carries a biometric template; store and send it as biometric data")
    return 0


def run_revoke(args) -> int:
    from consent_app.errors import InputError
    from consent_app.tokens import revoke_token

    token_id = args.token_id.removeprefix("urn:uuid:")
    reason = args.reason.strip()
    if not reason:
        raise InputError(code="cli.revoke_reason_needed")
    with open_store(args) as store:
        member = login(args, store)
        with store.transaction() as tx:
            if not revoke_token(tx, token_id, member.username, reason):
                raise InputError(code="cli.no_live_token", token=token_id)
    print(f"revoked urn:uuid:{token_id}; export the status list again (consent-app status export)")
    return 0


def run_list(args) -> int:
    from consent_app.tokens.listing import token_states

    with open_store(args) as store, store.read() as conn:
        tokens = token_states(conn, args.consent)
    if args.json:
        emit_json(tokens)
    else:
        for t in tokens:
            if t["state"] == "issued":
                state = f"until {t['validUntil']}"
            elif t["state"] == "revoked":
                state = f"revoked {t['revokedAt']} ({t['reason']})"
            else:
                state = f"REFUSED: {t['reason']}"
            print(f"{t['tokenId']}  consent {t['consentId']}  {','.join(t['operations'])}  {state}")
        if not tokens:
            print("no tokens")
    return 0


def run_keys_export(args) -> int:
    import json
    from pathlib import Path

    from consent_app.provenance import former
    from consent_app.studio.publish import jwks_for_farms

    with open_store(args) as store, store.read() as conn:
        jwks = jwks_for_farms(conn)  # at an approved station of a studio: the studio's
        tool_files = former.trust_files(conn)
    out = Path(args.out)
    _write(out, (json.dumps(jwks, indent=2) + "\n").encode())
    kids = ", ".join(k["kid"] for k in jwks["keys"])
    print(f"wrote {len(jwks['keys'])} public key(s) to {args.out}: {kids}")
    if tool_files:
        folder = out.parent
        for name, data in tool_files.items():
            _write(folder / name, data)
        print(f"wrote the tool CA root, tool revocations and tool certificates to {folder}: "
              f"{', '.join(tool_files)}")
    return 0


def run_keys_rotate(args) -> int:
    from consent_app.crypto import keys as signing
    from consent_app.staff import Role

    with open_store(args) as store:
        member = login(args, store, Role.ADMIN)
        with store.transaction() as tx:
            key = signing.rotate(tx, member.username)
    print(f"new signing key {key.kid}; tokens signed earlier keep verifying until they expire")
    print("export the keys again (consent-app keys export) and send them to every verifier")
    return 0


def run_status_export(args) -> int:
    from pathlib import Path

    from consent_app.studio.freshness import ensure_fresh
    from consent_app.studio.published import export_lists

    with open_store(args) as store:
        member = login(args, store)
        ensure_fresh(store)  # at a studio station: sync first, never sign lists from a stale view
        with store.transaction() as tx:
            lists = export_lists(tx, member.username, args.hours)  # never below what another station signed
            _write(Path(args.out), ("\n".join(lists) + "\n").encode("ascii"))
        store.write_anchor()  # the anchor is never behind a head a published list names
        import json

        from consent_app.audit_checkpoint import make_checkpoint
        from consent_app.crypto.keys import active_key
        from consent_app.store import meta

        with store.read() as conn:  # a signed checkpoint with every export, kept beside the list
            checkpoint = make_checkpoint(conn, meta.studio(conn).id, active_key(conn))
        cp_path = Path(args.out).with_name(Path(args.out).stem + ".checkpoint.json")
        _write(cp_path, json.dumps(checkpoint, indent=2).encode() + b"\n")
    print(f"wrote {len(lists)} status list(s) to {args.out} and a signed checkpoint to {cp_path}")
    return 0
