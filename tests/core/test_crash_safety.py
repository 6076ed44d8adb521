"""SIGKILL a writer at random moments: every acknowledged commit survives, nothing is half-written.

The kill count comes from ``CONSENT_APP_CRASH_KILLS`` (default 50). A fresh store is made every
``KILLS_PER_STORE`` kills, so each check stays small and 1,000 kills grow linearly in time.
After every kill the store must open (its head anchor consistent: never newer than the database),
pass its integrity check and audit chain, and hold every acknowledged record whole.
"""

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from storesupport import PASSPHRASE, make_store

from consent_app import audit
from consent_app.store import Store, anchor

KILLS = int(os.environ.get("CONSENT_APP_CRASH_KILLS", "50"))
KILLS_PER_STORE = 50
WRITER = Path(__file__).with_name("crash_writer.py")


def _start_writer(data_dir: Path, start: int) -> tuple[int, int, subprocess.Popen | None]:
    """(pid, read fd, process): a forked writer where fork exists (no interpreter start-up per
    kill, which keeps 1,000 kills to minutes), else a fresh interpreter running crash_writer.py."""
    if hasattr(os, "fork"):
        import crash_writer

        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer: never returns into pytest
            try:
                os.close(read_fd)
                crash_writer.run(data_dir, start, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        return pid, read_fd, None
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(start)],
                            stdout=subprocess.PIPE, env=env)
    return proc.pid, proc.stdout.fileno(), proc


def _run_and_kill(data_dir: Path, start: int, rng: random.Random) -> list[int]:
    pid, fd, proc = _start_writer(data_dir, start)
    acked: list[int] = []
    buf = b""
    deadline = None
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 0.005)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    if line == b"ready":  # now and then late enough for timer-written anchors
                        late = rng.random() < 0.1
                        deadline = time.monotonic() + rng.uniform(0.0, 1.5 if late else 0.25)
                    elif line.startswith(b"ack "):
                        acked.append(int(line[4:]))
            if deadline is not None and time.monotonic() >= deadline:
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        if proc is not None:
            proc.wait()
        else:
            os.waitpid(pid, 0)
        # anything already written to the pipe was acknowledged before the kill
        rest = buf
        while chunk := os.read(fd, 65536):
            rest += chunk
        acked += [int(x[4:]) for x in rest.split(b"\n") if x.startswith(b"ack ")]
        if proc is not None:
            proc.stdout.close()
        else:
            os.close(fd)
    return acked


def _check_after_kill(data_dir: Path, acknowledged: set[int], label: str) -> set[str]:
    with Store.open(data_dir, PASSPHRASE) as reopened:  # refuses an inconsistent head anchor
        assert reopened.integrity_problems() == [], label
        with reopened.read() as conn:
            chain = audit.verify_chain(conn)
            assert chain.ok, f"{label}: {chain.summary()}"
            newest = anchor.newest(conn, data_dir, reopened.envelope)
            assert newest is not None, f"{label}: no head anchor"
            assert anchor.extends(conn, newest.count, newest.head) is None, f"{label}: anchor ahead"
            subjects = {r[0] for r in conn.execute("SELECT id FROM subjects WHERE created_by='crash'")}
            samples = {r[0] for r in conn.execute(
                "SELECT subject_id FROM samples WHERE length(data) = 10240")}
            audited = {r[0].split(":", 1)[1] for r in conn.execute(
                "SELECT target FROM audit WHERE action = 'subject.create'")}
    assert subjects == samples == audited, f"half-written record {label}"
    missing = {f"s{n:06d}" for n in acknowledged} - subjects
    assert not missing, f"acknowledged commits lost {label}: {sorted(missing)[:5]}"
    return subjects


@pytest.mark.slow
@pytest.mark.timeout(max(600, KILLS * 3))
def test_sigkill_during_transactions_loses_nothing_acknowledged(tmp_path):
    rng = random.Random(20260110)
    total_acked = 0
    for first in range(0, KILLS, KILLS_PER_STORE):
        data_dir = tmp_path / f"store-{first // KILLS_PER_STORE:03d}"
        make_store(data_dir).close()
        acknowledged: set[int] = set()
        next_n = 0
        for kill in range(first, min(KILLS, first + KILLS_PER_STORE)):
            acked = _run_and_kill(data_dir, next_n, rng)
            acknowledged.update(acked)
            subjects = _check_after_kill(data_dir, acknowledged, f"after kill {kill}")
            next_n = max([int(s[1:]) for s in subjects] + [next_n - 1]) + 1
        total_acked += len(acknowledged)
        shutil.rmtree(data_dir)
    assert total_acked > KILLS, "the writer barely committed; the test proves little"
