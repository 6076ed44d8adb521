"""Tool identities (the studio CA) and what consent-mark refuses: each with a clear message, no file."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from markhelpers import jpeg_bytes, mp4_bytes, wav_bytes

from consent_app.cli import main as app_main
from consent_app.marking.cli import mark_main


def test_register_issues_a_c2pa_ready_certificate(farm) -> None:
    key = farm.tool_key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    chain = x509.load_pem_x509_certificates(farm.tool_cert.read_bytes())
    leaf, root = chain
    assert leaf.issuer == root.subject
    usage = leaf.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical
    assert usage.value.digital_signature
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    root.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes)
    assert (farm.root / "studio-ca.pem").read_bytes() == (
        farm.tool_cert.parent / "studio-ca.pem"
    ).read_bytes()


def test_the_studio_keeps_no_tool_key(farm_env) -> None:
    from cryptography.hazmat.primitives import serialization
    from storesupport import PASSPHRASE

    from consent_app.store import Store

    key = serialization.load_pem_private_key(farm_env.tool_key.read_bytes(), None)
    seed = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    with Store.open(farm_env.data_dir, PASSPHRASE) as store, store.read() as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    assert seed not in blob, table
        actions = [e.action for e in __import__("consent_app.audit").audit.entries(conn)]
    assert "tool.register" in actions
    assert "ca.create" in actions


def test_register_needs_an_admin(farm_env, tmp_path, monkeypatch, capsys) -> None:
    from storesupport import OPERATOR_PASSWORD

    monkeypatch.setenv("CONSENT_APP_USER", "op")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", OPERATOR_PASSWORD)
    assert app_main(["tools", "register", "other", "--out", str(tmp_path / "t")]) != 0
    assert not (tmp_path / "t" / "other.key.pem").exists()


def test_list_revoke_and_revoked_tool_refused(farm_env, tmp_path, capsys) -> None:
    farm = farm_env
    assert app_main(["tools", "register", "to-revoke", "--out", str(tmp_path / "t")]) == 0
    assert app_main(["tools", "register", "to-revoke", "--out", str(tmp_path / "t2")]) != 0  # name taken
    capsys.readouterr()
    assert app_main(["tools", "list", "--json"]) == 0
    names = [t["name"] for t in json.loads(capsys.readouterr().out)]
    assert {"swapper", "to-revoke"} <= set(names)
    assert app_main(["tools", "revoke", "to-revoke", "--reason", "laptop stolen"]) == 0
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    assert app_main(["keys", "export", str(bundle / "studio.jwks")]) == 0
    crl = x509.load_pem_x509_crl((bundle / "tool-revocations.crl.pem").read_bytes())
    root = x509.load_pem_x509_certificate((bundle / "studio-ca.pem").read_bytes())
    assert crl.is_signature_valid(root.public_key())
    cert = x509.load_pem_x509_certificates((tmp_path / "t" / "to-revoke.cert.pem").read_bytes())[0]
    assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
    # a revoked tool cannot mark: exit 9, nothing written
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    out = tmp_path / "out.jpg"
    args = [
        str(farm.token),
        "--keys",
        str(bundle / "studio.jwks"),
        "--status",
        str(farm.status),
        "--operation",
        "face_swap",
        "--tool-key",
        str(tmp_path / "t" / "to-revoke.key.pem"),
        "--tool-cert",
        str(tmp_path / "t" / "to-revoke.cert.pem"),
        "--in",
        str(src),
        "--out",
        str(out),
    ]
    capsys.readouterr()
    assert mark_main(args) == 9
    assert "revoked" in capsys.readouterr().err
    assert not out.exists()
    assert not Path(str(out) + ".usage.jwt").exists()


def _refused(farm, capsys, src: Path, out: Path, *extra: str, code: int = 2) -> str:
    capsys.readouterr()
    assert mark_main(farm.mark_args(src, out, *extra)) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err  # one line, no traceback
    assert not out.exists()
    assert not Path(str(out) + ".usage.jwt").exists()
    return err


def test_bad_inputs_are_refused_clearly(farm, tmp_path, capsys) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    assert "empty" in _refused(farm, capsys, empty, tmp_path / "o1.jpg")
    fake_png = tmp_path / "photo.png"
    fake_png.write_bytes(jpeg_bytes())
    assert "is a JPEG file" in _refused(farm, capsys, fake_png, tmp_path / "o2.png")
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(mp4_bytes()[:3000])
    cut = _refused(farm, capsys, truncated, tmp_path / "o3.mp4")
    assert "cut.mp4" in cut
    assert "truncated or damaged" in cut
    assert "Errno" not in cut  # FFmpeg's reason in words, not its error number
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert "supported" in _refused(farm, capsys, text, tmp_path / "o4.txt")
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    assert "must be a JPEG" in _refused(farm, capsys, src, tmp_path / "o5.png")


def test_video_and_mp3_without_pyav_are_refused_clearly(farm, tmp_path, monkeypatch, capsys) -> None:
    """The verifier's `mark` extra has no PyAV (its PyPI wheels are GPL): MP4 and MP3 say what to install."""
    clip = tmp_path / "gen.mp4"
    clip.write_bytes(mp4_bytes(seconds=1.0))
    monkeypatch.setitem(sys.modules, "av", None)  # `import av` raises ImportError, as when not installed
    err = _refused(farm, capsys, clip, tmp_path / "o.mp4", code=1)
    assert "marking MP4 needs PyAV" in err
    assert "[mark,video]" in err
    song = tmp_path / "gen.mp3"
    song.write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64)
    assert "marking MP3 needs PyAV" in _refused(farm, capsys, song, tmp_path / "o.mp3", code=1)
    wav = tmp_path / "gen.wav"  # formats that need no PyAV are marked as before
    wav.write_bytes(wav_bytes())
    capsys.readouterr()
    assert mark_main(farm.mark_args(wav, tmp_path / "o.wav")) == 0
    assert (tmp_path / "o.wav").exists()


def test_over_the_size_limit(farm, tmp_path, monkeypatch, capsys) -> None:
    from consent_app.marking import formats

    monkeypatch.setitem(formats.MAX_BYTES, "image", 1000)
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    assert "limit" in _refused(farm, capsys, src, tmp_path / "o.jpg")


def test_tool_key_not_matching_its_certificate(farm_env, tmp_path, capsys) -> None:
    farm = farm_env
    assert app_main(["tools", "register", "other-tool", "--out", str(tmp_path / "t")]) == 0
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    out = tmp_path / "o.jpg"
    args = farm.mark_args(src, out)
    args[args.index("--tool-key") + 1] = str(tmp_path / "t" / "other-tool.key.pem")
    capsys.readouterr()
    assert mark_main(args) == 2
    assert "does not match" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(("operation", "code"), [("face_generation", 5), ("nonsense", 2)])
def test_token_checked_first(farm, tmp_path, capsys, operation, code) -> None:
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    out = tmp_path / "o.jpg"
    capsys.readouterr()
    assert mark_main(farm.mark_args(src, out, operation=operation)) == code
    assert not out.exists()


def test_no_status_list_fails_closed(farm, tmp_path, capsys) -> None:
    src = tmp_path / "gen.jpg"
    src.write_bytes(jpeg_bytes())
    out = tmp_path / "o.jpg"
    args = farm.mark_args(src, out)
    i = args.index("--status")
    del args[i : i + 2]
    assert mark_main(args) == 7
    assert not out.exists()


def test_usage_import_refuses_unknown_tokens_and_foreign_tools(farm_env, tmp_path, capsys) -> None:
    import time
    import uuid

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from consent_app.marking import receipt
    from consent_app.marking.trust import ToolIdentity, TrustBundle, fingerprint
    from consent_app.verify.timeutil import format_time

    farm = farm_env
    bundle = TrustBundle.load(farm.root)
    tool = ToolIdentity.load(farm.tool_key, farm.tool_cert, bundle)
    payload = {
        "type": receipt.RECEIPT_TYPE,
        "produceId": str(uuid.uuid4()),
        "tokenId": f"urn:uuid:{uuid.uuid4()}",
        "consentId": farm.consent_id,
        "operation": "face_swap",
        "tokenSha256": "00" * 32,
        "output": {"sha256": "11" * 32, "phash": []},
        "sources": [],
        "tool": {
            "name": tool.name,
            "serial": str(tool.cert.serial_number),
            "fingerprint": fingerprint(tool.cert),
        },
        "madeAt": format_time(time.time()),
    }
    unknown = tmp_path / "unknown.jwt"
    unknown.write_text(receipt.sign(payload, tool))
    # the same receipt signed by a key whose certificate this studio never issued
    stranger = Ed25519PrivateKey.generate()
    forged = ToolIdentity(stranger, tool.chain, tool.key_pem, tool.chain_pem)
    foreign = tmp_path / "foreign.jwt"
    foreign.write_text(receipt.sign({**payload, "produceId": str(uuid.uuid4())}, forged))
    capsys.readouterr()
    assert app_main(["usage", "import", str(unknown), str(foreign), "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in results] == ["usage.unknown_token", "receipt.signature"]
    assert stranger.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def test_a_cut_short_file_without_marks_is_not_called_unmarked(tmp_path, capsys) -> None:
    """A download cut short may have lost the very box that held the marks: still 10, but it says so."""
    from consent_app.marking.cli import trace_main

    whole = tmp_path / "whole.mp4"
    whole.write_bytes(mp4_bytes())
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) * 2 // 3])
    capsys.readouterr()
    assert trace_main([str(whole)]) == 10
    assert "no marks" in capsys.readouterr().out
    assert trace_main([str(cut)]) == 10
    out = capsys.readouterr().out
    assert "cut short" in out
    assert "may have been in the missing part" in out
