"""SIGKILL a writer at random moments: every acknowledged commit survives, nothing is half-written."""

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consent_app import audit
from consent_app.store import Store

KILLS = 50
WRITER = Path(__file__).with_name("crash_writer.py")


def _run_and_kill(data_dir: Path, start: int, rng: random.Random) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, str(WRITER), str(data_dir), str(start)],
                            stdout=subprocess.PIPE, env=env)
    acked: list[int] = []
    fd = proc.stdout.fileno()
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
                    if line == b"ready":
                        deadline = time.monotonic() + rng.uniform(0.0, 0.25)
                    elif line.startswith(b"ack "):
                        acked.append(int(line[4:]))
            if deadline is not None and time.monotonic() >= deadline:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # anything already written to the pipe was acknowledged before the kill
        rest = buf + proc.stdout.read()
        acked += [int(x[4:]) for x in rest.split(b"\n") if x.startswith(b"ack ")]
        proc.stdout.close()
    return acked


@pytest.mark.slow
def test_sigkill_during_transactions_loses_nothing_acknowledged(store, data_dir):
    store.close()
    rng = random.Random(20260110)
    acknowledged: set[int] = set()
    next_n = 0
    for kill in range(KILLS):
        acked = _run_and_kill(data_dir, next_n, rng)
        acknowledged.update(acked)
        with Store.open(data_dir, "test passphrase") as reopened:
            assert reopened.integrity_problems() == [], f"after kill {kill}"
            with reopened.read() as conn:
                chain = audit.verify_chain(conn)
                assert chain.ok, f"after kill {kill}: {chain.summary()}"
                subjects = {r[0] for r in conn.execute("SELECT id FROM subjects WHERE created_by='crash'")}
                samples = {r[0] for r in conn.execute(
                    "SELECT subject_id FROM samples WHERE length(data) = 10240")}
                audited = {r[0].split(":", 1)[1] for r in conn.execute(
                    "SELECT target FROM audit WHERE action = 'subject.create'")}
        assert subjects == samples == audited, f"half-written record after kill {kill}"
        missing = {f"s{n:06d}" for n in acknowledged} - subjects
        assert not missing, f"acknowledged commits lost after kill {kill}: {sorted(missing)[:5]}"
        next_n = max([int(s[1:]) for s in subjects] + [next_n - 1]) + 1
    assert len(acknowledged) > KILLS, "the writer barely committed; the test proves little"
