"""What the app loads on the task helper after its first paint, so that no click imports it.

Importing a module runs Python on the GUI thread: the capture wizard and its steps, the kiosk, the
session core, the receipt's PDF library and QtMultimedia cost 0.3–0.6 s of imports the first time a
session is started, the voice step shown, the kiosk opened or a receipt saved; the receipt's fonts
take ~0.5 s to parse. Loaded here in the background, those clicks find them ready. (Importing defines
classes only: no widget is made here.)
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

#: Imported in this order; each one's own imports come along.
SESSION_MODULES = (
    # first: the unlock screen paints without it, and opening the store (the unlock, on the task
    # helper) and everything after it need it
    "consent_app.store",
    "consent_app.session.flow",
    "consent_app.session.biometrics",
    "consent_app.ui.capture.offload",
    "concurrent.futures.process",
    "consent_app.ui.capture.wizard",
    "consent_app.ui.capture.camera",
    "consent_app.ui.capture.kiosk",
    "consent_app.ui.terms_view",
    "consent_app.ui.audio_input",
    "consent_app.biometrics.voice.speech_count",
    "consent_app.ui.consent_dialogs",
    "consent_app.ui.receipts",
    "consent_app.biometrics.images",
    "consent_app.biometrics.face.capture",
    "consent_app.biometrics.face.liveness_identity",
    "consent_app.biometrics.face.records",
    "consent_app.identity.document_store",
    "consent_app.consent.signature",
    "consent_app.consent.receipt",
    "consent_app.tokens.issue",
    "consent_app.tokens.statuslists",
    # imported inside the functions that use them, on the task helper, where compiling or loading
    # them holds the GIL for long stretches (the GUI thread waits)
    "PIL.JpegImagePlugin",
    "PIL.PngImagePlugin",
    "reportlab.platypus",
    "reportlab.graphics.barcode.qr",
    "reportlab.graphics.renderPDF",
    "encodings.shift_jis",  # the CID font's codec
    "reportlab.pdfbase.ttfonts",
    "reportlab.pdfbase.cidfonts",
    # the camera thread's frame source and the frames' JPEG encoding: once the face detection moved
    # to the helper process nothing else imported OpenCV here first, and the camera thread's import
    # (~50 ms holding the GIL) froze the GUI when the ID-document step started the camera
    "cv2",
)


def preload_modules() -> None:
    for name in SESSION_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # the same import fails loudly where it is used
            log.debug("preloading %s failed: %s", name, exc)
    try:
        from consent_app.consent.receipt import load_fonts

        load_fonts()
    except Exception as exc:  # a missing font is reported when a receipt is written
        log.debug("loading the receipt fonts failed: %s", exc)


def preload_models() -> list[str]:
    """Import face_recognition and load the voice model."""
    loaded = []
    try:
        import face_recognition  # noqa: F401

        from consent_app.ui.capture.threads import warm_up

        warm_up()
        loaded.append("face")
    except Exception:  # noqa: S110 - reported when a capture needs it
        pass
    try:
        from consent_app.biometrics.voice import embedding

        embedding.session()
        loaded.append("voice")
    except Exception:  # noqa: S110 - reported when a capture needs it
        pass
    return loaded


def warm_gui() -> None:
    """On the GUI thread, once ``preload`` is done: the first query of the audio inputs starts
    QtMultimedia's backend (a connection to the sound server, 30–50 ms), which would otherwise hold
    the GUI thread when the voice step or Settings › Devices first lists the microphones; and a
    preview painted once off screen (see ``preview.warm_up_painting``)."""
    try:
        from consent_app.ui.audio_input import input_devices

        input_devices()
    except Exception as exc:  # no audio backend: the voice step says so when it lists the devices
        log.debug("listing the audio inputs failed: %s", exc)
    try:
        from consent_app.ui.capture.preview import warm_up_painting

        warm_up_painting()
    except Exception as exc:  # the preview paints anyway, only slower the first time
        log.debug("warming the preview's painting failed: %s", exc)


def preload() -> list[str]:
    """The session's modules, then the models (run on the task helper after the first paint); returns
    the models loaded.

    Then everything loaded so far is moved out of the cycle collector's sight (``gc.freeze``): with
    Qt, dlib, numpy and reportlab loaded, a full collection walked ~100,000 objects for 100–150 ms,
    holding the GIL in whichever thread set it off (e.g. the receipt's PDF) while the GUI thread
    waited. Modules and models live as long as the app, so freezing them loses nothing."""
    import gc

    preload_modules()
    loaded = preload_models()
    gc.freeze()
    return loaded
