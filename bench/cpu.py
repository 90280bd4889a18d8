"""CPU time of processes from /proc: what each measured wrk run cost the server, per process
group, independent of how busy the rest of the machine was.

`/proc/<pid>/stat` fields 14 and 15 (utime, stime) are the process's CPU time in clock ticks,
summed over all its threads (so a worker's figure includes the Sentry SDK's background
transport thread).
"""

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def ticks(pid: int) -> int | None:
    """utime + stime of `pid` in clock ticks; None when the process is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # The command name (field 2) may contain spaces and parentheses: split after its end.
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of the whole line


def group_ticks(pids: Iterable[int]) -> dict[int, int]:
    return {pid: t for pid in pids if (t := ticks(pid)) is not None}


def machine_busy_ticks() -> int:
    """Non-idle ticks of all CPUs together (first line of /proc/stat), for other load."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    # user nice system idle iowait irq softirq steal (guest time is already in user/nice)
    return sum(values[:8]) - values[3] - values[4]


def cpu_ms(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU ms the processes of a group spent between two snapshots. A process that started in
    between counts from zero; one that ended is lost (the caller checks workers stay put)."""
    return sum(t - before.get(pid, 0) for pid, t in after.items()) * TICK_MS


def settle(pids: Callable[[], Iterable[int]], *, step: float = 0.1, limit: float = 3.0) -> None:
    """Wait until the processes stop using CPU (a request still in flight, the SDK's transport
    sending what the run queued, the ingest stand-in reading it): idle time costs no CPU, so
    waiting loses nothing and keeps a run's trailing work out of the next run."""
    deadline = time.monotonic() + limit
    last = sum(group_ticks(pids()).values())
    while time.monotonic() < deadline:
        time.sleep(step)
        now = sum(group_ticks(pids()).values())
        if now == last:
            return
        last = now
