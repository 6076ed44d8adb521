"""The self-test's marking check: a tool certificate from the studio CA, a marked image, traced back."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from consent_app.selftest.base import Context, require


def _claims():
    from consent_app import clock
    from consent_app.tokens.credential import issuer_for, plan_token, token_payload
    from consent_app.tokens.grant import ConsentGrant
    from consent_app.verify.claims import Claims

    now = clock.now().replace(microsecond=0)
    grant = ConsentGrant(
        consent_id=str(uuid.uuid4()), subject_id=str(uuid.uuid4()), operations=("face_swap",),
        project="Self-test", purpose="Self-test", territory=("CN",), prohibited_uses=(),
        marking="AI-generated / 人工智能生成 (self-test)", valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(days=1), record_hash="sha256:" + "00" * 32, evidence={},
    )  # fmt: skip
    payload = token_payload(
        grant,
        plan_token(grant, now),
        token_id=str(uuid.uuid4()),
        issuer=issuer_for(str(uuid.uuid4()), "Self-test", False),
        status_list_id=f"urn:uuid:{uuid.uuid4()}",
        status_index=1,
    )
    return Claims(payload)


def check_marking(ctx: Context) -> str:
    """c2pa (its native library), xmpkit, the CJK font and PyAV's FFmpeg: mark a PNG, trace it, tamper."""
    from PIL import Image

    from consent_app import clock
    from consent_app.marking.mark import mark
    from consent_app.marking.trace import trace_file
    from consent_app.marking.trust import ToolIdentity
    from consent_app.provenance import ca
    from consent_app.provenance.ledger import studio_bundle

    require(ctx.store is not None, "needs the store check")
    with ctx.store.transaction() as tx:
        issued = ca.register(tx, f"selftest-{uuid.uuid4().hex[:8]}", "selftest", days=1)
    folder = ctx.tmp / "marking"
    folder.mkdir(exist_ok=True)
    (folder / "tool.key.pem").write_bytes(issued.private_key_pem)
    (folder / "tool.cert.pem").write_bytes(issued.chain_pem)
    with ctx.store.read() as conn:
        bundle = studio_bundle(conn)
    tool = ToolIdentity.load(folder / "tool.key.pem", folder / "tool.cert.pem", bundle)
    source = folder / "generated.png"
    buf = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 90, 160)).save(buf, "PNG")
    source.write_bytes(buf.getvalue())
    claims = _claims()
    result = mark(
        claims=claims,
        token_text=b"selftest",
        operation="face_swap",
        tool=tool,
        bundle=bundle,
        in_path=str(source),
        out_path=str(folder / "marked.png"),
        sources=[],
        now=clock.iso(),
    )
    report = trace_file(str(result.out_path), bundle=bundle, token_state=lambda c, now: ("valid", {}))
    require(report.exit_code == 0, f"a freshly marked PNG traced as {report.exit_code}: {report.verdict}")
    require(report.c2pa and report.c2pa["validationState"] == "Trusted", "the C2PA manifest is not Trusted")
    require(report.aigc and report.aigc["signature"] == "valid", "the AIGC label's signature does not verify")
    data = bytearray(result.out_path.read_bytes())
    data[len(data) // 2] ^= 1
    (folder / "tampered.png").write_bytes(bytes(data))
    tampered = trace_file(
        str(folder / "tampered.png"), bundle=bundle, token_state=lambda c, now: ("valid", {})
    )
    require(tampered.exit_code == 11, f"a changed file traced as {tampered.exit_code}, not 11")
    import av

    from consent_app.marking.video import CODEC

    require(CODEC in av.codecs_available, f"PyAV's FFmpeg has no {CODEC} (H.264) encoder")
    codec_lib = av._core.library_meta["libavcodec"]
    gpl = [flag for flag in ("--enable-gpl", "--enable-libx264", "--enable-libx265")
           if flag in codec_lib["configuration"]]
    require(
        not gpl and codec_lib["license"].startswith("LGPL"),
        f"PyAV's FFmpeg is not the LGPL build ({codec_lib['license']}; {' '.join(gpl)})",
    )
    return (
        f"tool certificate from the studio CA; PNG marked (C2PA Trusted, AIGC signed, receipt "
        f"{len(result.receipt)} bytes); a changed byte is caught (11)"
    )
