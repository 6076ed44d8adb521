"""The head anchor: a signed copy of the audit head kept outside the database file.

Every commit advances the audit head (entry count + hash of the last entry). The anchor file
``consent.anchor.json`` beside ``consent.db`` (and, for a store whose key is in the OS keyring, an
entry in the keyring too) holds that head signed with the studio's Ed25519 key. It is written
atomically and only *after* the commit it names returned (SQLite in WAL mode with
``synchronous=FULL``: the commit is durable then), so a power cut can leave an anchor older than
the database but never newer. Writes are coalesced to at most about one a second, and forced on
close, export and checkpoint.

On every open the database must *extend* its anchor: hold at least as many audit entries, with the
anchored entry unchanged. A database older than its anchor (pages copied back from an earlier copy,
an old ``consent.db`` put in place) is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from consent_app import audit, clock
from consent_app.canonical import canonical_json
from consent_app.errors import StoreCorruptError
from consent_app.messages import define

ANCHOR_NAME = "consent.anchor.json"
ANCHOR_FORMAT = "consent_app.head-anchor"
#: meta key set in every store that keeps an anchor: a missing anchor file is then noticed.
META_FLAG = "head_anchor"
KEYRING_USER = "anchor:{store_id}"
COALESCE_SECONDS = 1.0
log = logging.getLogger(__name__)
_RESTORE_HINT = ("restore the newest backup with `consent-app restore FILE`, then run "
                 "`consent-app audit verify --witness` on the status lists and checkpoints you "
                 "published to see what is missing")

MESSAGES = define({
    "store.anchor_rolled_back": "{db} is older than its head anchor (database: {db_count} audit "
    "entries; anchor: {anchor_count}, written {written_at}): it was rolled back, pages were copied "
    "back or an old copy was put in place. Nothing was written; " + _RESTORE_HINT,
    "store.anchor_diverged": "{db} does not hold the history its head anchor names (audit entry "
    "{anchor_count} differs): the audit trail was rewritten. Nothing was written; " + _RESTORE_HINT,
    "store.anchor_missing": "the head anchor {anchor} is missing although this store keeps one: "
    "{db} may be an old copy, or the folder was tampered with. Nothing was written; bring the "
    "anchor back if you moved the store without it, or " + _RESTORE_HINT,
    "store.anchor_invalid": "the head anchor {anchor} is damaged or not signed by this store "
    "({reason}). Nothing was written; " + _RESTORE_HINT,
})


class StoreRolledBackError(StoreCorruptError):
    """The database is older than (or does not extend) a head it already witnessed."""


@dataclass(frozen=True)
class Anchor:
    store_id: str
    count: int
    head: str
    written_at: str
    kid: str
    source: str  # "file" or "keyring"


def anchor_path(data_dir: Path) -> Path:
    return Path(data_dir) / ANCHOR_NAME


def make(conn, store_id: str) -> bytes | None:
    """The signed anchor document for the current head, or None before the store has a key."""
    from consent_app.crypto.keys import active_key

    count, head = audit.head(conn)
    if count == 0:
        return None
    try:
        key = active_key(conn)
    except Exception:
        return None
    body = {"format": ANCHOR_FORMAT, "version": 1, "store": store_id, "count": count, "head": head,
            "written_at": clock.iso(), "kid": key.kid}
    return json.dumps({**body, "signature": key.sign(canonical_json(body)).hex()},
                      indent=2, sort_keys=True).encode() + b"\n"


def parse(raw: bytes | str, public_keys: dict, store_id: str, source: str, label: str) -> Anchor:
    """Check an anchor document's shape and signature; ``StoreRolledBackError`` if it is bad."""
    from consent_app.crypto.keys import verify_signature

    def bad(reason: str) -> StoreRolledBackError:
        return StoreRolledBackError(code="store.anchor_invalid", anchor=label, reason=reason)

    try:
        doc = json.loads(raw)
    except ValueError:
        raise bad("not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != ANCHOR_FORMAT:
        raise bad("not a head anchor")
    body = {k: v for k, v in doc.items() if k != "signature"}
    count, head, kid = body.get("count"), body.get("head"), body.get("kid")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1 or not isinstance(head, str):
        raise bad("no entry count or head")
    if body.get("store") != store_id:
        raise bad("it belongs to another store")
    key = public_keys.get(kid)
    try:
        signature = bytes.fromhex(doc.get("signature", ""))
    except (TypeError, ValueError):
        signature = b""
    if key is None or not verify_signature(key, signature, canonical_json(body)):
        raise bad("its signature does not verify with this store's keys")
    return Anchor(store_id, count, head, str(body.get("written_at", "")), str(kid), source)


def _keyring_get(envelope: dict) -> str | None:
    if envelope.get("protection") != "keyring":
        return None
    from consent_app.store.keys import KEYRING_SERVICE, _keyring

    with contextlib.suppress(Exception):
        return _keyring().get_password(KEYRING_SERVICE, KEYRING_USER.format(store_id=envelope["store_id"]))
    return None


def _keyring_put(envelope: dict, raw: bytes) -> None:
    if envelope.get("protection") != "keyring":
        return
    from consent_app.store.keys import KEYRING_SERVICE, _keyring

    _keyring().set_password(KEYRING_SERVICE, KEYRING_USER.format(store_id=envelope["store_id"]),
                            raw.decode())


def read_all(conn, data_dir: Path, envelope: dict) -> list[Anchor]:
    """Every anchor this store has (file, keyring), each checked against the store's public keys."""
    from consent_app.crypto.keys import public_key_map

    path = anchor_path(data_dir)
    keys = public_key_map(conn)
    found = []
    if path.is_file():
        found.append(parse(path.read_bytes(), keys, envelope["store_id"], "file", path.name))
    raw = _keyring_get(envelope)
    if raw is not None:
        found.append(parse(raw, keys, envelope["store_id"], "keyring", "in the OS keyring"))
    return found


def extends(conn, count: int, head: str) -> str | None:
    """None if the store's audit trail extends (count, head); else why not."""
    db_count, _ = audit.head(conn)
    if db_count < count:
        return "rolled_back"
    if audit.hash_at(conn, count) != head:
        return "diverged"
    return None


def check(conn, db: Path, envelope: dict) -> None:
    """Refuse a database that does not extend every anchor it has. Reads only."""
    from consent_app.store import meta

    data_dir = db.parent
    anchors = read_all(conn, data_dir, envelope)
    if not anchors:
        if meta.get(conn, META_FLAG) == "1":
            raise StoreRolledBackError(code="store.anchor_missing", anchor=ANCHOR_NAME, db=db.name)
        return
    db_count, _ = audit.head(conn)
    for anchor in sorted(anchors, key=lambda a: -a.count):
        problem = extends(conn, anchor.count, anchor.head)
        if problem is not None:
            raise StoreRolledBackError(code=f"store.anchor_{problem}", db=db.name, db_count=db_count,
                                       anchor_count=anchor.count, written_at=anchor.written_at)


def newest(conn, data_dir: Path, envelope: dict) -> Anchor | None:
    """The newest valid anchor (by count), or None; a damaged one raises."""
    anchors = read_all(conn, data_dir, envelope)
    return max(anchors, key=lambda a: a.count) if anchors else None


class AnchorWriter:
    """Writes the anchor after commits: at most about once a second, and whenever forced.

    ``committed()`` is called after each COMMIT returned; a timer writes the anchor that a burst of
    commits left pending. ``flush()`` writes it now (close, export, checkpoint).
    """

    def __init__(self, store) -> None:
        self._store = store
        self._dirty = False
        self._last = 0.0
        self._timer: threading.Timer | None = None

    def committed(self) -> None:
        self._dirty = True
        elapsed = time.monotonic() - self._last
        if elapsed >= COALESCE_SECONDS:
            try:
                self.flush()
            except Exception as exc:  # the commit stands; the anchor stays pending and is retried
                self._dirty = True
                log.warning("head anchor not written (%s); retried with the next commit or close", exc)
        elif self._timer is None:
            self._timer = threading.Timer(COALESCE_SECONDS - elapsed, self._on_timer)
            self._timer.daemon = True
            self._timer.start()

    def _on_timer(self) -> None:
        with contextlib.suppress(Exception), self._store._mutex:
            self._timer = None
            if self._store._conn is not None:
                self.flush()

    def flush(self, force: bool = False) -> None:
        """Write the anchor now if a commit is pending (or ``force``). Call holding the store's mutex."""
        if not (self._dirty or force):
            return
        store = self._store
        raw = make(store._conn, store.store_id)
        self._dirty = False
        self._last = time.monotonic()
        if raw is None:
            return
        from consent_app.store.atomic import atomic_write_bytes

        atomic_write_bytes(anchor_path(store.data_dir), raw)
        _keyring_put(store.envelope, raw)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def flagged(conn) -> bool:
    with contextlib.suppress(Exception):
        return conn.execute("SELECT value FROM meta WHERE key = ?", (META_FLAG,)).fetchone() == ("1",)
    return False


def flag_if_anchored(tx, data_dir: Path) -> bool:
    """Inside a transaction: once an anchor file exists, record that this store keeps one.

    Only then, so a crash before the first anchor was written never looks like a deleted anchor.
    """
    if not anchor_path(data_dir).is_file():
        return False
    try:
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (META_FLAG,))
    except Exception:
        return False
    return True
