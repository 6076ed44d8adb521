"""Why a receipt cannot be made or saved (coded for the UI; ``consent_app.consent.receipt`` raises them)."""

from __future__ import annotations

from consent_app.messages import define

MESSAGES = define({
    "receipt.font_missing": "the receipt font is missing: {path}",
    "receipt.no_withdrawal": "consent {consent} has no withdrawal",
    "receipt.no_withdrawal_number": "consent {consent} has no withdrawal number {seq}",
    "receipt.not_pdf": "{path}: a receipt is a PDF file; give a name ending in .pdf",
    "receipt.no_folder": "{folder}: no such folder",
})
