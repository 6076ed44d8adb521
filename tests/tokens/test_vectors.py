"""Ed25519 known-answer tests: RFC 8037 Appendix A and a Wycheproof subset, on both backends."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tokenhelpers import DATA

from consent_app.tokens.signing import public_jwk
from consent_app.verify import KeySet, VerifyError
from consent_app.verify import codes as C
from consent_app.verify.jose import (
    BACKEND,
    _pynacl,
    b64url_decode,
    b64url_encode,
    check_header,
    decode_compact,
    ed25519_verify,
    ed25519_verify_cryptography,
)

# RFC 8037, Appendix A.1 (key), A.3 (thumbprint) and A.4 (JWS)
RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
RFC8037_JWS = (
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
)

BACKENDS = {"default": ed25519_verify, "pynacl": _pynacl(), "cryptography": ed25519_verify_cryptography}


def test_default_backend_is_libsodium() -> None:
    # the system's libsodium (Debian libsodium23, in scripts/debian-packages.txt), through its C API
    assert BACKEND == "libsodium"
    assert ed25519_verify.__qualname__.startswith("_detached")


def test_byte_likes_are_accepted() -> None:
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    sig = key.sign(b"message")
    for verify in BACKENDS.values():
        assert verify(memoryview(public), bytearray(sig), memoryview(b"message"))
        assert not verify(public, sig, bytearray(b"messagE"))
        assert not verify(public[:31], sig, b"message")


@pytest.mark.parametrize("backend", BACKENDS)
def test_rfc8037_appendix_a(backend: str) -> None:
    verify = BACKENDS[backend]
    key = Ed25519PrivateKey.from_private_bytes(b64url_decode(RFC8037_D))
    assert public_jwk("k", key.public_key())["x"] == RFC8037_X
    h, p, s = RFC8037_JWS.split(".")
    assert json.loads(b64url_decode(h)) == {"alg": "EdDSA"}
    assert b64url_decode(p) == b"Example of Ed25519 signing"
    # Ed25519 is deterministic: signing A.4's input with A.1's key gives A.4's signature
    assert b64url_encode(key.sign(f"{h}.{p}".encode())) == s
    assert verify(b64url_decode(RFC8037_X), b64url_decode(s), f"{h}.{p}".encode())
    assert not verify(b64url_decode(RFC8037_X), b64url_decode(s), f"{h}.{p}x".encode())


def test_rfc8037_thumbprint_matches_the_studio_kid_scheme() -> None:
    from consent_app.crypto.keys import thumbprint_kid

    assert thumbprint_kid(b64url_decode(RFC8037_X)) == RFC8037_THUMBPRINT


def test_rfc8037_jws_is_refused_as_a_token_only_for_its_missing_kid() -> None:
    keys = KeySet({"k": b64url_decode(RFC8037_X)})
    with pytest.raises(VerifyError, match="no 'kid'") as info:
        decode_compact(RFC8037_JWS, keys, None)
    assert info.value.exit_code == C.MALFORMED
    assert check_header({"alg": "EdDSA", "kid": "k"}, None) == ("EdDSA", "k")


def _wycheproof() -> list[tuple[int, bytes, bytes, bytes, bool]]:
    data = json.loads((DATA / "wycheproof_ed25519_subset.json").read_text())
    return [
        (t["tcId"], bytes.fromhex(g["publicKey"]["pk"]), bytes.fromhex(t["msg"]),
         bytes.fromhex(t["sig"]), t["result"] == "valid")
        for g in data["testGroups"]
        for t in g["tests"]
    ]  # fmt: skip


WYCHEPROOF = _wycheproof()


def test_wycheproof_subset_is_substantial() -> None:
    assert len(WYCHEPROOF) == 110
    assert sum(valid for *_, valid in WYCHEPROOF) >= 40
    assert sum(not valid for *_, valid in WYCHEPROOF) >= 60


@pytest.mark.parametrize("backend", BACKENDS)
def test_wycheproof_ed25519(backend: str) -> None:
    verify = BACKENDS[backend]
    wrong = [tc for tc, pk, msg, sig, valid in WYCHEPROOF if verify(pk, sig, msg) != valid]
    assert wrong == []
