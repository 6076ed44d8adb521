"""Stations for the studio tests: real encrypted stores, each with its own data folder."""

from __future__ import annotations

from pathlib import Path

from storesupport import make_store


def station(tmp_path: Path, name: str):
    return make_store(tmp_path / name)


def revoked_bits(status_text: str) -> dict[str, list[int]]:
    """The revoked indices of every status list in a published status file (one JWS per line)."""
    import base64
    import gzip
    import json

    out = {}
    for line in status_text.split():
        payload = json.loads(base64.urlsafe_b64decode(line.split(".")[1] + "=="))
        encoded = payload["credentialSubject"]["encodedList"][1:]  # multibase 'u'
        raw = gzip.decompress(base64.urlsafe_b64decode(encoded + "=="))
        out[payload["id"]] = sorted(i * 8 + b for i, byte in enumerate(raw) for b in range(8)
                                    if byte & (0x80 >> b))
    return out
