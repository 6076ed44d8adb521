"""Identifiers of the public token format (docs/token-format.md): changing one breaks the format."""

from __future__ import annotations

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
TOKEN_TYPE = "BiometricEditConsent"  # noqa: S105 - not a secret
STATUS_LIST_CREDENTIAL_TYPE = "BitstringStatusListCredential"
STATUS_LIST_TYPE = "BitstringStatusList"
STATUS_ENTRY_TYPE = "BitstringStatusListEntry"
STATUS_PURPOSE = "revocation"
JWS_TYP = "vc+jwt"
JWS_ALGS = ("EdDSA", "Ed25519")
#: The JWKS member of a studio's issuer declaration (verify/issuers.py).
ISSUERS_MEMBER = "consent_app:issuers"

#: The regulated edit categories, in the order the consent form shows them.
OPERATIONS = (
    "face_generation",
    "face_swap",
    "face_attribute_edit",
    "face_manipulation",
    "pose_manipulation",
    "tts_voice_clone",
    "voice_conversion",
    "voice_attribute_edit",
)

#: Largest token the verifier reads; anything longer is refused before decoding.
MAX_TOKEN_BYTES = 16 * 1024
#: Largest key set (JWKS) and status list file read; checked while reading, not from the file's size.
MAX_KEYS_BYTES = 16 * 1024 * 1024  # a studio's declaration lists revoked stations' token hashes
MAX_STATUS_BYTES = 4 * 1024 * 1024
#: Largest media file hashed for --media (generated outputs: images, clips, audio).
MAX_MEDIA_BYTES = 8 * 1024**3
#: Largest tolerated difference between the verifier's clock and the issuer's, in seconds.
MAX_CLOCK_SKEW = 60
#: A status list must hold at least this many entries (16 KiB), for herd privacy.
MIN_STATUS_LIST_BITS = 131072
