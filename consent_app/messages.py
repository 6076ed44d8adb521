"""Messages for people, from a Qt-free core: a stable code, parameters, and an English template.

The core never words a message in a UI language. It raises (or returns) a *code* with *parameters*;
the English template registered for the code makes the CLI's one-line text, and the UI turns the same
code and parameters into a sentence in its own language (Qt Linguist context ``core``, source text =
the English template; see ``consent_app/ui/core_words.py``).

Define the templates next to the code that uses them::

    from consent_app.messages import define

    MESSAGES = define({
        "token.category_withdrawn": "consent {consent}: category {category} was withdrawn",
    })

    raise PolicyError(code="token.category_withdrawn", consent=cid, category=cat)

Codes are ``area.what`` in lower case; parameters are plain values (str, int, float). A template names
every parameter it uses with ``{name}`` (``str.format`` syntax, format specs allowed: ``{score:.3f}``).
A parameter may also be a ``Message`` (a reason inside a sentence) or a list of them (joined with "; "),
or a list of plain values (joined with ", "). The UI words parameters named ``category``/``categories``
(category ids) by the category's translated name.

After adding or changing a template, run ``python resources/i18n/update_translations.py`` and give it
its 简体中文 translation in ``resources/i18n/consent_app_zh_CN.ts`` (context ``core``, the code is the
comment); ``tests/ui/test_core_words.py`` fails on any code without one.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself costs start-up time; type checkers read the block below
if TYPE_CHECKING:
    from collections.abc import Mapping

# Kept light on purpose: errors.py imports this module, and so does `consent-verify`, whose start-up
# time tools feel on every job. No re, string, dataclasses here at import time; templates are checked
# for well-formedness by the tests (``tests/core/test_messages.py``), not at every import.
_TEMPLATES: dict[str, str] = {}
_CODE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _is_code(code: str) -> bool:
    parts = code.split(".")
    return (len(parts) >= 2 and code[:1].isalpha() and code[:1].islower()
            and all(part and _CODE_CHARS.issuperset(part) for part in parts))


def define(templates: Mapping[str, str]) -> Mapping[str, str]:
    """Register English templates by code (the same code may be defined twice only identically)."""
    for code, template in templates.items():
        if not _is_code(code):
            raise ValueError(f"message code {code!r} is not of the form area.what")
        known = _TEMPLATES.get(code)
        if known is not None and known != template:
            raise ValueError(f"message code {code!r} defined twice with different templates")
        _TEMPLATES[code] = template
    return templates


def template(code: str) -> str | None:
    """The English template of ``code`` (None if no module that defines it was imported)."""
    return _TEMPLATES.get(code)


def all_templates() -> dict[str, str]:
    """Every template registered so far (import the modules first: ``load_all()``)."""
    return dict(_TEMPLATES)


def placeholders(template_text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template_text) if name}


def render(template_text: str, params: Mapping[str, object]) -> str:
    """Fill a template; a missing parameter shows as ``{name}`` instead of failing."""

    import string

    class _Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    try:
        return string.Formatter().vformat(template_text, (), _Keep(params))
    except (ValueError, IndexError, KeyError):
        return template_text


class Message:
    """A message for people: ``code`` plus ``params``; ``str()`` gives the English text (immutable)."""

    __slots__ = ("code", "params")
    code: str
    params: Mapping[str, object]

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", dict(params or {}))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Message is immutable")

    def __reduce__(self):
        """Pickled by its code and parameters (errors carry messages across the helper process)."""
        return (Message, (self.code, self.params))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.code, self.params) == (other.code, other.params)

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {self.params!r})"

    def english(self) -> str:
        text = template(self.code)
        if text is None:
            return self.code
        return render(text, {k: _english(v) for k, v in self.params.items()})

    def as_dict(self) -> dict[str, object]:
        """Plain JSON: nested messages (a reason inside a reason) become dicts too."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params.items()},
                "message": self.english()}

    def plain(self) -> dict[str, object]:
        """Code and parameters as plain JSON, without the English text (for records that keep the code)."""
        return {"code": self.code, "params": {k: _plain(v) for k, v in self.params.items()}}

    def __str__(self) -> str:
        return self.english()


def _plain(value: object) -> object:
    if isinstance(value, Message):
        return value.as_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _english(value: object) -> object:
    """A parameter as English text: a nested message by its sentence, a list joined (reasons by "; ")."""
    if isinstance(value, Message):
        return value.english()
    if isinstance(value, list | tuple):
        sep = "; " if value and all(isinstance(v, Message) for v in value) else ", "
        return sep.join(str(_english(v)) for v in value)
    return value


def load_all() -> dict[str, str]:
    """Import every module of the app's core so that all their templates are registered."""
    import importlib
    import pkgutil

    import consent_app

    for info in pkgutil.walk_packages(consent_app.__path__, "consent_app."):
        if info.name.startswith("consent_app.ui") or info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
    return all_templates()
