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


def gate_message(report) -> str:
    """The face core's quality-gate message, translated by its stable code."""
    code = report.code
    return {
        "ok": _t("Face OK: ready to capture"),
        "no_face": _t("No face found: look at the camera"),
        "multiple_faces": _t("More than one face: only the subject may be in view"),
        "face_too_small": _t("Face too small: come closer to the camera"),
        "too_dark": _t("Too dark: add light in front of the face"),
        "too_bright": _t("Too bright: reduce the light or move out of direct sun"),
        "too_blurred": _t("Too blurred: hold still"),
        "looking_away": _t("Looking away: look straight at the camera"),
    }.get(code, report.message)


def liveness_prompt(action: str) -> str:
    return {
        "blink": _t("Blink slowly"),
        "turn_left": _t("Turn your head to your left"),
        "turn_right": _t("Turn your head to your right"),
        "nod": _t("Nod: tilt your head down, then back"),
    }.get(action, action)


def signature_problem(exc) -> str:
    """The consent core's verdict on a signature, translated by its code (other errors as they are)."""
    from consent_app.ui.common import error_text

    code = getattr(exc, "code", None)
    return {
        "empty": _t("The signature is empty: please sign on the pad."),
        "too_few_points": _t("The signature is too short: please sign with your full signature."),
        "too_small": _t("The signature is too small (a dot or a tick): please sign larger."),
        "line": _t("The signature is just a line: please sign with your full signature."),
        "too_simple": _t("The signature is too simple: please sign with your full signature."),
        "malformed": _t("The signature could not be read: please clear the pad and sign again."),
    }.get(code, error_text(exc)) if code else error_text(exc)
