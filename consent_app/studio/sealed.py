"""Personal data in studio objects, sealed so that PostgreSQL never sees it in clear.

- The studio *data key* (32 random bytes, made by the founding station) reaches a new station inside
  its approval, sealed to the station's key (libsodium sealed box to the X25519 form of its Ed25519
  station key): only that station can open it.
- Fields with personal data (names, contacts, complaint details, signed records that carry them) go
  into a body as ``{"sealed": b64(nonce || AES-256-GCM(data key, JSON))}``, bound to the object's kind
  and id as associated data, so a sealed field cannot be moved to another object.
"""

from __future__ import annotations

import json
import secrets

from consent_app.studio.objects import b64, unb64


def seal_to_station(data_key: bytes, station_public: bytes) -> str:
    from nacl.bindings import crypto_sign_ed25519_pk_to_curve25519
    from nacl.public import PublicKey, SealedBox

    box = SealedBox(PublicKey(crypto_sign_ed25519_pk_to_curve25519(station_public)))
    return b64(box.encrypt(data_key))


def open_for_station(sealed_key: str, station_seed: bytes) -> bytes:
    from nacl.bindings import crypto_sign_ed25519_sk_to_curve25519, crypto_sign_seed_keypair
    from nacl.public import PrivateKey, SealedBox

    _pk, sk = crypto_sign_seed_keypair(station_seed)
    return SealedBox(PrivateKey(crypto_sign_ed25519_sk_to_curve25519(sk))).decrypt(unb64(sealed_key))


def seal(data_key: bytes, kind: str, object_id: str, value: object) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return b64(nonce + AESGCM(data_key).encrypt(nonce, plain, f"{kind}\x00{object_id}".encode()))


def unseal(data_key: bytes, kind: str, object_id: str, sealed: str) -> object:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    raw = unb64(sealed)
    plain = AESGCM(data_key).decrypt(raw[:12], raw[12:], f"{kind}\x00{object_id}".encode())
    return json.loads(plain)
