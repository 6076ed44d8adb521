"""`consent-app voice compare|threshold`."""

from __future__ import annotations

import json

import numpy as np
import pytest
from voicehelpers import wav_bytes

from consent_app import audit
from consent_app.cli import main


@pytest.fixture(scope="module")
def clips(voices_dir):
    speakers = voices_dir / "speakers"
    enrol = [str(speakers / "3080" / f"3080-5032-000{i}.flac") for i in range(3)]
    return {"enrol": enrol, "same": str(speakers / "3080" / "3080-5032-0006.flac"),
            "other": str(speakers / "1688" / "1688-142285-0000.flac")}


def test_same_speaker_exits_0_with_json(clips, capsys):
    code = main(["voice", "compare", "--enrol", *clips["enrol"], "--probe", clips["same"], "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["match"] is True
    assert out["similarity"] >= out["threshold"] == 0.845


def test_different_speaker_exits_1(clips, capsys):
    code = main(["voice", "compare", "--enrol", *clips["enrol"], "--probe", clips["other"]])
    assert code == 1
    assert "different speaker" in capsys.readouterr().out


def test_threshold_option(clips, capsys):
    code = main(["voice", "compare", "--enrol", *clips["enrol"], "--probe", clips["other"],
                 "--threshold", "0.5", "--json"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["threshold"] == 0.5


@pytest.mark.parametrize(
    ("probe", "reason"),
    [
        (b"not audio at all" * 10, "is not a readable audio file"),
        (wav_bytes(np.zeros(16_000 * 5)), "is silent"),
        (wav_bytes(np.random.default_rng(0).normal(0, 0.1, 16_000 * 5)), "too much background noise"),
    ],
)
def test_bad_probe_exits_2_with_reason(clips, tmp_path, capsys, probe, reason):
    path = tmp_path / "probe.wav"
    path.write_bytes(probe)  # generated test input, not a person's voice
    code = main(["voice", "compare", "--enrol", *clips["enrol"], "--probe", str(path)])
    assert code == 2
    assert reason in capsys.readouterr().err


def test_half_second_probe_exits_2(clips, tmp_path, capsys):
    import soundfile as sf

    samples, rate = sf.read(clips["same"])
    path = tmp_path / "short.wav"
    path.write_bytes(wav_bytes(samples[: rate // 2], rate))
    assert main(["voice", "compare", "--enrol", *clips["enrol"], "--probe", str(path)]) == 2
    assert "too little speech" in capsys.readouterr().err


def test_too_little_enrolment_speech_exits_2(clips, capsys):
    assert main(["voice", "compare", "--enrol", clips["enrol"][0], "--probe", clips["same"]]) == 2
    assert "too little speech to enrol" in capsys.readouterr().err


def test_threshold_is_admin_changeable_and_audited(store, cli_env, capsys):
    store.close()
    assert main(["voice", "threshold"]) == 0
    assert "voice.match_threshold = 0.845" in capsys.readouterr().out
    assert main(["voice", "threshold", "0.86"]) == 0
    assert main(["voice", "threshold", "1.5"]) == 2
    assert main(["voice", "threshold"]) == 0
    assert "= 0.86" in capsys.readouterr().out
    from argparse import Namespace

    from consent_app.cli.context import open_store

    with open_store(Namespace(data_dir=str(cli_env))) as reopened, reopened.read() as conn:
        changes = [e for e in audit.entries(conn) if e.action == "settings.change"
                   and e.details.get("key") == "voice.match_threshold"]
    assert [(c.actor, c.details["old"], c.details["new"]) for c in changes] == [("admin", None, 0.86)]
