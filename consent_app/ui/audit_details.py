"""An audit entry's details worded in the UI's language, with the recorded JSON one click away.

The core says what each detail field is (``consent_app.audit_fields``: a coded name and a kind of
value); here names and values are put into words: category ids by their names, states by name, ids and
hashes shortened with the full value on hover, yes/no, times, coded results and problems as sentences.
A field the core does not know shows as ``key: value``. Free text typed by staff shows as typed.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from consent_app import audit_fields
from consent_app.messages import Message
from consent_app.ui.common import Retranslatable
from consent_app.ui.table import short_id

SUMMARY_CHARS = 240


def action_name(action: str) -> str:
    from consent_app.audit import action_message
    from consent_app.ui.core_words import word

    message = action_message(action)
    return word(message) if message is not None else action


def _plain_id(value: str) -> str:
    """An id or hash without its scheme (``urn:uuid:``, ``sha256:``), so its shortened form says something."""
    for prefix in ("urn:uuid:", "sha256:"):
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _raw(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _raw(value)
    return str(value) if isinstance(value, int) else f"{value:.4g}" if abs(value) < 1 else f"{value:.2f}"


def _time(value: Any) -> str:
    if not isinstance(value, str):
        return _raw(value)
    text = value.replace("T", " ")
    return (text[:19] + " UTC") if len(text) > 10 else text


def _named(prefix: str, value: Any) -> str:
    from consent_app import messages
    from consent_app.ui.core_words import word

    code = f"{prefix}.{value}"
    if isinstance(value, str) and messages.template(code) is not None:
        return word(Message(code))
    return _raw(value)


def _complaint(kind: str, value: Any) -> str:
    from consent_app.ui import complaint_words

    wording = {"complaint_state": complaint_words.state, "complaint_claim": complaint_words.claim,
               "complaint_role": complaint_words.role, "complaint_link": complaint_words.link_kind,
               "complaint_link_status": complaint_words.link_status}[kind]
    return wording(value) if isinstance(value, str) else _raw(value)


def value_text(field: audit_fields.Field, details: dict[str, Any]) -> tuple[str, str]:
    """The field's value in words, and the full value for the tooltip (empty when nothing is shortened)."""
    from consent_app.ui import words
    from consent_app.ui.core_words import list_separator, separator, word

    kind, value = field.kind, field.value
    join = list_separator().join
    if value is None or value == [] or value == "":
        return "—", ""
    if kind in ("id", "hash"):
        full = [str(v) for v in _items(value)]
        shown = [short_id(_plain_id(v)) for v in full]
        return join(shown), ("\n".join(full) if shown != full else "")
    if kind == "categories":
        return join(words.category_label(v) if isinstance(v, str) else _raw(v) for v in _items(value)), ""
    if kind == "consent_state":
        return words.state_label(value) if isinstance(value, str) else _raw(value), ""
    if kind.startswith("complaint_"):
        return join(_complaint(kind, v) for v in _items(value)), ""
    if kind == "session_step":
        return _named("session.step", value), ""
    if kind == "actions":
        return " → ".join(_named("liveness.action", v) for v in _items(value)), ""
    if kind == "bool" and isinstance(value, bool):
        if value:
            return QCoreApplication.translate("audit_details", "yes"), ""
        return QCoreApplication.translate("audit_details", "no"), ""
    if kind == "time":
        return join(_time(v) for v in _items(value)), ""
    if kind == "number":
        return join(_number(v) for v in _items(value)), ""
    if kind == "message":
        params = details.get("params")
        message = audit_fields.coded(value, params) if isinstance(params, dict) else None
        if message is None:  # recorded before results kept their parameters: the English as recorded
            return _raw(details.get("message") or value), ""
        return word(message), ""
    if kind == "messages":
        problems = [audit_fields.coded(v) for v in _items(value)]
        return separator().join(word(m) if m is not None else _raw(v)
                                for m, v in zip(problems, _items(value), strict=True)), ""
    if kind == "head" and isinstance(value, dict) and {"count", "head"} <= set(value):
        head = str(value["head"])
        return word(Message("audit.value.head", {"count": value["count"], "head": short_id(head)})), head
    if kind.startswith("value:") or kind == "asr":
        shown = []
        for v in _items(value):
            message = audit_fields.value_message(kind, v)
            shown.append(word(message) if message is not None else _raw(v))
        return join(shown), ""
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        colon = QCoreApplication.translate("audit_details", ": ")
        return list_separator().join(f"{name}{colon}{text}" for name, text, _full in worded("", value)), ""
    return _raw(value), ""


def field_name(field: audit_fields.Field) -> str:
    from consent_app.ui.core_words import word

    return word(field.name) if field.name is not None else field.key


def worded(action: str, details: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, value, full value for the tooltip) of each detail, in the UI's language."""
    if not isinstance(details, dict):
        return [("details", _raw(details), "")]
    return [(field_name(f), *value_text(f, details)) for f in audit_fields.fields(action, details)]


def summary(action: str, details: dict[str, Any]) -> str:
    """One line for the table: every detail by its name, values shortened."""
    colon = QCoreApplication.translate("audit_details", ": ")
    parts = [f"{name}{colon}{value}" for name, value, _full in worded(action, details)]
    text = QCoreApplication.translate("audit_details", "; ").join(parts)
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"


class EntryDetails(Retranslatable, QFrame):
    """The selected audit entry: its title, each detail worded, and the recorded JSON on demand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry: tuple | None = None  # (seq, ts, actor, action, target, details) as recorded
        self.title = QLabel(self)
        self.title.setObjectName("audit_entry_title")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.show_raw = QPushButton(self)
        self.show_raw.setCheckable(True)
        self.show_raw.toggled.connect(self._toggle_raw)
        self.copy_raw = QPushButton(self)
        self.copy_raw.clicked.connect(self.copy)
        self.raw = QPlainTextEdit(self)
        self.raw.setReadOnly(True)
        self.raw.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_raw)
        buttons.addWidget(self.copy_raw)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.raw, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_raw.setText(self.tr("Show &recorded data"))
        self.copy_raw.setText(self.tr("Cop&y recorded data"))
        self.show_raw.setToolTip(self.tr("The entry exactly as recorded and hashed in the audit trail"))
        self.show_entry(self.entry)

    def show_entry(self, entry: tuple | None) -> None:
        self.entry = entry
        while self.form.rowCount():
            self.form.removeRow(0)
        self.show_raw.setEnabled(entry is not None)
        self.copy_raw.setEnabled(entry is not None)
        if entry is None:
            self.title.setText(self.tr("Select an entry to see its details."))
            self.raw.clear()
            return
        seq, ts, actor, action, target, details = entry
        self.title.setText(self.tr("No. {seq}: {action}").format(seq=seq, action=action_name(action)))
        self._row(self.tr("Time (UTC)"), ts.replace("T", " ")[:19], "")
        self._row(self.tr("Staff"), actor, "")
        self._row(self.tr("Target"), *target_text(target))
        for name, value, full in worded(action, details):
            self._row(name, value, full)
        self.raw.setPlainText(self.recorded())

    def _row(self, name: str, value: str, full: str) -> None:
        label = QLabel(value, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if full:
            label.setToolTip(full)
        self.form.addRow(QCoreApplication.translate("audit_details", "{name}:").format(name=name), label)

    def rows(self) -> list[tuple[str, str, str]]:
        """(name, value, tooltip) as shown, for tests."""
        out = []
        for i in range(self.form.rowCount()):
            name = self.form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget()
            value = self.form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget()
            out.append((name.text(), value.text(), value.toolTip()))
        return out

    def recorded(self) -> str:
        if self.entry is None:
            return ""
        seq, ts, actor, action, target, details = self.entry
        return json.dumps({"seq": seq, "ts": ts, "actor": actor, "action": action, "target": target,
                           "details": details}, ensure_ascii=False, indent=2, sort_keys=True)

    def _toggle_raw(self, on: bool) -> None:
        self.raw.setVisible(on)
        self.show_raw.setText(self.tr("Hide &recorded data") if on else self.tr("Show &recorded data"))

    def copy(self) -> str:
        text = self.recorded()
        QGuiApplication.clipboard().setText(text)
        return text


def target_text(target: str) -> tuple[str, str]:
    """``consent:<uuid>`` as "consent 1a2b3c4d…" in the UI's language, with the full target on hover."""
    kind, sep, ident = target.partition(":")
    if not sep:
        return target, ""
    name = _named("audit.target", kind)
    shown = short_id(_plain_id(ident))
    return f"{name} {shown}", (target if shown != _plain_id(ident) or name != kind else "")
