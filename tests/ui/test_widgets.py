"""Small widgets of the polish list: the wizard's stepper, the ID portrait display, the voice cue."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_stepper_keeps_every_step_in_place(qtbot):
    from consent_app.ui.stepper import Stepper

    stepper = Stepper()
    qtbot.addWidget(stepper)
    stepper.resize(960, stepper.sizeHint().height())
    stepper.set_steps(["Subject", "ID document", "Live face", "Voice", "Consent form", "Signature",
                       "Countersign", "Receipt"])
    stepper.set_current(0)
    first = stepper.centres()
    stepper.set_current(5)
    assert stepper.state(2) == "done"
    assert stepper.state(5) == "current"
    assert stepper.state(7) == "todo"
    assert stepper.sizeHint() == stepper.sizeHint()
    later = stepper.centres()
    stepper.set_steps(["A much longer first step name", *stepper.names[1:]])
    assert stepper.centres() == later
    assert first == later, "the steps moved when the current step changed"
    assert "6/8" in stepper.accessibleDescription()


def test_id_portrait_is_decoded_reduced_and_cropped(faces_dir):
    import numpy as np
    from PIL import Image

    from consent_app.biometrics.face.document import find_portrait
    from consent_app.biometrics.images import load_image
    from consent_app.identity import specimen
    from consent_app.ui.capture.step_id_document import PORTRAIT_SIZE, display_images

    face = np.asarray(Image.open(faces_dir / "obama.jpg").convert("RGB"))
    data = specimen.jpeg_bytes(specimen.render(None, fmt="TD1", px_per_mm=24, portrait=face), 90)
    full = load_image(data)
    reduced = load_image(data, enough_pixels=full.rgb.shape[0] * full.rgb.shape[1] // 4)
    assert reduced.reduced_by == 2
    assert reduced.rgb.shape[1] * 2 >= full.rgb.shape[1] - 1
    portrait = find_portrait(reduced.rgb)
    k = reduced.reduced_by
    box = {name: value * k for name, value in portrait.box_on_document.to_dict().items()}
    photo, crop = display_images(data, {"box": box}, (640, 400))
    assert photo.width() <= 640
    assert photo.height() <= 400
    assert crop is not None
    assert crop.width() <= PORTRAIT_SIZE[0]
    assert crop.height() <= PORTRAIT_SIZE[1]
    # the crop is the face: skin tones in its middle, not the card's beige or the desk
    centre = crop.pixelColor(crop.width() // 2, crop.height() // 2)
    assert centre.red() > centre.blue()


def test_voice_step_cue_says_when_there_is_enough_speech(qtbot):
    from consent_app.biometrics.voice.quality import MIN_SPEECH_ENROL
    from consent_app.ui.capture.step_voice import VoiceStep

    class Wizard:
        flow = None

    step = VoiceStep(Wizard())
    qtbot.addWidget(step)
    step.recording = "sample"
    step.speech_seconds = MIN_SPEECH_ENROL / 2
    step._show_enough()
    assert "of 8 s" in step.enough.text()
    step.speech_seconds = MIN_SPEECH_ENROL
    step._show_enough()
    assert "Enough speech" in step.enough.text()
    # the record buttons keep their natural width (they were stretched across the window)
    step.resize(1400, 900)
    step.show()
    assert step.sample_button.width() < 600


def test_message_bar_keeps_its_slot_whatever_it_shows(qtbot):
    """Showing, wrapping or clearing a message moves nothing: the slot is two lines high, always."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

    from consent_app.ui.common import MessageBar

    page = QWidget()
    qtbot.addWidget(page)
    bar = MessageBar(page)
    button = QPushButton("Next", page)
    layout = QVBoxLayout(page)
    layout.addWidget(bar)
    layout.addWidget(button)
    layout.addStretch(1)
    page.resize(260, 300)
    page.show()
    qtbot.waitExposed(page, timeout=60000)
    slot, y = bar.height(), button.y()
    assert slot >= 2 * bar.fontMetrics().lineSpacing()
    bar.error("a long message that wraps over more than two lines in this narrow page, and then some "
              "more words so that it surely would need four lines or more")
    qtbot.wait(20)
    assert bar.isVisible()
    assert (bar.height(), button.y()) == (slot, y)
    bar.clear_message()
    qtbot.wait(20)
    assert (bar.height(), button.y()) == (slot, y)


def test_busy_overlay_covers_its_parent_while_it_shows(qtbot):
    """It follows its parent's size while shown (filtering the parent's events only then)."""
    from PySide6.QtWidgets import QWidget

    from consent_app.ui.common import BusyOverlay

    page = QWidget()
    qtbot.addWidget(page)
    page.resize(400, 300)
    page.show()
    overlay = BusyOverlay(page)
    overlay.start("Working…")
    qtbot.waitUntil(overlay.isVisible, timeout=60000)
    assert overlay.geometry() == page.rect()
    assert overlay.label.text() == "Working…"
    page.resize(520, 360)
    qtbot.waitUntil(lambda: overlay.geometry() == page.rect(), timeout=60000)
    overlay.stop()
    assert not overlay.isVisible()
    page.resize(300, 200)
    qtbot.wait(20)
    assert overlay.geometry().size().width() == 520  # hidden: no longer follows (nothing to cover)
    overlay.start("Again…")
    qtbot.waitUntil(overlay.isVisible, timeout=60000)
    assert overlay.geometry() == page.rect()
    overlay.stop()


def test_the_preview_is_painted_once_off_screen_when_the_app_warms_up(qtbot, monkeypatch):
    """PySide builds the enum types of the preview's painter calls on the first paint (~13 ms): the
    app's warm-up paints one preview off screen, with a frame, a face box and a message band."""
    from consent_app.ui import preload
    from consent_app.ui.capture import preview

    painted = []
    paint = preview.PreviewWidget.paintEvent

    def counted(self, event):
        paint(self, event)
        painted.append((self._image is not None, len(self.result.boxes), bool(self.prompt)))

    monkeypatch.setattr(preview.PreviewWidget, "paintEvent", counted)
    preview.warm_up_painting()
    assert painted == [(True, 1, True)]
    calls = []
    monkeypatch.setattr(preview, "warm_up_painting", lambda: calls.append("warm"))
    preload.warm_gui()
    assert calls == ["warm"]
