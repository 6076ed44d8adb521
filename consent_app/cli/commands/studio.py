"""`consent-app studio …` and `consent-app sync`: one studio of many stations on a shared PostgreSQL."""

from __future__ import annotations

import sys

from consent_app.cli.context import add_login_arguments, emit_json, login, open_store
from consent_app.messages import define

MESSAGES = define({"studio.bad_interval": "--interval must be more than 0 seconds, not {value}"})


def register(sub, parent) -> None:
    p = sub.add_parser("studio", parents=[parent], help="one studio, many stations (shared PostgreSQL)")
    cmds = p.add_subparsers(dest="studio_command", metavar="ACTION", required=True)
    create = cmds.add_parser("create", parents=[parent], help="found a studio: this store becomes its first "
                             "station (its consents, tokens and audit history come along)")
    create.add_argument("dsn", metavar="DSN", help="PostgreSQL connection string of an empty database")
    create.add_argument("--name", default="founding station", help="this station's name")
    add_login_arguments(create)
    create.set_defaults(func=run_create)
    join = cmds.add_parser("join", parents=[parent], help="ask to join a studio; prints this station's id "
                           "and key fingerprint for an administrator to approve")
    join.add_argument("dsn", metavar="DSN")
    join.add_argument("--name", default="station", help="this station's name")
    add_login_arguments(join)
    join.set_defaults(func=run_join)
    approve = cmds.add_parser("approve", parents=[parent], help="approve a station that asked to join")
    approve.add_argument("station", metavar="STATION")
    approve.add_argument("--fingerprint", required=True, metavar="FP",
                         help="as read on the new station's own screen")
    add_login_arguments(approve)
    approve.set_defaults(func=run_approve)
    revoke = cmds.add_parser("revoke", parents=[parent], help="revoke a station (it signs nothing new)")
    revoke.add_argument("station", metavar="STATION")
    revoke.add_argument("--reason", required=True, metavar="TEXT")
    add_login_arguments(revoke)
    revoke.set_defaults(func=run_revoke)
    reconcile = cmds.add_parser("reconcile", parents=[parent],
                                help="accept this station's state after a rollback alert (audited)")
    reconcile.add_argument("--reason", required=True, metavar="TEXT")
    add_login_arguments(reconcile)
    reconcile.set_defaults(func=run_reconcile)
    status = cmds.add_parser("status", parents=[parent], help="stations, last push/pull, outbox, alerts")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=run_status)
    pub = cmds.add_parser("publish", parents=[parent], help="write one folder a render farm syncs: the "
                          "studio's JWKS, every station's status list, the tool CA and its revocations")
    pub.add_argument("folder", metavar="DIR")
    pub.add_argument("--allow-stale", action="store_true",
                     help="publish even when the sync first fails or the last pull is too old (marked in "
                          "publication.json, with a warning)")
    add_login_arguments(pub)
    pub.set_defaults(func=run_publish)
    fresh = cmds.add_parser("configure", parents=[parent],
                            help="(admins) how old a pull may be for publishing")
    fresh.add_argument("--publish-fresh-minutes", type=float, required=True, metavar="MINUTES",
                       help="refuse to publish when the last successful pull is older (default 5)")
    add_login_arguments(fresh)
    fresh.set_defaults(func=run_configure)
    verify = cmds.add_parser("verify", parents=[parent],
                             help="check every signature, chain and head in the shared database")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(func=run_verify)
    s = sub.add_parser("sync", parents=[parent], help="push this station's changes and pull the studio's")
    s.add_argument("--watch", action="store_true", help="keep syncing (default every second)")
    s.add_argument("--interval", type=float, default=1.0, metavar="SECONDS")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=run_sync)


def run_create(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        member = login(args, store, "admin")
        lk = service.create(store, args.dsn, member.username, args.name)
    print(f"studio {lk.studio_id} created; this station is {lk.station_id} "
          f"(key fingerprint {lk.fingerprint})")
    return 0


def run_join(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        member = login(args, store, "admin")
        lk = service.join(store, args.dsn, member.username, args.name)
    print(f"asked to join studio {lk.studio_id} ({lk.studio_name}).\n"
          f"station:     {lk.station_id}\nfingerprint: {lk.fingerprint}\n"
          "An administrator at an approved station compares this fingerprint and runs:\n"
          f"  consent-app studio approve {lk.station_id} --fingerprint {lk.fingerprint}")
    return 0


def run_approve(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        member = login(args, store, "admin")
        report = service.approve(store, args.station, args.fingerprint, member.username)
    info = report.stations[args.station]
    state = (f"revoked after #{info.revoked_after}" if info.revoked else "trusted" if info.trusted
             else f"approved by {len(info.approved_by)}; waiting for another administrator")
    print(f"station {args.station}: {state}")
    return 0


def run_revoke(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        member = login(args, store, "admin")
        service.revoke(store, args.station, args.reason, member.username)
    print(f"station {args.station} revoked: it signs nothing new for this studio")
    return 0


def run_reconcile(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        member = login(args, store, "admin")
        closed = service.reconcile(store, member.username, args.reason)
    print(f"{closed} alert(s) reconciled")
    return 0


def run_status(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        report = service.status(store)
    if args.json:
        emit_json(report)
        return 0
    print(f"studio {report['studio']} ({report['studio_name']}) at {report['dsn']}")
    print(f"this station {report['station']} ({report['station_name']}), fingerprint {report['fingerprint']}")
    print(f"last push {report['last_push'] or 'never'}, last pull {report['last_pull'] or 'never'}, "
          f"outbox pending {report['pending_outbox']}")
    t = report["templates"]
    print(f"templates of other stations: {t['shared_in_search']} in the search, "
          f"{t['waiting_for_key']} waiting for their subject key; not on the server yet: "
          f"{t['keys_to_upload']} subject key(s), {t['erasures_to_send']} erasure(s)")
    ca = report["tool_ca"]
    if ca["fingerprint"]:  # a new generation at every station revocation (carotate.py)
        print(f"tool CA generation {ca['generation']}, root {ca['fingerprint'][:16]}…, "
              f"{ca['retired']} retired root(s)")
    for s in report["stations"]:
        state = "trusted" if s["trusted"] else "waiting for approval"
        if s["revoked_after"] is not None:
            state = f"revoked after #{s['revoked_after']}"
        print(f"  {s['station']}  {s['name']:<20} {s['fingerprint']}  {state}")
    for a in report["alerts"]:
        print(f"ALERT {a['at']}: {_alert_text(a)}")
    return 0


def sync_alerts(conn, codes: list[str], since: str) -> list[dict]:
    """What a one-shot sync reports (and exits 1 for): the alerts it raised (an open alert raised by an
    earlier sync stays in `studio status`, it does not fail every later sync), and at a revoked station
    that revocation, at every sync."""
    from consent_app.studio import link

    return [a for a in link.alerts(conn)
            if a["code"] == "studio.station_revoked" or (a["code"] in codes and a["at"] >= since)]


def new_alerts(conn, codes: list[str], shown: set[int]) -> list[dict]:
    """The open alerts of these codes not shown yet (``shown`` keeps their ids)."""
    from consent_app.studio import link

    fresh = [a for a in link.alerts(conn) if a["code"] in codes and a["id"] not in shown]
    shown.update(a["id"] for a in fresh)
    return fresh


def _alert_text(alert: dict) -> str:
    """An alert in words (its code's English template), or its code and parameters when it has none."""
    from consent_app.messages import Message, template
    from consent_app.studio import link, replicate, sync, templates  # noqa: F401 - the modules raising alerts

    if template(alert["code"]):
        try:
            return Message(alert["code"], alert["params"]).english()
        except (KeyError, ValueError, IndexError):
            pass
    return f"{alert['code']} {alert['params']}"


def run_publish(args) -> int:
    from pathlib import Path

    from consent_app.studio import publish

    with open_store(args) as store:
        member = login(args, store)
        done = publish.publish(store, Path(args.folder), member.username, allow_stale=args.allow_stale)
    if done["stale"]:
        from consent_app.messages import Message

        print(Message("studio.publish_stale_warning", {"when": done["last_pull_at"] or "never"}).english(),
              file=sys.stderr)
    print(f"published {done['lists']} status list(s) and {done['keys']} key(s) to {done['folder']}: "
          f"{', '.join(done['files'])}")
    return 0


def run_configure(args) -> int:
    from consent_app.studio import freshness

    with open_store(args) as store:
        member = login(args, store, "admin")
        with store.transaction() as tx:
            freshness.set_fresh_minutes(tx, args.publish_fresh_minutes, member.username)
    print(f"studio publish refuses a pull older than {args.publish_fresh_minutes:g} min")
    return 0


def run_verify(args) -> int:
    from consent_app.studio import service

    with open_store(args) as store:
        report = service.verify(store)
    if args.json:
        emit_json(report)
    else:
        print(f"{report['objects']} objects: {report['accepted']} verified, {report['pending']} waiting, "
              f"{len(report['refused'])} refused, {len(report['conflicts'])} sequence conflicts")
        for r in report["refused"]:
            print(f"  REFUSED {r['station']}#{r['seq']}: {r['reason']}")
        for k in report["erased_subject_keys"]:
            print(f"  KEY OF AN ERASED SUBJECT on the server: {k['key']} (subject {k['subject']})")
    return 0 if report["ok"] else 1


def run_sync(args) -> int:
    from consent_app.studio import link, sync

    with open_store(args) as store:
        if not args.watch:
            from consent_app import clock

            started = clock.iso()
            result = sync.sync_once(store)
            line = {"pushed": result.pushed, "pulled": result.pulled, "accepted": result.accepted,
                    "refused": result.refused, "alerts": result.alerts}
            emit_json(line) if args.json else print(
                f"pushed {result.pushed}, pulled {result.pulled}, accepted {result.accepted}, "
                f"refused {result.refused}")
            with store.read() as conn:
                raised = sync_alerts(conn, result.alerts, started)
            for alert in raised:
                print(f"ALERT: {_alert_text(alert)}", file=sys.stderr)
            return 1 if raised else 0
        if not args.interval > 0:
            from consent_app.errors import InputError

            raise InputError(code="studio.bad_interval", value=args.interval)
        with store.read() as conn:
            link.require(conn)  # not in a studio: said once, not retried every second forever

        def report(result, error) -> None:
            if error is not None:
                print(f"sync failed: {error.message} (retrying)", file=sys.stderr, flush=True)
                return
            if result.pushed or result.accepted:
                print(f"pushed {result.pushed}, accepted {result.accepted}", flush=True)
            if result.alerts:
                with store.read() as conn:
                    for alert in new_alerts(conn, result.alerts, shown):
                        print(f"ALERT: {_alert_text(alert)}", file=sys.stderr, flush=True)

        shown: set[int] = set()  # each open alert once per watch, not at every round

        try:
            sync.watch(store, args.interval, on_result=report)
        except KeyboardInterrupt:
            return 0
    return 0
