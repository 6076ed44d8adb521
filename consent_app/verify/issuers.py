"""Which issuer ids a studio's key set speaks for: the studio's own, and its stations' former ones.

A station that joins a multi-station studio keeps the tokens it issued before joining, under the issuer id
it had then. The studio's published JWKS carries an *issuer declaration* beside its keys, in the member
``consent_app:issuers`` (JWKS members a reader does not know are ignored, RFC 7517 §5): a compact JWS
(``typ`` ``consent-issuers+jwt``) signed by one of the set's own keys::

    {"issuer": "urn:uuid:STUDIO", "aliases": [{"id": "urn:uuid:FORMER", "station": "...",
                                               "kids": ["kid of that station", ...]}], "iat": ...}

With a declaration, a token is accepted only when its issuer is the studio, or a declared former issuer
of one of its stations *and* it is signed by a key of that station; its status list must then be the
studio's. A declaration that does not verify (an edited file) makes the whole key set unusable: nobody
adds an alias, or a key to one, by editing the file. A key set without a declaration (a single station's
``keys export``) names no issuer and checks none, as before.
"""

from __future__ import annotations

from consent_app.verify.codes import MALFORMED, USAGE, VerifyError

MEMBER = "consent_app:issuers"
TYP = "consent-issuers+jwt"


class Issuers:
    """The studio's issuer id and, per former issuer id, the key ids that may sign under it."""

    __slots__ = ("aliases", "issuer", "signed_by")

    def __init__(self, issuer: str, aliases: dict[str, frozenset[str]], signed_by: str) -> None:
        self.issuer = issuer
        self.aliases = aliases
        self.signed_by = signed_by

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
    if not isinstance(text, str) or len(text) > 256 * 1024:
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
    return Issuers(issuer, out, str(header["kid"]))
