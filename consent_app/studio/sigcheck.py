"""The Ed25519 signatures of pulled objects, checked in bulk on worker threads while the pull goes on.

Checking every pulled object's own signature is most of a pull's work (libsodium: about 55 µs of CPU
each). libsodium is called through ctypes, which releases the GIL for the call, so worker threads
check one chunk of objects while the main thread fetches and parses the next (and on a machine with
several cores, chunks are checked side by side).

Nothing is trusted here: a check that succeeds is remembered on the object together with the exact
key it succeeded with (``StudioObject.verify_with``), and ``trust.evaluate`` still asks every object
it accepts for a signature by the key *it* assigns to the station; only when that is the same key is
the answer taken from the memo. A failed check is not remembered (trust checks it again and refuses
the object), and an object whose station's key is not known yet is left for trust to check.

The keys a pull checks with are each station's own first object's (the genesis or the self-signed
``station.request``): those held already, and those arriving in the same pull.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from consent_app.studio import objects, trust

#: Objects per task handed to a worker thread (about 14 ms of checking).
CHUNK = 256

#: Worker threads: the cores of this machine, at most four.
WORKERS = max(1, min(4, os.cpu_count() or 1))


def first_key(obj: objects.StudioObject) -> bytes | None:
    """The key a station's first object names for it (genesis or request), or None."""
    if obj.seq != 1 or obj.kind not in (trust.GENESIS, trust.REQUEST):
        return None
    text = obj.body.get("station_key")
    if not isinstance(text, str):
        return None
    try:
        key = objects.unb64(text)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def _check(chunk: list[tuple[objects.StudioObject, bytes]]) -> int:
    return sum(1 for obj, key in chunk if obj.verify_with(key))


class Checker:
    """``add`` objects as they are parsed; ``wait`` (or leaving the ``with`` block) waits for every check.

    Fewer than :data:`CHUNK` objects in all are not handed to threads (trust checks them inline)."""

    def __init__(self, keys: dict[str, bytes], workers: int = WORKERS) -> None:
        self.keys = dict(keys)
        self.workers = workers
        self._pending: list[tuple[objects.StudioObject, bytes]] = []
        self._pool: ThreadPoolExecutor | None = None
        self._futures: list[Future] = []
        self.checked = 0   # good signatures found by the workers (diagnostics and tests)

    def __enter__(self) -> Checker:
        return self

    def add(self, obj: objects.StudioObject) -> None:
        if obj.seq == 1 and obj.station not in self.keys:
            claimed = first_key(obj)  # a new station's self-signed request (or genesis): its claimed key
            if claimed is not None:
                self.keys[obj.station] = claimed
        key = self.keys.get(obj.station)
        if key is None:
            return
        self._pending.append((obj, key))
        if len(self._pending) >= CHUNK:
            self._submit()

    def _submit(self) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="studio-sigcheck")
        self._futures.append(self._pool.submit(_check, self._pending))
        self._pending = []

    def wait(self) -> None:
        """Hand over what is left and wait until every handed chunk is checked (then trust evaluates)."""
        if self._pool is None:
            return  # a small pull: trust checks each signature inline
        if self._pending:
            self._submit()
        futures, self._futures = self._futures, []
        for future in futures:
            self.checked += future.result()

    def __exit__(self, *exc: object) -> None:
        if self._pool is None:
            return
        try:
            if exc[0] is None:
                self.wait()
            else:
                for future in self._futures:
                    future.cancel()
        finally:
            self._pool.shutdown(wait=True)
