"""`consent-app demo seed --face IMAGE [--id-photo IMAGE] [--voice WAV [STATEMENT.wav]]`.

Runs one complete capture session through the app's own flow on a demo database and prints the new
consent id (notes on how each check went go to stderr). Refuses a database that is not a demo one.
"""

from __future__ import annotations

import sys

from consent_app.cli.context import add_login_arguments, login, open_store
from consent_app.messages import define

MESSAGES = define({
    "demo.real_store": "demo seed only runs on a demo database (made with `consent-app init --demo`); this "
                       "one holds real consents",
})


def register(sub, parent) -> None:
    p = sub.add_parser("demo", parents=[parent], help="demo database helpers")
    cmds = p.add_subparsers(dest="demo_command", metavar="ACTION", required=True)
    seed = cmds.add_parser(
        "seed", parents=[parent],
        help="run one complete capture session from files on a demo database; prints the consent id",
        description="The face image is compared with the ID photo and shown to the liveness check as "
                    "a still camera (which fails: the admin's override says so). The first --voice file "
                    "is the voice sample, the second the spoken consent statement.")
    seed.add_argument("--face", required=True, metavar="IMAGE", help="photo of the subject's face")
    seed.add_argument("--id-photo", metavar="IMAGE", help="photo of the subject's ID document")
    seed.add_argument("--voice", nargs="+", default=[], metavar="WAV",
                      help="voice sample, then (optional) the spoken statement recording")
    seed.add_argument("--name", default="Demo Subject", help="the demo subject's name")
    seed.add_argument("--language", choices=("en", "zh-CN"), default="en", help="the subject's language")
    add_login_arguments(seed)
    seed.set_defaults(func=run_seed)


def run_seed(args) -> int:
    from pathlib import Path

    from consent_app.demo import seed
    from consent_app.store import meta

    with open_store(args) as store:
        with store.read() as conn:
            if not meta.studio(conn).demo:
                from consent_app.errors import PolicyError

                raise PolicyError(code="demo.real_store")
        admin = login(args, store)
        id_photo = Path(args.id_photo) if args.id_photo else None
        result = seed(store, admin, face=Path(args.face), id_photo=id_photo,
                      voices=[Path(v) for v in args.voice], name=args.name, language=args.language)
    for note in result.notes:
        print(f"demo seed: {note}", file=sys.stderr)
    print(f"demo seed: DEMO consent for {', '.join(result.categories)}", file=sys.stderr)
    print(result.completed.consent_id)
    return 0
