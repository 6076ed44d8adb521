"""Translated names for the core's stable identifiers (consent states, categories, evidence kinds)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from consent_app.ui import i18n


def _t(text: str) -> str:
    return QCoreApplication.translate("words", text)


def state_label(state: str) -> str:
    return {
        "active": _t("Active"),
        "partially_withdrawn": _t("Partly withdrawn"),
        "withdrawn": _t("Withdrawn"),
        "none": _t("No consent"),
        "open": _t("Open"),
        "completed": _t("Completed"),
        "incomplete": _t("Incomplete (no consent)"),
        "discarded": _t("Discarded"),
    }.get(state, state)


def core_language(ui_code: str | None = None) -> str:
    """The consent core's language code for a UI language (``zh_CN`` → ``zh-CN``)."""
    code = ui_code or i18n.current_language()
    return "zh-CN" if code == "zh_CN" else "en"


def ui_language(core_code: str) -> str:
    return "zh_CN" if core_code == "zh-CN" else "en"


def category_label(category_id: str, language: str | None = None) -> str:
    """The category's label in the current (or given) language, from the consent core."""
    from consent_app.consent import categories

    cat = categories.BY_ID.get(category_id)
    return cat.text(language or core_language())[0] if cat else category_id


def category_description(category_id: str, language: str | None = None) -> str:
    from consent_app.consent import categories

    cat = categories.BY_ID.get(category_id)
    return cat.text(language or core_language())[1] if cat else ""


def evidence_kind(kind: str) -> str:
    return {
        "id_document": _t("ID document"),
        "face": _t("Live face"),
        "face_match": _t("Face vs ID document"),
        "identity": _t("Identity check"),
        "liveness": _t("Liveness challenge"),
        "voice": _t("Voice sample"),
        "statement": _t("Spoken statement"),
        "signature": _t("Signature"),
        "override": _t("Admin override"),
    }.get(kind, kind)
