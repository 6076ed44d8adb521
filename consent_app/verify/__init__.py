"""Offline verifier of consent tokens (stdlib + libsodium/cryptography only; no Qt, no numpy).

from consent_app.verify import KeySet, StatusLists, Verifier
keys = KeySet.from_bytes(open("studio.jwks", "rb").read())
verifier = Verifier(keys, StatusLists.from_bytes(open("status.jwt", "rb").read(), keys))
decision = verifier.decide(token, "face_swap")

The names below load on first use (PEP 562): ``consent-verify`` imports ``consent_app.verify.cli``
through this package, and its start-up should not pay for modules before it chose how to import them
(``cli.console``).
"""

TYPE_CHECKING = False  # typing itself costs start-up time; type checkers read the block below
if TYPE_CHECKING:
    from consent_app.verify.claims import Claims
    from consent_app.verify.codes import VerifyError
    from consent_app.verify.jose import KeySet
    from consent_app.verify.statuslist import StatusLists
    from consent_app.verify.verifier import Decision, Verifier

__all__ = ["Claims", "Decision", "KeySet", "StatusLists", "Verifier", "VerifyError"]

_HOME = {"Claims": "claims", "Decision": "verifier", "KeySet": "jose", "StatusLists": "statuslist",
         "Verifier": "verifier", "VerifyError": "codes"}  # fmt: skip


def __getattr__(name: str) -> object:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = __import__(f"{__name__}.{home}", fromlist=[name])
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
