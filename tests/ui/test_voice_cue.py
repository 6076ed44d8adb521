"""The voice step's "enough speech" cue counts speech with the quality gate's own detector on the audio
recorded so far: loud noise never reaches "enough"; a real LibriSpeech clip does, and the cue's count
is the gate's."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.gui

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "voice"))


class _Flow:
    statement_prompt = None
    voice = statement = None

    def __init__(self) -> None:
        self.recorded: list[bytes] = []

    def capture_voice(self, data, mime, source):
        self.recorded.append(data)


class _Wizard:
    """What the voice step asks of the wizard: the flow, its context, a way to run a flow call."""

    def __init__(self) -> None:
        self.flow = _Flow()
        self.feed = None
        self.ctx = SimpleNamespace(demo=True, devices=SimpleNamespace(voice_files=[], microphone_id=None))
        self.busy = SimpleNamespace(pending=False)

    def call(self, fn, *args, done=None, **_kw):
        result = fn(*args)  # the recording's check, here at once (the wizard runs it on its task helper)
        if done is not None:
            done(result)


def _record(qtbot, data: bytes):
    """Record ``data`` (a WAV/FLAC) as the voice sample, ten times faster than real time; returns the
    step, every cue it showed and the recording the flow received."""
    from consent_app.biometrics.voice.capture import FileSource
    from consent_app.ui.capture.step_voice import VoiceStep

    wizard = _Wizard()
    step = VoiceStep(wizard)
    qtbot.addWidget(step)
    step._make_source = lambda: FileSource(data, chunk_seconds=0.5)
    cues: list[str] = []
    show = step._show_enough

    def watched() -> None:
        show()
        cues.append(step.enough.text())

    step._show_enough = watched
    step.toggle("sample")
    assert step.recording == "sample"
    qtbot.waitUntil(lambda: not step.recording and bool(wizard.flow.recorded), timeout=60000)
    return step, cues, wizard.flow.recorded[0]


@pytest.mark.parametrize("dbfs", [-35.0, -22.0])
def test_loud_noise_never_reaches_enough(qtbot, dbfs):
    from test_speech_count import noise_wav

    from consent_app.biometrics.voice.capture import level

    data = noise_wav(dbfs)
    assert level(data[44:]).rms_dbfs > -42.0  # what the old level cue counted as speech, all 12 s of it
    _step, cues, _recorded = _record(qtbot, data)
    assert len(cues) > 5
    assert not [c for c in cues if "Enough" in c]


def test_a_real_clip_reaches_enough_and_agrees_with_the_gate(qtbot, voices_dir):
    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import quality

    clips = sorted((voices_dir / "speakers").glob("*/*.flac"), key=lambda p: p.stat().st_size)
    if not clips:
        pytest.skip(f"no LibriSpeech clips in {voices_dir / 'speakers'}")
    step, cues, recorded = _record(qtbot, clips[-1].read_bytes())  # the longest: over 8 s of speech
    assert any(c.startswith("✓ Enough speech") for c in cues), cues[-3:]
    gate = quality.assess(audio.load(recorded))
    assert gate.speech_seconds >= quality.MIN_SPEECH_ENROL
    assert abs(step.speech_seconds - gate.speech_seconds) <= 0.03 + 1e-9  # within one detector window
    # before the cue first said "enough", it counted less than the gate needs
    first = next(i for i, c in enumerate(cues) if "Enough" in c)
    assert all("of 8 s" in c for c in cues[1:first])
