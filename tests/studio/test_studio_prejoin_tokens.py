"""Tokens a station issued before it joined the studio (under its former issuer id) verify against the
studio's publish folder: the published JWKS carries a signed declaration binding that former id to that
station's keys. An edited declaration is refused, the former id does not lend itself to another station's
key, and revoking such a token after the join reaches the farm."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pytest
from studiohelpers import station

from consent_app.studio import publish, service, sync
from consent_app.verify import KeySet, StatusLists, Verifier
from consent_app.verify.codes import MALFORMED, REVOKED, STATUS_UNAVAILABLE, USAGE, VALID, VerifyError
from consent_app.verify.issuers import MEMBER

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tokens"))
from tokenhelpers import forge, record_consent


def _b64(text: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def _farm(tmp_path: Path, store, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir(mode=0o700)
    publish.publish(store, folder, "admin")
    return folder


def _decide(folder: Path, token: str, jwks: bytes | None = None) -> int:
    keys = KeySet.from_bytes(jwks if jwks is not None else (folder / publish.JWKS_FILE).read_bytes())
    status = StatusLists.from_bytes((folder / publish.STATUS_FILE).read_bytes(), keys)
    return Verifier(keys, status).decide(token, "face_swap").code


def test_a_token_issued_before_joining_verifies_and_its_revocation_reaches_the_farm(tmp_path,
                                                                                     studio_dsn) -> None:
    from consent_app.consent.records import grant
    from consent_app.crypto import keys as signing
    from consent_app.store import meta
    from consent_app.tokens import issue
    from consent_app.tokens.revocation import revoke_token
    from consent_app.verify import cli

    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    try:
        consent_id, _ = record_consent(b)  # b is still a studio of its own
        with b.transaction() as tx:
            former = meta.studio(tx).id
            before = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        assert _b64(before.token.split(".")[1])["issuer"]["id"] == f"urn:uuid:{former}"
        service.create(a, studio_dsn, "admin", "front desk")
        joined = service.join(b, studio_dsn, "admin", "stage")
        service.approve(a, joined.station_id, joined.fingerprint, "admin")
        sync.sync_once(b)  # the data key arrives, and b shares its keys, consents and tokens at once
        sync.sync_once(a)

        farm = _farm(tmp_path, a, "farm")  # published by the founder, which never held b's former id
        jwks = json.loads((farm / publish.JWKS_FILE).read_text())
        declared = _b64(jwks[MEMBER].split(".")[1])
        with a.read() as conn:
            studio_id = meta.studio(conn).id
        assert declared["issuer"] == f"urn:uuid:{studio_id}"
        b_kid = _b64(before.token.split(".")[0])["kid"]
        assert declared["aliases"] == [{"id": f"urn:uuid:{former}", "station": joined.station_id,
                                        "kids": [b_kid]}]
        assert _decide(farm, before.token) == VALID
        token_file = tmp_path / "before.jwt"
        token_file.write_text(before.token)
        argv = [str(token_file), "--keys", str(farm / publish.JWKS_FILE), "--status",
                str(farm / publish.STATUS_FILE), "--operation", "face_swap"]
        assert cli.main(argv) == VALID  # consent-verify itself, with the publish folder

        # an edited declaration (another key bound to the former id) is refused, and so is its removal
        header, _payload, sig = jwks[MEMBER].split(".")
        edited = {**declared, "aliases": [{**declared["aliases"][0], "kids": [b_kid, "someone-else"]}]}
        forged = ".".join([header, base64.urlsafe_b64encode(json.dumps(edited).encode()).decode().rstrip("="),
                           sig])
        with pytest.raises(VerifyError) as refused:
            KeySet.from_bytes(json.dumps({**jwks, MEMBER: forged}).encode())
        assert refused.value.exit_code == USAGE
        assert "issuer declaration" in refused.value.message
        stripped = json.dumps({"keys": jwks["keys"]}).encode()
        assert _decide(farm, before.token, stripped) == STATUS_UNAVAILABLE  # the former id's list is gone

        # the former id only speaks for b's keys: the same claims under a's key are refused
        with a.read() as conn:
            a_key = signing.active_key(conn)
        claims = _b64(before.token.split(".")[1])
        borrowed = forge({"alg": "EdDSA", "kid": a_key.kid, "typ": "vc+jwt"}, claims, a_key.private)
        keys = KeySet.from_bytes((farm / publish.JWKS_FILE).read_bytes())
        with pytest.raises(VerifyError, match="not one of that station's keys") as wrong_key:
            Verifier(keys).authenticate(borrowed)
        assert wrong_key.value.exit_code == MALFORMED
        foreign = forge({"alg": "EdDSA", "kid": a_key.kid, "typ": "vc+jwt"},
                        {**claims, "issuer": {"id": "urn:uuid:00000000-0000-4000-8000-000000000000",
                                              "name": "x"}}, a_key.private)
        with pytest.raises(VerifyError, match="is not this studio"):
            Verifier(keys).authenticate(foreign)

        # tokens b issues now carry the studio's id and verify too
        with b.transaction() as tx:
            after = issue(tx, grant(tx, consent_id), ["face_swap"], actor="admin")
        assert _b64(after.token.split(".")[1])["issuer"]["id"] == f"urn:uuid:{studio_id}"
        sync.sync_once(b)
        sync.sync_once(a)
        assert _decide(_farm(tmp_path, a, "farm2"), after.token) == VALID

        # the pre-join token is revoked at the founder after the join: b publishes, the farm refuses it
        with a.transaction() as tx:
            assert revoke_token(tx, before.token_id, "admin", "subject asked at the front desk")
        sync.sync_once(a)
        sync.sync_once(b)
        farm3 = _farm(tmp_path, b, "farm3")
        assert _decide(farm3, before.token) == REVOKED
        assert _decide(farm3, after.token) == VALID
    finally:
        a.close()
        b.close()
