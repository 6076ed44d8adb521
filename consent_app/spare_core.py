"""Is a processor core idle *now*, for a second thread worth starting (:class:`IdleMeter`)?

A second thread only pays when it gets a core of its own: on a busy machine every hand-over of the GIL
waits for the other thread to be scheduled (measured for the records export: slower with the thread at
load 5-10 on 2 cores). The answer is measured, not guessed from the load average:

- the CPUs this process may run on: its affinity (``os.sched_getaffinity``), capped by a cgroup v2 CPU
  quota (``cpu.max``) when one is set;
- their idle time (``/proc/stat``, idle + iowait) over a short window that ends when the answer is asked
  for: while the caller works on one core, a core's worth of idle time means the other is free.

The one-minute load average is not used where ``/proc/stat`` can be read: it lags a minute behind and counts
this very process, so on an idle 2-core machine a process that has just worked for a few seconds sees
~1.0 on its own and a rule "at least one core below the cores" starts nothing (or flips with the noise).
Where there is no ``/proc/stat`` (macOS, Windows) the load-average rule is kept as the fallback.
"""

from __future__ import annotations

import os
import threading
import time

#: idle time, in cores, over the window for a core to count as spare (one core fully idle reads ~1.0;
#: a core shared with another busy process reads ~0)
SPARE = 0.6
#: the shortest window measured: /proc/stat counts in clock ticks (10 ms), so shorter is noise
WINDOW = 0.05

_STAT = "/proc/stat"
_CPU_MAX = "/sys/fs/cgroup/cpu.max"


def available_cpus() -> int:
    """The CPUs this process may use: its affinity, capped by a cgroup v2 quota (rounded down, at least 1)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this system
        cpus = os.cpu_count() or 1
    try:
        with open(_CPU_MAX, encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, int(quota) // int(period)))
    except (OSError, ValueError):  # no cgroup v2 CPU controller here, or no quota
        pass
    return max(1, cpus)


def _idle_seconds(cpus: set[int] | None) -> float | None:
    """Idle + iowait seconds since boot summed over ``cpus`` (all when None), or None without /proc/stat."""
    try:
        with open(_STAT, encoding="ascii") as handle:
            lines = handle.readlines()
        tick = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, AttributeError):
        return None
    total = 0
    for line in lines:
        if not line.startswith("cpu") or line.startswith("cpu "):
            continue
        name, *fields = line.split()
        if cpus is not None and int(name[3:]) not in cpus:
            continue
        total += int(fields[3]) + int(fields[4])  # idle, iowait
    return total / tick


def _affinity() -> set[int] | None:
    try:
        return set(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return None


def _load_rule(cpus: int) -> bool:
    """The fallback without /proc/stat: the one-minute load average at least one below the CPUs."""
    try:
        return os.getloadavg()[0] <= cpus - 1
    except (AttributeError, OSError):  # no load average on this system
        return cpus > 1


class IdleMeter:
    """Measures from its creation; :meth:`spare` says whether a core was idle over the window.

    Create it before the work the caller does on its own core, ask from the thread that would use the spare
    core: :meth:`spare` waits (on that thread) only for what is left of :data:`WINDOW`."""

    def __init__(self) -> None:
        self.cpus = available_cpus()
        self._set = _affinity()
        self._start = time.monotonic()
        self._idle = _idle_seconds(self._set) if self.cpus > 1 else None
        self.idle_cores: float | None = None  # what the last :meth:`spare` measured (for reports)

    def spare(self, cancel: threading.Event | None = None) -> bool:
        """Was a core idle since the meter was made? Waits out the rest of the window (``cancel`` set:
        stops waiting and answers no)."""
        if self.cpus < 2:
            return False
        if self._idle is None:
            return _load_rule(self.cpus)
        left = WINDOW - (time.monotonic() - self._start)
        if left > 0 and (cancel or threading.Event()).wait(left):
            return False
        idle = _idle_seconds(self._set)
        elapsed = time.monotonic() - self._start
        if idle is None or elapsed <= 0:
            return _load_rule(self.cpus)
        self.idle_cores = (idle - self._idle) / elapsed
        return self.idle_cores >= SPARE
