"""``consent-verify``: check a consent token offline before a generation job runs.

The argument parser is hand-written on purpose: a tool runs this once per job, so start-up time
is what users feel, and argparse alone costs as much as the whole verification.
"""

from __future__ import annotations

import sys

from consent_app.verify.codes import MALFORMED, MEANING, USAGE, VALID, VerifyError
from consent_app.verify.vocab import MAX_KEYS_BYTES, MAX_STATUS_BYTES, MAX_TOKEN_BYTES, OPERATIONS

USAGE_TEXT = """\
usage: consent-verify TOKEN --keys JWKS [--status STATUS] --operation OP
                      [--state DIR] [--media FILE] [--at TIME] [--json]

Check offline that a consent token allows OP now (or at TIME).

  TOKEN            token file, '-' for standard input, or the token itself
  --keys JWKS      the studio's public keys (consent-app keys export)
  --status STATUS  the studio's current status list (consent-app status export);
                   required: every token carries a credentialStatus
  --operation OP   one of: {ops}
  --state DIR      remember per status list the newest sequence and the revoked
                   entries seen; refuse an older list or one that clears a revocation
  --media FILE     also check that FILE matches the token's assets / biometric binding
  --at TIME        check at TIME (e.g. 2026-11-23T10:00:00Z) instead of now
  --json           print the decision, reason, consent id, operations and marking as JSON

exit codes:
{codes}
"""

_VALUED = {"--keys", "--status", "--operation", "--media", "--at", "--state"}


class _Usage(Exception):
    pass


def _usage() -> str:
    codes = "\n".join(f"  {code}  {text}" for code, text in sorted(MEANING.items()))
    ops = "\n                   ".join(", ".join(OPERATIONS[i : i + 3]) for i in range(0, len(OPERATIONS), 3))
    return USAGE_TEXT.format(ops=ops, codes=codes)


def parse_args(argv: list[str]) -> dict:
    """Parse the command line into a dict; ``_Usage`` with a message on any mistake."""
    opts: dict = {"--json": False}
    positional: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            opts["--help"] = True
        elif arg == "--json":
            opts["--json"] = True
        elif arg.startswith("--") and arg.split("=", 1)[0] in _VALUED:
            name, eq, value = arg.partition("=")
            if not eq:
                i += 1
                if i >= len(argv):
                    raise _Usage(f"{name} needs a value")
                value = argv[i]
            if name in opts:
                raise _Usage(f"{name} given twice")
            opts[name] = value
        elif arg.startswith("--") or (arg.startswith("-") and arg != "-"):
            raise _Usage(f"unknown option {arg}")
        else:
            positional.append(arg)
        i += 1
    if opts.get("--help"):
        return opts
    if len(positional) != 1:
        raise _Usage("give exactly one TOKEN")
    for required in ("--keys", "--operation"):
        if required not in opts:
            raise _Usage(f"{required} is required")
    opts["token"] = positional[0]
    return opts


def _read(path: str, what: str, limit: int, too_large: int = USAGE) -> bytes:
    """At most ``limit`` bytes of a file or stdin; a longer input is refused (checked while reading,
    so /dev/zero or a pipe that never ends cannot exhaust memory)."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
    except OSError as exc:
        raise VerifyError(USAGE, f"cannot read {what} {path}: {exc.strerror or exc}",
                          reason_code="input.unreadable") from None
    if len(data) > limit:
        raise VerifyError(too_large, f"{what} {path} is larger than {limit} bytes",
                          reason_code="input.too_large")
    return data


_JWS_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def _token(arg: str) -> bytes:
    """TOKEN is the compact token itself (it starts with 'eyJ'), '-' (stdin) or a file."""
    if arg.startswith("eyJ") and arg.count(".") == 2 and _JWS_CHARS.issuperset(arg):
        return arg.encode("ascii")
    return _read(arg, "token", MAX_TOKEN_BYTES, MALFORMED).strip()


def run(opts: dict) -> int:
    from consent_app.verify.jose import KeySet
    from consent_app.verify.statuslist import StatusLists
    from consent_app.verify.strictjson import dumps
    from consent_app.verify.verifier import Verifier

    at = None
    if "--at" in opts:
        from consent_app.verify.timeutil import parse_time

        try:
            at = parse_time(opts["--at"])
        except ValueError as exc:
            raise VerifyError(USAGE, f"--at: {exc}", reason_code="usage.bad_time") from None
    if opts["--operation"] not in OPERATIONS:
        raise VerifyError(USAGE, f"unknown operation {opts['--operation']!r}; known: {', '.join(OPERATIONS)}",
                          reason_code="usage.unknown_operation")
    token = _token(opts["token"])
    keys = KeySet.from_bytes(_read(opts["--keys"], "key set", MAX_KEYS_BYTES))
    status = None
    state = None
    if "--state" in opts:
        from consent_app.verify.state import VerifierState

        state = VerifierState(opts["--state"])
    if "--status" in opts:
        status = StatusLists.from_bytes(_read(opts["--status"], "status list", MAX_STATUS_BYTES), keys,
                                        state)
    media = opts.get("--media")
    if media is not None:
        try:
            with open(media, "rb"):
                pass
        except OSError as exc:
            raise VerifyError(USAGE, f"cannot read media {media}: {exc.strerror or exc}",
                              reason_code="media.unreadable") from None
    decision = Verifier(keys, status).decide(token, opts["--operation"], at, media)
    try:
        print(dumps(decision.as_dict()) if opts["--json"] else decision.text(), flush=True)
    except BrokenPipeError:  # `| head -1` stopped reading: the exit code still says it all
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
    return decision.code


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    opts: dict = {}
    try:
        opts = parse_args(args)
        if opts.get("--help"):
            print(_usage())
            return VALID
        return run(opts)
    except _Usage as exc:
        print(f"consent-verify: error: {exc}\n(consent-verify --help for usage)", file=sys.stderr)
        return USAGE
    except VerifyError as exc:
        if opts.get("--json"):
            from consent_app.verify.strictjson import dumps

            report = {"decision": "refused", "exitCode": exc.exit_code, "reason": exc.message,
                      "reasonCode": exc.reason_code}
            if "--at" in opts:
                report["at"] = opts["--at"]
            print(dumps(report))
        else:
            print(f"consent-verify: error: {exc.message}", file=sys.stderr)
        return exc.exit_code


def console() -> int:
    """The ``consent-verify`` program: its console script, ``python -m consent_app.verify`` and the bundle.

    Start-up is most of what a tool waits for (bench/tokens.py). Importing makes only objects that live
    until the process exits (modules, classes, functions), so the cyclic collections it triggers free
    nothing: the modules every verification needs are imported with collection off and then frozen
    (``gc.freeze``: no later collection, the one at exit included, walks them again); collection is on
    again for the verification itself. Callers in a process of their own use ``main``, which leaves the
    collector alone.
    """
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        import consent_app.verify.strictjson
        import consent_app.verify.verifier  # noqa: F401 - jose, statuslist, claims: every run's modules
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
    return main()
