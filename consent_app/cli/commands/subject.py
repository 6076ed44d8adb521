"""`consent-app subject erase-biometrics ID` / `subject erase-expired`: erase biometric data.

Samples lose their bytes and templates their vectors; the signed records, the evidence hashes and
the audit trail stay, so the studio can still show what was agreed and when it ended.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, login, open_store


def register(sub, parent) -> None:
    p = sub.add_parser("subject", parents=[parent], help="subjects' biometric data")
    cmds = p.add_subparsers(dest="subject_command", metavar="ACTION", required=True)
    er = cmds.add_parser("erase-biometrics", parents=[parent],
                         help="erase a subject's face/ID/voice samples and templates (admin; audited)")
    er.add_argument("subject_id", metavar="ID")
    er.add_argument("--reason", default="subject's request", metavar="TEXT")
    add_login_arguments(er)
    er.set_defaults(func=run_erase)
    ex = cmds.add_parser("erase-expired", parents=[parent],
                         help="erase the biometric data of every subject whose retention period ended")
    add_login_arguments(ex)
    ex.set_defaults(func=run_expired)


def run_erase(args) -> int:
    from consent_app import staff
    from consent_app.consent import erasure

    with open_store(args) as store:
        admin = login(args, store, staff.Role.ADMIN)
        with store.transaction() as tx:
            done = erasure.erase_subject(tx, args.subject_id, actor=admin.username, reason=args.reason)
        if done.already_erased:
            print(f"subject {done.subject_id}: biometric data was already erased; nothing left to erase")
            return 0
        print(f"subject {done.subject_id}: erased {done.samples} sample(s) and {done.templates} template(s); "
              "signed consent records, evidence hashes and the audit trail are kept")
        _tell_studio(store)
    return 0


def _tell_studio(store) -> None:
    """A studio station syncs at once: the erasure reaches the studio, the subjects' keys leave the server."""
    from consent_app.studio import service

    linked, waiting = service.after_erasure(store)
    if linked and waiting is None:
        print("studio: erasure synced; the subject keys of the studio-wide templates left the server")
    elif linked:
        print(f"studio: not synced now ({waiting}); the next sync deletes the subject keys on the server")


def run_expired(args) -> int:
    from consent_app import staff
    from consent_app.consent import erasure

    with open_store(args) as store:
        admin = login(args, store, staff.Role.ADMIN)
        with store.transaction() as tx:
            done = erasure.erase_expired(tx, actor=admin.username)
        for d in done:
            print(f"subject {d.subject_id}: erased {d.samples} sample(s), {d.templates} template(s)")
        print(f"{len(done)} subject(s) past their retention period erased")
        if done:
            _tell_studio(store)
    return 0
