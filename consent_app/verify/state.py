"""``consent-verify --state DIR``: what a verifier has already seen, so it cannot be rolled back.

For every status list id, a small JSON file in DIR remembers the newest ``sequence`` accepted and
every index it has seen revoked. A list with a lower sequence, without a sequence once one was seen,
or with a remembered revoked bit cleared, is refused (exit 7): a render farm that saw a revocation
cannot be fed an older list again, even one genuinely signed by the studio.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from consent_app.verify.codes import STATUS_UNAVAILABLE, USAGE, VerifyError

STATE_FORMAT = "consent_verify.status-state"
MAX_STATE_BYTES = 4 * 1024 * 1024


def _fail(message: str, reason_code: str) -> VerifyError:
    return VerifyError(STATUS_UNAVAILABLE, "status list " + message, reason_code=reason_code)


class VerifierState:
    """The state folder. ``check_and_record`` refuses a rollback, then remembers the list."""

    __slots__ = ("folder",)

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise VerifyError(USAGE, f"--state: {folder} is not a folder (create it once; keep it "
                                     "between runs)", reason_code="state.not_folder")

    def _file(self, list_id: str) -> Path:
        return self.folder / (hashlib.sha256(list_id.encode()).hexdigest()[:40] + ".json")

    def _load(self, path: Path, list_id: str) -> dict | None:
        try:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_STATE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise VerifyError(USAGE, f"--state: cannot read {path}: {exc.strerror or exc}",
                              reason_code="state.unreadable") from None
        try:
            known = json.loads(raw)
            ok = (isinstance(known, dict) and known.get("format") == STATE_FORMAT
                  and known.get("list") == list_id and isinstance(known.get("sequence"), int)
                  and isinstance(known.get("revoked"), list)
                  and all(isinstance(i, int) for i in known["revoked"]))
        except (ValueError, RecursionError):
            ok = False
        if not ok or len(raw) > MAX_STATE_BYTES:
            raise _fail(f"state file {path} is damaged; refusing rather than forgetting what was seen "
                        "(restore it from a copy, or remove it knowingly)", reason_code="state.damaged")
        return known

    def check_and_record(self, lst) -> None:
        """Refuse ``lst`` (a verified StatusList) if it is older than what was seen; remember it."""
        path = self._file(lst.id)
        with self._locked():
            known = self._load(path, lst.id)
            revoked = lst.revoked_indices()
            if known is not None:
                if lst.sequence is None:
                    raise _fail(f"{lst.id} carries no sequence number, but sequence {known['sequence']} "
                                "was seen before: refusing a possibly older list",
                                reason_code="status.sequence_missing")
                if lst.sequence < known["sequence"]:
                    raise _fail(f"{lst.id} is older (sequence {lst.sequence}) than one already seen "
                                f"(sequence {known['sequence']}): a rolled-back list is refused",
                                reason_code="status.rolled_back")
                now_set = set(revoked)
                cleared = [i for i in known["revoked"] if i not in now_set]
                if cleared:
                    raise _fail(f"{lst.id} clears revoked entry {cleared[0]} that an earlier list "
                                "published: a revocation is never undone",
                                reason_code="status.revocation_cleared")
                if lst.sequence == known["sequence"] and len(revoked) == len(known["revoked"]):
                    return  # nothing new to remember
            if lst.sequence is None:
                return  # an old-format list: nothing to anchor the state on
            record = {"format": STATE_FORMAT, "list": lst.id, "issuer": lst.issuer,
                      "sequence": max(lst.sequence, known["sequence"] if known else 0),
                      "revoked": sorted(set(revoked) | set(known["revoked"] if known else ()))}
            self._write(path, json.dumps(record, sort_keys=True).encode())

    def _write(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".state-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise VerifyError(USAGE, f"--state: cannot write {path}: {exc.strerror or exc}",
                              reason_code="state.unwritable") from None

    @contextlib.contextmanager
    def _locked(self):
        """Several verifiers may share one state folder: one at a time (where the OS can lock)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: os.replace keeps each file whole
            yield
            return
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
