"""``consent-verify --json`` says why with a stable ``reasonCode`` (the English ``reason`` is for people)."""

from __future__ import annotations

import ast
import base64
import json
import re
from pathlib import Path

from consent_app.verify.cli import main as verify_main

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "consent_app" / "verify").glob("*.py")),
           ROOT / "consent_app" / "marking" / "cli.py"]


def _reason_codes() -> dict[str, list[str]]:
    """Every ``VerifyError(...)`` / ``_fail(...)`` call in the verifier: its reason code (missing: None)."""
    found: dict[str, list[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name != "VerifyError" and not (name == "_fail" and path.parent.name == "verify"):
                continue  # (marking/cli.py's _fail prints a report; it raises nothing)
            kw = next((k.value for k in node.keywords if k.arg == "reason_code"), None)
            where = f"{path.name}:{node.lineno}"
            if isinstance(kw, ast.Constant):
                found.setdefault(kw.value, []).append(where)
            elif not (isinstance(kw, ast.Name) and kw.id == "reason_code"):  # the helpers pass theirs on
                found.setdefault("MISSING", []).append(where)
    return found


def test_every_refusal_of_the_verifier_has_a_reason_code_listed_in_the_readme():
    codes = _reason_codes()
    assert "MISSING" not in codes, f"VerifyError without reason_code at {codes.get('MISSING')}"
    assert all(re.fullmatch(r"[a-z]+\.[a-z0-9_]+", code) for code in codes)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("`reasonCode`"):readme.index("## Marking outputs")]
    listed = set(re.findall(r"`([a-z]+\.[a-z0-9_]+)`", section))
    assert set(codes) <= listed, f"not in README: {sorted(set(codes) - listed)}"
    assert "`valid`" in section


def test_json_reports_carry_the_reason_code(tmp_path, capsys):
    key = base64.urlsafe_b64encode(bytes(32)).rstrip(b"=").decode()
    keys = tmp_path / "studio.jwks"
    keys.write_text(json.dumps({"keys": [{"kty": "OKP", "crv": "Ed25519", "kid": "k1", "x": key}]}))
    token = tmp_path / "token.jwt"
    token.write_text("not.a.token\n")
    code = verify_main([str(token), "--keys", str(keys), "--operation", "face_swap", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (code, report["exitCode"], report["reasonCode"]) == (3, 3, "jws.header_not_json")
    token.write_text("only-one-part\n")
    verify_main([str(token), "--keys", str(keys), "--operation", "face_swap", "--json"])
    assert json.loads(capsys.readouterr().out)["reasonCode"] == "jws.not_compact"
