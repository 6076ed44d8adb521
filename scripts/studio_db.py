"""A throwaway local PostgreSQL server for trying a studio on one machine, and for the tests.

    ./dev studio-db            # start one, print its DSN, stop and delete it on Ctrl-C
    python scripts/studio_db.py --print-env   # the same, prints ``CONSENT_APP_STUDIO_DSN=...``

It uses Debian's PostgreSQL (``postgresql`` in scripts/debian-packages.txt): ``initdb`` in a fresh
temporary folder with a random password (SCRAM), a server on 127.0.0.1 at a free port with its Unix
socket in the same folder, and a database named ``studio``. ``initdb`` refuses to run as root, so as root
the server runs as the ``postgres`` user Debian creates (or ``nobody``), and owns only its folder.

The tests import :class:`ThrowawayServer` (tests/studio/conftest.py): no mock database.
"""

from __future__ import annotations

import argparse
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def postgres_bindir() -> Path:
    """The newest installed PostgreSQL's binaries (Debian: /usr/lib/postgresql/N/bin)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb") or shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise RuntimeError("PostgreSQL server binaries not found: install Debian's 'postgresql' "
                       "(./dev setup does it)")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid
    return 65534, 65534


class ThrowawayServer:
    """One PostgreSQL server in a temporary folder; ``start()``, ``dsn``, ``restart()``, ``stop()``."""

    def __init__(self, port: int | None = None, database: str = "studio") -> None:
        self.bindir = postgres_bindir()
        self.port = port or free_port()
        self.database = database
        self.user = "studio"
        self.password = secrets.token_urlsafe(18)
        self.root = Path(tempfile.mkdtemp(prefix="consent-studio-db-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as = _server_user()

    # --- running commands as the server's user ---------------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as is not None:
            uid, gid = self._as
            cmd = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", *cmd]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        return subprocess.run(cmd, capture_output=True, text=True, env=env, check=check, timeout=120)

    @property
    def dsn(self) -> str:
        return (f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"
                "?sslmode=disable&connect_timeout=5")

    def start(self) -> ThrowawayServer:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as is not None:
            uid, gid = self._as
            os.chown(self.root, uid, gid)
            os.chown(pwfile, uid, gid)
        os.chmod(pwfile, 0o600)
        os.chmod(self.root, 0o700)  # owned by the server's user (chowned above when we are root)
        self._run("initdb", "-D", str(self.data), "-U", self.user, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
        pwfile.unlink()
        self._pg_ctl_start()
        self._create_database()
        return self

    def _pg_ctl_start(self) -> None:
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=on"
        proc = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "-t", "60",
                         "start", check=False)
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {proc.stderr.strip()} {log[-2000:]}")

    def _create_database(self) -> None:
        import psycopg

        with psycopg.connect(self.dsn.replace(f"/{self.database}?", "/postgres?"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def stop(self, mode: str = "fast") -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self, down_for: float = 0.0) -> None:
        """Stop the server, wait ``down_for`` seconds, start it again on the same port."""
        self.stop()
        time.sleep(down_for)
        self._pg_ctl_start()

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> ThrowawayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.destroy()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print-env", action="store_true", help="print CONSENT_APP_STUDIO_DSN=... only")
    args = parser.parse_args(argv)
    server = ThrowawayServer()
    try:
        server.start()
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"studio-db: error: {exc}", file=sys.stderr)
        server.destroy()
        return 1
    if args.print_env:
        print(f"CONSENT_APP_STUDIO_DSN={server.dsn}", flush=True)
    else:
        print(f"A throwaway studio database is running (deleted when you press Ctrl-C):\n\n  {server.dsn}\n\n"
              f"Try: consent-app studio create '{server.dsn}'", flush=True)
    stop = {"now": False}

    def _stop(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stop["now"]:
            time.sleep(0.2)
    finally:
        server.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
