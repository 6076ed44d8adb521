"""`consent-app id read|check`: read an ID document's MRZ, check a PRC resident ID number.

``id read IMAGE [--json]`` finds and reads the machine-readable zone (ICAO 9303 TD1, TD2 or TD3) and
verifies every check digit: exit 0 read and every check digit holds, 1 read but a check digit fails,
2 no MRZ found or unreadable input. ``id check NUMBER [--json]``: exit 0 valid, 1 invalid with the reason.
Check digits catch typing and reading errors, not forgeries: the output says ``checksumOk``. Nothing is
stored.
"""

from __future__ import annotations

from consent_app.cli.context import emit_json


def register(sub, parent) -> None:
    p = sub.add_parser("id", parents=[parent], help="read an ID document's MRZ, check a resident ID number")
    cmds = p.add_subparsers(dest="id_command", metavar="ACTION", required=True)
    rd = cmds.add_parser(
        "read", parents=[parent], help="read the machine-readable zone of a passport or ID card photo",
        description="Exit 0: read, every check digit holds; 1: read, a check digit fails; "
                    "2: no MRZ found or unreadable input.")
    rd.add_argument("image", metavar="IMAGE", help="photo or scan of the document")
    rd.add_argument("--json", action="store_true", help="print the fields and each check digit as JSON")
    rd.set_defaults(func=run_read)
    ck = cmds.add_parser(
        "check", parents=[parent], help="check a PRC resident ID number (GB 11643)",
        description="Exit 0: valid; 1: invalid (the reason is printed).")
    ck.add_argument("number", metavar="NUMBER", help="the 18-character number")
    ck.add_argument("--json", action="store_true", help="print the result as JSON")
    ck.set_defaults(func=run_check)


def run_read(args) -> int:
    import sys

    from consent_app.identity.mrz_ocr import read_mrz_file

    read = read_mrz_file(args.image)
    data = read.data
    problem = data.error()
    if args.json:
        out = data.to_dict()
        out["band"] = read.band.box()
        if problem is not None:
            out["error"] = {"code": problem.code, "message": problem.message}
        emit_json(out)
    else:
        print(f"{data.format} {data.document_type} {data.issuing_state} {data.document_number}: "
              f"{data.surname}, {data.given_names}; born {data.birth_date or '?'}, sex {data.sex}, "
              f"nationality {data.nationality}, expires {data.expiry_date or '?'}")
        print("check digits: " + ", ".join(f"{k} {'ok' if v else 'FAILED'}" for k, v in data.checks.items()))
    if problem is not None:
        print(f"consent-app: error: {problem.message}", file=sys.stderr)
        return 1
    return 0


def run_check(args) -> int:
    import sys

    from consent_app.errors import InputError
    from consent_app.identity.prc_id import validate

    try:
        result = validate(args.number)
    except InputError as exc:
        if args.json:
            emit_json({"valid": False, "code": exc.code, "reason": exc.message})
        print(f"consent-app: error: {exc.message}", file=sys.stderr)
        return 1
    if args.json:
        emit_json({"valid": True, **result.to_dict()})
    else:
        print(f"{result.number}: checksum ok; born {result.birth_date.isoformat()}, sex {result.sex}, "
              f"address code {result.address_code}")
    return 0
