"""The core's messages in the UI's language: a code and parameters become a sentence.

The core raises or returns ``Message(code, params)`` (``consent_app.messages``). Here the English
template registered for the code is looked up in the Qt Linguist catalogue, context ``core``, with the
code as disambiguation (``resources/i18n/update_translations.py`` extracts every template), and the
parameters are filled in. Parameters are worded too: a nested ``Message`` (or a list of them) becomes
its sentence, a category id its translated name, a list of category ids their names. A template
without a translation shows in English, never as a bare code.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from consent_app import messages
from consent_app.messages import Message

CONTEXT = "core"
# Parameters holding a category id (or a list of them): shown by the category's translated name.
CATEGORY_PARAMS = frozenset({"category", "categories", "operation", "operations", "allowed", "covered"})
# Parameters holding an id the core names with templates of its own: ``step`` "live_face" is worded
# by the template "session.step.live_face", ``step`` "blink" (a liveness action) by
# "liveness.action.blink" (the first prefix with a template defined wins).
ID_PARAMS = {"step": ("session.step", "liveness.action"), "steps": ("session.step", "liveness.action"),
             "state": ("session.state",), "action": ("liveness.action",), "duty": ("duty.name",)}


def separator() -> str:
    """How a list of reasons is joined in the UI's language."""
    return QCoreApplication.translate("core_words", "; ")


def list_separator() -> str:
    """How a list of names is joined in the UI's language."""
    return QCoreApplication.translate("core_words", ", ")


def template_text(code: str) -> str | None:
    """The template of ``code`` in the UI's language (English when it has no translation)."""
    english = messages.template(code)
    if english is None:
        return None
    translated = QCoreApplication.translate(CONTEXT, english, code)
    return translated or english


def word(message: Message) -> str:
    """``message`` as a sentence in the UI's language."""
    text = template_text(message.code)
    if text is None:
        return message.english()
    return messages.render(text, word_params(message.params))


def word_params(params: Mapping[str, object]) -> dict[str, object]:
    return {name: _param(name, value) for name, value in params.items()}


def _param(name: str, value: object) -> object:
    if isinstance(value, Message):
        return word(value)
    if _is_plain_message(value):  # a reason kept as plain JSON (``Message.as_dict()``)
        return word(Message(value["code"], value.get("params") or {}))  # type: ignore[index, union-attr]
    if isinstance(value, list | tuple):
        if value and all(isinstance(v, Message) for v in value):
            return separator().join(word(v) for v in value)  # type: ignore[arg-type]
        return list_separator().join(str(_param(name, v)) for v in value)
    if name == "reason" and isinstance(value, str):
        reason = _os_errors().get(value)  # the operating system's reason (strerror), in the UI's language
        if reason is not None:
            return reason
    if name in CATEGORY_PARAMS and isinstance(value, str):
        return _category(value)
    if name in ID_PARAMS and isinstance(value, str):
        for prefix in ID_PARAMS[name]:
            code = f"{prefix}.{value}"
            if messages.template(code) is not None:
                return word(Message(code))
    return value


def _os_errors() -> dict[str, str]:
    """The operating system's common reasons (``OSError.strerror`` on Linux and macOS), which the core passes
    on as the ``reason`` of a coded message ("cannot write {path} ({reason})")."""
    return {
        "Permission denied": QCoreApplication.translate("os_errors", "permission denied"),
        "Operation not permitted": QCoreApplication.translate("os_errors", "operation not permitted"),
        "No space left on device": QCoreApplication.translate("os_errors", "no space left on the disk"),
        "Disk quota exceeded": QCoreApplication.translate("os_errors", "disk quota exceeded"),
        "Read-only file system": QCoreApplication.translate("os_errors", "the disk is read-only"),
        "No such file or directory": QCoreApplication.translate("os_errors", "no such file or folder"),
        "Is a directory": QCoreApplication.translate("os_errors", "it is a folder"),
        "Not a directory": QCoreApplication.translate("os_errors", "not a folder"),
        "File exists": QCoreApplication.translate("os_errors", "the file already exists"),
        "Input/output error": QCoreApplication.translate("os_errors", "input/output error (disk or device)"),
        "Device or resource busy": QCoreApplication.translate("os_errors", "the device is busy"),
        "File name too long": QCoreApplication.translate("os_errors", "the file name is too long"),
    }


def _is_plain_message(value: object) -> bool:
    return (isinstance(value, Mapping) and isinstance(value.get("code"), str)
            and messages.template(value["code"]) is not None and isinstance(value.get("params", {}), Mapping))


def _category(category_id: str) -> str:
    """The category's name in the UI's language (as ``words.category_label``, which builds on this module)."""
    from consent_app.consent import categories
    from consent_app.ui import i18n

    cat = categories.BY_ID.get(category_id)
    return cat.text("zh-CN" if i18n.current_language() == "zh_CN" else "en")[0] if cat else category_id


def error_text(exc: BaseException) -> str:
    """The one-line reason to show for a failure, in the UI's language when the core error is coded
    (``consent_app.messages``); an uncoded core error shows its English message."""
    from consent_app.errors import ConsentAppError

    if isinstance(exc, ConsentAppError):
        worded = error_message(exc)
        return worded if worded is not None else exc.message
    return f"{type(exc).__name__}: {exc}"


def error_message(exc: BaseException) -> str | None:
    """A coded core error worded in the UI's language; None for any other exception."""
    as_message = getattr(exc, "as_message", None)
    message = as_message() if callable(as_message) else None
    return word(message) if isinstance(message, Message) else None
