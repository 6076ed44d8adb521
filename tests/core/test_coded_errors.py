"""Every error the core raises for people carries a message code (so the UI can word it in 简体中文).

A ``ConsentAppError`` raised with an English sentence and no ``code=`` shows in English in the Chinese UI.
This test lists such raises in the core (not the UI, not the standalone verifier, whose ``--json`` carries
its own stable ``exitCode``/``reasonCode``); a raise whose code is defined in another module must find its
template once its own module is imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "consent_app"
PLAIN = {"ValueError", "TypeError", "RuntimeError", "FileNotFoundError", "AttributeError", "KeyError",
         "OSError", "NotImplementedError", "AssertionError", "SystemExit"}
# Errors with a code system of their own, worded by the UI from that code (``ui/words.signature_problem``:
# SignatureError's problem code; VoiceQualityError carries its coded message as an argument; VerifyError
# is the standalone verifier's, coded by ``reason_code``).
OWN_CODES = {"SignatureError", "VoiceQualityError", "VerifyError"}


def _uncoded_raises() -> list[str]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("consent_app/ui/", "consent_app/verify/")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            call = node.exc
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            if not name.endswith("Error") or name in PLAIN or name in OWN_CODES:
                continue
            if {k.arg for k in call.keywords} & {"code", "coded"} or not call.args:
                continue
            found.append(f"{rel}:{node.lineno}: {ast.unparse(call)[:120]}")
    return found


def test_core_errors_for_people_carry_a_code():
    assert _uncoded_raises() == [], "raise these with code=... (consent_app/messages.py explains how)"


def test_the_codes_converted_for_the_ui_have_templates_when_their_module_alone_is_loaded():
    """Each module that raises a code defined elsewhere imports what defines it (fresh interpreter)."""
    script = """
import importlib, sys
from consent_app import messages
for module, codes in [
    ("consent_app.tokens.files", ["file.no_folder", "file.folder_unwritable", "file.unwritable",
                                  "token.files_revoked"]),
    ("consent_app.consent.receipt", ["receipt.not_pdf", "receipt.no_folder", "file.unwritable"]),
    ("consent_app.biometrics.face.sources", ["camera.cannot_open", "camera.lost", "video.missing"]),
    ("consent_app.biometrics.face.liveness", ["liveness.no_blink", "liveness.face_still"]),
    ("consent_app.store", ["store.missing", "db.wrong_key", "store.in_use", "key.no_keyring"]),
    ("consent_app.store.restore", ["restore.no_file", "restore.chain_broken"]),
]:
    importlib.import_module(module)
    missing = [c for c in codes if messages.template(c) is None]
    if missing:
        sys.exit(f"{module}: {missing}")
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
