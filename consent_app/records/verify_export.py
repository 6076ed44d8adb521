#!/usr/bin/env python3
"""Check a consent_app records export: the signed manifest and the SHA-256 of every file in it.

Standard library only (Python 3.9+); the Ed25519 verification is the pure-Python one of RFC 8032,
section 6. Run it on the archive or on the folder it was unpacked into::

    python3 verify_export.py EXPORT.zip --key-fingerprint FINGERPRINT
    python3 verify_export.py UNPACKED_FOLDER --key-fingerprint FINGERPRINT

FINGERPRINT is the studio key's RFC 7638 JWK thumbprint, received from the studio *separately* (never
trust only the key inside the archive). The script finds the key with that thumbprint in keys/studio.jwks,
checks the compact JWS in manifest.jws (alg EdDSA) with it, checks that manifest.json is exactly the
signed payload, that every file the manifest lists is present with its SHA-256 and size, and that the
archive holds no file the manifest does not list.

Exit codes: 0 everything verifies; 1 a check failed (the first failure is named); 2 usage error or
unreadable input.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

SIGNED_FILES = ("manifest.json", "manifest.jws")
MAX_FILE = 2 * 1024 ** 3

# -- Ed25519 verification (RFC 8032, section 6) -------------------------------------------------------
_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493


def _inv(x: int) -> int:
    return pow(x, _P - 2, _P)


_D = -121665 * _inv(121666) % _P
_I = pow(2, (_P - 1) // 4, _P)


def _recover_x(y: int, sign: int):
    if y >= _P:
        return None
    x2 = (y * y - 1) * _inv(_D * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _I % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


_GY = 4 * _inv(5) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def _add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % _P
    b = (p[1] + p[0]) * (q[1] + q[0]) % _P
    c = 2 * p[3] * q[3] * _D % _P
    d = 2 * p[2] * q[2] % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _mul(s: int, p):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, p)
        p = _add(p, p)
        s >>= 1
    return q


def _equal(p, q) -> bool:
    return (p[0] * q[2] - q[0] * p[2]) % _P == 0 and (p[1] * q[2] - q[1] * p[2]) % _P == 0


def _decompress(s: bytes):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> bool:
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % _L
    return _equal(_mul(s, _G), _add(r, _mul(h, a)))


# -- the archive ----------------------------------------------------------------------------------------
class Failed(Exception):
    pass


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or any(c in text for c in "+/= \n"):
        raise Failed("manifest.jws: not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raise Failed("manifest.jws: not base64url") from None


def thumbprint(jwk: dict) -> str:
    """RFC 7638 thumbprint of an OKP key."""
    canonical = json.dumps({"crv": jwk["crv"], "kty": jwk["kty"], "x": jwk["x"]}, separators=(",", ":"),
                           sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()


class Source:
    """Files of the export, from a zip archive or an unpacked folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = None
        if path.is_file():
            try:
                self.zip = zipfile.ZipFile(path)
            except (OSError, zipfile.BadZipFile) as exc:
                raise Failed(f"{path}: not a readable zip archive ({exc})") from None
        elif not path.is_dir():
            raise Failed(f"{path}: no such file or folder")

    def names(self) -> set[str]:
        if self.zip is not None:
            return {n for n in self.zip.namelist() if not n.endswith("/")}
        return {p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()}

    def read(self, name: str) -> bytes:
        try:
            if self.zip is not None:
                info = self.zip.getinfo(name)
                if info.file_size > MAX_FILE:
                    raise Failed(f"{name}: larger than the size limit")
                return self.zip.read(name)
            target = (self.path / name).resolve()
            if self.path.resolve() not in target.parents:
                raise Failed(f"{name}: outside the export folder")
            return target.read_bytes()
        except (KeyError, FileNotFoundError):
            raise Failed(f"{name}: missing from the export") from None
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            raise Failed(f"{name}: cannot be read ({exc})") from None


def verify(path: Path, fingerprint: str) -> dict:
    src = Source(path)
    manifest_bytes = src.read("manifest.json")
    parts = src.read("manifest.jws").decode("ascii", "replace").strip().split(".")
    if len(parts) != 3:
        raise Failed("manifest.jws: not a compact JWS")
    try:
        header = json.loads(b64url_decode(parts[0]))
    except ValueError:
        raise Failed("manifest.jws: the header is not JSON") from None
    if not isinstance(header, dict) or header.get("alg") != "EdDSA":
        raise Failed("manifest.jws: the algorithm is not EdDSA")
    if header.get("kid") != fingerprint:
        raise Failed("manifest.jws: signed with another key than the fingerprint given")
    try:
        jwks = json.loads(src.read("keys/studio.jwks"))
        keys = [k for k in jwks["keys"] if k.get("kty") == "OKP" and k.get("crv") == "Ed25519"]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Failed("keys/studio.jwks: not a JWK set") from None
    chosen = [k for k in keys if thumbprint(k) == fingerprint]
    if not chosen:
        raise Failed("keys/studio.jwks: no key has the fingerprint given")
    public = b64url_decode(chosen[0]["x"])
    if not ed25519_verify(public, (parts[0] + "." + parts[1]).encode("ascii"), b64url_decode(parts[2])):
        raise Failed("manifest.jws: the signature does not verify")
    if b64url_decode(parts[1]) != manifest_bytes:
        raise Failed("manifest.json: differs from the signed manifest in manifest.jws")
    try:
        manifest = json.loads(manifest_bytes)
        listed = {f["path"]: f for f in manifest["files"]}
    except (ValueError, KeyError, TypeError):
        raise Failed("manifest.json: not a manifest") from None
    for name, entry in sorted(listed.items()):
        data = src.read(name)
        if len(data) != entry.get("size") or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise Failed(f"{name}: its SHA-256 does not match the manifest (changed after export)")
    extra = sorted(src.names() - set(listed) - set(SIGNED_FILES))
    if extra:
        raise Failed(f"{extra[0]}: not listed in the manifest (added after export)")
    return manifest


def _joined(argv: list) -> list:
    """``--key-fingerprint FP`` as ``--key-fingerprint=FP``: a thumbprint is base64url and one in 64 starts
    with ``-``, which argparse would otherwise take for an option ("expected one argument")."""
    out = []
    args = iter(argv)
    for arg in args:
        if arg == "--key-fingerprint":
            value = next(args, None)
            out.append(arg if value is None else f"{arg}={value}")
        else:
            out.append(arg)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Check a consent_app records export.")
    parser.add_argument("export", nargs="?", default=str(Path(__file__).resolve().parent),
                        help="the export .zip or the folder it was unpacked into "
                             "(default: this script's folder)")
    parser.add_argument("--key-fingerprint", required=True, metavar="FP",
                        help="the studio key's RFC 7638 thumbprint, received separately")
    args = parser.parse_args(_joined(sys.argv[1:] if argv is None else list(argv)))
    try:
        manifest = verify(Path(args.export), args.key_fingerprint.strip())
    except Failed as exc:
        print(f"verify_export: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"verify_export: OK: {len(manifest['files'])} files, signed by {args.key_fingerprint.strip()}; "
          f"studio {manifest.get('studio')}, period {manifest.get('from')} .. {manifest.get('to')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
