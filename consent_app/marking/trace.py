"""Trace a file back: read every mark, check it, and say what it proves (Qt-free core).

``trace_file(path, ...) -> TraceReport``; ``TraceReport.as_dict()`` is the stable form used by
``consent-trace --json``, ``consent-app trace`` and the complaint intake. Exit codes:

* 0  marked and consistent
* 10 no marks (neither a C2PA manifest nor an AIGC label)
* 11 marks present but invalid, or the file was changed after marking
* 12 the marks point to a revoked or expired token, or to a revoked tool
* 13 an AIGC label without a valid C2PA manifest or tool signature (cannot be attributed)
* 2  the file cannot be read or is not a supported format
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from consent_app.marking import aigc, c2pa_io, embed, essence, formats
from consent_app.marking.errors import MarkError
from consent_app.marking.inputs import essence_skip, read_input
from consent_app.marking.tokenstate import TokenState, offline_token_state
from consent_app.marking.trust import TrustBundle
from consent_app.messages import Message, define

MARKED, UNMARKED, INVALID, REVOKED, UNATTRIBUTED = 0, 10, 11, 12, 13
SCHEMA = "consent-trace/1"

MESSAGES = define(
    {
        "trace.consistent": "marked and consistent",
        "trace.unmarked": "no marks: neither a C2PA manifest nor an AIGC label",
        "trace.cut_unmarked": "no marks found, but the file is cut short ({detail}): its marks may have "
        "been in the missing part; get the whole file",
        "trace.c2pa_invalid": (
            "the C2PA manifest does not validate ({failures}): the file was changed after marking"
        ),
        "trace.c2pa_untrusted": "the C2PA manifest is valid but its signer does not chain to the studio root",
        "trace.c2pa_not_checked": (
            "the C2PA manifest is valid; no studio root was given, so its signer is not checked"
        ),
        "trace.c2pa_trusted": "the C2PA manifest is valid and signed by a tool of the studio ({tool})",
        "trace.c2pa_trusted_retired": "the C2PA manifest is valid and signed by a tool of the studio "
        "({tool}) registered under a retired root of its tool CA, on the studio's signed allowed list",
        "trace.c2pa_missing": "no C2PA manifest (stripped or never added)",
        "trace.no_consent_assertion": "the C2PA manifest carries no consent assertion",
        "trace.aigc_missing": "no AIGC implicit label",
        "trace.aigc_signed": "the AIGC label is signed by tool {tool} over this content",
        "trace.aigc_bad_signature": (
            "the AIGC label's signature does not match this content "
            "(changed after marking, or copied from another file)"
        ),
        "trace.aigc_unattributed": "the AIGC label's signer is unknown: it cannot be attributed",
        "trace.ids_disagree": "the AIGC label ({aigc}) and the C2PA manifest ({c2pa}) name different outputs",
        "trace.content_damaged": "the media data is damaged ({detail})",
        "trace.token_valid": "token {token} is valid now",
        "trace.token_revoked": "token {token} has been revoked",
        "trace.token_expired": "token {token} expired at {at}",
        "trace.token_unknown": "token {token}: state not checked ({why})",
        "trace.tool_revoked": "the tool {tool} (serial {serial}) has been revoked by the studio",
    }
)


class FileDigest:
    """The whole file's SHA-256 (the JSON report, receipt matching), made when first asked for: none of
    the checks needs it, so a trace that only prints its verdict never spends it."""

    __slots__ = ("_data", "_value")

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._value: str | None = None

    def hexdigest(self) -> str:
        if self._value is None:
            self._value, self._data = hashlib.sha256(self._data or b"").hexdigest(), None
        return self._value


@dataclass
class TraceReport:
    file: str
    format: str | None = None
    digest: FileDigest | None = field(default=None, repr=False, compare=False)
    exit_code: int = UNMARKED
    verdict: Message = field(default_factory=lambda: Message("trace.unmarked"))
    findings: list[Message] = field(default_factory=list)
    c2pa: dict | None = None
    aigc: dict | None = None
    consent: dict | None = None
    token: dict | None = None
    tool: dict | None = None
    matches: dict = field(default_factory=dict)  # filled by the app: faces, voices, receipts

    @property
    def sha256(self) -> str | None:
        return self.digest.hexdigest() if self.digest is not None else None

    @property
    def marked(self) -> bool:
        return self.exit_code != UNMARKED

    def as_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "file": self.file,
            "format": self.format,
            "sha256": self.sha256,
            "exitCode": self.exit_code,
            "marked": self.marked,
            "verdict": self.verdict.as_dict(),
            "findings": [m.as_dict() for m in self.findings],
            "c2pa": self.c2pa,
            "aigc": self.aigc,
            "consent": self.consent,
            "token": self.token,
            "tool": self.tool,
            "matches": self.matches,
        }

    def text(self) -> str:
        lines = [f"{self.file}: {self.verdict.english()} (exit {self.exit_code})"]
        lines += [f"  - {m.english()}" for m in self.findings]
        if self.consent:
            c = self.consent
            lines.append(
                f"  consent {c.get('consentId')}  token {c.get('tokenId')}  operation {c.get('operation')}"
            )
        for kind, hits in self.matches.items():
            for hit in hits:
                lines.append(f"  match ({kind}): {hit}")
        return "\n".join(lines)


def trace_file(
    path: str,
    *,
    bundle: TrustBundle | None = None,
    token_state: TokenState | None = None,
    now: datetime | None = None,
) -> TraceReport:
    """Read and check every mark of ``path``; ``MarkError`` (2) when it cannot be read at all."""
    data, fmt = read_input(path)
    return trace_data(data, fmt, path, bundle=bundle, token_state=token_state, now=now)


def sniff_data(data: bytes, name: str) -> formats.Format:
    """The format of in-memory ``data`` (``MarkError`` 2 for an empty or unsupported file)."""
    if not data:
        raise MarkError(2, code="mark.empty", path=name)
    fmt = formats.sniff(data[:64])
    if fmt is not None and data.startswith(b"ID3"):
        fmt = formats.sniff(data[: essence_skip(data) + 4])
    if fmt is None:
        raise MarkError(2, code="mark.format_unknown", path=name, supported=formats.SUPPORTED)
    return fmt


def trace_data(
    data: bytes,
    fmt: formats.Format | None,
    name: str,
    *,
    bundle: TrustBundle | None = None,
    token_state: TokenState | None = None,
    now: datetime | None = None,
) -> TraceReport:
    """Like :func:`trace_file` for bytes already in memory (``fmt`` None: sniffed)."""
    now = now or datetime.now(UTC)
    fmt = fmt or sniff_data(data, name)
    path = name
    report = TraceReport(path, fmt.name, FileDigest(data))
    problems: list[int] = []
    say = report.findings.append

    root_pem = bundle.root_pem if bundle else None
    c2 = c2pa_io.read(data, fmt.mime, root_pem, leaf=bool(bundle and bundle.allowed))
    label_text = embed.read_label(fmt.name, data)
    label = aigc.decode(label_text) if label_text else None
    if c2 is None and label is None:
        report.verdict = Message("trace.unmarked")
        report.exit_code = UNMARKED
        try:
            essence.content_hash(fmt.name, data)
        except MarkError as exc:
            if exc.params.get("truncated"):  # still 10, but a bare "no marks" would claim too much
                report.verdict = Message("trace.cut_unmarked", {"detail": exc.params.get("detail", "")})
        return report

    prefix = aigc.signer_fingerprint(label) if label else None
    tool = bundle.tool_entry(prefix) if (bundle and prefix) else None
    cert = tool.cert if tool else None
    # the label's tool signed a manifest that binds every byte and states the content hash: taken from
    # there (the bytes it covers are those the hard binding just checked); else hashed from the file
    cert_name = tool.name if tool else "?"
    content = c2pa_io.vouched_content_hash(c2, cert.serial_number, cert_name) if cert else None
    content_from = "c2pa" if content else "file"
    if content is None:
        try:
            content = essence.content_hash(fmt.name, data)
        except MarkError as exc:
            say(Message("trace.content_damaged", {"detail": exc.params.get("detail", "")}))
            problems.append(INVALID)

    c2pa_ok = False
    if c2 is None:
        say(Message("trace.c2pa_missing"))
    else:
        manifest = c2.get("manifest") or {}
        signer = manifest.get("signature_info") or {}
        state = c2.get("state")
        report.c2pa = {
            "present": True,
            "validationState": state,
            "trustedBy": None,  # "root" (chains to an anchor) or "allowed" (a retired root's tool)
            "failures": c2pa_io.failures(c2.get("results")),
            "signer": {
                "commonName": signer.get("common_name"),
                "issuer": signer.get("issuer"),
                "serial": signer.get("cert_serial_number"),
                "alg": signer.get("alg"),
            },
            "title": manifest.get("title"),
            "actions": (
                c2pa_io.assertion(manifest, "c2pa.actions.v2")
                or c2pa_io.assertion(manifest, "c2pa.actions")
                or {}
            ).get("actions", []),
            "ingredients": [
                {"title": i.get("title"), "instanceId": i.get("instance_id")}
                for i in manifest.get("ingredients", [])
            ],
        }
        report.consent = c2pa_io.assertion(manifest, c2pa_io.CONSENT_LABEL)
        report.tool = {
            "name": signer.get("common_name"),
            "serial": signer.get("cert_serial_number"),
            "revoked": False,
        }
        broken = [f for f in report.c2pa["failures"] if f != c2pa_io.UNTRUSTED]
        if state == "Invalid" or broken:
            say(Message("trace.c2pa_invalid", {"failures": ", ".join(broken) or state}))
            problems.append(INVALID)
        elif bundle is None:
            say(Message("trace.c2pa_not_checked"))
            c2pa_ok = True
        elif state == "Trusted":
            say(Message("trace.c2pa_trusted", {"tool": signer.get("common_name", "?")}))
            report.c2pa["trustedBy"] = "root"
            c2pa_ok = True
        elif c2.get("leaf_sha256") and c2["leaf_sha256"] in bundle.allowed:  # a tool of a retired root
            say(Message("trace.c2pa_trusted_retired", {"tool": signer.get("common_name", "?")}))
            # c2pa itself says Valid (signingCredential.untrusted): the studio's signed list makes it Trusted
            report.c2pa.update(validationState="Trusted", trustedBy="allowed", failures=[],
                               c2paValidationState=state)
            c2pa_ok = True
        else:  # a valid signature by a certificate the studio did not issue: cannot be attributed
            say(Message("trace.c2pa_untrusted"))
            problems.append(UNATTRIBUTED)
        if bundle is not None and signer.get("cert_serial_number"):
            try:
                serial = int(signer["cert_serial_number"])
            except ValueError:
                serial = -1
            if serial in bundle.revoked:
                report.tool["revoked"] = True
                who = {"tool": signer.get("common_name", "?"), "serial": str(serial)}  # text: 160-bit serials
                say(Message("trace.tool_revoked", who))
                problems.append(REVOKED)
        if report.consent is None:
            say(Message("trace.no_consent_assertion"))

    label_ok = False
    if label is None:
        say(Message("trace.aigc_missing"))
    else:
        report.aigc = {"present": True, "label": label, "signature": "unchecked", "tool": None}
        if cert is not None and content is not None:
            report.aigc["contentHashFrom"] = content_from
            if aigc.verify_raw(label, content, tool.public_raw):
                report.aigc.update(signature="valid", tool=cert_name)
                say(Message("trace.aigc_signed", {"tool": cert_name}))
                label_ok = True
                if report.tool is None:
                    report.tool = {
                        "name": cert_name,
                        "serial": str(cert.serial_number),
                        "revoked": False,
                    }
                if cert.serial_number in bundle.revoked and not report.tool.get("revoked"):
                    report.tool["revoked"] = True
                    who = {"tool": cert_name, "serial": str(cert.serial_number)}
                    say(Message("trace.tool_revoked", who))
                    problems.append(REVOKED)
            else:
                report.aigc["signature"] = "invalid"
                say(Message("trace.aigc_bad_signature"))
                problems.append(INVALID)
        elif c2pa_ok:
            report.aigc["signature"] = "covered by the C2PA manifest"
            label_ok = True
        else:
            report.aigc["signature"] = "unattributed"
            say(Message("trace.aigc_unattributed"))
        if report.consent is not None and label.get("ProduceID") != report.consent.get("produceId"):
            say(
                Message(
                    "trace.ids_disagree",
                    {"aigc": label.get("ProduceID"), "c2pa": report.consent.get("produceId")},
                )
            )
            problems.append(INVALID)

    if report.consent is not None:
        state, details = (token_state or offline_token_state())(report.consent, now)
        token = report.consent.get("tokenId", "?")
        report.token = {"id": token, "consentId": report.consent.get("consentId"), "state": state, **details}
        if state == "revoked":
            say(Message("trace.token_revoked", {"token": token}))
            problems.append(REVOKED)
        elif state == "expired":
            say(Message("trace.token_expired", {"token": token, "at": details.get("at", "?")}))
            problems.append(REVOKED)
        elif state == "valid":
            say(Message("trace.token_valid", {"token": token}))
        else:
            say(Message("trace.token_unknown", {"token": token, "why": details.get("why", "")}))

    if INVALID in problems:
        report.exit_code = INVALID
        report.verdict = next(
            m
            for m in report.findings
            if m.code
            in (
                "trace.c2pa_invalid",
                "trace.aigc_bad_signature",
                "trace.ids_disagree",
                "trace.content_damaged",
            )
        )
    elif REVOKED in problems:
        report.exit_code = REVOKED
        report.verdict = next(
            m
            for m in report.findings
            if m.code in ("trace.token_revoked", "trace.token_expired", "trace.tool_revoked")
        )
    elif UNATTRIBUTED in problems or (not c2pa_ok and not label_ok):
        report.exit_code = UNATTRIBUTED
        report.verdict = next(
            (m for m in report.findings if m.code in ("trace.c2pa_untrusted", "trace.aigc_unattributed")),
            Message("trace.aigc_unattributed"),
        )
    else:
        report.exit_code = MARKED
        report.verdict = Message("trace.consistent")
    return report
