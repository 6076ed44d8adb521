"""What blocked the GUI thread, and during which action (a bench tool; never loaded by the app).

A 5 ms ``Heartbeat`` timer on the GUI thread measures the blocks: a gap between two ticks, minus
the period, is a time the GUI thread could not have answered the user. Each gap carries the bench's
current *action* (``app.action``). A ``StackSampler`` thread looks at the GUI thread while the
heartbeat is overdue and keeps its Python stack (``sys._current_frames``) every few ms, with the
event the GUI thread began last (``ProbedApplication``'s event filter). Qt's C++ code holds Python's
GIL, so a block spent in it (a layout, a paint, an image scaled) leaves no sample; if the GUI
thread's stack stands still, the other threads' stacks say which one was busy. ``SlowCalls``
(``--explain``) profiles the GUI thread's calls, C calls included, and names the calls that cover
each long block, at the price of slowing Python down.
"""

from __future__ import annotations

import collections
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

HEARTBEAT_MS = 5
ROOT = str(Path(__file__).resolve().parents[1])


@dataclass
class Gap:
    """A heartbeat gap: the GUI thread could not run its timer for ``ms`` (minus the period)."""

    start: float
    end: float
    action: str
    cpu: float = 0.0  # the GUI thread's own CPU time in the gap (the rest: waiting for the GIL or a core)
    calls: list[str] = field(default_factory=list)  # with --explain: the calls covering the block
    stacks: list[str] = field(default_factory=list)  # the GUI thread's code, one line per sample
    others: list[str] = field(default_factory=list)  # busy other threads, when the GUI thread stood still

    @property
    def block_ms(self) -> float:
        return max(0.0, (self.end - self.start) * 1000 - HEARTBEAT_MS)


def _event_name(event) -> str:
    try:
        return QEvent.Type(event.type()).name
    except ValueError:
        return str(int(event.type()))


def _where(frame, depth: int = 4) -> str:
    """The innermost ``depth`` frames of the project's code (or anything, when none), innermost last."""
    own, rest = [], []
    while frame is not None:
        path = frame.f_code.co_filename
        here = f"{Path(path).name}:{frame.f_lineno} {frame.f_code.co_name}"
        if path.startswith(ROOT) and "/.venv/" not in path:
            own.append(here)
        elif not own:
            rest.append(here)
        frame = frame.f_back
    picked = own[:depth] if own else rest[:depth]
    inner = rest[0] if own and rest else ""
    return " < ".join(([inner] if inner else []) + picked)


class ProbedApplication(QApplication):
    """The application, with the bench's current action and the event the GUI thread began last.

    With ``name_events()``, an application event filter sees every event before it is delivered: a
    block with no Python stack sampled (Qt's C++ code holding the GIL, e.g. a layout or a paint) is
    named by its event. It is off by default: a Python call for every event needs the GIL each time.
    """

    def __init__(self, argv) -> None:
        super().__init__(argv)
        self.action = ""
        self.last_event = ""
        self._filter = None

    def name_events(self) -> None:
        """Note each event's type and receiver (``--explain`` only: a Python call for every event)."""
        self._filter = _EventNamer(self)
        self.installEventFilter(self._filter)


class _EventNamer(QObject):
    def __init__(self, app: ProbedApplication) -> None:
        super().__init__()
        self.app = app

    def eventFilter(self, obj, event) -> bool:
        self.app.last_event = f"{_event_name(event)} → {type(obj).__name__}"
        return False


class SlowCalls:
    """``sys.setprofile`` on the GUI thread: every Python or C call that took ``min_ms`` or more.

    It slows Python code down, so it runs only with ``--explain`` (never for the bench's figures).
    """

    def __init__(self, min_ms: float = 15.0) -> None:
        self.min = min_ms / 1000
        self.calls: list[tuple[float, float, int, str]] = []  # start, end, depth, what
        self._stack: list[tuple[float, str]] = []

    def start(self) -> SlowCalls:
        sys.setprofile(self._profile)
        return self

    def stop(self) -> None:
        sys.setprofile(None)

    def _profile(self, frame, event, arg) -> None:
        if event == "call" or event == "c_call":
            if event == "call":
                code = frame.f_code
                what = f"{Path(code.co_filename).name}:{code.co_firstlineno} {code.co_name}"
            else:
                owner = getattr(arg, "__self__", None)
                owner_name = type(owner).__name__ if owner is not None else getattr(arg, "__module__", "")
                what = f"{owner_name}.{getattr(arg, '__name__', '?')}"
            self._stack.append((time.perf_counter(), what))
        elif event in ("return", "c_return", "c_exception") and self._stack:
            start, what = self._stack.pop()
            end = time.perf_counter()
            if end - start >= self.min:
                self.calls.append((start, end, len(self._stack), what))

    def inside(self, start: float, end: float, share: float = 0.5) -> list[str]:
        """The chain of calls, outermost first, each covering ``share`` of the block [start, end]."""
        need = (end - start) * share
        chain = [c for c in self.calls if c[0] < end and c[1] > start
                 and min(end, c[1]) - max(start, c[0]) >= need]
        chain.sort(key=lambda c: c[2])
        return [f"{(c[1] - c[0]) * 1000:.0f} ms {c[3]}" for c in chain]


class Heartbeat:
    """A 5 ms timer on the GUI thread; every gap between its ticks is recorded with the action."""

    def __init__(self, app: ProbedApplication) -> None:
        self.app = app
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[Gap] = []
        self.last = 0.0
        self.last_cpu = 0.0
        self.running = False

    def start(self) -> None:
        self.gaps.clear()
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.running = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.running = False

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append(Gap(self.last, now, self.app.action, cpu - self.last_cpu))
        self.last, self.last_cpu = now, cpu

    def since(self, index: int) -> list[Gap]:
        return self.gaps[index:]

    @staticmethod
    def max_block_ms(gaps: list[Gap]) -> float:
        return max((g.block_ms for g in gaps), default=0.0)

    @staticmethod
    def p99_ms(gaps: list[Gap]) -> float:
        ordered = sorted((g.end - g.start) * 1000 for g in gaps)
        return ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0


class StackSampler:
    """Samples the GUI thread's Python stack every ``period`` s while the heartbeat is overdue."""

    def __init__(self, beat: Heartbeat, after_ms: float = 25.0, period: float = 0.004) -> None:
        self.beat = beat
        self.app = beat.app
        self.after = after_ms / 1000
        self.period = period
        self.gui = threading.main_thread().ident
        self.samples: list[tuple[float, str, str]] = []  # (time, GUI thread's code, busy others)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gui-stack-sampler", daemon=True)

    def start(self) -> StackSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def _run(self) -> None:
        last_gui = None
        while not self._stop.wait(self.period):
            if not self.beat.running:
                continue
            now = time.perf_counter()
            if now - self.beat.last < self.after:
                last_gui = None
                continue
            frames = sys._current_frames()
            gui = frames.get(self.gui)
            if gui is None:
                continue
            where = _where(gui) + (f" [{self.app.last_event}]" if self.app.last_event else "")
            others = ""
            if where == last_gui:  # the GUI thread stands still: who else is running Python code?
                busy = collections.Counter()
                for ident, frame in frames.items():
                    if ident in (self.gui, threading.get_ident()):
                        continue
                    text = _where(frame, 2)
                    if not any(idle in text for idle in ("wait", "_wait_for_tstate_lock", "get ")):
                        busy[text] += 1
                others = " | ".join(busy)
            last_gui = where
            self.samples.append((now, where, others))


def attribute(gaps: list[Gap], samples, slow: SlowCalls | None = None, over_ms: float = 20.0) -> None:
    """Fill each long gap's stack samples and (with ``slow``) the calls that covered it."""
    for gap in gaps:
        if gap.block_ms < over_ms:
            continue
        inside = [s for s in samples if gap.start <= s[0] <= gap.end]
        gap.stacks = [s[1] for s in inside]
        gap.others = [s[2] for s in inside if s[2]]
        if slow is not None:
            gap.calls = slow.inside(gap.start + HEARTBEAT_MS / 1000, gap.end)


def report(gaps: list[Gap], top: int = 8, over_ms: float = 30.0) -> list[str]:
    """The longest gaps, each with its action, the calls covering it and the code sampled."""
    lines = []
    for gap in sorted(gaps, key=lambda g: g.block_ms, reverse=True)[:top]:
        if gap.block_ms < over_ms and lines:
            break
        lines.append(f"  {gap.block_ms:6.1f} ms during '{gap.action}' "
                     f"(GUI thread's own CPU {gap.cpu * 1000:.0f} ms)")
        for text in gap.calls[-4:]:
            lines.append(f"           in {text}")
        for text, count in collections.Counter(gap.stacks).most_common(3):
            lines.append(f"           {count}× at {text}")
        for text, count in collections.Counter(gap.others).most_common(2):
            lines.append(f"           {count}× GUI thread still; busy: {text}")
        if not gap.stacks and not gap.calls:
            lines.append("           no Python code sampled: Qt's C++ code or another thread held the GIL")
    return lines


def per_action(gaps: list[Gap]) -> list[str]:
    """The longest block of each action, in the order the actions ran."""
    worst: dict[str, Gap] = {}
    for gap in gaps:
        if gap.action not in worst or gap.block_ms > worst[gap.action].block_ms:
            worst[gap.action] = gap
    return [f"  {g.block_ms:6.1f} ms (own CPU {g.cpu * 1000:4.0f} ms)  {action}"
            for action, g in worst.items()]
