"""Offline verifier of consent tokens (stdlib + libsodium/cryptography only; no Qt, no numpy).

from consent_app.verify import KeySet, StatusLists, Verifier
keys = KeySet.from_bytes(open("studio.jwks", "rb").read())
verifier = Verifier(keys, StatusLists.from_bytes(open("status.jwt", "rb").read(), keys))
decision = verifier.decide(token, "face_swap")
"""

from consent_app.verify.claims import Claims
from consent_app.verify.codes import VerifyError
from consent_app.verify.jose import KeySet
from consent_app.verify.statuslist import StatusLists
from consent_app.verify.verifier import Decision, Verifier

__all__ = ["Claims", "Decision", "KeySet", "StatusLists", "Verifier", "VerifyError"]
