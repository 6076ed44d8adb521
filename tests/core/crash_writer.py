"""Writer process for the crash test: commits records with their audit entries until killed.

Prints ``ack N`` after each commit returns; everything acknowledged must survive a SIGKILL.
"""

import sys
import uuid
from pathlib import Path

from consent_app import audit, clock
from consent_app.store import Store


def run(data_dir: Path, start: int, out_fd: int) -> None:
    """Open the store and commit until killed, writing ``ready`` and ``ack N`` lines to ``out_fd``."""
    import os

    store = Store.open(data_dir, "test passphrase")
    os.write(out_fd, b"ready\n")
    n = start
    blob = bytes(range(256)) * 40  # ~10 KB, spans pages so a kill can land mid-write
    while True:
        subject_id = f"s{n:06d}"
        with store.transaction() as tx:
            tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) "
                       "VALUES (?, ?, ?, 'crash')", (subject_id, f"name {n}", clock.iso()))
            tx.execute("INSERT INTO samples (id, subject_id, kind, mime, data, sha256, created_at) "
                       "VALUES (?, ?, 'face', 'application/octet-stream', ?, 'x', ?)",
                       (str(uuid.uuid4()), subject_id, blob, clock.iso()))
            audit.append(tx, "crash", "subject.create", f"subject:{subject_id}", {"n": n})
        os.write(out_fd, f"ack {n}\n".encode())
        n += 1


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]), sys.stdout.fileno())
