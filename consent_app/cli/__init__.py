"""`consent-app`: the desktop app, and headless subcommands for scripts, tests and support staff.

Subcommands live in ``consent_app.cli.commands``: each module's ``register(sub, parent)`` adds its
parsers. Handlers return an exit code; a ``ConsentAppError`` ends the command with a one-line reason.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from consent_app.errors import ConsentAppError

COMMAND_MODULES_PACKAGE = "consent_app.cli.commands"


def _command_modules():
    import importlib  # here: the desktop app, which lists no commands, starts without them
    import pkgutil

    package = importlib.import_module(COMMAND_MODULES_PACKAGE)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{COMMAND_MODULES_PACKAGE}.{info.name}")


#: Options of the desktop app that take a value (``consent-app`` without a command).
_APP_VALUE_OPTIONS = frozenset({"--data-dir", "--demo-faces", "--demo-voices", "--language"})


def _starts_app(argv: Sequence[str]) -> bool:
    """True when ``argv`` names no command: the desktop app starts without importing the commands."""
    expect_value = False
    for arg in argv:
        if expect_value:
            expect_value = False
        elif arg in _APP_VALUE_OPTIONS:
            expect_value = True
        elif arg in ("-h", "--help", "--self-test") or not arg.startswith("-"):
            return False
    return True


def _global_options(default: object) -> argparse.ArgumentParser:
    """Options every command takes, before or after the command's name.

    The top-level parser defaults them to None; the commands' parsers use SUPPRESS, so a value
    given before the command (``consent-app --data-dir DIR init``) is not reset by the command's own
    parser, and one given after it (``consent-app init --data-dir DIR``) still counts."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir", metavar="DIR", default=default,
        help="data folder (default: $CONSENT_APP_DATA_DIR or the platform's user data folder)",
    )
    return parent


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parent = _global_options(None)
    parser = argparse.ArgumentParser(
        prog="consent-app",
        description="Prove a person's consent before anyone synthesizes or edits their face or voice. "
        "Without a command, starts the desktop app.",
        parents=[parent],
    )
    parser.add_argument("--demo", action="store_true",
                        help="start the app on a throwaway demo database with file-backed camera/microphone")
    parser.add_argument("--self-test", action="store_true",
                        help="run headless checks of every part and exit 0 when all pass")
    if not with_commands:  # the desktop app: its start-up time is what people feel
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command_parent = _global_options(argparse.SUPPRESS)
    for module in _command_modules():
        module.register(sub, command_parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(with_commands=not _starts_app(argv))
    args, extra = parser.parse_known_args(argv)
    try:
        if args.self_test:
            from consent_app.selftest import run_self_test

            return run_self_test()
        if args.command is None:
            from consent_app.ui.app import run_app

            return run_app(args, extra)
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        from consent_app.duties.publish import install

        install()  # a withdrawal or revocation publishes a fresh status list at once
        code = int(args.func(args) or 0)
        try:
            sys.stdout.flush()  # a reader that stopped (`| head`) shows here, not at exit
        except BrokenPipeError:
            _quiet_stdout()
        return code
    except ConsentAppError as exc:
        print(f"consent-app: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `| head` stopped reading mid-output: what the command did is done
        _quiet_stdout()
        return 0
    except OSError as exc:  # a file or device the command was pointed at; never a traceback
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"consent-app: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("consent-app: interrupted", file=sys.stderr)
        return 130


def _quiet_stdout() -> None:
    """Standard output to /dev/null, so that the interpreter's own flush at exit fails no more."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
