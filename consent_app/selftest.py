"""``consent-app --self-test``: headless checks that every part of this installation works.

Each check drives the real component on generated input — an encrypted database, a signed token,
the face and voice models, the Qt platform and multimedia plugins, translations, resources — and
prints one line::

    OK    store         created, reopened, wrong passphrase refused, ... (1.31 s)
    FAIL  voice         InputError: no speech found in the recording

The last line is ``self-test: N of M checks passed``; the exit code is 0 only when all pass.
Everything the checks write (the database, Qt's runtime and cache folders) goes into one
temporary folder, removed at the end; no biometric data is involved (the inputs are synthetic).
"""

from __future__ import annotations

import contextlib
import io
import os
import platform
import secrets
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

PACKAGE_DIR = Path(__file__).resolve().parent
#: ``resources/`` beside the ``consent_app`` package, in a checkout and in the packaged bundle.
RESOURCES_DIR = PACKAGE_DIR.parent / "resources"
OK, FAIL = "OK", "FAIL"


class CheckFailed(Exception):
    """A check found something wrong (its message is the one-line reason)."""


def require(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class Context:
    """State shared by the checks of one run (the temporary folder, the open test store)."""

    tmp: Path
    store: Any = None
    passphrase: str = ""
    qt_app: Any = None  # the QApplication and its message handler, kept alive until the run ends
    qt_handler: Any = None
    qt_messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        return f"{OK if self.ok else FAIL:<5} {self.name:<13} {self.detail} ({self.seconds:.2f} s)"


# --- checks -------------------------------------------------------------------------------------


def check_environment(ctx: Context) -> str:
    """Where this app runs from; the GUI and the biometric libraries are not loaded up front."""
    frozen = getattr(sys, "frozen", False)
    where = f"bundle {Path(sys.executable).parent}" if frozen else f"python {sys.executable}"
    # (A bundle's Qt start-up hook imports PySide6.QtCore to locate Qt; the widgets stay unloaded.)
    heavy = [n for n in ("PySide6.QtWidgets", "dlib", "face_recognition", "onnxruntime") if n in sys.modules]
    require(not heavy, f"loaded before any feature used it: {', '.join(heavy)}")
    return f"{where}; Python {platform.python_version()} on {platform.system()} {platform.machine()}"


def check_resources(ctx: Context) -> str:
    """The files the app reads at run time are present and not empty."""
    import warnings

    from consent_app.biometrics.voice import embedding, features

    with warnings.catch_warnings():  # it imports the deprecated pkg_resources
        warnings.simplefilter("ignore")
        import face_recognition_models

    require(RESOURCES_DIR.is_dir(), f"resources folder missing: {RESOURCES_DIR}")
    needed = [
        features.MODELS_DIR / embedding.MODEL_FILE,
        features.MODELS_DIR / features.MEL_FILTERBANK,
        Path(face_recognition_models.face_recognition_model_location()),
        Path(face_recognition_models.pose_predictor_model_location()),
        Path(face_recognition_models.pose_predictor_five_point_model_location()),
        Path(face_recognition_models.cnn_face_detector_model_location()),
    ]
    missing = [str(p) for p in needed if not p.is_file() or p.stat().st_size == 0]
    require(not missing, f"missing or empty: {', '.join(missing)}")
    folders = {}
    for sub in ("models", "terms", "fonts", "i18n", "icons"):
        files = [p for p in (RESOURCES_DIR / sub).rglob("*") if p.is_file()]
        folders[sub] = len(files)
    empty = [sub for sub, count in folders.items() if count == 0]
    require(not empty, f"resources/{', resources/'.join(empty)} missing or empty")
    from consent_app.consent import categories, receipt, terms

    require(receipt.CJK_FONT_FILE.is_file(), f"the receipt font is missing: {receipt.CJK_FONT_FILE}")
    version = terms.current_version()
    for language in categories.LANGUAGES:
        require(terms.template(version, language).strip(), f"terms {version} ({language}) are empty")
    counts = ", ".join(f"{sub} {count}" for sub, count in folders.items())
    return f"{len(needed)} model files; terms {version} in {', '.join(categories.LANGUAGES)}; files: {counts}"


def check_store(ctx: Context) -> str:
    """Create an encrypted store, refuse a wrong passphrase (changing nothing), reopen it, check it."""
    from consent_app import audit, setup
    from consent_app.errors import WrongKeyError
    from consent_app.store import Store, meta, migrations
    from consent_app.store.keys import Argon2Params

    data_dir = ctx.tmp / "store"
    ctx.passphrase = secrets.token_urlsafe(24)
    # Lighter Argon2id than a studio's store: this database holds nothing and lives a second.
    cost = Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    store = setup.initialize(
        data_dir, studio_name="Self-test studio", admin_username="selftest",
        admin_password=secrets.token_urlsafe(18), passphrase=ctx.passphrase, demo=True, argon2=cost,
    )
    store.close()
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    db_bytes = (data_dir / "consent.db").read_bytes()
    require(b"SQLite format 3" not in db_bytes[:100], "the database file has a plaintext SQLite header")
    require(b"Self-test studio" not in db_bytes, "the studio name is readable in the database file")
    try:
        Store.open(data_dir, "not the passphrase").close()
    except WrongKeyError:
        pass
    else:
        raise CheckFailed("a wrong passphrase opened the store")
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    require(after == before, "refusing a wrong passphrase changed or created files")
    store = Store.open(data_dir, ctx.passphrase)
    ctx.store = store
    problems = store.integrity_problems() + store.cipher_setting_problems()
    require(not problems, "; ".join(problems))
    with store.read() as conn:
        studio = meta.studio(conn)
        chain = audit.verify_chain(conn)
        version = migrations.current_version(conn)
    require(studio.name == "Self-test studio" and studio.demo, "the reopened store lost its studio")
    require(chain.ok, chain.summary())
    require(version == migrations.latest_version(), f"schema version {version} after opening")
    return (f"created, wrong passphrase refused (files unchanged), reopened; integrity and cipher "
            f"settings OK; schema v{version}; {chain.count} audit entries chained")


def check_consent(ctx: Context) -> str:
    """A signed consent record and its Chinese receipt; a token issued from it, verified as a
    generation tool would; then withdrawal revokes the token."""
    from consent_app import audit, clock
    from consent_app.consent import form, receipt, records, terms
    from consent_app.consent.record import build_record
    from consent_app.store import meta
    from consent_app.tokens import export_jwks, export_status_lists, files, issue
    from consent_app.verify import KeySet, StatusLists, Verifier, codes

    require(ctx.store is not None, "needs the store check")
    store, actor = ctx.store, "selftest"
    consent_id, subject_id = str(uuid.uuid4()), str(uuid.uuid4())
    chosen = ("face_swap", "tts_voice_clone")
    details = form.default_details("Self-test", "Check that this installation works", days=30,
                                   withdrawal_contact="self-test (no real person)").checked()
    with store.transaction() as tx:
        studio = meta.studio(tx)
        tx.execute("INSERT INTO subjects (id, display_name, created_at, created_by) VALUES (?, ?, ?, ?)",
                   (subject_id, "Self-test subject", clock.iso(), actor))
        rendered = terms.render(details, chosen, "zh-CN", studio=studio.label, demo=studio.demo)
        body = build_record(
            consent_id=consent_id, studio={"id": f"urn:uuid:{studio.id}", "name": studio.label},
            subject={"id": f"urn:uuid:{subject_id}", "minor": False, "language": "zh-CN"},
            attester={"role": "subject", "verified": False}, session={"id": None},
            categories=list(chosen), details=details.as_dict(), notice=rendered.as_dict(), evidence={},
            collector={"staff": actor}, created_at=clock.iso(), demo=studio.demo,
        )
        records.insert(tx, consent_id=consent_id, subject_id=subject_id, session_id=None, body=body,
                       terms_text=rendered.text, terms_version=rendered.version, language="zh-CN",
                       actor=actor)
    with store.read() as conn:
        records.get_verified(conn, consent_id)  # raises unless the record's signature verifies
        pdf = receipt.consent_receipt(conn, consent_id, "zh-CN")
        grant = records.grant(conn, consent_id)
    require(pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-64:], "the receipt is not a complete PDF")

    def verifier() -> Verifier:
        with store.transaction() as tx:
            keys = KeySet.from_jwks(export_jwks(tx))
            lists = export_status_lists(tx, actor)
        return Verifier(keys, StatusLists.from_bytes("\n".join(lists).encode(), keys))

    with store.transaction() as tx:
        issued = issue(tx, grant, actor=actor)
    token = issued.token
    qr = files.qr_png(issued.payload["id"])
    require(qr.startswith(b"\x89PNG"), "the token's QR code is not a PNG")
    check = verifier()
    decision = check.decide(token, "face_swap")
    require(decision.code == codes.VALID, f"a fresh token was refused: {decision.reason}")
    require(decision.claims.consent_id == consent_id, "the verified token names another consent")
    later = (clock.now() + timedelta(days=31)).timestamp()
    expected = {
        "operation not consented": (check.decide(token, "voice_conversion").code, codes.NOT_COVERED),
        "changed signature": (check.decide(_flip_last(token), "face_swap").code, codes.MALFORMED),
        "expired": (check.decide(token, "face_swap", at=later).code, codes.OUTSIDE_VALIDITY),
    }
    with store.transaction() as tx:
        records.withdraw(tx, consent_id, categories=None, reason="self-test", staff=actor)
    expected["withdrawn (revoked)"] = (verifier().decide(token, "face_swap").code, codes.REVOKED)
    wrong = [f"{case} gave exit {got}, not {want}" for case, (got, want) in expected.items() if got != want]
    require(not wrong, "; ".join(wrong))
    with store.read() as conn:
        chain = audit.verify_chain(conn)
    require(chain.ok, chain.summary())
    return (f"signed consent record and zh-CN receipt ({len(pdf) // 1024} KiB PDF); EdDSA vc+jwt token "
            f"({len(token)} bytes, QR {len(qr)} bytes) verified; refused: {', '.join(expected)}; "
            f"audit chain of {chain.count} entries intact")


def _flip_last(token: str) -> str:
    head, _, last = token.rpartition(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    # Change a character in the middle of the signature (the last one may carry padding bits).
    i = len(last) // 2
    swapped = alphabet[(alphabet.index(last[i]) + 1) % len(alphabet)]
    return f"{head}.{last[:i]}{swapped}{last[i + 1:]}"


def synthetic_face_png(size: int = 150) -> bytes:
    """A drawn, face-like picture (no real person): skin oval, eyes, brows, nose, mouth."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (96, 120, 150))
    d = ImageDraw.Draw(img)
    s = size / 150
    d.ellipse([30 * s, 15 * s, 120 * s, 140 * s], fill=(224, 182, 150))
    for x in (52, 98):
        d.ellipse([(x - 10) * s, 55 * s, (x + 10) * s, 67 * s], fill=(250, 250, 250))
        d.ellipse([(x - 4) * s, 57 * s, (x + 4) * s, 65 * s], fill=(60, 40, 30))
        d.line([(x - 12) * s, 48 * s, (x + 12) * s, 46 * s], fill=(70, 50, 40), width=max(1, int(3 * s)))
    d.polygon([(75 * s, 66 * s), (68 * s, 92 * s), (82 * s, 92 * s)], fill=(200, 150, 120))
    d.chord([58 * s, 100 * s, 92 * s, 118 * s], 0, 180, fill=(170, 80, 80))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()


def check_face(ctx: Context) -> str:
    """Decode a generated image, run the HOG detector, the landmark models and the 128-d encoder."""
    import numpy as np

    from consent_app.biometrics import images
    from consent_app.biometrics.face import analysis, detection, matching

    loaded = images.load_image(synthetic_face_png(), name="self-test face")
    rgb = loaded.rgb
    require(rgb.shape == (150, 150, 3) and rgb.dtype == np.uint8, f"decoded image is {rgb.shape} {rgb.dtype}")
    found = detection.detect_faces(rgb)  # dlib HOG after an OpenCV resize; a drawing may hold no face
    box = detection.FaceBox(top=0, right=150, bottom=150, left=0)
    encoding = analysis.encode(rgb, box)
    require(encoding.shape == (analysis.ENCODING_DIM,), f"encoding has shape {encoding.shape}")
    require(bool(np.all(np.isfinite(encoding))) and float(np.linalg.norm(encoding)) > 0,
            "encoding is not a finite, non-zero vector")
    again = analysis.encode(rgb.copy(), box)
    require(matching.distance(encoding, again) < 1e-6, "the encoder is not deterministic")
    points = analysis.landmarks(rgb, box)
    chin = len(points.get("chin", ()))
    require(len(points) == 9 and chin == 17, f"the 68-point landmark model gave {len(points)} features")
    return (f"{analysis.MODEL_NAME}: {encoding.shape[0]}-d finite encoding "
            f"(norm {float(np.linalg.norm(encoding)):.3f}), 68 landmarks, "
            f"HOG detector ran ({len(found.faces)} face(s) in the drawing)")


HELPER_TIMEOUT = 120.0


def check_helper(ctx: Context) -> str:
    """The capture wizard's helper process (spawned; a bundle re-enters its own program for it)
    runs dlib's encoder on the drawn face and answers through the pipe."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    from consent_app.ui.capture import offload

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=offload._child_init, initargs=(0.5, 0.845))
    try:
        status, value = pool.submit(offload._child_call, "capture_face",
                                    (synthetic_face_png(300), "image/png")).result(timeout=HELPER_TIMEOUT)
    except FutureTimeout:
        raise CheckFailed(f"the helper process did not answer within {HELPER_TIMEOUT:.0f} s") from None
    finally:
        for child in multiprocessing.active_children():  # never leave a helper behind
            child.kill()
        pool.shutdown(wait=True, cancel_futures=True)
    if status == "ok":
        outcome = f"a {value.template.model} template of {len(value.template.vector)} bytes"
    else:
        outcome = f"{value[1]}: {value[2]}"  # a refusal (e.g. a quality gate) crossed the pipe intact
    return f"spawned helper process answered: {outcome}"


def synthetic_voice(seconds: float = 3.0, rate: int = 44_100) -> Any:
    """A voiced, speech-like signal: a gliding harmonic series, syllable-rate envelope, light noise."""
    import numpy as np

    rng = np.random.default_rng(7)
    t = np.arange(int(seconds * rate)) / rate
    f0 = 130 + 25 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    harmonics = sum((1.0 / k) * (1.0 if k in (3, 4, 5, 9, 10) else 0.6) * np.sin(k * phase)
                    for k in range(1, 25) if k * 160 < rate / 2)
    envelope = np.clip(np.sin(2 * np.pi * 3.0 * t), 0, None) ** 0.6
    wav = 0.3 * harmonics / np.max(np.abs(harmonics)) * envelope + 0.003 * rng.standard_normal(len(t))
    return wav.astype(np.float32)


def check_voice(ctx: Context) -> str:
    """Resample, FLAC round trip, VAD, the ONNX speaker encoder and the pocketsphinx recogniser."""
    import numpy as np

    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import asr, embedding, features

    clip = audio.from_float(synthetic_voice(), 44_100)  # soxr resampling to 16 kHz
    require(clip.sample_rate == 16_000 and abs(clip.duration - 3.0) < 0.01, f"resampled to {clip.duration} s")
    flac = audio.encode_flac(clip)  # libsndfile, in memory
    back = audio.load(flac, name="self-test clip")
    require(abs(back.duration - clip.duration) < 0.01, "FLAC round trip changed the clip length")
    speech = float(features.vad_flags(clip.samples).mean())
    require(speech > 0.3, f"webrtcvad found speech in only {speech:.0%} of the voiced signal")
    vector = embedding.embed_waveform(clip.samples, embedding.new_session())
    norm = float(np.linalg.norm(vector))
    require(vector.shape == (embedding.EMBEDDING_SIZE,), f"embedding has shape {vector.shape}")
    require(bool(np.all(np.isfinite(vector))) and abs(norm - 1.0) < 1e-4,
            f"embedding is not a finite unit vector (norm {norm})")
    heard = asr.recognise(back, "I agree to the terms")
    require(heard.available and heard.transcript is not None, f"recogniser unavailable: {heard.engine}")
    return (f"{embedding.MODEL_NAME}: {vector.shape[0]}-d unit embedding; soxr, FLAC, webrtcvad "
            f"({speech:.0%} speech) OK; {heard.engine} decoded ({len(heard.transcript.split())} words)")


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


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("environment", check_environment),
    ("resources", check_resources),
    ("store", check_store),
    ("consent", check_consent),
    ("face", check_face),
    ("voice", check_voice),
    ("helper", check_helper),
    ("qt", check_qt),
    ("multimedia", check_multimedia),
    ("translations", check_translations),
    ("ui", check_ui),
]


# --- running ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _sandboxed_env(tmp: Path) -> Iterator[None]:
    """Point the per-user folders libraries may write to (Qt, fontconfig) into ``tmp``."""
    names = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
    saved = {name: os.environ.get(name) for name in names}
    for name in names:
        folder = tmp / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_checks(out: TextIO, checks: list[tuple[str, Callable[[Context], str]]] | None = None) -> list[Result]:
    """Run ``checks`` (default: all) in a fresh temporary folder, printing one line per check."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="consent-app-selftest-") as name:
        tmp = Path(name)
        ctx = Context(tmp)
        with _sandboxed_env(tmp):
            try:
                for check_name, check in checks or CHECKS:
                    start = time.perf_counter()
                    try:
                        detail, ok = check(ctx), True
                    except CheckFailed as exc:
                        detail, ok = str(exc), False
                    except Exception as exc:
                        frame = traceback.extract_tb(exc.__traceback__)[-1]
                        where = f"{Path(frame.filename).name}:{frame.lineno}"
                        detail, ok = f"{type(exc).__name__}: {exc} [{where}]", False
                    result = Result(check_name, ok, " ".join(detail.split()), time.perf_counter() - start)
                    results.append(result)
                    print(result.line(), file=out, flush=True)
            finally:
                if ctx.store is not None:
                    ctx.store.close()
    return results


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check; 0 when all pass, 1 otherwise."""
    if out is None:
        out = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # never fail on a non-UTF-8 console
            out.reconfigure(errors="backslashreplace")
    results = run_checks(out)
    passed = sum(r.ok for r in results)
    print(f"self-test: {passed} of {len(results)} checks passed", file=out, flush=True)
    return 0 if passed == len(results) else 1
