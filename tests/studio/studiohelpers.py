"""Stations for the studio tests: real encrypted stores, each with its own data folder."""

from __future__ import annotations

from pathlib import Path

from storesupport import make_store


def station(tmp_path: Path, name: str):
    return make_store(tmp_path / name)


def cli_stations(tmp_path: Path, monkeypatch, *names: str) -> list[str]:
    """Stations' data folders for driving ``consent-app`` itself: the stores made, the admin's passphrase and
    login in the environment as an unattended run has them."""
    from storesupport import ADMIN_PASSWORD, PASSPHRASE

    for name in names:
        station(tmp_path, name).close()
    monkeypatch.setenv("CONSENT_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CONSENT_APP_USER", "admin")
    monkeypatch.setenv("CONSENT_APP_PASSWORD", ADMIN_PASSWORD)
    return [str(tmp_path / name) for name in names]


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


def pair(tmp_path: Path, dsn: str):
    """Two stations of one studio: A founds it, B joins, A approves, B syncs."""
    from consent_app.studio import service, sync

    a, b = station(tmp_path, "a"), station(tmp_path, "b")
    service.create(a, dsn, "admin", "front desk")
    joined = service.join(b, dsn, "admin", "stage")
    service.approve(a, joined.station_id, joined.fingerprint, "admin")
    sync.sync_once(b)
    return a, b


def statements(store, run) -> list[str]:
    """Every SQL statement ``run()`` makes on ``store``'s connection, in order (SQLite's trace callback)."""
    made: list[str] = []
    with store.read() as conn:
        conn.set_trace_callback(made.append)
    try:
        run()
    finally:
        with store.read() as conn:
            conn.set_trace_callback(None)
    return made
