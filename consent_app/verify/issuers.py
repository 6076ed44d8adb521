"""Which issuer ids a studio's key set speaks for: the studio's own, and its stations' former ones.

A station that joins a multi-station studio keeps the tokens it issued before joining, under the issuer id
it had then. The studio's published JWKS carries an *issuer declaration* beside its keys, in the member
``consent_app:issuers`` (JWKS members a reader does not know are ignored, RFC 7517 §5): a compact JWS
(``typ`` ``consent-issuers+jwt``) signed by one of the set's own keys::

    {"issuer": "urn:uuid:STUDIO", "aliases": [{"id": "urn:uuid:FORMER", "station": "...",
                                               "kids": ["kid of that station", ...]}], "iat": ...}

A studio that revoked a station lists it under ``"revoked"``: ``[{"station", "cut", "keys": [{"kid", "x"}],
"tokens": [SHA-256 hex of each compact token it issued up to the revocation's cut]}]``. Those keys are not
in the JWKS's ``keys`` (nothing else verifies with them: no status list, no declaration); a token signed with
one is accepted only when its hash is listed, whatever its ``iat`` says (a thief of the key can backdate it),
else refused like a token of an unknown key (exit 3).

With a declaration, a token is accepted only when its issuer is the studio, or a declared former issuer
of one of its stations *and* it is signed by a key of that station; its status list must then be the
studio's. A declaration that does not verify (an edited file) makes the whole key set unusable: nobody
adds an alias, or a key to one, by editing the file. A key set without a declaration (a single station's
``keys export``) names no issuer and checks none, as before.
"""

from __future__ import annotations

import json

from consent_app.verify.b64url import b64url_decode
from consent_app.verify.codes import MALFORMED, USAGE, VerifyError
from consent_app.verify.vocab import ISSUERS_MEMBER, MAX_KEYS_BYTES

MEMBER = ISSUERS_MEMBER
TYP = "consent-issuers+jwt"


class Issuers:
    """The studio's issuer id and, per former issuer id, the key ids that may sign under it."""

    __slots__ = ("aliases", "issuer", "listed", "revoked_keys", "signed_by")

    def __init__(self, issuer: str, aliases: dict[str, frozenset[str]], signed_by: str,
                 revoked_keys: dict[str, tuple[str, bytes]] | None = None,
                 listed: dict[str, str] | None = None) -> None:
        self.issuer = issuer
        self.aliases = aliases
        self.signed_by = signed_by
        self.revoked_keys = revoked_keys or {}   # kid -> (station, raw public key) of revoked stations
        self.listed = listed or {}               # token SHA-256 hex -> the revoked station that issued it

    def keys_for(self, token: bytes, keys):
        """The key set to check ``token`` with: ``keys``, or for a token of a revoked station's key that the
        declaration lists, that one key; ``VerifyError`` (3) for a revoked key's token that is not listed."""
        if not self.revoked_keys:
            return keys
        import hashlib  # here: OpenSSL start-up costs ~2 ms; only a studio with a revoked station needs it

        station = self.listed.get(hashlib.sha256(token).hexdigest())
        if station is not None:  # issued up to the cut: that station's keys, and only for this token
            mine = {kid: raw for kid, (owner, raw) in self.revoked_keys.items() if owner == station}
            return type(keys)(mine)
        try:
            header = json.loads(b64url_decode(token.split(b".", 1)[0]))
            used = header.get("kid") if isinstance(header, dict) else None
        except (ValueError, UnicodeDecodeError):
            return keys  # decode_compact says what is wrong with it
        if isinstance(used, str) and used in self.revoked_keys:
            raise VerifyError(MALFORMED, f"key {used!r} belongs to station {self.revoked_keys[used][0]}, "
                                         "which the studio revoked, and this token is not one it issued "
                                         "before the revocation", reason_code="token.revoked_station_key")
        return keys

    def canonical(self, issuer: str, kid: str) -> str:
        """The studio's issuer id for a token of ``issuer`` signed with ``kid``; ``VerifyError`` (3) else."""
        if issuer == self.issuer:
            return issuer
        kids = self.aliases.get(issuer)
        if kids is None:
            raise VerifyError(MALFORMED, f"token issuer {issuer} is not this studio ({self.issuer}) nor a "
                                         "former issuer id of one of its stations",
                              reason_code="token.unknown_issuer")
        if kid not in kids:
            raise VerifyError(MALFORMED, f"token issuer {issuer} is a former issuer id of a station of this "
                                         f"studio, but key {kid!r} is not one of that station's keys",
                              reason_code="token.issuer_key_mismatch")
        return self.issuer


def _bad(why: str) -> VerifyError:
    return VerifyError(USAGE, f"key set's issuer declaration ({MEMBER}) is refused: {why}",
                       reason_code="keys.issuer_declaration")


def parse(text: object, decode) -> Issuers:
    """Verify the declaration with ``decode`` (``jose.decode_compact`` bound to the key set it came with)
    and read it; ``VerifyError`` (2) otherwise."""
    if not isinstance(text, str) or len(text) > MAX_KEYS_BYTES:
        raise _bad("not a compact JWS")
    try:
        header, payload = decode(text, TYP)
    except VerifyError as exc:
        raise _bad(exc.message) from None
    issuer = payload.get("issuer")
    aliases = payload.get("aliases")
    if not isinstance(issuer, str) or not issuer.startswith("urn:uuid:") or not isinstance(aliases, list):
        raise _bad("it names no studio issuer or no alias list")
    out: dict[str, frozenset[str]] = {}
    for n, alias in enumerate(aliases):
        if not isinstance(alias, dict):
            raise _bad(f"alias {n} is not an object")
        alias_id, kids = alias.get("id"), alias.get("kids")
        if (not isinstance(alias_id, str) or not alias_id.startswith("urn:uuid:") or alias_id == issuer
                or alias_id in out):
            raise _bad(f"alias {n} has no usable id")
        if not isinstance(kids, list) or not kids or not all(isinstance(k, str) and k for k in kids):
            raise _bad(f"alias {alias_id} binds no key ids")
        out[alias_id] = frozenset(kids)
    revoked_keys, listed = _revoked(payload.get("revoked", []))
    return Issuers(issuer, out, str(header["kid"]), revoked_keys, listed)


def _revoked(entries: object) -> tuple[dict[str, tuple[str, bytes]], dict[str, str]]:
    """The declaration's revoked stations: their keys, and which token hashes each key may still verify."""
    if not isinstance(entries, list):
        raise _bad("its revoked list is not a list")
    keys: dict[str, tuple[str, bytes]] = {}
    listed: dict[str, str] = {}
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("station"), str):
            raise _bad(f"revoked entry {n} names no station")
        station, jwks, tokens = entry["station"], entry.get("keys"), entry.get("tokens")
        if not isinstance(jwks, list) or not jwks or not isinstance(tokens, list):
            raise _bad(f"revoked station {station} has no keys or no token list")
        for jwk in jwks:
            kid = jwk.get("kid") if isinstance(jwk, dict) else None
            try:
                raw = b64url_decode(jwk.get("x", "")) if kid else b""
            except (ValueError, TypeError):
                raw = b""
            if not isinstance(kid, str) or len(raw) != 32 or kid in keys:
                raise _bad(f"revoked station {station} has an unusable key")
            keys[kid] = (station, raw)
        for digest in tokens:
            if not isinstance(digest, str) or len(digest) != 64 or digest in listed:
                raise _bad(f"revoked station {station} lists an unusable token hash")
            listed[digest] = station
    return keys, listed
