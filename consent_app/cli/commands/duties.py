"""`consent-app duties run|status|configure`: the scheduled duties, for a timer or cron job.

* ``duties run [--force] [--only DUTY ...] [--password-file FILE] [--retries N] [--retry-delay S]
  [--json]``: run what is due (status list, checkpoint, backup, retention sweep, complaint deadlines)
  as a ``duty`` account (or an admin). Exit 0 when every duty that ran succeeded; 1 when one failed
  after its retries (each failure printed, recorded and audited; it stays due for the next run).
* ``duties status [--json]``: when each duty last ran and when the published status list expires.
* ``duties configure [--status-folder DIR] [--backup-folder DIR] [--refresh-hours H] [--warn-hours H]``
  (admin; audited).

The duty account's password comes, in this order, from ``--password-file FILE`` (or
``$CONSENT_APP_DUTY_PASSWORD_FILE``; the file must belong to the user running the job and be readable by
no one else, e.g. ``chmod 600``), from the OS keyring (service ``consent_app.duty``, user name = the
account), or from ``$CONSENT_APP_PASSWORD``.
"""

from __future__ import annotations

import os
from pathlib import Path

from consent_app.cli.context import ENV_PASSWORD, ENV_USER, add_login_arguments, emit_json, login, open_store
from consent_app.errors import AuthError, InputError
from consent_app.messages import define

ENV_PASSWORD_FILE = "CONSENT_APP_DUTY_PASSWORD_FILE"  # noqa: S105 - a variable name
KEYRING_SERVICE = "consent_app.duty"

MESSAGES = define({
    "duty.user_needed": "give --user NAME (or set {env}) for the duty account",
    "duty.secret_file_open": "{path}: the password file must be readable by its owner only (chmod 600) "
                             "and belong to the user running the duties",
    "duty.secret_file_missing": "{path}: cannot read the password file ({reason})",
    "duty.no_secret": "no password for the duty account {user}: give --password-file FILE, store it in the "
                      "OS keyring (service consent_app.duty) or set CONSENT_APP_PASSWORD",
})


def register(sub, parent) -> None:
    from consent_app.duties import DUTIES

    p = sub.add_parser("duties", parents=[parent], help="scheduled duties (status list, checkpoint, backup, "
                                                       "retention, complaint deadlines)")
    cmds = p.add_subparsers(dest="duties_command", metavar="ACTION", required=True)
    run = cmds.add_parser("run", parents=[parent], help="run the duties that are due")
    run.add_argument("--force", action="store_true", help="run every duty, due or not")
    run.add_argument("--only", nargs="+", choices=DUTIES, metavar="DUTY",
                     help=f"only these ({', '.join(DUTIES)})")
    run.add_argument("--password-file", metavar="FILE", help="the duty account's password (owner-only file)")
    run.add_argument("--retries", type=int, default=3, metavar="N", help="attempts per duty (default 3)")
    run.add_argument("--retry-delay", type=float, default=5.0, metavar="S",
                     help="seconds between attempts (default 5)")
    run.add_argument("--json", action="store_true")
    add_login_arguments(run)
    run.set_defaults(func=run_run)
    st = cmds.add_parser("status", parents=[parent],
                         help="when each duty last ran; when the status list expires")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=run_status)
    cf = cmds.add_parser("configure", parents=[parent], help="where duties write and when (admin)")
    cf.add_argument("--status-folder", metavar="DIR", help="publish folder of status.jwt and checkpoints")
    cf.add_argument("--backup-folder", metavar="DIR", help="folder for encrypted backups")
    cf.add_argument("--refresh-hours", type=float, metavar="H",
                    help="publish a fresh list when the last expires within H hours (default 12)")
    cf.add_argument("--warn-hours", type=float, metavar="H",
                    help="warn staff when the published list expires within H hours (default 6)")
    add_login_arguments(cf)
    cf.set_defaults(func=run_configure)


def _secret_from_file(path: Path) -> str:
    try:
        info = path.stat()
        if os.name != "nt" and (info.st_mode & 0o077 or info.st_uid != os.getuid()):
            raise InputError(code="duty.secret_file_open", path=str(path))
        with path.open(encoding="utf-8") as handle:
            return handle.readline(4096).rstrip("\r\n")
    except OSError as exc:
        raise InputError(code="duty.secret_file_missing", path=str(path),
                         reason=exc.strerror or str(exc)) from None


def _secret_from_keyring(user: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, user)
    except Exception:  # no backend, locked keyring: fall through to the next source
        return None


def duty_login(args, store):
    from consent_app import staff

    user = args.user or os.environ.get(ENV_USER)
    if not user:
        raise AuthError(code="duty.user_needed", env=ENV_USER)
    file = args.password_file or os.environ.get(ENV_PASSWORD_FILE)
    password = (_secret_from_file(Path(file)) if file else
                _secret_from_keyring(user) or os.environ.get(ENV_PASSWORD))
    if not password:
        raise InputError(code="duty.no_secret", user=user)
    member = staff.login(store, user, password)
    staff.require_role(member, staff.Role.DUTY)
    return member


def run_run(args) -> int:
    from consent_app.duties import run_duties

    with open_store(args) as store:
        member = duty_login(args, store)
        results = run_duties(store, actor=member.username, force=args.force, only=args.only,
                             attempts=max(1, args.retries), retry_delay=max(0.0, args.retry_delay))
    failed = [r for r in results if not r.ok]
    if args.json:
        emit_json([r.as_dict() for r in results])
    else:
        for r in results:
            mark = "skipped" if r.skipped else "ok" if r.ok else "FAILED"
            print(f"{r.duty:<12} {mark:<8} {r.message}")
    return 1 if failed else 0


def run_status(args) -> int:
    from consent_app.duties import duty_status

    with open_store(args) as store, store.read() as conn:
        status = duty_status(conn)
    if args.json:
        emit_json(status)
        return 0
    sl = status["status_list"]
    if sl["valid_until"] is None:
        print("status list: never published by a duty run")
    else:
        warn = "  EXPIRED" if sl["expired"] else "  EXPIRES SOON" if sl["warning"] else ""
        print(f"status list: published list valid until {sl['valid_until']} ({sl['hours_left']} h){warn}")
    for duty, info in status["duties"].items():
        last = info["last"]
        when = f"last ran {last['finished_at']} ({'ok' if last['ok'] else 'FAILED'})" if last else "never ran"
        print(f"{duty:<12} {when}{'; due' if info['due'] else ''}")
    return 0


def run_configure(args) -> int:
    from consent_app import staff
    from consent_app.duties import config

    with open_store(args) as store:
        admin = login(args, store, staff.Role.ADMIN)
        with store.transaction() as tx:
            config.configure(tx, status_folder=args.status_folder, backup_folder=args.backup_folder,
                             refresh_hours=args.refresh_hours, warn_hours=args.warn_hours,
                             actor=admin.username)
    print("duty settings saved")
    return 0

