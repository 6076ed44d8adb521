"""Slow work leaves the GUI thread: the identity card's photos, the session's imports."""

from __future__ import annotations

import hashlib
import threading
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.gui


def _sample(data: bytes):
    return SimpleNamespace(data=data, sha256=hashlib.sha256(data).hexdigest())


def _flow(doc_data: bytes | None, face_data: bytes | None, box=None):
    doc = SimpleNamespace(sample=_sample(doc_data), details={"box": box}) if doc_data else None
    face = SimpleNamespace(sample=_sample(face_data)) if face_data else None
    return SimpleNamespace(id_document=doc, face=face, identity=None, liveness=None, override=None)


def test_identity_card_decodes_its_photos_off_the_gui_thread(qtbot, faces_dir):
    from consent_app.ui.capture.identity_card import PHOTO_H, PHOTO_W, IdentityCard
    from consent_app.ui.common import run_task
    from consent_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    threads = []

    def run(fn, *args, done=None):
        def job(*a):
            threads.append(threading.current_thread())
            return fn(*a)

        return run_task(runner, job, *args, done=done)

    card = IdentityCard(run=run)
    qtbot.addWidget(card)
    obama, biden = (faces_dir / "obama.jpg").read_bytes(), (faces_dir / "biden.jpg").read_bytes()
    flow = _flow(obama, None, box={"left": 300, "top": 150, "right": 500, "bottom": 350})
    card.show_flow(flow)
    assert card.id_photo.pixmap().isNull(), "nothing decoded on the GUI thread"
    assert card.live_photo.text() == "not captured"
    qtbot.waitUntil(lambda: not card.id_photo.pixmap().isNull(), timeout=60000)
    assert threads
    assert all(t is not threading.main_thread() for t in threads)
    shown = card.id_photo.pixmap()
    assert shown.width() <= PHOTO_W
    assert shown.height() <= PHOTO_H

    # the live face arrives: decoded once, the ID photo comes from the cache (no second decode)
    flow = _flow(obama, biden, box={"left": 300, "top": 150, "right": 500, "bottom": 350})
    card.show_flow(flow)
    assert not card.id_photo.pixmap().isNull()
    qtbot.waitUntil(lambda: not card.live_photo.pixmap().isNull(), timeout=60000)
    assert len(threads) == 2

    # a photo replaced before its decoding ended: the late result does not overwrite the new one
    card.show_flow(_flow(obama, (faces_dir / "obama2.jpg").read_bytes()))  # captured again
    card.show_flow(_flow(obama, None))  # ... then dropped before it was drawn
    # both decodings delivered (a task is forgotten when its ``ended``, emitted after its result, arrives)
    qtbot.waitUntil(lambda: runner.active == 0, timeout=60000)
    assert card.live_photo.pixmap().isNull()
    assert card.live_photo.text() == "not captured"


def test_identity_card_alone_still_draws_its_photos(qtbot, faces_dir):
    from consent_app.ui.capture.identity_card import IdentityCard

    card = IdentityCard()
    qtbot.addWidget(card)
    card.show_flow(_flow((faces_dir / "obama.jpg").read_bytes(), None))
    assert not card.id_photo.pixmap().isNull()


def test_every_module_preloaded_after_the_first_paint_exists():
    import importlib.util

    from consent_app.ui.preload import SESSION_MODULES

    missing = [name for name in SESSION_MODULES if importlib.util.find_spec(name) is None]
    assert not missing, f"preload names modules that do not exist: {missing}"


def test_liveness_comparisons_are_encoded_in_the_helper_process_alike(faces_dir):
    """dlib's encoder holds the GIL for 70-180 ms: the challenge frames are encoded in the helper
    process, from the region around the face, to the same encoding as here on the whole frame."""
    import numpy as np

    from consent_app.biometrics.face.analysis import encode
    from consent_app.biometrics.face.detection import detect_faces
    from consent_app.biometrics.images import load_image
    from consent_app.session.biometrics import RealBiometrics
    from consent_app.ui.capture.offload import HelperProcess, OffloadedBiometrics, face_region

    rgb = load_image((faces_dir / "obama.jpg").read_bytes()).rgb
    box = detect_faces(rgb).faces[0]
    here = encode(rgb, box)
    region, inside = face_region(rgb, box)
    assert region.size < rgb.size
    assert np.allclose(encode(region, inside), here, atol=1e-6)
    helper = HelperProcess(0.5, 0.845)
    try:
        services = OffloadedBiometrics(None, helper)
        assert services.local.face_encoder == helper.encode_face
        assert np.allclose(services.local.face_encoder(rgb, box), here, atol=1e-6)
        assert helper.pids(), "encoded in the helper process"
        guard = services.local.identity_guard(_face_capture(here))
        assert guard._encode == helper.encode_face
    finally:
        helper.close()
    assert RealBiometrics().face_encoder is None  # the core alone encodes in its own process


def _face_capture(encoding):
    from consent_app.biometrics.face import records

    template = SimpleNamespace(vector=records.to_bytes(encoding), model="dlib")
    return SimpleNamespace(template=template)


def test_preload_runs_off_the_gui_thread_and_leaves_the_receipt_fonts_ready():
    import sys

    from reportlab.pdfbase import pdfmetrics

    from consent_app.consent import receipt
    from consent_app.ui.preload import SESSION_MODULES, preload_modules

    worker = threading.Thread(target=preload_modules)
    worker.start()
    worker.join(120)
    assert not worker.is_alive()
    assert all(name in sys.modules for name in SESSION_MODULES)
    assert {receipt.CJK_FONT, receipt.LATIN_FONT} <= set(pdfmetrics.getRegisteredFontNames())


def test_warm_gui_starts_the_audio_backend_and_never_fails(qtbot):
    """The first listing of the microphones (QtMultimedia's backend starting) happens at start, not when
    the voice step is shown; with no sound server it still returns."""
    from consent_app.ui.audio_input import input_devices
    from consent_app.ui.preload import warm_gui

    warm_gui()
    assert isinstance(input_devices(), list)


def test_the_app_lets_the_gui_thread_get_the_gil_back_within_a_millisecond():
    import sys

    from consent_app.ui.tasks import GIL_SWITCH_INTERVAL, favour_gui_thread

    before = sys.getswitchinterval()
    try:
        favour_gui_thread()
        assert sys.getswitchinterval() == GIL_SWITCH_INTERVAL <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_the_helper_process_started_at_sign_in_is_the_one_the_session_uses(qtbot, store):
    """Its fork/exec and dlib's models come before the first capture session, not during it."""
    from consent_app.ui.capture.offload import OffloadedBiometrics
    from consent_app.ui.context import AppContext

    ctx = AppContext(store.data_dir)
    ctx.set_store(store)
    ctx.start_helper()
    ctx.start_helper()  # once: one job on the task helper (a task counts until its end is delivered)
    assert ctx.runner.active == 1
    # the helper is kept by the job's done callback; the task ends (``ended``) after it, maybe later
    qtbot.waitUntil(lambda: ctx.helper is not None and ctx.runner.active == 0, timeout=60000)
    helper = ctx.helper
    try:
        services = OffloadedBiometrics(store, ctx.helper)
        assert services.helper is helper  # the store's thresholds: reused, not a second process
        qtbot.waitUntil(lambda: bool(helper.pids()), timeout=60000)
    finally:
        helper.close()
        ctx.helper = None


def test_wizard_pages_are_made_when_needed_or_just_before(qtbot, make_shell, store):
    """A session's start makes only its first page; the next one is made while the staff work on the
    current one, so moving on finds it ready."""
    from uihelpers import sign_in

    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    shell.start_capture()
    wizard = shell.page("capture")
    assert wizard.current_key() == "subject_details"
    assert set(wizard.pages) == {"subject_details"}
    qtbot.waitUntil(lambda: "id_document" in wizard.pages, timeout=60000)
    assert "complete" not in wizard.pages
    assert wizard.current_key() == "subject_details"  # made, not shown
    assert wizard.receipt_step is wizard.pages["complete"]  # asked for: made at once
    wizard.cancel_session(wait=True)


def test_the_wizard_is_made_while_the_console_is_shown(qtbot, make_shell, store):
    """Once the session's modules are loaded, the console makes the wizard and its first step in the
    background of the staff's reading: "New capture session" finds them made and only shows them."""
    from uihelpers import sign_in

    import consent_app.ui.capture.wizard  # noqa: F401 - loaded by preload() in the app

    shell = make_shell(store.data_dir, store)
    sign_in(qtbot, shell)
    qtbot.waitUntil(lambda: "capture" in shell._pages, timeout=60000)
    wizard = shell._pages["capture"]
    first = wizard.pages["subject_details"]
    assert shell.current_name == "main"  # made, not shown
    shell.page("main").new_session.click()
    assert shell.current_name == "capture"
    assert shell.page("capture") is wizard
    assert wizard.current_key() == "subject_details"
    assert wizard.subject_step is first
    wizard.cancel_session(wait=True)


def test_preload_leaves_what_it_loaded_out_of_the_cycle_collector(monkeypatch):
    import gc

    from consent_app.ui import preload

    monkeypatch.setattr(preload, "preload_models", lambda: ["face"])
    gc.unfreeze()
    try:
        assert preload.preload() == ["face"]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
