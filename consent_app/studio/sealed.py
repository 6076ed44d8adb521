"""Personal data in studio objects, sealed so that PostgreSQL never sees it in clear.

- The studio *data key* (32 random bytes, made by the founding station) reaches a new station inside
  its approval, sealed to the station's key (libsodium sealed box to the X25519 form of its Ed25519
  station key): only that station can open it.
- Fields with personal data (names, contacts, complaint details, signed records that carry them) go
  into a body as ``{"sealed": b64(nonce || AES-256-GCM(data key, JSON))}``, bound to the object's kind
  and id as associated data, so a sealed field cannot be moved to another object.
- The data key has *generations* (``datakeys.py``): revoking a station makes a new one, shared with the
  remaining stations only. A sealed field names its generation (``"LABEL:" + b64``; a field without a
  label is generation 0, the key of the approvals), sealing uses the newest generation a station holds and
  unsealing the one the field names (``MissingGeneration`` when this station does not hold it).
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


#: A station's data key generations by label ("0" for the first; "N.xxxxxxxx" for generation N).
Keyring = dict[str, bytes]


class MissingGeneration(KeyError):
    """A field sealed under a data key generation this station does not hold (yet, or ever: revoked)."""


def generation(label: str) -> int:
    return int(label.split(".", 1)[0])


def newest(keyring: Keyring) -> str:
    """The label of the newest generation held (ties between concurrent rekeys: the larger label)."""
    return max(keyring, key=lambda label: (generation(label), label))


def split(text: str) -> tuple[str, str]:
    """(label, b64 payload) of a sealed field; a field without a label is generation 0."""
    label, sep, rest = text.partition(":")
    return (label, rest) if sep else ("0", text)


def key_for(keyring: Keyring, label: str) -> bytes:
    if label not in keyring:
        raise MissingGeneration(label)
    return keyring[label]


def _ring(keys: Keyring | bytes) -> Keyring:
    return {"0": bytes(keys)} if isinstance(keys, (bytes, bytearray)) else keys  # one key: generation 0


def seal(keyring: Keyring | bytes, kind: str, object_id: str, value: object) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    keyring = _ring(keyring)
    label = newest(keyring)
    nonce = secrets.token_bytes(12)
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    text = b64(nonce + AESGCM(keyring[label]).encrypt(nonce, plain, f"{kind}\x00{object_id}".encode()))
    return text if label == "0" else f"{label}:{text}"


def unseal(keyring: Keyring | bytes, kind: str, object_id: str, sealed: str) -> object:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    keyring = _ring(keyring)
    label, text = split(sealed)
    raw = unb64(text)
    plain = AESGCM(key_for(keyring, label)).decrypt(raw[:12], raw[12:], f"{kind}\x00{object_id}".encode())
    return json.loads(plain)
