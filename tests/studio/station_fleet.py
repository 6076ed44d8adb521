"""A studio of N stations, each a real process with its own encrypted store, on one PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Fleet:
    def __init__(self, root: Path, dsn: str, n: int) -> None:
        self.root, self.dsn, self.n = Path(root), dsn, n
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> Fleet:
        from storesupport import make_store

        from consent_app.studio import service, sync

        stores = [make_store(self.root / f"s{i}") for i in range(self.n)]
        try:
            service.create(stores[0], self.dsn, "admin", "s0")
            joined = [service.join(s, self.dsn, "admin", f"s{i}") for i, s in enumerate(stores) if i]
            sync.sync_once(stores[0])
            for lk in joined:
                from consent_app.studio import link

                report = sync.sync_once(stores[0]).report
                link.approve(stores[0], report, lk.station_id, lk.fingerprint, "admin")
            sync.sync_once(stores[0])
            for s in stores[1:]:
                sync.sync_once(s)
        finally:
            for s in stores:
                s.close()
        return self

    def start(self, interval: float = 1.0) -> None:
        for i in range(self.n):
            args = [sys.executable, str(HERE / "station_worker.py"), str(self.root / f"s{i}"), str(interval)]
            proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            self.procs.append(proc)
        for proc in self.procs:
            assert json.loads(proc.stdout.readline())["ready"]

    def ask(self, i: int, **cmd) -> dict:
        proc = self.procs[i]
        proc.stdin.write(json.dumps(cmd) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError(f"station {i} died")
        return json.loads(line)

    def ask_all(self, **cmd) -> list[dict]:
        for proc in self.procs:
            proc.stdin.write(json.dumps(cmd) + "\n")
            proc.stdin.flush()
        out = []
        for i, proc in enumerate(self.procs):
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"station {i} died")
            out.append(json.loads(line))
        return out

    def settle(self, max_passes: int = 6) -> int:
        """Stop the watchers, then sync the stations one after another until a whole pass moves nothing."""
        self.ask_all(cmd="stop_watch")
        for passes in range(1, max_passes + 1):
            moved = [self.ask(i, cmd="sync") for i in range(self.n)]
            if not any(m["pushed"] or m["accepted"] for m in moved):
                return passes
        raise RuntimeError(f"the studio did not settle in {max_passes} passes")

    def convergence_ms(self, rounds: int = 3) -> float:
        """Worst time, over ``rounds`` writes at rotating stations, until every station holds the write."""
        worst = 0.0
        for r in range(rounds):
            writer = r % self.n
            made = self.ask(writer, cmd="consent")
            seen = self.ask_all(cmd="wait_for", kind="consent.record", id=made["id"], timeout=60)
            if any(s["seen"] is None for s in seen):
                raise RuntimeError("a station never received the write")
            worst = max(worst, max(s["seen"] for s in seen) - made["at"])
        return worst * 1000

    def __exit__(self, *exc: object) -> None:
        for proc in self.procs:
            try:
                proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                proc.stdin.flush()
            except OSError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()
