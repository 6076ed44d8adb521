"""Versioned terms templates (``resources/terms/v<N>/<language>.txt``), rendered for one consent.

The exact text shown to the subject, its language, version and SHA-256 go into the record, so the
studio can later show word for word what was agreed.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from consent_app.canonical import sha256_hex
from consent_app.consent import categories
from consent_app.consent.form import ConsentDetails
from consent_app.errors import InputError
from consent_app.messages import define

MESSAGES = define({
    "terms.none": "no terms templates found in {path}",
    "terms.missing": "no terms template {version} in language {language}",
})

TERMS_DIR = Path(__file__).resolve().parents[2] / "resources" / "terms"

_WORDS = {
    "en": {"none": "none stated", "yes": "[x]", "no": "[ ]", "sep": "; ",
           "demo": "DEMO — this is a demonstration database; this consent is not real and proves nothing.\n",
           "guardian": "\nSigned by {name}, {relationship}, as guardian of a minor, on the minor's behalf.",
           "agent": "\nSigned by {name} as authorised agent of the person concerned ({relationship})."},
    "zh-CN": {"none": "未说明", "yes": "[√]", "no": "[  ]", "sep": "；",
              "demo": "演示（DEMO）—— 这是演示数据库，本同意并非真实同意，不具有任何证明效力。\n",
              "guardian": "\n由未成年人的监护人 {name}（{relationship}）代为签署。",
              "agent": "\n由当事人的授权代理人 {name}（{relationship}）签署。"},
}


@dataclass(frozen=True)
class RenderedTerms:
    version: str
    language: str
    text: str

    @property
    def sha256(self) -> str:
        return sha256_hex(self.text.encode("utf-8"))

    def as_dict(self) -> dict:
        return {"version": self.version, "language": self.language, "sha256": self.sha256}


def versions() -> list[str]:
    """Template versions available, oldest first (``v1``, ``v2``...)."""
    found = [p.name for p in TERMS_DIR.iterdir() if p.is_dir() and p.name[:1] == "v" and p.name[1:].isdigit()]
    return sorted(found, key=lambda v: int(v[1:]))


def current_version() -> str:
    found = versions()
    if not found:
        raise InputError(code="terms.none", path=str(TERMS_DIR))
    return found[-1]


def template(version: str, language: str) -> str:
    language = categories.check_language(language)
    path = TERMS_DIR / version / f"{language}.txt"
    if not path.is_file():
        raise InputError(code="terms.missing", version=version, language=language)
    return path.read_text(encoding="utf-8")


def _date(value: datetime, language: str) -> str:
    utc = value.strftime("%Y-%m-%d %H:%M UTC")
    return utc if language == "en" else utc.replace(" UTC", "（协调世界时）")


def render(details: ConsentDetails, chosen: tuple[str, ...], language: str, *, studio: str,
           demo: bool = False, attester: dict | None = None, version: str | None = None) -> RenderedTerms:
    """The terms for ``details`` with the ``chosen`` categories ticked, in ``language``."""
    version = version or current_version()
    words = _WORDS[categories.check_language(language)]
    lines = []
    for cat in categories.CATEGORIES:
        label, description = cat.text(language)
        mark = words["yes"] if cat.id in chosen else words["no"]
        lines.append(f"{mark} {label}\n      {description}")  # the subject reads names, never ids
    attester_notice = ""
    if attester and attester.get("role") in ("guardian", "agent"):
        attester_notice = words[attester["role"]].format(name=attester.get("name", ""),
                                                         relationship=attester.get("relationship", ""))

    def listed(values: tuple[str, ...]) -> str:
        return words["sep"].join(values) if values else words["none"]

    text = string.Template(template(version, language)).substitute(
        version=version, studio=studio, project=details.project, purpose=details.purpose,
        categories="\n".join(lines), valid_from=_date(details.valid_from, language),
        valid_until=_date(details.valid_until, language), territory=listed(details.territory),
        channels=listed(details.channels), prohibited_uses=listed(details.prohibited_uses),
        marking=details.marking, retention_days=details.retention_days,
        withdrawal=details.withdrawal_contact,
        complaints=details.complaints_contact or details.withdrawal_contact,
        demo_notice=words["demo"] if demo else "", attester_notice=attester_notice,
    )
    return RenderedTerms(version, language, text)
