"""The voice core is Qt-free; the CLI module and the package load nothing heavy until used."""

from __future__ import annotations

import subprocess
import sys

CORE = ["audio", "voice.features", "voice.embedding", "voice.quality", "voice.verify", "voice.capture",
        "voice.statement", "voice.asr", "voice.evidence", "voice.records", "voice.calibration"]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {m.split(".")[0] for m in out.split()}


def test_voice_core_never_loads_qt():
    loaded = loaded_after("\n".join(f"import consent_app.biometrics.{m}" for m in CORE))
    assert "consent_app" in loaded
    assert "PySide6" not in loaded
    assert "onnxruntime" not in loaded  # the model loads on first embedding
    assert "pocketsphinx" not in loaded  # the recogniser loads on first statement check


def test_cli_and_package_load_no_numpy():
    loaded = loaded_after("import consent_app.biometrics.voice, consent_app.cli.commands.voice")
    assert not loaded & {"numpy", "PySide6", "onnxruntime", "soundfile", "pocketsphinx"}
