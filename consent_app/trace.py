"""Seam for the complaint register (``consent_app.complaints.tracing``): what a file's marks say.

``trace_file(conn, data, name=...)`` returns ``{"marks": <TraceReport.as_dict()>, "links": [...]}``;
the register runs its own face search, so this one reads marks and usage receipts only. The full
core is :func:`consent_app.marking.trace.trace_file` (offline) and
:func:`consent_app.provenance.apptrace.trace_with_store` (with the studio's store).
"""

from __future__ import annotations


def trace_file(conn, data: bytes, *, name: str = "file") -> dict:
    from consent_app.marking.errors import MarkError
    from consent_app.provenance.apptrace import links, trace_with_store

    try:
        report = trace_with_store(conn, bytes(data), name, search=False)
    except MarkError as exc:
        return {"marks": {"readable": False, "exitCode": exc.exit_code, "reason": exc.message}, "links": []}
    return {"marks": report.as_dict(), "links": links(report)}
