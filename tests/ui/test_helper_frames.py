"""The helper's frame thread (ui/capture/helper_frames.serve) never dies with an error the app does not
see: a failed warm-up or an answer that cannot be sent comes back to the caller as that error, and the pipe
keeps working. (The thread is run here in this process over a real pipe; the helper's own process keeps
its end of the pipe open for its whole life, so a thread that died left the app waiting ANSWER_TIMEOUT for
an answer, then called the helper broken for good.)"""

from __future__ import annotations

import multiprocessing
import threading

import numpy as np
import pytest

from consent_app.biometrics.face import capture
from consent_app.errors import InputError
from consent_app.ui.capture import helper_frames

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def frames(monkeypatch):
    """A FrameChannel to a serve() thread; the thread's end stays open as long as the test holds it."""
    monkeypatch.setattr(helper_frames, "ANSWER_TIMEOUT", 10.0)
    mine, theirs = multiprocessing.get_context("spawn").Pipe(duplex=True)
    started = []

    def start() -> helper_frames.FrameChannel:
        thread = threading.Thread(target=helper_frames.serve, args=(theirs,), daemon=True)
        thread.start()
        started.append(thread)
        return helper_frames.FrameChannel(mine, lambda: None)

    yield start
    mine.close()
    for thread in started:
        thread.join(10)
    theirs.close()


def _faces(rgb):
    return capture.FrameFaces([], None, 0)


def test_a_failed_warm_up_is_the_first_frames_error_not_a_dead_pipe(frames, monkeypatch):
    calls = []

    def broken_once(rgb):
        calls.append(rgb.shape)
        if len(calls) <= 2:  # the warm-up, then the first frame: the face model is missing
            raise InputError("the face landmark model is missing", code="face.model_missing")
        return _faces(rgb)

    monkeypatch.setattr(capture, "liveness_frame", broken_once)
    channel = frames()
    rgb = np.zeros((8, 8, 3), dtype=np.uint8)
    with pytest.raises(InputError, match="model is missing") as raised:
        channel.liveness(rgb)
    assert raised.value.code == "face.model_missing"
    assert channel.liveness(rgb).faces == []  # the pipe still answers
    assert len(calls) == 3


def test_an_answer_that_cannot_be_sent_is_an_error_and_the_pipe_keeps_working(frames, monkeypatch):
    unsendable = []  # a function made here cannot be pickled

    def odd_answer(rgb):
        return capture.FrameFaces(unsendable[:1], None, 0)

    monkeypatch.setattr(capture, "liveness_frame", odd_answer)  # serve() looks it up once, at its start
    channel = frames()
    rgb = np.zeros((8, 8, 3), dtype=np.uint8)
    assert channel.liveness(rgb).faces == []  # warmed up and answering
    unsendable.append(lambda: None)
    with pytest.raises(RuntimeError, match="in the biometrics helper"):
        channel.liveness(rgb)
    unsendable.clear()
    assert channel.liveness(rgb).faces == []
