"""`consent-app tools`: identities (X.509 certificates from the studio CA) for generation tools.

* ``tools register NAME --out DIR`` (admin; audited) writes ``DIR/NAME.key.pem`` (owner-only; the
  studio keeps no copy), ``DIR/NAME.cert.pem`` (leaf + studio root) and ``DIR/studio-ca.pem``.
* ``tools list [--json]`` / ``tools revoke NAME --reason TEXT`` (admin; audited). A revocation reaches
  tools and tracers with the next ``consent-app keys export`` (``tool-revocations.crl.pem``). At a station
  of a multi-station studio the CA is the studio's (``consent_app/studio/toolca.py``): tools and
  revocations of every station are listed, and ``sync`` carries this station's to the others.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store
from consent_app.messages import define

MESSAGES = define({
    "tools.out_folder": "cannot write the tool's files to {path} ({reason})",
    "tools.key_exists": "{path} already exists; choose another folder",
    "tools.bad_days": "--days must be between 1 and 3650, not {days}",
    "tools.no_reason": "give the reason for the revocation",
})


def register(sub, parent) -> None:
    tools = sub.add_parser("tools", parents=[parent], help="certificates for generation tools (C2PA signing)")
    cmds = tools.add_subparsers(dest="tools_command", metavar="ACTION", required=True)
    reg = cmds.add_parser("register", parents=[parent], help="issue a tool certificate and key (admin)")
    reg.add_argument("name", metavar="NAME")
    reg.add_argument("--out", required=True, metavar="DIR", help="folder for the tool's key and certificate")
    reg.add_argument("--days", type=int, default=365, help="validity in days (default 365)")
    add_login_arguments(reg)
    reg.set_defaults(func=run_register)
    lst = cmds.add_parser("list", parents=[parent], help="registered tools")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=run_list)
    rev = cmds.add_parser("revoke", parents=[parent], help="revoke a tool's certificate (admin)")
    rev.add_argument("name", metavar="NAME")
    rev.add_argument("--reason", required=True, metavar="TEXT")
    add_login_arguments(rev)
    rev.set_defaults(func=run_revoke)
    code = cmds.add_parser(
        "code",
        parents=[parent],
        help="show or (admin) set the studio code written as ContentProducer in AIGC labels",
    )
    code.add_argument(
        "value", nargs="?", metavar="CODE", help="printable ASCII, no spaces (e.g. LANTERN-PICTURES)"
    )
    add_login_arguments(code)
    code.set_defaults(func=run_code)


def run_code(args) -> int:
    from consent_app.provenance import ca
    from consent_app.staff import Role
    from consent_app.studio import settings_sync

    with open_store(args) as store:
        if args.value is None:
            with store.read() as conn:
                print(ca.studio_code(conn))
            return 0
        member = login(args, store, Role.ADMIN)
        with store.transaction() as tx:
            code = settings_sync.set_studio_code(tx, args.value, member.username)
            shared = settings_sync.studio_wide(tx)
    print(
        f"studio code set to {code}; tools registered from now on carry it (register tools again to update)"
        + ("; studio-wide: every station takes it at its next sync" if shared else "")
    )
    return 0


def run_register(args) -> int:
    import os
    from pathlib import Path

    from consent_app.errors import InputError
    from consent_app.provenance import ca
    from consent_app.staff import Role
    from consent_app.store.atomic import atomic_write_bytes

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(code="tools.out_folder", path=str(out), reason=exc.strerror or str(exc)) from None
    key_path = out / f"{args.name}.key.pem"
    if key_path.exists():
        raise InputError(code="tools.key_exists", path=str(key_path))
    if not os.access(out, os.W_OK):
        raise InputError(code="tools.out_folder", path=str(out), reason="not writable")
    if not 1 <= args.days <= 3650:
        raise InputError(code="tools.bad_days", days=args.days)
    with open_store(args) as store:
        member = login(args, store, Role.ADMIN)
        with store.transaction() as tx:
            issued = ca.register(tx, args.name, member.username, args.days)
            root = ca.root_pem(tx)
            # written inside the transaction: if writing fails, no certificate is recorded
            atomic_write_bytes(key_path, issued.private_key_pem, mode=0o600)
            atomic_write_bytes(out / f"{args.name}.cert.pem", issued.chain_pem, mode=0o644)
            atomic_write_bytes(out / "studio-ca.pem", root, mode=0o644)
    cert = issued.certificate
    print(f"registered tool {cert.name}: serial {cert.serial}, valid until {cert.not_after}")
    print(
        f"wrote {key_path} (owner-only; the studio keeps no copy), {out / (args.name + '.cert.pem')}, "
        f"{out / 'studio-ca.pem'}"
    )
    return 0


def run_list(args) -> int:
    from consent_app.provenance import ca

    with open_store(args) as store, store.read() as conn:
        tools = [t.as_dict() for t in ca.list_tools(conn)]
    if args.json:
        emit_json(tools)
        return 0
    for t in tools:
        state = (
            f"revoked {t['revokedAt']} ({t['revokedReason']})" if t["revokedAt"] else f"until {t['notAfter']}"
        )
        print(f"{t['name']}  serial {t['serial']}  {state}")
    if not tools:
        print("no tools")
    return 0


def run_revoke(args) -> int:
    from consent_app.errors import InputError
    from consent_app.provenance import ca
    from consent_app.staff import Role

    reason = args.reason.strip()
    if not reason:
        raise InputError(code="tools.no_reason")
    with open_store(args) as store:
        member = login(args, store, Role.ADMIN)
        with store.transaction() as tx:
            cert = ca.revoke(tx, args.name, member.username, reason)
    print(f"revoked tool {cert.name} (serial {cert.serial}); export the keys again (consent-app keys export; "
          "in a studio: sync, then studio publish)")
    return 0
