"""Words for the complaint register's codes (claims, complainant roles, states, verdicts, link kinds)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def claim(code: str) -> str:
    return {
        "no_consent": QCoreApplication.translate("complaints", "Made without consent"),
        "beyond_scope": QCoreApplication.translate("complaints", "Beyond the consented edits"),
        "after_withdrawal": QCoreApplication.translate("complaints", "Made after withdrawal"),
        "unmarked": QCoreApplication.translate("complaints", "Output without its label"),
        "prohibited_use": QCoreApplication.translate("complaints", "Misuse for a prohibited purpose"),
        "other": QCoreApplication.translate("complaints", "Other"),
    }.get(code, code)


def role(code: str) -> str:
    return {
        "subject": QCoreApplication.translate("complaints", "The person depicted"),
        "third_party": QCoreApplication.translate("complaints", "A third party"),
        "tool_maker": QCoreApplication.translate("complaints", "A tool maker"),
    }.get(code, code)


def state(code: str) -> str:
    return {
        "received": QCoreApplication.translate("complaints", "Received"),
        "acknowledged": QCoreApplication.translate("complaints", "Acknowledged"),
        "investigating": QCoreApplication.translate("complaints", "Investigating"),
        "resolved": QCoreApplication.translate("complaints", "Resolved"),
        "rejected": QCoreApplication.translate("complaints", "Rejected"),
    }.get(code, code)


def verdict(code: str) -> str:
    return {
        "covered": QCoreApplication.translate("complaints", "covered by a consent of this studio"),
        "not_covered": QCoreApplication.translate("complaints", "not covered by any consent of this studio"),
        "cannot_be_determined": QCoreApplication.translate(
            "complaints",
            "cannot be determined (a face match shows who is depicted, not whether the use was authorised)",
        ),
    }.get(code, code)


def link_kind(code: str) -> str:
    return {
        "subject": QCoreApplication.translate("complaints", "Subject"),
        "consent": QCoreApplication.translate("complaints", "Consent"),
        "token": QCoreApplication.translate("complaints", "Token"),
        "tool": QCoreApplication.translate("complaints", "Tool"),
        "usage_receipt": QCoreApplication.translate("complaints", "Usage receipt"),
    }.get(code, code)


def link_status(code: str) -> str:
    return {
        "proposed": QCoreApplication.translate("complaints", "proposed by the trace"),
        "confirmed": QCoreApplication.translate("complaints", "confirmed"),
        "rejected": QCoreApplication.translate("complaints", "rejected"),
    }.get(code, code)
