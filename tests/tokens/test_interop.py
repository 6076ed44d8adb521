"""Independent JOSE implementations verify the tokens the app issues, with the studio JWKS."""

from __future__ import annotations

import json

import jwt
from jwcrypto import jwk, jws
from tokenhelpers import Studio


def test_jwcrypto_verifies_tokens_and_status_lists(studio: Studio) -> None:
    keyset = jwk.JWKSet.from_json(json.dumps(studio.jwks))
    for token in (studio.token(), studio.status_jwt()):
        obj = jws.JWS()
        obj.deserialize(token)
        obj.verify(keyset)  # raises on failure; picks the key by kid
        assert obj.jose_header["alg"] == "EdDSA"
        assert obj.jose_header["typ"] == "vc+jwt"
        payload = json.loads(obj.payload)
        assert payload["@context"][0] == "https://www.w3.org/ns/credentials/v2"


def test_jwcrypto_rejects_a_tampered_token(studio: Studio) -> None:
    import pytest
    from jwcrypto.jws import InvalidJWSSignature

    keyset = jwk.JWKSet.from_json(json.dumps(studio.jwks))
    h, _p, s = studio.token().split(".")
    forged = studio.payload()
    forged["credentialSubject"]["operations"].append("voice_conversion")
    from consent_app.verify.jose import b64url_encode

    obj = jws.JWS()
    obj.deserialize(f"{h}.{b64url_encode(json.dumps(forged).encode())}.{s}")
    with pytest.raises(InvalidJWSSignature):
        obj.verify(keyset.get_key(studio.kid))


def test_pyjwt_decodes_tokens_with_the_jwks(studio: Studio) -> None:
    token = studio.token()
    key = jwt.PyJWKSet.from_dict(studio.jwks)[studio.kid]
    payload = jwt.decode(token, key.key, algorithms=["EdDSA"])
    assert "BiometricEditConsent" in payload["type"]
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": studio.kid, "typ": "vc+jwt"}
