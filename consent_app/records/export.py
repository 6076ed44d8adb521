"""`records export`: one archive a regulator can check, for a period.

Layout (see docs/records-export.md)::

    manifest.json        every other file with its SHA-256 and size, the period, the studio, the key id
    manifest.jws         compact JWS (EdDSA, studio key) whose payload is exactly manifest.json
    verify_export.py     standard-library checker (pure-Python Ed25519, RFC 8032)
    README.txt           how to check it
    keys/studio.jwks     the studio's public keys
    checkpoint.json      signed audit checkpoint (entry count + head hash) at export time
    consents.jsonl       signed consent records and their signed events, one consent per line
    tokens.json          tokens issued or revoked in the period
    usage_receipts.json  usage receipts imported in the period (when this build has a usage ledger)
    complaints.jsonl     complaints (one per line): signed intake, signed workflow events, links, actions and
                         statements
    audit.jsonl          the audit entries of the period, one JSON object per line, with their hashes

With ``pseudonymise`` names and contact details are left out: a signed record is represented by its hash and
signature plus a summary (its content cannot be edited without breaking the signature). Biometric samples,
templates and complaint attachments never go into the export (attachments appear by hash only).

The archive is built in memory-light steps into a temporary file beside the target and renamed into place in
the transaction that audits the export, so a failure leaves no file and no audit entry.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from consent_app import audit, audit_checkpoint, clock
from consent_app.canonical import sha256_hex
from consent_app.crypto import keys as signing
from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.records import sections
from consent_app.spare_core import IdleMeter
from consent_app.store import meta
from consent_app.verify.jose import b64url_encode

FORMAT = "consent_app.records-export"
VERIFIER = Path(__file__).with_name("verify_export.py")

MESSAGES = define({
    "records.bad_date": "{option}: {value!r} is not a date (YYYY-MM-DD) or an RFC 3339 time",
    "records.reversed": "the period is reversed: --from {start} is after --to {end}",
    "records.no_folder": "{folder}: no such folder; create it first (nothing was written)",
    "records.not_zip": "{path}: the export is a .zip file; give a name ending in .zip",
    "records.exists_dir": "{path}: is a folder; give the name of the .zip file to write",
    "records.cannot_write": "cannot write {path}: {reason} (nothing was written)",
})


def parse_bound(text: str, option: str, *, end: bool) -> datetime:
    """A date (whole day: start of it, or the start of the next day for ``end``) or an exact time."""
    try:
        if len(text) == 10:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
            return day + timedelta(days=1) if end else day
        return clock.parse_iso(text)
    except ValueError:
        raise InputError(code="records.bad_date", option=option, value=text) from None


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime  # exclusive

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        a, b = parse_bound(start, "--from", end=False), parse_bound(end, "--to", end=True)
        if a >= b:
            raise InputError(code="records.reversed", start=start, end=end)
        return cls(a, b)

    @property
    def lo(self) -> str:  # compares below every timestamp of that second, with or without fraction/Z
        return self.start.strftime("%Y-%m-%dT%H:%M:%S")

    @property
    def hi(self) -> str:
        return self.end.strftime("%Y-%m-%dT%H:%M:%S")


def check_target(out: Path) -> None:
    if out.suffix.lower() != ".zip":
        raise InputError(code="records.not_zip", path=str(out))
    if out.is_dir():
        raise InputError(code="records.exists_dir", path=str(out))
    if not out.parent.is_dir():
        raise InputError(code="records.no_folder", folder=str(out.parent))


def _json_bytes(value) -> bytes:
    return sections.dumps(value).encode("utf-8") + b"\n"


class _Writer:
    """Adds files to the zip, in order, and keeps the manifest entries.

    After :meth:`background` each member is written on a thread of its own (its CRC-32, SHA-256 and write
    let go of the GIL for their whole length, so they run while the next section is built): only when a
    core is idle (the export asks when its signature worker found one). On a busy machine every hand-over
    of the GIL waits for the other thread to be scheduled: a writer thread whatever the load made exports
    slower (3.31x the dump against 2.76x, load 8-12), so then the members are written in line.
    :meth:`finish` waits for the thread and re-raises the first failed write; :meth:`close` (always,
    before the archive is closed) waits for it too."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.files: list[dict] = []
        self._pool = None
        self._pending: list = []

    def background(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(1, thread_name_prefix="export-writer")

    def add(self, name: str, data: bytes) -> None:
        if self._pool is None:
            self.files.append(self._write(name, data))
        else:
            self._pending.append(self._pool.submit(self._write, name, data))

    def _write(self, name: str, data: bytes) -> dict:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED  # stored, not deflated: why in docs/records-export.md
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, data)
        return {"path": name, "sha256": sha256_hex(data), "size": len(data)}

    def finish(self) -> list[dict]:
        """Every member written: their manifest entries, in the order added (a failed write re-raised)."""
        pending, self._pending = self._pending, []
        try:
            self.files += [written.result() for written in pending]  # in order: the first failure raises
        finally:
            self.close()
        return self.files

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _writer_thread(computed: sections.EventStates) -> bool:
    """Write the members on a thread of their own? When the signature check found a core idle."""
    return computed.spare_core


def sign_manifest(manifest_bytes: bytes, key) -> str:
    header = {"alg": "EdDSA", "kid": key.kid, "typ": "JOSE", "cty": "json"}
    signing_input = b64url_encode(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url_encode(manifest_bytes)
    return signing_input + "." + b64url_encode(key.sign(signing_input.encode("ascii")))


@contextlib.contextmanager
def _no_cycle_collection():
    """The archive is built from ~100,000 short-lived objects (rows, parsed events, states) that form no
    cycles; the cycle collector's passes over them cost a quarter of a 10,000-consent export. Reference
    counting still frees everything; collection resumes (if it was on) when the archive is built."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def export(store, out: str | Path, start: str, end: str, *, pseudonymise: bool = False,
           actor: str) -> dict:
    """Write the archive for ``start``..``end`` (inclusive dates) to ``out``; returns a summary."""
    period = Period.parse(start, end)
    out = Path(out)
    check_target(out)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise InputError(code="records.cannot_write", path=str(out),
                         reason=exc.strerror or str(exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            # straight into the file: each member is written whole (``writestr``), so there is no seek-back,
            # and no second 70 MB copy of the archive in memory
            with _no_cycle_collection(), zipfile.ZipFile(handle, "w") as archive, store.read() as conn:
                writer = _Writer(archive)
                try:
                    summary = _write_archive(writer, conn, period, pseudonymise)
                finally:
                    writer.close()  # before the archive is closed
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        with store.transaction() as tx:
            audit.append(tx, actor, "records.export", f"export:{out.name}",
                         {"from": period.start.isoformat(), "to": period.end.isoformat(),
                          "pseudonymised": pseudonymise, "files": summary["files"],
                          "manifest_sha256": summary["manifest_sha256"], "counts": summary["counts"]})
            os.replace(tmp, out)
    except OSError as exc:
        raise InputError(code="records.cannot_write", path=str(out),
                         reason=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return {**summary, "out": str(out)}


def _write_archive(w: _Writer, conn, period: Period, pseudonymise: bool) -> dict:
    idle = IdleMeter()  # measures from here whether a core is idle while this thread works (sections)
    studio = meta.studio(conn)
    key = signing.active_key(conn)
    counts = {}
    w.add("verify_export.py", VERIFIER.read_bytes())
    w.add("README.txt", sections.readme(studio, period, pseudonymise, key.kid).encode())
    w.add("keys/studio.jwks", _json_bytes(sections.public_keys(conn)))
    w.add("checkpoint.json", _json_bytes(audit_checkpoint.make_checkpoint(conn, studio.id, key)))
    computed = sections.event_states(conn, period, idle)  # once, for both sections
    if _writer_thread(computed):
        w.background()
    lines, n = computed.audit  # first: written while the consents are put together
    w.add("audit.jsonl", lines)
    counts["audit_entries"] = n
    consents = sections.consents(computed, pseudonymise)
    w.add("consents.jsonl", b"".join(data for _, data in consents))
    counts["consents"] = len(consents)
    tokens = sections.tokens(computed, period)
    w.add("tokens.json", ("[" + ",".join(tokens) + "]\n").encode("utf-8"))  # == _json_bytes(the objects)
    counts["tokens"] = len(tokens)
    receipts = sections.usage_receipts(conn, period)
    w.add("usage_receipts.json", _json_bytes(receipts))
    counts["usage_receipts"] = len(receipts["receipts"])
    complaints = sections.complaints(conn, period, pseudonymise)
    w.add("complaints.jsonl", b"".join(_json_bytes(item) for item in complaints))
    counts["complaints"] = len(complaints)
    manifest = {"format": FORMAT, "version": 1, "studio": studio.id, "studioName": studio.label,
                "from": period.start.isoformat().replace("+00:00", "Z"),
                "to": period.end.isoformat().replace("+00:00", "Z"), "createdAt": clock.iso(),
                "pseudonymised": pseudonymise, "kid": key.kid, "counts": counts,
                "biometricSamples": "never included", "files": w.finish()}
    manifest_bytes = _json_bytes(manifest)
    files = len(w.files)
    w.archive.writestr(zipfile.ZipInfo("manifest.json", date_time=(1980, 1, 1, 0, 0, 0)), manifest_bytes)
    w.archive.writestr(zipfile.ZipInfo("manifest.jws", date_time=(1980, 1, 1, 0, 0, 0)),
                       sign_manifest(manifest_bytes, key).encode() + b"\n")
    return {"files": files, "counts": counts, "manifest_sha256": sha256_hex(manifest_bytes), "kid": key.kid}
