"""Token verification speed, in one run.

1. Tokens verified per second, in-process, on the same set of real tokens:
   consent_app.verify (signature + every claim check + status-list lookup) against PyJWT's
   ``jwt.decode`` (signature + its default claim checks) and a bare libsodium Ed25519 verify
   through PyNaCl (the floor: no parsing at all), and the same through ``cryptography`` (what
   PyJWT uses). Target: >= 1.5x PyJWT's rate.
2. ``consent-verify`` on one token as a whole process (start-up included), against a bare
   ``python -c "import cryptography"`` process; medians of 15 interleaved runs. Target: <= 2x.

Run: .venv/bin/python bench/tokens.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from consent_app.tokens.credential import issuer_for, plan_token, token_payload
from consent_app.tokens.grant import ConsentGrant
from consent_app.tokens.signing import jwks, raw_public, sign_compact
from consent_app.tokens.statuslist import new_bitstring, set_bit, status_list_payload
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify.jose import b64url_decode

N_TOKENS = 200
ROUNDS = 7
PROCESS_RUNS = 15
LIST_ID = f"urn:uuid:{uuid.uuid4()}"
NOW = datetime.now(UTC).replace(microsecond=0)


def make_tokens(key: Ed25519PrivateKey, kid: str, issuer: dict) -> tuple[list[str], bytearray]:
    bits = new_bitstring()
    tokens = []
    for i in range(N_TOKENS):
        grant = ConsentGrant(
            consent_id=str(uuid.uuid4()),
            subject_id=str(uuid.uuid4()),
            operations=("face_swap", "face_attribute_edit", "tts_voice_clone"),
            project="Feature film 'Moonrise'",
            purpose="De-ageing shots in act 2",
            territory=("CN",),
            prohibited_uses=("political content", "advertising"),
            marking="AI-generated (人工智能生成) — consent on file",
            valid_from=NOW - timedelta(days=1),
            valid_until=NOW + timedelta(days=90),
            record_hash="sha256:" + "ab" * 32,
            evidence={"verificationMethods": ["face_vs_id_document", "liveness_challenge"],
                      "faceMatchDistance": 0.41, "faceMatchThreshold": 0.5, "liveness": "passed"},
        )  # fmt: skip
        payload = token_payload(
            grant, plan_token(grant, NOW), token_id=str(uuid.uuid4()), issuer=issuer,
            status_list_id=LIST_ID, status_index=1000 + 17 * i,
            assets=[{"sha256": "cd" * 32, "modality": "face"}],
        )  # fmt: skip
        tokens.append(sign_compact(payload, key, kid))
    set_bit(bits, 1000)  # one revoked token among them (checked, not counted as an error)
    return tokens, bits


def rate(fn, tokens: list) -> float:
    """Best-of-ROUNDS tokens per second for ``fn`` over all tokens."""
    best = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        for tok in tokens:
            fn(tok)
        best = min(best, time.perf_counter() - t0)
    return len(tokens) / best


def in_process(key: Ed25519PrivateKey, kid: str, tokens: list[str], status: str) -> dict[str, float]:
    import jwt
    from nacl.signing import VerifyKey

    keys = KeySet.from_jwks(jwks([(kid, key.public_key())]))
    verifier = Verifier(keys, StatusLists.from_bytes(status.encode(), keys))
    at = NOW.timestamp()

    def ours(tok: str) -> None:
        claims = verifier.authenticate(tok)
        try:
            verifier.check(claims, "face_swap", at)
        except Exception as exc:  # the one revoked token
            if getattr(exc, "exit_code", None) != 6:
                raise

    public = key.public_key()

    def pyjwt(tok: str) -> None:
        jwt.decode(tok, public, algorithms=["EdDSA"])

    vk = VerifyKey(raw_public(public))
    split = [(t.rsplit(".", 1)[0].encode(), b64url_decode(t.rsplit(".", 1)[1])) for t in tokens]

    def bare(item: tuple[bytes, bytes]) -> None:
        vk.verify(item[0], item[1])

    def bare_cryptography(item: tuple[bytes, bytes]) -> None:
        public.verify(item[1], item[0])

    return {"consent_app.verify": rate(ours, tokens), "PyJWT": rate(pyjwt, tokens),
            "bare PyNaCl Ed25519": rate(bare, split),
            "bare cryptography Ed25519": rate(bare_cryptography, split)}  # fmt: skip


def compile_verifier() -> None:
    """Byte-compile what consent-verify imports, as any installed package is (pip/uv compile
    on install); without it a PYTHONDONTWRITEBYTECODE environment would recompile every run."""
    import compileall

    # every consent_app module the verifier's command imports, as that process sees it
    probe = ("import sys, consent_app.verify.cli\n"
             "for n, m in list(sys.modules.items()):\n"
             "    if n.split('.')[0] == 'consent_app' and getattr(m, '__file__', None):\n"
             "        print(m.__file__)\n")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    files = found.stdout.split()
    for name in files:
        compileall.compile_file(name, quiet=1)
    import consent_app

    compileall.compile_dir(Path(consent_app.__file__).parent / "verify", quiet=1)  # and its lazy imports


def whole_process(token: str, jwks_text: str, status: str) -> tuple[float, float]:
    compile_verifier()
    exe = Path(sys.executable).parent / "consent-verify"
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "t.jwt").write_text(token)
        (d / "k.jwks").write_text(jwks_text)
        (d / "s.jwt").write_text(status)
        cmd = [str(exe), str(d / "t.jwt"), "--keys", str(d / "k.jwks"), "--status",
               str(d / "s.jwt"), "--operation", "face_swap"]  # fmt: skip
        base = [sys.executable, "-c", "import cryptography"]
        ours, bare = [], []
        for _ in range(2):  # warm the page cache
            subprocess.run(cmd, capture_output=True, check=True)
            subprocess.run(base, capture_output=True, check=True)
        for _ in range(PROCESS_RUNS):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            t1 = time.perf_counter()
            subprocess.run(base, capture_output=True, check=True)
            t2 = time.perf_counter()
            ours.append(t1 - t0)
            bare.append(t2 - t1)
    return statistics.median(ours), statistics.median(bare)


def main() -> int:
    key, kid = Ed25519PrivateKey.generate(), "bench-key"
    issuer = issuer_for(str(uuid.uuid4()), "Bench Studio", False)
    tokens, bits = make_tokens(key, kid, issuer)
    status = sign_compact(
        status_list_payload(LIST_ID, issuer, bits, NOW - timedelta(hours=1), NOW + timedelta(hours=23)),
        key, kid,
    )  # fmt: skip
    print(f"{N_TOKENS} tokens of {len(tokens[0])} bytes; Ed25519 backend of consent_app.verify:",
          __import__("consent_app.verify.jose", fromlist=["BACKEND"]).BACKEND)  # fmt: skip
    rates = in_process(key, kid, tokens, status)
    for name, value in rates.items():
        print(f"  {name:26s} {value:9.0f} tokens/s")
    jwks_text = __import__("json").dumps(jwks([(kid, key.public_key())]))
    ours_s, bare_s = whole_process(tokens[1], jwks_text, status)
    print(f"  consent-verify process  {ours_s * 1000:6.1f} ms (median of {PROCESS_RUNS})")
    print(f"  python -c 'import cryptography' {bare_s * 1000:6.1f} ms (median of {PROCESS_RUNS})")
    vs_pyjwt = rates["consent_app.verify"] / rates["PyJWT"]
    vs_bare = rates["consent_app.verify"] / rates["bare PyNaCl Ed25519"]
    startup = ours_s / bare_s
    print(f"  consent_app.verify reaches {vs_bare:.2f}x the bare signature-only rate")
    ok_rate, ok_start = vs_pyjwt >= 1.5, startup <= 2.0
    print(f"target verify_rate_vs_pyjwt: measured {vs_pyjwt:.2f}x, goal >= 1.5x "
          f"{'PASS' if ok_rate else 'FAIL'}")
    print(f"target cli_startup_vs_import_cryptography: measured {startup:.2f}x, goal <= 2.0x "
          f"{'PASS' if ok_start else 'FAIL'}")  # fmt: skip
    return 0 if ok_rate and ok_start else 1


if __name__ == "__main__":
    sys.exit(main())
