"""What the self-test's checks share: the run's context, a check's result, and how a check fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: ``resources/`` beside the ``consent_app`` package, in a checkout and in the packaged bundle.
RESOURCES_DIR = PACKAGE_DIR.parent / "resources"
OK, FAIL = "OK", "FAIL"


class CheckFailed(Exception):
    """A check found something wrong (its message is the one-line reason)."""


def require(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@dataclass
class Context:
    """State shared by the checks of one run (the temporary folder, the open test store)."""

    tmp: Path
    store: Any = None
    passphrase: str = ""
    qt_app: Any = None  # the QApplication and its message handler, kept alive until the run ends
    qt_handler: Any = None
    qt_messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        return f"{OK if self.ok else FAIL:<5} {self.name:<13} {self.detail} ({self.seconds:.2f} s)"


__all__ = ["FAIL", "OK", "PACKAGE_DIR", "RESOURCES_DIR", "CheckFailed", "Context", "Result", "require"]
