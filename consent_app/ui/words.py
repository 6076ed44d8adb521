"""Translated names for the core's stable identifiers (consent states, categories, evidence kinds)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from consent_app.ui import i18n


def state_label(state: str) -> str:
    return {
        "active": QCoreApplication.translate("words", "Active"),
        "partially_withdrawn": QCoreApplication.translate("words", "Partly withdrawn"),
        "withdrawn": QCoreApplication.translate("words", "Withdrawn"),
        "expired": QCoreApplication.translate("words", "Expired"),
        "erased": QCoreApplication.translate("words", "Biometric data erased"),
        "not_yet_valid": QCoreApplication.translate("words", "Not yet valid"),
        "unverified": QCoreApplication.translate("words", "Signature does not verify"),
        "none": QCoreApplication.translate("words", "No consent"),
        "open": QCoreApplication.translate("words", "Open"),
        "completed": QCoreApplication.translate("words", "Completed"),
        "incomplete": QCoreApplication.translate("words", "Incomplete (no consent)"),
        "discarded": QCoreApplication.translate("words", "Discarded"),
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
        "id_document": QCoreApplication.translate("words", "ID document"),
        "face": QCoreApplication.translate("words", "Live face"),
        "face_match": QCoreApplication.translate("words", "Face vs ID document"),
        "identity": QCoreApplication.translate("words", "Identity check"),
        "liveness": QCoreApplication.translate("words", "Liveness challenge"),
        "voice": QCoreApplication.translate("words", "Voice sample"),
        "statement": QCoreApplication.translate("words", "Spoken statement"),
        "signature": QCoreApplication.translate("words", "Signature"),
        "override": QCoreApplication.translate("words", "Admin override"),
    }.get(kind, kind)


def gate_message(report) -> str:
    """The face core's quality-gate message, translated by its stable code."""
    code = report.code
    return {
        "ok": QCoreApplication.translate("words", "Face OK: ready to capture"),
        "no_face": QCoreApplication.translate("words", "No face found: look at the camera"),
        "multiple_faces": QCoreApplication.translate(
            "words", "More than one face: only the subject may be in view"),
        "face_too_small": QCoreApplication.translate("words", "Face too small: come closer to the camera"),
        "too_dark": QCoreApplication.translate("words", "Too dark: add light in front of the face"),
        "too_bright": QCoreApplication.translate(
            "words", "Too bright: reduce the light or move out of direct sun"),
        "too_blurred": QCoreApplication.translate("words", "Too blurred: hold still"),
        "looking_away": QCoreApplication.translate("words", "Looking away: look straight at the camera"),
    }.get(code, report.message)


def liveness_prompt(action: str) -> str:
    return {
        "blink": QCoreApplication.translate("words", "Blink slowly"),
        "turn_left": QCoreApplication.translate("words", "Turn your head to your left"),
        "turn_right": QCoreApplication.translate("words", "Turn your head to your right"),
        "nod": QCoreApplication.translate("words", "Nod: tilt your head down, then back"),
    }.get(action, action)


def signature_problem(exc) -> str:
    """The consent core's verdict on a signature, translated by its code (other errors as they are)."""
    from consent_app.ui.core_words import error_text

    code = getattr(exc, "code", None)
    return {
        "empty": QCoreApplication.translate("words", "The signature is empty: please sign on the pad."),
        "too_few_points": QCoreApplication.translate(
            "words", "The signature is too short: please sign with your full signature."),
        "too_small": QCoreApplication.translate(
            "words", "The signature is too small (a dot or a tick): please sign larger."),
        "line": QCoreApplication.translate(
            "words", "The signature is just a line: please sign with your full signature."),
        "too_simple": QCoreApplication.translate(
            "words", "The signature is too simple: please sign with your full signature."),
        "malformed": QCoreApplication.translate(
            "words", "The signature could not be read: please clear the pad and sign again."),
    }.get(code, error_text(exc)) if code else error_text(exc)


def unavailable_reason(category_id: str) -> str:
    """Why a category cannot be chosen in this session, by the biometric it needs."""
    from consent_app.consent import categories

    cat = categories.BY_ID.get(category_id)
    if cat is not None and cat.modality == "face":
        return QCoreApplication.translate(
            "words", "needs a face verification that passed or an administrator's override")
    return QCoreApplication.translate(
        "words", "needs a voice sample and a spoken statement that passed")
