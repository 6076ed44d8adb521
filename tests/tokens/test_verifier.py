"""The verifier's decisions and its strictness: each security rule of the token format."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tokenhelpers import LIST_ID, NOW, Studio, forge, make_grant

from consent_app.tokens.signing import public_jwk, raw_public, sign_compact
from consent_app.verify import KeySet, StatusLists, Verifier, VerifyError
from consent_app.verify import codes as C
from consent_app.verify.jose import b64url_encode
from consent_app.verify.vocab import MAX_TOKEN_BYTES


def code_of(verifier: Verifier, token: str | bytes, op: str = "face_swap", at: float = 0) -> int:
    return verifier.decide(token, op, at or NOW.timestamp()).code


def test_valid_token_reports_consent_operations_and_marking(studio: Studio, at: float) -> None:
    grant = make_grant()
    token = studio.token(grant)
    decision = studio.verifier().decide(token, "face_swap", at)
    assert decision.code == C.VALID, decision.reason
    report = decision.as_dict()
    assert report["decision"] == "valid"
    assert report["consentId"] == grant.consent_id
    assert report["operations"] == ["face_swap", "face_attribute_edit", "tts_voice_clone"]
    assert report["demo"] is False
    marking = report["marking"]
    assert marking["label"] == grant.marking
    aigc = marking["gb45438"]["AIGC"]
    assert aigc["Label"] == "1"
    assert grant.consent_id in aigc["ReservedCode1"]
    assert report["tokenId"] in aigc["ReservedCode1"]
    c2pa = {a["label"]: a["data"] for a in marking["c2pa"]}
    assert c2pa["org.consent-app.consent"]["consentId"] == grant.consent_id
    assert c2pa["org.consent-app.consent"]["studio"]["id"] == studio.issuer["id"]


def test_payload_has_the_documented_fields_and_no_name(studio: Studio) -> None:
    grant = make_grant()
    payload = studio.payload(grant)
    assert payload["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert payload["type"] == ["VerifiableCredential", "BiometricEditConsent"]
    assert payload["id"].startswith("urn:uuid:")
    assert set(payload["issuer"]) == {"id", "name"}
    subject = payload["credentialSubject"]
    assert subject["id"] == f"urn:uuid:{grant.subject_id}"
    assert set(subject) == {
        "id", "consentId", "operations", "project", "purpose", "territory",
        "prohibitedUses", "marking",
    }  # fmt: skip
    status = payload["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListCredential"] == LIST_ID
    assert payload["evidence"][0]["consentRecordHash"] == grant.record_hash


def test_operation_not_covered_is_5(studio: Studio) -> None:
    assert code_of(studio.verifier(), studio.token(), "voice_conversion") == C.NOT_COVERED


def test_unknown_operation_is_a_usage_error(studio: Studio) -> None:
    assert code_of(studio.verifier(), studio.token(), "lip_sync") == C.USAGE


def test_validity_window_with_at_most_60_s_skew(studio: Studio) -> None:
    grant = make_grant()
    token = studio.token(grant)
    verifier = studio.verifier()
    start, end = NOW.timestamp(), grant.valid_until.timestamp()
    assert code_of(verifier, token, at=start - 59) == C.VALID
    assert code_of(verifier, token, at=start - 61) == C.OUTSIDE_VALIDITY
    # the status list is only valid for a day; give a long one to probe the token's end
    long_list = studio.status_jwt(valid_until=grant.valid_until + timedelta(days=1))
    verifier = studio.verifier(long_list)
    assert code_of(verifier, token, at=end + 59) == C.VALID
    assert code_of(verifier, token, at=end + 61) == C.OUTSIDE_VALIDITY


def test_verifier_refuses_more_than_60_s_skew(studio: Studio) -> None:
    with pytest.raises(ValueError, match="skew"):
        Verifier(studio.keyset, skew=61)


def test_revoked_token_is_6_and_others_stay_valid(studio: Studio, at: float) -> None:
    revoked, kept = studio.token(), studio.token()
    studio.revoke(revoked)
    verifier = studio.verifier()
    assert code_of(verifier, revoked) == C.REVOKED
    assert code_of(verifier, kept) == C.VALID


def test_missing_status_list_fails_closed(studio: Studio, at: float) -> None:
    verifier = Verifier(studio.keyset)
    decision = verifier.decide(studio.token(), "face_swap", at)
    assert decision.code == C.STATUS_UNAVAILABLE
    assert "status list" in decision.reason


def test_status_list_signed_by_another_key_fails_closed(studio: Studio) -> None:
    other = Ed25519PrivateKey.generate()
    forged = studio.status_jwt(key=other)  # same kid, wrong key
    assert code_of(studio.verifier(forged), studio.token()) == C.STATUS_UNAVAILABLE


def test_status_list_past_its_validity_fails_closed(studio: Studio) -> None:
    stale = studio.status_jwt(valid_from=NOW - timedelta(days=2), valid_until=NOW - timedelta(days=1))
    decision = studio.verifier(stale).decide(studio.token(), "face_swap", NOW.timestamp())
    assert decision.code == C.STATUS_UNAVAILABLE
    assert "stale" in decision.reason
    # ...but 59 s past its end is still inside the allowed skew
    edge = studio.status_jwt(valid_until=NOW - timedelta(seconds=59))
    assert code_of(studio.verifier(edge), studio.token()) == C.VALID


def test_status_list_from_another_issuer_fails_closed(studio: Studio) -> None:
    foreign = studio.status_jwt(issuer={"id": "urn:uuid:00000000-0000-4000-8000-000000000000"})
    decision = studio.verifier(foreign).decide(studio.token(), "face_swap", NOW.timestamp())
    assert decision.code == C.STATUS_UNAVAILABLE
    assert "another issuer" in decision.reason


def test_status_list_with_another_id_fails_closed(studio: Studio) -> None:
    other = studio.status_jwt(list_id="urn:uuid:11111111-1111-4111-8111-111111111111")
    assert code_of(studio.verifier(other), studio.token()) == C.STATUS_UNAVAILABLE


def test_status_list_too_short_or_not_gzip_fails_closed(studio: Studio) -> None:
    import gzip

    payload = json.loads(_part(studio.status_jwt(), 1))
    for encoded in (
        "u" + b64url_encode(gzip.compress(bytes(1024))),  # 8192 entries < 131072
        "u" + b64url_encode(bytes(16384)),  # not compressed
        "z" + payload["credentialSubject"]["encodedList"][1:],  # not base64url multibase
    ):
        payload["credentialSubject"]["encodedList"] = encoded
        bad = sign_compact(payload, studio.key, studio.kid)
        assert code_of(studio.verifier(bad), studio.token()) == C.STATUS_UNAVAILABLE


def test_token_over_16_kib_is_refused_before_decoding(studio: Studio) -> None:
    verifier = studio.verifier()
    junk = b"!" * (MAX_TOKEN_BYTES + 1)  # not even base64: only the size can be judged
    decision = verifier.decide(junk, "face_swap", NOW.timestamp())
    assert decision.code == C.MALFORMED
    assert "larger than 16384" in decision.reason


@pytest.mark.parametrize(
    "header",
    [
        {"alg": "none", "kid": "studio-key-1", "typ": "vc+jwt"},
        {"kid": "studio-key-1", "typ": "vc+jwt"},
        {"alg": "ES256", "kid": "studio-key-1", "typ": "vc+jwt"},
        {"alg": "eddsa", "kid": "studio-key-1", "typ": "vc+jwt"},
        {"alg": "EdDSA", "typ": "vc+jwt"},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "JWT"},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "crit": ["exp"]},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "b64": False, "crit": ["b64"]},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "jku": "https://evil.example/k"},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "x5u": "https://evil.example/c"},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "x5c": ["MIIB"]},
        {"alg": "EdDSA", "kid": "studio-key-1", "typ": "vc+jwt", "zip": "DEF"},
    ],
    ids=lambda h: ",".join(f"{k}={v}" for k, v in h.items() if k != "typ" or v != "vc+jwt"),
)
def test_header_policy_refuses(studio: Studio, header: dict) -> None:
    token = forge(header, studio.payload(), studio.key)  # correctly signed by the studio key!
    assert code_of(studio.verifier(), token) == C.MALFORMED


def test_alg_accepts_ed25519_name_too(studio: Studio) -> None:
    token = forge({"alg": "Ed25519", "kid": studio.kid, "typ": "vc+jwt"}, studio.payload(), studio.key)
    assert code_of(studio.verifier(), token) == C.VALID


def test_alg_none_without_signature_is_refused(studio: Studio) -> None:
    token = forge({"alg": "none", "typ": "vc+jwt"}, studio.payload(), None)
    assert code_of(studio.verifier(), token) == C.MALFORMED


@pytest.mark.parametrize("secret_form", ["raw", "x", "jwk-json", "jwks-json"])
def test_hs256_signed_with_the_public_key_is_refused(studio: Studio, secret_form: str) -> None:
    jwk = public_jwk(studio.kid, studio.key.public_key())
    secret = {
        "raw": raw_public(studio.key.public_key()),
        "x": jwk["x"].encode(),
        "jwk-json": json.dumps(jwk).encode(),
        "jwks-json": json.dumps(studio.jwks).encode(),
    }[secret_form]
    header = {"alg": "HS256", "kid": studio.kid, "typ": "vc+jwt"}
    h = b64url_encode(json.dumps(header).encode())
    p = b64url_encode(json.dumps(studio.payload()).encode())
    mac = hmac.new(secret, f"{h}.{p}".encode(), hashlib.sha256).digest()
    decision = studio.verifier().decide(f"{h}.{p}.{b64url_encode(mac)}", "face_swap", NOW.timestamp())
    assert decision.code == C.MALFORMED
    assert "only EdDSA" in decision.reason


def test_embedded_jwk_of_an_attacker_key_is_refused(studio: Studio) -> None:
    attacker = Ed25519PrivateKey.generate()
    header = {
        "alg": "EdDSA",
        "kid": "attacker",
        "typ": "vc+jwt",
        "jwk": public_jwk("attacker", attacker.public_key()),
    }
    decision = studio.verifier().decide(forge(header, studio.payload(), attacker), "face_swap")
    assert decision.code == C.MALFORMED
    assert "jwk" in decision.reason


def test_kid_is_looked_up_only_in_the_given_key_set(studio: Studio) -> None:
    attacker = Ed25519PrivateKey.generate()
    unknown = forge({"alg": "EdDSA", "kid": "attacker", "typ": "vc+jwt"}, studio.payload(), attacker)
    decision = studio.verifier().decide(unknown, "face_swap", NOW.timestamp())
    assert (decision.code, "unknown key") == (C.MALFORMED, decision.reason[:11])
    # the studio's kid with another key: the set's key decides, so the signature fails
    spoofed = sign_compact(studio.payload(), attacker, studio.kid)
    decision = studio.verifier().decide(spoofed, "face_swap", NOW.timestamp())
    assert decision.code == C.MALFORMED
    assert "bad signature" in decision.reason


def test_non_ed25519_key_in_the_set_is_never_used() -> None:
    keys = KeySet.from_jwks(
        {
            "keys": [
                {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
                public_jwk("ed", Ed25519PrivateKey.generate().public_key()),
            ]
        }
    )
    with pytest.raises(VerifyError, match="not an Ed25519 key") as info:
        keys.public_key("hmac")
    assert info.value.exit_code == C.MALFORMED


def test_key_set_with_a_private_key_is_refused(studio: Studio) -> None:
    jwk = dict(public_jwk(studio.kid, studio.key.public_key()), d="AAAA")
    with pytest.raises(VerifyError, match="private key") as info:
        KeySet.from_jwks({"keys": [jwk]})
    assert info.value.exit_code == C.USAGE


def test_every_single_bit_flip_is_refused(studio: Studio, at: float) -> None:
    token = studio.token().encode("ascii")
    verifier = studio.verifier()
    assert verifier.decide(token, "face_swap", at).code == C.VALID
    flipped = bytearray(token)
    accepted = []
    for i in range(len(token)):
        for bit in range(8):
            flipped[i] ^= 1 << bit
            if verifier.decide(bytes(flipped), "face_swap", at).code == C.VALID:
                accepted.append((i, bit))
            flipped[i] ^= 1 << bit
    assert len(token) * 8 > 10_000
    assert accepted == []


def test_non_canonical_signature_encoding_is_refused(studio: Studio, at: float) -> None:
    token = studio.token()
    head, sig = token.rsplit(".", 1)
    # 64 bytes -> 86 chars: the last char carries 4 unused bits; setting one keeps the bytes
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(sig[-1])
    twin = f"{head}.{sig[:-1]}{alphabet[last | 1] if not last & 1 else alphabet[last & ~1]}"
    assert twin != token
    assert code_of(studio.verifier(), twin) == C.MALFORMED
    assert code_of(studio.verifier(), token + "=") == C.MALFORMED


def test_duplicate_json_members_are_refused(studio: Studio) -> None:
    h = b64url_encode(b'{"alg":"EdDSA","alg":"none","kid":"studio-key-1","typ":"vc+jwt"}')
    p = b64url_encode(json.dumps(studio.payload()).encode())
    sig = b64url_encode(studio.key.sign(f"{h}.{p}".encode()))
    decision = studio.verifier().decide(f"{h}.{p}.{sig}", "face_swap", NOW.timestamp())
    assert decision.code == C.MALFORMED
    assert "duplicate" in decision.reason


@pytest.mark.parametrize(
    "mutate",
    [
        lambda p: p.update({"@context": ["https://www.w3.org/2018/credentials/v1"]}),
        lambda p: p.update({"type": ["VerifiableCredential"]}),
        lambda p: p["credentialSubject"].update({"operations": []}),
        lambda p: p["credentialSubject"].update({"id": "Jane Doe"}),
        lambda p: p.update({"validUntil": "2027-02-30T00:00:00Z"}),
        lambda p: p.update({"validUntil": "2027-01-01T00:00:00"}),
        lambda p: p["credentialStatus"].update({"statusListIndex": 42}),
        lambda p: p["credentialSubject"].update({"assets": [{"sha256": "XYZ", "modality": "face"}]}),
    ],
)
def test_malformed_but_signed_payload_is_3(studio: Studio, mutate) -> None:
    payload = studio.payload()
    mutate(payload)
    assert code_of(studio.verifier(), sign_compact(payload, studio.key, studio.kid)) == C.MALFORMED


def test_demo_token_says_so_and_is_checked_like_any_other(at: float) -> None:
    demo = Studio(demo=True)
    token = demo.token()
    decision = demo.verifier().decide(token, "face_swap", at)
    assert decision.code == C.VALID
    assert decision.as_dict()["demo"] is True
    assert "DEMO" in decision.reason
    assert decision.claims.issuer_name.startswith("[DEMO]")
    demo.revoke(token)
    assert code_of(demo.verifier(), token) == C.REVOKED
    assert code_of(demo.verifier(), token, "voice_conversion") == C.NOT_COVERED


def test_status_file_may_hold_several_lists(studio: Studio, at: float) -> None:
    other = studio.status_jwt(list_id="urn:uuid:11111111-1111-4111-8111-111111111111")
    both = other + "\n" + studio.status_jwt() + "\n"
    keys = studio.keyset
    verifier = Verifier(keys, StatusLists.from_bytes(both.encode(), keys))
    assert verifier.decide(studio.token(), "face_swap", at).code == C.VALID


def _part(token: str, n: int) -> bytes:
    from consent_app.verify.jose import b64url_decode

    return b64url_decode(token.split(".")[n])


def test_newest_export_of_a_list_counts(studio: Studio, at: float) -> None:
    token = studio.token()
    old = studio.status_jwt(valid_from=NOW - timedelta(hours=3))
    studio.revoke(token)
    new = studio.status_jwt(valid_from=NOW - timedelta(hours=1))
    keys = studio.keyset
    for order in ((old, new), (new, old)):
        lists = StatusLists.from_bytes("\n".join(order).encode(), keys)
        assert Verifier(keys, lists).decide(token, "face_swap", at).code == C.REVOKED


def test_media_check_without_biometric_stack_fails_closed(studio: Studio, at: float, tmp_path) -> None:
    """A verifier installed without the face code cannot confirm a face binding: refused (8)."""
    import sys

    payload = studio.payload()
    payload["credentialSubject"]["biometricBinding"] = {
        "face": {"model": "x", "metric": "euclidean", "threshold": 0.5, "template": "AAAA"}
    }
    token = sign_compact(payload, studio.key, studio.kid)
    image = tmp_path / "frame.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 32)
    saved = sys.modules.get("consent_app.biometrics.face.analysis")
    sys.modules["consent_app.biometrics.face.analysis"] = None  # type: ignore[assignment]  # import fails
    try:
        decision = studio.verifier().decide(token, "face_swap", at, str(image))
    finally:
        if saved is None:
            del sys.modules["consent_app.biometrics.face.analysis"]
        else:
            sys.modules["consent_app.biometrics.face.analysis"] = saved
    assert decision.code == C.MEDIA_MISMATCH
    assert "cannot check the face binding here" in decision.reason
