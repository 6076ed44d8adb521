"""consent-trace exit 12: a token revoked after marking, a tool revoked after marking."""

from __future__ import annotations

import json

from markhelpers import jpeg_bytes

from consent_app.cli import main as app_main
from consent_app.marking.cli import mark_main, trace_main


def test_revoked_tool_and_revoked_token_give_12(farm_env, tmp_path, capsys) -> None:
    farm = farm_env
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes(seed=11))
    out = tmp_path / "marked.jpg"
    assert mark_main(farm.mark_args(src, out)) == 0
    keys = ["--keys", str(farm.keys), "--status", str(farm.status)]
    assert trace_main([str(out), *keys]) == 0
    # the studio revokes the token; the next status list tells the tracer
    token_id = json.loads((farm.root / "token.summary.json").read_text())["tokenId"]
    assert app_main(["token", "revoke", token_id, "--reason", "leaked"]) == 0
    farm.export()
    capsys.readouterr()
    assert trace_main([str(out), *keys, "--json"]) == 12
    report = json.loads(capsys.readouterr().out)
    assert report["token"]["state"] == "revoked"
    assert report["verdict"]["code"] == "trace.token_revoked"
    # and the tool: revoked after marking, it shows in the exported CRL
    assert app_main(["tools", "revoke", "swapper", "--reason", "compromised"]) == 0
    farm.export()
    capsys.readouterr()
    assert trace_main([str(out), "--keys", str(farm.keys), "--json"]) == 12
    report = json.loads(capsys.readouterr().out)
    assert report["tool"]["revoked"] is True
    codes = [f["code"] for f in report["findings"]]
    assert "trace.tool_revoked" in codes
