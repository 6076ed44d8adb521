"""spare_core: the CPUs a process may use (affinity, cgroup quota) and whether one is idle now, measured from
/proc/stat over a window, not guessed from the load average (which counts this process and lags a minute)."""

from __future__ import annotations

import os
import threading

import pytest

from consent_app import spare_core


def _stat(path, idle_ticks: list[int]) -> None:
    """A /proc/stat with one line per CPU (user nice system idle iowait ...), plus the summary line."""
    lines = [f"cpu  100 0 100 {sum(idle_ticks)} 0 0 0 0 0 0"]
    lines += [f"cpu{n} 50 0 50 {ticks} 0 0 0 0 0 0" for n, ticks in enumerate(idle_ticks)]
    path.write_text("\n".join(lines) + "\nintr 1 2 3\nctxt 5\n", encoding="ascii")


@pytest.fixture
def two_cpus(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(spare_core, "_CPU_MAX", str(tmp_path / "no-cgroup"))
    stat = tmp_path / "stat"
    monkeypatch.setattr(spare_core, "_STAT", str(stat))
    monkeypatch.setattr(os, "getloadavg", lambda: pytest.fail("the load average was read"))
    return stat


def test_the_cpus_are_the_affinity_capped_by_a_cgroup_quota(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    cpu_max = tmp_path / "cpu.max"
    monkeypatch.setattr(spare_core, "_CPU_MAX", str(cpu_max))
    assert spare_core.available_cpus() == 4  # no cgroup file
    cpu_max.write_text("max 100000\n")
    assert spare_core.available_cpus() == 4
    cpu_max.write_text("150000 100000\n")  # 1.5 CPUs of quota
    assert spare_core.available_cpus() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3})
    cpu_max.write_text("max 100000\n")
    assert spare_core.available_cpus() == 1


def test_an_idle_core_is_measured_not_read_from_the_load_average(two_cpus):
    """The other core idle for the window (while this one works): spare. Both busy: not spare. The load
    average is never read (two_cpus fails the test if it is)."""
    _stat(two_cpus, [1000, 1000])
    meter = spare_core.IdleMeter()
    _stat(two_cpus, [1000, 1000 + 10_000])  # cpu1 idle for 100 s of ticks: far more than the window
    assert meter.spare() is True
    assert meter.idle_cores >= spare_core.SPARE

    _stat(two_cpus, [1000, 1000])
    meter = spare_core.IdleMeter()
    assert meter.spare() is False  # no idle tick in the window (another process has the other core)
    assert meter.idle_cores == 0


def test_only_the_cpus_this_process_may_use_count(two_cpus, monkeypatch):
    """Idle time on a CPU outside the affinity is not a core for this process."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    _stat(two_cpus, [1000, 1000, 1000])
    meter = spare_core.IdleMeter()
    _stat(two_cpus, [1000, 1000, 50_000])  # cpu2 idle, but this process may not run there
    assert meter.spare() is False


def test_one_cpu_is_never_spare(two_cpus, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {1})
    _stat(two_cpus, [0, 0])
    meter = spare_core.IdleMeter()
    _stat(two_cpus, [0, 99_999])
    assert meter.spare() is False


def test_without_proc_stat_the_load_average_rule_is_the_fallback(two_cpus, monkeypatch):
    monkeypatch.setattr(spare_core, "_STAT", str(two_cpus.parent / "absent"))
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert spare_core.IdleMeter().spare() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (1.7, 0.4, 0.4))
    assert spare_core.IdleMeter().spare() is False


def test_a_cancelled_wait_answers_no_at_once(two_cpus, monkeypatch):
    monkeypatch.setattr(spare_core, "WINDOW", 60.0)
    _stat(two_cpus, [0, 0])
    meter = spare_core.IdleMeter()
    cancel = threading.Event()
    cancel.set()
    assert meter.spare(cancel) is False
