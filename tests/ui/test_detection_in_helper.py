"""dlib's face detector and shape predictor keep Python's GIL for their whole run (10–60 ms a frame):
during a capture session the preview's analyses and the liveness challenge's frames are analysed in
the biometrics helper process, alike, and never in the app process."""

from __future__ import annotations

import os
import threading
import time

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.timeout(300)]

LONG = 60000


def _frames(faces_dir):
    import numpy as np

    from consent_app.biometrics.images import load_image

    one = load_image((faces_dir / "obama.jpg").read_bytes()).rgb
    other = load_image((faces_dir / "biden.jpg").read_bytes()).rgb
    h = min(one.shape[0], other.shape[0])
    two = np.ascontiguousarray(np.hstack([one[:h], other[:h]]))  # two people in view
    empty = np.full((360, 640, 3), 90, dtype=np.uint8)  # nobody
    return {"one face": one, "two faces": two, "no face": empty, "a view of a frame": one[::2, ::2]}


def test_frames_are_analysed_in_the_helper_process_alike(faces_dir):
    """The same boxes, gates, landmarks as the face core here, from the helper's process."""
    from consent_app.biometrics.face.capture import liveness_frame
    from consent_app.biometrics.face.preview import analyse_frame
    from consent_app.biometrics.face.quality import QualityThresholds
    from consent_app.ui.capture.offload import HelperProcess

    helper = HelperProcess(0.5, 0.845)
    try:
        strict = QualityThresholds(min_face_px=400)
        for name, rgb in _frames(faces_dir).items():
            there, here = helper.analyse_preview(rgb), analyse_frame(rgb)
            assert there.boxes == here.boxes, name
            assert there.report == here.report, name
            assert there.landmarks == here.landmarks, name
            assert here.pid == os.getpid()
            assert there.pid in helper.pids(), name
            assert there.pid != os.getpid(), name
            gated = helper.analyse_preview(rgb, strict, False)
            assert gated.report == analyse_frame(rgb, strict, False).report, name
            assert gated.landmarks is None
            faces, local = helper.liveness_frame(rgb), liveness_frame(rgb)
            assert (faces.faces, faces.landmarks) == (local.faces, local.landmarks), name
            assert faces.pid == there.pid
        assert len(helper.analyse_preview(_frames(faces_dir)["two faces"]).boxes) == 2
        # an error crosses the pipe, which keeps working
        with pytest.raises(RuntimeError, match="in the biometrics helper"):
            helper.liveness_frame(_frames(faces_dir)["one face"][:, :, 0].reshape(-1))
        assert helper.liveness_frame(_frames(faces_dir)["one face"]).landmarks is not None
    finally:
        helper.close()
    assert helper.pids() == []


def test_a_helper_that_died_is_an_error_at_once_not_a_frozen_preview(faces_dir):
    from consent_app.ui.capture.offload import HelperProcess

    rgb = _frames(faces_dir)["one face"]
    helper = HelperProcess(0.5, 0.845)
    try:
        assert helper.analyse_preview(rgb).boxes
        for pid in helper.pids():
            os.kill(pid, 9)
        started = time.monotonic()
        with pytest.raises(RuntimeError, match="stopped answering"):
            helper.analyse_preview(rgb)
        with pytest.raises(RuntimeError, match="closed"):  # and stays an error
            helper.liveness_frame(rgb)
        assert time.monotonic() - started < 30
    finally:
        helper.close()


def test_the_preview_waits_while_the_helper_runs_a_one_off_call(faces_dir):
    """The preview's ten analyses a second would share the helper's GIL with the ID document's
    reading the staff wait for: they wait until it is done."""
    from consent_app.ui.capture.offload import HelperProcess

    rgb = _frames(faces_dir)["one face"]
    photo = (faces_dir / "obama.jpg").read_bytes()
    helper = HelperProcess(0.5, 0.845)
    try:
        helper.analyse_preview(rgb)  # the helper started and warm
        order: list[str] = []

        def read() -> None:
            try:
                helper.call("read_id_document", photo, "image/jpeg")
            finally:
                order.append("id document")

        reader = threading.Thread(target=read)
        reader.start()
        while helper._calls == 0 and not order:
            time.sleep(0.001)
        helper.analyse_preview(rgb)
        order.append("preview")
        reader.join(120)
        assert order == ["id document", "preview"]
    finally:
        helper.close()


@pytest.fixture
def live_face_session(qtbot, make_shell, demo_store, faces_dir):
    from uihelpers import sign_in

    from consent_app.ui.context import DeviceChoice

    devices = DeviceChoice(camera=None, camera_file=faces_dir / "obama2.jpg")
    shell = make_shell(demo_store.data_dir, demo_store, devices=devices)
    sign_in(qtbot, shell)
    shell.page("main").new_session.click()
    yield shell
    helper = shell.ctx.helper
    if helper is not None:
        helper.close()
        shell.ctx.helper = None


def test_no_dlib_call_in_the_app_process_during_a_capture_session(qtbot, live_face_session, faces_dir,
                                                                   monkeypatch):
    """Preview, capture and the liveness challenge with dlib watched in the app process: it is never
    called; the preview's results come from the helper's process, the challenge saw the face."""
    from uihelpers import to_live_face

    from consent_app.biometrics.face import analysis, detection

    calls: list[tuple[str, str]] = []
    detector, fr = detection._detector, analysis._fr

    def watched_detector():
        calls.append(("HOG detector", threading.current_thread().name))
        return detector()

    def watched_fr():
        calls.append(("face_recognition", threading.current_thread().name))
        return fr()

    monkeypatch.setattr(detection, "_detector", watched_detector)
    monkeypatch.setattr(analysis, "_fr", watched_fr)

    shell = live_face_session
    wizard = shell.page("capture")
    face = to_live_face(qtbot, wizard, faces_dir, timeout=LONG)
    # what the user sees: the face box drawn from a result of the helper's process
    qtbot.waitUntil(lambda: face.preview.result is not None and bool(face.preview.result.boxes), timeout=LONG)
    helper_pids = shell.ctx.helper.pids()
    assert face.preview.result.pid in helper_pids
    assert face.preview.result.pid != os.getpid()
    assert face.preview.result.landmarks is not None
    face.capture()
    qtbot.waitUntil(lambda: (wizard.flow.identity is not None or face.message.isVisible())
                    and not wizard.busy.pending, timeout=LONG)
    assert wizard.flow.identity is not None, face.message.text()
    face.start_challenge()
    # a still photo cannot pass: the challenge ends on its time limit, with the face seen on its frames
    qtbot.waitUntil(lambda: face.challenge_button.isEnabled()
                    and (wizard.flow.liveness is not None or face.message.isVisible()), timeout=LONG)
    liveness = wizard.flow.liveness
    assert liveness is not None, face.message.text()
    assert not liveness.passed
    assert liveness.details["frames_with_face"] > 0
    assert liveness.details["identity"]["compared_frames"] > 0
    assert calls == [], f"dlib ran in the app process: {calls[:5]}"
    wizard.cancel_session(wait=True)


def test_the_camera_thread_imports_nothing_the_preload_did_not(faces_dir):
    """An import holds the GIL (OpenCV's ~30-50 ms): with the face detection in the helper process,
    nothing else loaded OpenCV in the app first, and the camera thread's import froze the GUI when a
    step started the camera. After the preload, opening and reading the camera imports nothing."""
    import subprocess
    import sys

    clip = str(faces_dir / "short_hamilton_clip.mp4")
    code = (
        "import sys, types\n"
        "from consent_app.ui.preload import preload_modules\n"
        "preload_modules()\n"
        "from consent_app.ui.capture.camera import open_source\n"
        "before = set(sys.modules)\n"
        f"devices = types.SimpleNamespace(camera=None, camera_file={clip!r})\n"
        "source = open_source(devices, demo=True)\n"
        "frame = source.read()\n"
        "source.close()\n"
        "assert frame is not None\n"
        "print(' '.join(sorted(set(sys.modules) - before)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [], "imported on the camera thread"
