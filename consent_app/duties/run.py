"""Running the duties: each one tried (and retried) on its own, recorded and audited, never silent.

A run does what is due: a fresh signed status list in the configured folder when the published one
expires within ``duties.status_refresh_hours`` (or is missing), with a signed checkpoint beside it; a
checkpoint and an encrypted backup at least daily; the retention sweep (``erase-expired``) daily; and the
complaint deadlines every run. ``force`` runs all of them. A failure (folder missing, disk full, ...) is
retried ``attempts`` times, then recorded as failed with its reason, audited, and reported (exit 1 from
``duties run``); since a failed duty stays due, the next run tries it again.
"""

from __future__ import annotations

import errno
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from consent_app import audit, clock
from consent_app.canonical import canonical_json
from consent_app.duties import config
from consent_app.errors import ConsentAppError
from consent_app.messages import Message, define

DUTIES = ("status_list", "checkpoint", "backup", "retention", "complaints")
DAILY = timedelta(hours=24)
STATUS_FILE = "status.jwt"

MESSAGES = define({
    "duty.disk_full": "the disk holding {path} is full",
    "duty.os_error": "cannot write {path}: {reason}",
    "duty.failed": "{duty} failed after {attempts} attempt(s): {reason}",
    "duty.status_written": "status list written to {path}, valid until {until}",
    "duty.checkpoint_written": "checkpoint written to {path} ({count} entries)",
    "duty.backup_written": "encrypted backup written to {path}",
    "duty.retention_done": "{count} subject(s) past their retention period erased",
    "duty.complaints_checked": "{overdue} complaint(s) overdue, {due_soon} due within a day",
    "duty.not_due": "{duty}: not due yet",
    # the duties by name (a ``duty`` parameter is worded with these)
    "duty.name.status_list": "status list",
    "duty.name.checkpoint": "audit checkpoint",
    "duty.name.backup": "backup",
    "duty.name.retention": "retention sweep",
    "duty.name.complaints": "complaint deadlines",
})


@dataclass
class DutyResult:
    duty: str
    ok: bool
    message: Message
    detail: dict = field(default_factory=dict)
    attempts: int = 1
    skipped: bool = False

    def as_dict(self) -> dict:
        return {"duty": self.duty, "ok": self.ok, "skipped": self.skipped, "attempts": self.attempts,
                "message": self.message.english(), "code": self.message.code, "detail": self.detail}


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%SZ")


def _os_failure(exc: OSError, path) -> ConsentAppError:
    if exc.errno == errno.ENOSPC:
        return ConsentAppError(code="duty.disk_full", path=str(path))
    return ConsentAppError(code="duty.os_error", path=str(path), reason=exc.strerror or str(exc))


# -- the duties ------------------------------------------------------------------------------------------
def _status_list(store, actor: str, now: datetime) -> tuple[Message, dict]:
    from consent_app.store.atomic import atomic_write_bytes
    from consent_app.studio.freshness import ensure_fresh
    from consent_app.studio.published import export_lists
    from consent_app.tokens.statuslists import validity_hours

    with store.read() as conn:
        target = config.folder(conn, config.STATUS_FOLDER, "status list", "status-folder") / STATUS_FILE
        hours = validity_hours(conn)
    ensure_fresh(store)  # a studio station syncs first and publishes nothing from a stale view
    with store.transaction() as tx:
        lists = export_lists(tx, actor, hours, now=now)  # never below what another station published
        try:
            atomic_write_bytes(target, ("\n".join(lists) + "\n").encode("ascii"), mode=0o644)
        except OSError as exc:
            raise _os_failure(exc, target) from None
    store.write_anchor()  # the anchor is never behind a head a published list names
    until = clock.iso(now.replace(microsecond=0) + timedelta(hours=hours))
    _, checkpoint = _checkpoint(store, actor, now)
    return (Message("duty.status_written", {"path": str(target), "until": until}),
            {"path": str(target), "valid_until": until, "lists": len(lists),
             "checkpoint": checkpoint["path"]})


def _checkpoint(store, actor: str, now: datetime) -> tuple[Message, dict]:
    from consent_app import audit_checkpoint
    from consent_app.crypto.keys import active_key
    from consent_app.store import meta
    from consent_app.store.atomic import atomic_write_bytes

    with store.read() as conn:
        folder = config.folder(conn, config.STATUS_FOLDER, "status list", "status-folder")
        checkpoint = audit_checkpoint.make_checkpoint(conn, meta.studio(conn).id, active_key(conn))
    target = folder / f"checkpoint-{_stamp(now)}-{checkpoint['count']}.json"
    try:
        atomic_write_bytes(target, json.dumps(checkpoint, indent=2).encode() + b"\n", mode=0o644)
    except OSError as exc:
        raise _os_failure(exc, target) from None
    return (Message("duty.checkpoint_written", {"path": str(target), "count": checkpoint["count"]}),
            {"path": str(target), "count": checkpoint["count"], "head": checkpoint["head"]})


def _backup(store, actor: str, now: datetime) -> tuple[Message, dict]:
    from consent_app.store.backup import backup

    with store.read() as conn:
        folder = config.folder(conn, config.BACKUP_FOLDER, "backup", "backup-folder")
    target = folder / f"consent-{_stamp(now)}.db"
    try:
        out = backup(store, target)
    except OSError as exc:
        raise _os_failure(exc, target) from None
    return Message("duty.backup_written", {"path": str(out)}), {"path": str(out)}


def _retention(store, actor: str, now: datetime) -> tuple[Message, dict]:
    from consent_app.consent import erasure

    with store.transaction() as tx:
        done = erasure.erase_expired(tx, actor=actor)
    details: dict = {"erased_subjects": [d.subject_id for d in done]}
    if done:  # a studio station: the erasures reach the studio and the subject keys leave the server now
        from consent_app.studio import service

        linked, waiting = service.after_erasure(store)
        if linked:
            details["studio_synced"] = waiting is None
            if waiting is not None:
                details["studio_waiting"] = waiting  # the next sync (console, `sync --watch`) does it
    return Message("duty.retention_done", {"count": len(done)}), details


def _complaints(store, actor: str, now: datetime) -> tuple[Message, dict]:
    from consent_app.complaints import list_complaints

    with store.read() as conn:
        open_ones = [c for c in list_complaints(conn, now=now) if c.due_at is not None]
    overdue = [c.id for c in open_ones if c.overdue(now)]
    soon = [c.id for c in open_ones if not c.overdue(now) and c.due_at - now <= timedelta(days=1)]
    return (Message("duty.complaints_checked", {"overdue": len(overdue), "due_soon": len(soon)}),
            {"overdue": overdue, "due_soon": soon})


_RUNNERS: dict[str, Callable] = {"status_list": _status_list, "checkpoint": _checkpoint, "backup": _backup,
                                 "retention": _retention, "complaints": _complaints}


# -- when is a duty due ----------------------------------------------------------------------------------
def last_runs(conn) -> dict[str, dict]:
    """The last run and the last successful run of each duty."""
    out: dict[str, dict] = {d: {"last": None, "last_ok": None} for d in DUTIES}
    for duty, started, finished, ok, detail, actor in conn.execute(
            "SELECT duty, started_at, finished_at, ok, detail, actor FROM duty_runs ORDER BY id"):
        if duty not in out:
            continue
        row = {"started_at": started, "finished_at": finished, "ok": bool(ok), "detail": json.loads(detail),
               "actor": actor}
        out[duty]["last"] = row
        if ok:
            out[duty]["last_ok"] = row
    return out


def _due(duty: str, runs: dict, conn, now: datetime) -> bool:
    last_ok = runs[duty]["last_ok"]
    if duty == "complaints" or last_ok is None:
        return True
    if duty == "status_list":
        from pathlib import Path

        published = last_ok["detail"].get("path")
        if not published or not Path(published).is_file():
            return True
        until = last_ok["detail"].get("valid_until")
        refresh = timedelta(hours=float(config.get(conn, config.REFRESH_HOURS)))
        return until is None or clock.parse_iso(until) - now <= refresh
    return now - clock.parse_iso(last_ok["finished_at"]) >= DAILY


def _record(store, result: DutyResult, started: str, actor: str) -> None:
    detail = {**result.detail, "attempts": result.attempts, "message": result.message.english(),
              "code": result.message.code, "params": result.message.plain()["params"]}
    with store.transaction() as tx:
        tx.execute("INSERT INTO duty_runs (duty, started_at, finished_at, ok, detail, actor) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
                   (result.duty, started, clock.iso(), int(result.ok), canonical_json(detail).decode(),
                    actor))
        audit.append(tx, actor, "duty.run" if result.ok else "duty.failed", f"duty:{result.duty}", detail)


#: failures that waiting cannot mend (only an administrator's ``duties configure``): not retried
_NOT_RETRIED = frozenset({"duty.folder_not_set"})


def run_duties(store, *, actor: str, force: bool = False, only: list[str] | None = None, attempts: int = 3,
               retry_delay: float = 2.0, now: datetime | None = None) -> list[DutyResult]:
    """Run every due duty (all with ``force``; only those named in ``only``); each is recorded and audited."""
    now = now or clock.now()
    with store.read() as conn:
        runs = last_runs(conn)
        due = {d: force or _due(d, runs, conn, now) for d in DUTIES}
    results = []
    for duty in DUTIES:
        if only and duty not in only:
            continue
        if not due[duty]:
            results.append(DutyResult(duty, True, Message("duty.not_due", {"duty": duty}), skipped=True))
            continue
        started = clock.iso()
        result = None
        for attempt in range(1, attempts + 1):
            try:
                message, detail = _RUNNERS[duty](store, actor, now)
                result = DutyResult(duty, True, message, detail, attempt)
                break
            except ConsentAppError as exc:
                reason = exc.as_message() or str(exc)  # coded when the core coded it (the UI words it)
                if exc.code in _NOT_RETRIED:
                    break
            except OSError as exc:
                reason = _os_failure(exc, exc.filename or "?").as_message() or str(exc)
            if attempt < attempts:
                time.sleep(retry_delay)
        if result is None:
            result = DutyResult(duty, False, Message("duty.failed", {"duty": duty, "attempts": attempt,
                                                                    "reason": reason}),
                                {"reason": str(reason)}, attempt)
        _record(store, result, started, actor)
        results.append(result)
    return results


def duty_status(conn, now: datetime | None = None) -> dict:
    """What the console shows: each duty's last run and success, and when the published list expires."""
    now = now or clock.now()
    runs = last_runs(conn)
    status_ok = runs["status_list"]["last_ok"]
    until = status_ok["detail"].get("valid_until") if status_ok else None
    warn = timedelta(hours=float(config.get(conn, config.WARN_HOURS)))
    expires_in = (clock.parse_iso(until) - now) if until else None
    return {
        "duties": {d: {**runs[d], "due": _due(d, runs, conn, now)} for d in DUTIES},
        "status_list": {"valid_until": until,
                        "expired": expires_in is not None and expires_in <= timedelta(0),
                        "warning": expires_in is None or expires_in <= warn,
                        "hours_left": (round(expires_in.total_seconds() / 3600, 1)
                                       if expires_in is not None else None)},
        "folders": {"status": config.get(conn, config.STATUS_FOLDER),
                    "backup": config.get(conn, config.BACKUP_FOLDER)},
    }
