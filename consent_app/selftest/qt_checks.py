"""Self-test checks of the desktop side: the Qt platform, multimedia, translations, the first window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from consent_app.selftest.base import CheckFailed, Context, require


def _qt_app(ctx: Context):
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def handler(kind: QtMsgType, _context, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            ctx.qt_messages.append(message)

    if ctx.qt_handler is None:
        ctx.qt_handler = handler
        qInstallMessageHandler(handler)
    if ctx.qt_app is None:
        ctx.qt_app = QApplication.instance() or QApplication(["consent-app", "-platform", "offscreen"])
    return ctx.qt_app


def check_qt(ctx: Context) -> str:
    """Qt widgets on the offscreen platform; the desktop platform plugins and the app icon."""
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QIcon, QImage
    from PySide6.QtWidgets import QLabel

    app = _qt_app(ctx)
    require(app.platformName() == "offscreen", f"Qt started the {app.platformName()!r} platform")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    suffix = {"win32": ".dll", "darwin": ".dylib"}.get(sys.platform, ".so")
    wanted = {"win32": ["qwindows"], "darwin": ["qcocoa"]}.get(sys.platform, ["qxcb", "qwayland"])
    missing = [n for n in wanted if not any((plugins / "platforms").glob(f"*{n}{suffix}"))]
    require(not missing, f"platform plugins missing from {plugins / 'platforms'}: {', '.join(missing)}")
    label = QLabel("同意 consent")
    label.resize(200, 40)
    shot = label.grab()  # lays out and paints the widget with the platform's fonts
    require(not shot.isNull() and shot.width() == 200, "a widget does not paint offscreen")
    label.deleteLater()
    del label
    detail = [f"Qt {QLibraryInfo.version().toString()} offscreen", f"platform plugins {', '.join(wanted)}"]
    if sys.platform.startswith("linux"):
        # The X11 plugin must find every library it links (it is what a desktop session starts);
        # Wayland sessions fall back to it when the host lacks Wayland's client libraries.
        detail.append(_loads(plugins / "platforms" / "libqxcb.so", required=True))
        detail.append(_loads(plugins / "platforms" / "libqwayland.so", required=False))
    # SVG through Qt's icon-engine and image-format plugins (the app's icons are SVG)
    svg = ctx.tmp / "probe.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16">'
                   '<rect width="16" height="16" fill="#2f6f73"/></svg>', encoding="ascii")
    require(not QIcon(str(svg)).pixmap(32, 32).isNull(), "SVG icons do not render (icon engine missing?)")
    require(not QImage(str(svg)).isNull(), "SVG images do not load (image format plugin missing?)")
    from consent_app.ui import theme

    icon = Path(theme.ICON_PATH)
    require(icon.is_file(), f"the app icon is missing: {icon}")
    require(not QIcon(str(icon)).pixmap(64, 64).isNull(), f"the app icon {icon.name} does not render")
    detail.append(f"SVG plugins and the app icon {icon.name} render")
    return ", ".join(detail)


def _loads(library: Path, *, required: bool) -> str:
    """Whether the dynamic loader finds every library ``library`` needs (nothing of it runs)."""
    import ctypes

    try:
        ctypes.CDLL(str(library), mode=getattr(os, "RTLD_LAZY", 1) | getattr(os, "RTLD_LOCAL", 0))
    except OSError as exc:
        cause = exc.__cause__ or exc  # a bundle's ctypes wrapper re-raises with a generic message
        needed = str(cause).split(":")[0]  # "libfoo.so.1: cannot open shared object file: ..."
        reason = f"{Path(needed).name} not found" if not needed.endswith(library.name) else str(cause)
        if required:
            raise CheckFailed(f"{library.name} cannot load: {reason}") from None
        return f"{library.name} unusable here ({reason})"
    return f"{library.name} loads"


def check_multimedia(ctx: Context) -> str:
    """QtMultimedia loads its media backend (the camera and microphone path), without any device."""
    _qt_app(ctx)
    from PySide6.QtMultimedia import QMediaCaptureSession, QMediaDevices, QMediaFormat

    before = len(ctx.qt_messages)
    cameras = QMediaDevices.videoInputs()
    microphones = QMediaDevices.audioInputs()
    session = QMediaCaptureSession()
    formats = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    # (FFmpeg's optional hardware decoders, e.g. VA-API, may be absent: Qt says so, harmlessly)
    warnings = [m for m in ctx.qt_messages[before:] if "backends found" in m or "media plugin" in m.lower()]
    require(not warnings, "; ".join(warnings))
    require(formats, "no QtMultimedia backend (no media format supported)")
    del session
    return (f"media backend loaded ({len(formats)} formats); "
            f"{len(cameras)} camera(s), {len(microphones)} microphone(s) visible")


def check_translations(ctx: Context) -> str:
    """The app's catalogues and Qt's own load for every language the app ships."""
    _qt_app(ctx)
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from consent_app.ui import i18n

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for code in i18n.LANGUAGES:
        if code == i18n.DEFAULT_LANGUAGE:
            continue
        for directory, name in ((str(i18n.I18N_DIR), f"{i18n.CATALOGUE}_{code}"), (qt_dir, f"qtbase_{code}")):
            translator = QTranslator()
            require(translator.load(name, directory) and not translator.isEmpty(),
                    f"translation {name} does not load from {directory}")
            loaded.append(name)
    require(loaded, "the app ships no translation")
    return f"loaded {', '.join(loaded)}"


def check_ui(ctx: Context) -> str:
    """The app's main window starts on an empty data folder (first-run setup) and paints, in English
    and in Chinese."""
    app = _qt_app(ctx)
    from consent_app.ui import i18n, theme
    from consent_app.ui.context import AppContext
    from consent_app.ui.shell import Shell

    theme.apply(app)
    ui_ctx = AppContext(ctx.tmp / "ui-data")
    shell = Shell(ui_ctx)
    try:
        shell.start()
        page = shell.stack.currentWidget()
        require(page is not None, "the window shows no page")
        painted = []
        for code in (i18n.DEFAULT_LANGUAGE, *[c for c in i18n.LANGUAGES if c != i18n.DEFAULT_LANGUAGE]):
            i18n.set_language(code)
            app.processEvents()
            shot = shell.grab()
            require(not shot.isNull() and shot.width() > 0, f"the window does not paint ({code})")
            painted.append(code)
        i18n.set_language(i18n.DEFAULT_LANGUAGE)
        app.processEvents()
        title = shell.windowTitle()
        require(not (ctx.tmp / "ui-data" / "consent.db").exists(), "showing the window created a database")
    finally:
        shell.close()
        shell.deleteLater()
        ui_ctx.close()
        app.processEvents()
    return f"window {title!r} opens on the {type(page).__name__} and paints in {', '.join(painted)}"


