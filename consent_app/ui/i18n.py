"""Languages of the app: Qt Linguist catalogues (``resources/i18n/*.qm``) switched at run time.

Every widget sets its texts in ``retranslate()``; installing a translator makes Qt send a
``LanguageChange`` event to every widget, and :class:`Retranslatable` calls ``retranslate()`` again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: Language codes the app ships, with their names written in the language itself.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
CATALOGUE = "consent_app"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def catalogue_path(code: str, suffix: str = ".qm") -> Path:
    return I18N_DIR / f"{CATALOGUE}_{code}{suffix}"


def current_language() -> str:
    return _current


def set_language(code: str) -> str:
    """Install the catalogues for ``code`` (unknown codes fall back to English); returns the code used."""
    global _current
    app = QCoreApplication.instance()
    if code not in LANGUAGES:
        code = DEFAULT_LANGUAGE
    if code == _current and (code == DEFAULT_LANGUAGE or _installed):
        return code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = code
    if code != DEFAULT_LANGUAGE:
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for directory, name in ((qt_dir, f"qtbase_{code}"), (str(I18N_DIR), f"{CATALOGUE}_{code}")):
            translator = QTranslator(app)
            if translator.load(name, directory):
                app.installTranslator(translator)
                _installed.append(translator)
    QLocale.setDefault(QLocale(code))
    return code


def system_language(locale_name: str | None = None) -> str:
    """The shipped language closest to the system's locale (``zh_*`` -> 简体中文, anything else English)."""
    name = locale_name if locale_name is not None else QLocale.system().name()
    return "zh_CN" if name.lower().startswith("zh") else DEFAULT_LANGUAGE


def startup_language(chosen: str | None = None, saved: str | None = None,
                     locale_name: str | None = None) -> str:
    """``--language`` if given, else the language last used, else the system's (the first run)."""
    for code in (chosen, saved):
        if code in LANGUAGES:
            return code
    return system_language(locale_name)


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)
