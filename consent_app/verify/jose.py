"""Strict compact-JWS decoding for Ed25519 only: base64url, JSON, key sets and signatures.

Everything here is deliberately narrow: one algorithm, keys only from the given key set,
canonical base64url only, no duplicate JSON members, no header that points at other keys.
"""

from __future__ import annotations

from consent_app.verify.b64url import b64url_decode, b64url_encode  # noqa: F401 - re-exported for callers
from consent_app.verify.codes import MALFORMED, USAGE, VerifyError
from consent_app.verify.strictjson import loads
from consent_app.verify.vocab import ISSUERS_MEMBER, JWS_ALGS

#: Header parameters a token may carry; anything else is refused.
ALLOWED_HEADER = frozenset({"alg", "kid", "typ", "cty"})
#: Header parameters that would let a token choose its own key.
KEY_CARRYING_HEADER = ("jku", "jwk", "x5u", "x5c")


# --- JSON -------------------------------------------------------------------------------


def strict_json(raw: bytes) -> object:
    """Parse UTF-8 JSON, refusing duplicate members and NaN/Infinity."""
    return loads(raw.decode("utf-8"))


# --- Ed25519 ----------------------------------------------------------------------------


#: libsodium's shared library under the names systems install it (Debian: libsodium23).
_SODIUM_NAMES = (
    "libsodium.so.23", "libsodium.so.26", "libsodium.so",
    "libsodium.23.dylib", "libsodium.dylib", "libsodium.dll",
)  # fmt: skip


def _system_libsodium():
    """libsodium's public C API (``crypto_sign_verify_detached``) from the system's library, or None.

    Loading the shared library costs about a millisecond at start-up, where PyNaCl's public
    bindings import some thirty modules first; the function is libsodium's documented,
    stable ABI, the same code PyNaCl calls.
    """
    import ctypes

    for name in _SODIUM_NAMES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        if lib.sodium_init() < 0:  # pragma: no cover - libsodium could not initialise
            continue
        check = lib.crypto_sign_verify_detached
        check.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulonglong, ctypes.c_char_p)
        check.restype = ctypes.c_int
        return _detached(check)
    return None


def _detached(check):
    """``verify(public_key, signature, message)`` over libsodium's ``crypto_sign_verify_detached``."""

    def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
        if len(public_key) != 32 or len(signature) != 64:
            return False
        msg = message if type(message) is bytes else bytes(message)
        sig = signature if type(signature) is bytes else bytes(signature)
        key = public_key if type(public_key) is bytes else bytes(public_key)
        return check(sig, msg, len(msg), key) == 0

    return verify


def _pynacl():
    """libsodium through PyNaCl's public low-level bindings (slower to import), or None."""
    try:
        from nacl.bindings import crypto_sign_open
        from nacl.exceptions import BadSignatureError
    except ImportError:  # pragma: no cover - PyNaCl is a dependency of the verifier
        return None

    def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
        if len(public_key) != 32 or len(signature) != 64:
            return False
        try:
            crypto_sign_open(bytes(signature) + bytes(message), bytes(public_key))
        except BadSignatureError:
            return False
        return True

    return verify


def _load_backend():
    """Ed25519 verification: libsodium (system library, else PyNaCl), else ``cryptography``."""
    system = _system_libsodium()
    if system is not None:
        return system, "libsodium"
    bundled = _pynacl()
    if bundled is not None:
        return bundled, "libsodium (PyNaCl)"
    return ed25519_verify_cryptography, "cryptography"  # pragma: no cover


def ed25519_verify_cryptography(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Ed25519 verification through ``cryptography`` (OpenSSL); same answers, slower start."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(public_key) != 32 or len(signature) != 64:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes(public_key)).verify(bytes(signature), bytes(message))
    except (InvalidSignature, ValueError):
        return False
    return True


ed25519_verify, BACKEND = _load_backend()


# --- key sets ---------------------------------------------------------------------------


class KeySet:
    """Public keys a verifier trusts, by ``kid``: the studio's JWKS and nothing else."""

    __slots__ = ("_keys", "_other", "issuers")

    def __init__(self, keys: dict[str, bytes], other: dict[str, str] | None = None) -> None:
        self._keys = dict(keys)
        self._other = dict(other or {})  # kid -> why the key is unusable
        self.issuers = None  # the studio's signed issuer declaration (verify/issuers.py), if the set has one

    @classmethod
    def from_jwks(cls, jwks: object) -> KeySet:
        """Build from a parsed JWKS; raise ``VerifyError`` (usage) when it is not one."""
        if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
            raise VerifyError(USAGE, 'key set is not a JWKS (expected {"keys": [...]})',
                              reason_code="keys.not_jwks")
        keys: dict[str, bytes] = {}
        other: dict[str, str] = {}
        for n, jwk in enumerate(jwks["keys"]):
            if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str) or not jwk["kid"]:
                raise VerifyError(USAGE, f"key {n} of the key set has no 'kid'", reason_code="keys.no_kid")
            kid = jwk["kid"]
            if kid in keys or kid in other:
                raise VerifyError(USAGE, f"key set has two keys with kid {kid!r}",
                                  reason_code="keys.duplicate_kid")
            if "d" in jwk:
                raise VerifyError(USAGE, f"key {kid!r} is a private key; give public keys only",
                                  reason_code="keys.private_key")
            if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
                other[kid] = f"{jwk.get('kty')}/{jwk.get('crv')}"
                continue
            if jwk.get("alg", "EdDSA") not in JWS_ALGS or jwk.get("use", "sig") != "sig":
                other[kid] = "not an EdDSA signing key"
                continue
            try:
                x = b64url_decode(jwk.get("x", ""))
            except (ValueError, TypeError):
                x = b""
            if len(x) != 32:
                raise VerifyError(USAGE, f"key {kid!r} has an invalid 'x' (need 32 bytes)",
                                  reason_code="keys.bad_key")
            keys[kid] = x
        if not keys:
            raise VerifyError(USAGE, "key set holds no Ed25519 public key", reason_code="keys.no_ed25519")
        out = cls(keys, other)
        if ISSUERS_MEMBER in jwks:  # a studio's key set (a single station's has none: nothing to import)
            from consent_app.verify import issuers

            out.issuers = issuers.parse(jwks[ISSUERS_MEMBER],
                                        lambda text, typ: decode_compact(text, out, typ))
        return out

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeySet:
        try:
            return cls.from_jwks(strict_json(raw))
        except (ValueError, UnicodeDecodeError) as exc:
            raise VerifyError(USAGE, f"key set is not valid JSON: {exc}",
                              reason_code="keys.not_json") from None

    def public_key(self, kid: str) -> bytes:
        """The raw public key for ``kid``; ``VerifyError`` (3) when it is not in this set."""
        try:
            return self._keys[kid]
        except KeyError:
            if kid in self._other:
                raise VerifyError(
                    MALFORMED, f"key {kid!r} is not an Ed25519 key ({self._other[kid]})",
                    reason_code="token.key_not_ed25519",
                ) from None
            raise VerifyError(MALFORMED, f"unknown key {kid!r}: not in the given key set",
                              reason_code="token.unknown_key") from None

    def __contains__(self, kid: object) -> bool:
        return kid in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def kids(self) -> list[str]:
        return list(self._keys)


# --- compact JWS ------------------------------------------------------------------------


def check_header(header: object, typ: str | None) -> tuple[str, str]:
    """Enforce the header policy; return ``(alg, kid)``. Raises ``VerifyError`` (3)."""
    if not isinstance(header, dict):
        raise VerifyError(MALFORMED, "JWS header is not a JSON object", reason_code="jws.header_not_object")
    for name in KEY_CARRYING_HEADER:
        if name in header:
            raise VerifyError(MALFORMED, f"header '{name}' refused: keys come only from the given key set",
                              reason_code="jws.key_in_header")
    if "crit" in header:
        crit = header["crit"]
        raise VerifyError(MALFORMED, f"header 'crit' {crit!r} names unsupported extensions",
                          reason_code="jws.crit")
    extra = sorted(set(header) - ALLOWED_HEADER)
    if extra:
        raise VerifyError(MALFORMED, f"unexpected header parameter(s): {', '.join(extra)}",
                          reason_code="jws.unexpected_header")
    alg = header.get("alg")
    if alg is None:
        raise VerifyError(MALFORMED, "header has no 'alg'", reason_code="jws.no_alg")
    if alg not in JWS_ALGS:
        raise VerifyError(MALFORMED, f"algorithm {alg!r} refused: only EdDSA (Ed25519) is accepted",
                          reason_code="jws.alg_refused")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise VerifyError(MALFORMED, "header has no 'kid'", reason_code="jws.no_kid")
    if typ is not None:
        got = header.get("typ")
        if not isinstance(got, str) or got.lower() not in (typ, "application/" + typ):
            raise VerifyError(MALFORMED, f"header 'typ' is {got!r}, expected {typ!r}",
                              reason_code="jws.wrong_typ")
    return alg, kid


def decode_compact(token: str | bytes, keys: KeySet, typ: str | None) -> tuple[dict, dict]:
    """Verify a compact JWS and return ``(header, payload)``; ``VerifyError`` (3) otherwise.

    The size limit is the caller's job (it must come before any decoding).
    """
    if isinstance(token, str):
        if not token.isascii():
            raise VerifyError(MALFORMED, "token contains non-ASCII characters", reason_code="jws.non_ascii")
        token = token.encode("ascii")
    parts = token.split(b".")
    if len(parts) != 3:
        raise VerifyError(MALFORMED, f"not a compact JWS: {len(parts)} parts instead of 3",
                          reason_code="jws.not_compact")
    h64, p64, s64 = parts
    try:
        header = strict_json(b64url_decode(h64))
    except (ValueError, UnicodeDecodeError) as exc:
        raise VerifyError(MALFORMED, f"header is not base64url JSON: {exc}",
                          reason_code="jws.header_not_json") from None
    _alg, kid = check_header(header, typ)
    public_key = keys.public_key(kid)
    try:
        signature = b64url_decode(s64)
    except ValueError as exc:
        raise VerifyError(MALFORMED, f"signature is not canonical base64url: {exc}",
                          reason_code="jws.signature_encoding") from None
    if not ed25519_verify(public_key, signature, token[: len(h64) + 1 + len(p64)]):
        raise VerifyError(MALFORMED, f"bad signature (key {kid!r})", reason_code="jws.bad_signature")
    try:
        payload = strict_json(b64url_decode(p64))
    except (ValueError, UnicodeDecodeError) as exc:
        raise VerifyError(MALFORMED, f"payload is not base64url JSON: {exc}",
                          reason_code="jws.payload_not_json") from None
    if not isinstance(payload, dict):
        raise VerifyError(MALFORMED, "payload is not a JSON object", reason_code="jws.payload_not_object")
    return header, payload
