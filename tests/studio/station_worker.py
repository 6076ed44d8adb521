"""One station as its own process, for the fleet tests and bench/studio.py.

Opens its store, syncs in a background thread (``sync.watch``), and answers JSON-line commands on stdin:
``{"cmd": "consent"}`` records a consent (replies its id and time), ``{"cmd": "churn", ...}`` records,
issues and revokes for a while, ``{"cmd": "wait_for", "kind": K, "id": X}`` replies the time the object
arrived, ``{"cmd": "dump"}`` replies the objects it holds, ``{"cmd": "quit"}`` stops.
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tokens"))


def reply(value: dict) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def main() -> int:
    from storesupport import PASSPHRASE
    from tokenhelpers import record_consent

    from consent_app.store import Store
    from consent_app.studio import sync

    data_dir, interval = Path(sys.argv[1]), float(sys.argv[2])
    store = Store.open(data_dir, PASSPHRASE)
    stop = threading.Event()
    errors: list[str] = []

    def on_result(_result, error) -> None:
        if error is not None:
            errors.append(error.message)

    syncer = threading.Thread(target=sync.watch, args=(store, interval),
                              kwargs={"on_result": on_result, "stop": stop.is_set}, daemon=True)
    syncer.start()
    reply({"ready": True})
    rng = random.Random(str(data_dir))
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "consent":
            consent_id, _ = record_consent(store)
            reply({"id": consent_id, "at": time.time()})
        elif cmd["cmd"] == "churn":
            ids = []
            for _ in range(cmd["rounds"]):
                consent_id, _ = record_consent(store)
                ids.append(consent_id)
                if cmd.get("tokens"):
                    from churn import issue_and_maybe_revoke

                    issue_and_maybe_revoke(store, consent_id, rng)
                if cmd.get("withdraw"):
                    from churn import withdraw_someone

                    withdraw_someone(store, rng)
                time.sleep(rng.uniform(0.05, 0.3))
            reply({"ids": ids})
        elif cmd["cmd"] == "wait_for":
            deadline = time.time() + cmd.get("timeout", 60)
            seen = None
            while time.time() < deadline:
                with store.read() as conn:
                    row = conn.execute(
                        "SELECT 1 FROM studio_inbox WHERE kind = ? AND object_id = ? AND accepted = 1 "
                        "UNION ALL SELECT 1 FROM studio_outbox WHERE kind = ? AND object_id = ?",
                        (cmd["kind"], cmd["id"], cmd["kind"], cmd["id"])).fetchone()
                if row:
                    seen = time.time()
                    break
                time.sleep(0.01)
            reply({"seen": seen})
        elif cmd["cmd"] == "stop_watch":
            stop.set()
            syncer.join()
            reply({"stopped": True})
        elif cmd["cmd"] == "sync":
            result = sync.sync_once(store)
            reply({"pushed": result.pushed, "accepted": result.accepted})
        elif cmd["cmd"] == "dump":
            with store.read() as conn:
                inbox = [list(r) for r in conn.execute(
                    "SELECT station, seq, hash FROM studio_inbox WHERE accepted = 1")]
                outbox = [list(r) for r in conn.execute("SELECT seq, hash FROM studio_outbox")]
                station = conn.execute("SELECT station_id FROM studio_link").fetchone()[0]
                from churn import states

                consents = states(conn)
            published = None
            if cmd.get("publish"):
                from churn import published_revocations

                published = published_revocations(store, Path(cmd["publish"]))
            reply({"station": station, "inbox": inbox, "outbox": outbox, "errors": errors[-5:],
                   "states": consents, "published": published})
        elif cmd["cmd"] == "quit":
            break
    stop.set()
    syncer.join(timeout=30)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
