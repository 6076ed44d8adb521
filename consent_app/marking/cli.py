"""``consent-mark`` and ``consent-trace``: mark a generated output, trace a file back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consent_app.errors import ConsentAppError
from consent_app.verify.codes import MEANING

MARK_CODES = {**MEANING, 9: "tool certificate not trusted (not from the studio root, expired or revoked)"}
TRACE_CODES = {
    0: "marked and consistent",
    2: "usage error, unreadable or unsupported file",
    10: "no marks",
    11: "marks present but invalid, or the file changed after marking",
    12: "marks point to a revoked or expired token, or a revoked tool",
    13: "AIGC label without a valid C2PA manifest or tool signature (cannot be attributed)",
}


def _epilog(codes: dict[int, str]) -> str:
    return "exit codes:\n" + "\n".join(f"  {c:>2}  {t}" for c, t in sorted(codes.items()))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with one line, like consent-verify
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def mark_parser() -> argparse.ArgumentParser:
    from consent_app.marking.formats import SUPPORTED

    p = _Parser(
        prog="consent-mark",
        description="Verify a consent token, then mark a generated output: explicit label, GB 45438 AIGC "
        "label and a C2PA manifest signed by the tool; write MARKED and MARKED.usage.jwt. "
        f"Formats: {SUPPORTED}.",
        epilog=_epilog(MARK_CODES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("token", metavar="TOKEN", help="token file, '-' for standard input, or the token itself")
    p.add_argument(
        "--keys", required=True, metavar="JWKS", help="the studio's keys (consent-app keys export)"
    )
    p.add_argument("--status", metavar="STATUS", help="the studio's status list (consent-app status export)")
    p.add_argument("--operation", required=True, metavar="OP")
    p.add_argument("--tool-key", required=True, metavar="KEY", help="the tool's private key (PEM)")
    p.add_argument("--tool-cert", required=True, metavar="CERT", help="the tool's certificate (PEM)")
    p.add_argument(
        "--trust",
        metavar="DIR",
        help="folder with studio-ca.pem and tool-revocations.crl.pem (default: the folder of --keys)",
    )
    p.add_argument(
        "--source", nargs="+", default=[], metavar="SRC", help="the source media the output was made from"
    )
    p.add_argument("--in", dest="input", required=True, metavar="OUTPUT", help="the generated output to mark")
    p.add_argument("--out", required=True, metavar="MARKED", help="where to write the marked file")
    p.add_argument("--json", action="store_true")
    return p


def _json(value) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True))


def _fail(prog: str, exc: ConsentAppError, as_json: bool, code: int) -> int:
    if as_json:
        msg = exc.as_message()
        _json(
            {
                "decision": "refused",
                "exitCode": code,
                "reason": exc.message,
                "code": msg.code if msg else getattr(exc, "reason_code", None),
            }
        )
    else:
        print(f"{prog}: error: {exc.message}", file=sys.stderr)
    return code


def _missing(prog: str, exc: ImportError) -> int:
    print(
        f"{prog}: error: {exc.name or exc} is not installed; install the mark extra "
        "(pip install 'consent-verify[mark]') or the full consent-app",
        file=sys.stderr,
    )
    return 2


def run_mark(args) -> int:
    from consent_app.marking.mark import mark
    from consent_app.marking.trust import ToolIdentity, TrustBundle
    from consent_app.verify.cli import _read, _token
    from consent_app.verify.codes import USAGE, VerifyError
    from consent_app.verify.jose import KeySet
    from consent_app.verify.statuslist import StatusLists
    from consent_app.verify.timeutil import format_time
    from consent_app.verify.verifier import Verifier
    from consent_app.verify.vocab import MAX_KEYS_BYTES, MAX_STATUS_BYTES, OPERATIONS

    if args.operation not in OPERATIONS:
        raise VerifyError(USAGE, f"unknown operation {args.operation!r}; known: {', '.join(OPERATIONS)}",
                          reason_code="usage.unknown_operation")
    token = _token(args.token)
    keys = KeySet.from_bytes(_read(args.keys, "key set", MAX_KEYS_BYTES))
    status = (
        StatusLists.from_bytes(_read(args.status, "status list", MAX_STATUS_BYTES), keys)
        if args.status
        else None
    )
    claims = Verifier(keys, status).verify(token, args.operation)
    bundle = TrustBundle.load(Path(args.trust) if args.trust else Path(args.keys).resolve().parent)
    tool = ToolIdentity.load(Path(args.tool_key), Path(args.tool_cert), bundle)
    import time

    result = mark(
        claims=claims,
        token_text=token,
        operation=args.operation,
        tool=tool,
        bundle=bundle,
        in_path=args.input,
        out_path=args.out,
        sources=args.source,
        now=format_time(time.time()),
    )
    if args.json:
        _json(result.as_dict())
    else:
        print(f"marked {result.out_path} ({result.format}); ProduceID {result.produce_id}")
        print(f"consent {claims.consent_id}  token {claims.token_id}  operation {args.operation}")
        print(f"usage receipt: {result.receipt_path}")
    return 0


def mark_main(argv: list[str] | None = None) -> int:
    args = mark_parser().parse_args(argv)
    try:
        return run_mark(args)
    except ConsentAppError as exc:
        return _fail("consent-mark", exc, args.json, getattr(exc, "exit_code", 1))
    except ImportError as exc:
        return _missing("consent-mark", exc)


def trace_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="consent-trace",
        description="Read every mark in FILE (C2PA manifest, AIGC label), check them against the studio's "
        "root and say under which token and consent the file was made. Offline.",
        epilog=_epilog(TRACE_CODES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--keys", metavar="JWKS", help="the studio's keys; studio-ca.pem etc. are read from its folder"
    )
    p.add_argument("--status", metavar="STATUS", help="the studio's status list, to tell revoked tokens")
    p.add_argument("--trust", metavar="DIR", help="folder with studio-ca.pem (default: the folder of --keys)")
    p.add_argument("--json", action="store_true")
    return p


def run_trace(args) -> int:
    from consent_app.marking.trace import offline_token_state, trace_file
    from consent_app.marking.trust import TrustBundle

    bundle, keys, status = None, None, None
    if args.keys:
        from consent_app.verify.cli import _read
        from consent_app.verify.jose import KeySet
        from consent_app.verify.statuslist import StatusLists
        from consent_app.verify.vocab import MAX_KEYS_BYTES, MAX_STATUS_BYTES

        keys = KeySet.from_bytes(_read(args.keys, "key set", MAX_KEYS_BYTES))
        if args.status:
            status = StatusLists.from_bytes(_read(args.status, "status list", MAX_STATUS_BYTES), keys)
    folder = Path(args.trust) if args.trust else (Path(args.keys).resolve().parent if args.keys else None)
    if folder is not None:
        bundle = TrustBundle.load(folder, need_crl=False)
    report = trace_file(args.file, bundle=bundle, token_state=offline_token_state(keys, status))
    if args.json:
        _json(report.as_dict())
    else:
        print(report.text())
    return report.exit_code


def trace_main(argv: list[str] | None = None) -> int:
    args = trace_parser().parse_args(argv)
    try:
        return run_trace(args)
    except ImportError as exc:
        return _missing("consent-trace", exc)
    except ConsentAppError as exc:
        code = getattr(exc, "exit_code", 2)
        return _fail("consent-trace", exc, args.json, 2 if code not in (2, 10, 11, 12, 13) else code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(mark_main())
