"""build.spec without building: its Linux, macOS and Windows entries and what its trimming keeps.

The spec is executed with stand-ins for PyInstaller's build steps (Analysis, EXE, COLLECT, BUNDLE)
and for ``sys.platform``, so the prepared macOS/Windows entries are checked here too.
"""

from __future__ import annotations

import ast
import plistlib
import sys
import tomllib
import types
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "build.spec"
PACKAGING = REPO / "packaging"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


class Step:
    """Records the arguments of one PyInstaller build step."""

    def __init__(self, kind: str, *args: object, **kwargs: object) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.binaries: list = []
        self.datas: list = []
        self.pure: list = []
        self.scripts: list = []
        if kind == "Analysis":  # like PyInstaller: run-time hooks first, then one script per entry file
            entries = [(Path(str(path)).stem, str(path), "PYSOURCE") for path in args[0]]  # type: ignore[union-attr]
            self.scripts = [("pyi_rth_pyside6", "", "PYSOURCE"), *entries]


def run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> dict:
    steps: list[Step] = []

    def recorder(kind: str):
        def make(*args: object, **kwargs: object) -> Step:
            step = Step(kind, *args, **kwargs)
            steps.append(step)
            return step

        return make

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [package]
    hooks.collect_data_files = lambda package: []
    hooks.collect_dynamic_libs = lambda package: []
    hooks.copy_metadata = lambda dist: []
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(REPO), "__file__": str(SPEC), "__name__": "__spec__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = recorder(kind)
    exec(compile(SPEC.read_text(), str(SPEC), "exec"), namespace)
    namespace["steps"] = steps
    return namespace


def exes(ns: dict) -> dict[str, Step]:
    return {s.kwargs["name"]: s for s in ns["steps"] if s.kind == "EXE"}


def test_linux_builds_one_folder_with_app_and_verifier(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, "linux")
    programs = exes(ns)
    assert set(programs) == {"consent-app", "consent-verify", "consent-mark", "consent-trace"}
    assert programs["consent-app"].kwargs["console"] is True
    assert all(p.kwargs["exclude_binaries"] for p in programs.values())  # one folder, not one file
    (collect,) = [s for s in ns["steps"] if s.kind == "COLLECT"]
    assert collect.kwargs["name"] == "consent-app"
    assert not [s for s in ns["steps"] if s.kind == "BUNDLE"]
    analyses = [s for s in ns["steps"] if s.kind == "Analysis"]
    for analysis in analyses:
        for script in analysis.args[0]:
            assert Path(script).is_file(), script
        for hooks in analysis.kwargs.get("hookspath", []):
            assert Path(hooks).is_dir(), hooks
    assert (REPO / "resources") in [Path(src) for src, _ in analyses[0].kwargs["datas"]]


def test_macos_entry_is_an_app_with_camera_and_microphone_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, "darwin")
    programs = exes(ns)
    assert programs["consent-app"].kwargs["console"] is False  # an .app needs a windowed executable
    icon = Path(programs["consent-app"].kwargs["icon"])
    assert icon.suffix == ".icns"
    assert icon.is_file()
    entitlements = plistlib.loads(Path(programs["consent-app"].kwargs["entitlements_file"]).read_bytes())
    assert entitlements["com.apple.security.device.camera"] is True
    assert entitlements["com.apple.security.device.audio-input"] is True
    (bundle,) = [s for s in ns["steps"] if s.kind == "BUNDLE"]
    info = bundle.kwargs["info_plist"]
    assert "camera" in info["NSCameraUsageDescription"]
    assert "microphone" in info["NSMicrophoneUsageDescription"]
    assert info["CFBundleShortVersionString"] == VERSION
    assert bundle.kwargs["name"].endswith(".app")
    assert bundle.kwargs["bundle_identifier"]


def test_windows_entry_has_windowed_app_console_twin_icon_version(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, "win32")
    programs = exes(ns)
    assert set(programs) == {"consent-app", "consent-app-cli", "consent-verify", "consent-mark",
                             "consent-trace"}
    assert programs["consent-app"].kwargs["console"] is False
    assert programs["consent-app-cli"].kwargs["console"] is True
    icon = Path(programs["consent-app"].kwargs["icon"])
    assert icon.suffix == ".ico"
    assert icon.is_file()
    version_file = Path(programs["consent-app"].kwargs["version"]).read_text()
    tree = ast.parse(version_file)  # PyInstaller evaluates it as a Python expression
    strings = {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct"
    }
    assert strings["FileVersion"] == strings["ProductVersion"] == VERSION
    numbers = tuple(int(n) for n in VERSION.split("."))
    assert f"filevers=({', '.join(map(str, numbers))}, 0)" in version_file


def test_icons_hold_every_size() -> None:
    with Image.open(PACKAGING / "icons" / "consent-app.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(PACKAGING / "icons" / "consent-app.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]  # 1024 px for Retina
        assert (16, 16, 2) in icns.info["sizes"] or (16, 16, 1) in icns.info["sizes"]


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", True),  # the FFmpeg media plugin links QtQuick
        ("PySide6/Qt/lib/libQt6Multimedia.so.6", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("pocketsphinx/model/en-us/en-us/mdef", True),
        ("pocketsphinx/model/en-us/cmudict-en-us.dict", True),
        ("face_recognition_models/models/shape_predictor_68_face_landmarks.dat", True),
        ("resources/models/voice_encoder_resemblyzer_ge2e.onnx", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("pocketsphinx/model/en-us/en-us.lm.bin", False),
        ("cv2/qt/plugins/platforms/libqxcb.so", False),
        ("resources/i18n/consent_app_zh_CN.qm", True),
        ("resources/i18n/consent_app_zh_CN.ts", False),
        ("resources/i18n/update_translations.py", False),
    ],
)
def test_trimming_keeps_what_the_app_uses(monkeypatch: pytest.MonkeyPatch, path: str, kept: bool) -> None:
    ns = run_spec(monkeypatch, "linux")
    assert ns["_keep"](path) is kept


def test_trimming_keeps_qt_translations_of_every_app_language(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, "linux")
    for catalogue in (REPO / "resources" / "i18n").glob("consent_app_*.qm"):
        code = catalogue.stem.removeprefix("consent_app_")
        assert ns["_keep"](f"PySide6/Qt/translations/qtbase_{code}.qm"), code


def test_verifier_distribution_version_matches_the_app() -> None:
    dist = tomllib.loads((PACKAGING / "verifier" / "pyproject.toml").read_text())
    assert dist["project"]["version"] == VERSION
    assert dist["project"]["scripts"]["consent-verify"] == "consent_app.verify.cli:console"


def test_each_program_gets_its_own_entry_script(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, "linux")
    entries = {"entry", "verify_entry", "mark_entry", "trace_entry"}
    for name, step in exes(ns).items():
        scripts = {s[0] for s in step.args[1]}
        assert len(scripts & entries) == 1, (name, scripts)
        assert ("pyi_rth_pyside6" in scripts) == (name == "consent-app"), name
