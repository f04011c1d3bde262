"""What grading costs the grader, and what a sandbox leaves in the kernel.

:class:`Sampler` watches the grader's own processes (a command and its descendants, not those of
the sandbox uids) for their peak resident memory and CPU time; :func:`grader_cost` grades one
trick alone under it; :func:`sandbox_keys` counts the kernel keys the sandbox uids hold.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

SANDBOX_UIDS = range(1_900_000_000, 1_900_000_000 + (1 << 20))  # Limits.uid_base and up


def _proc_stat(pid: str) -> tuple[int, int, float, int] | None:
    """(parent pid, uid, CPU seconds, start time in clock ticks) of a process, or None once it
    is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        uid = os.stat(f"/proc/{pid}").st_uid
    except (OSError, IndexError):
        return None
    return (int(fields[1]), uid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"),
            int(fields[19]))


def _peak_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) << 10
    except OSError:
        pass
    return 0


class Sampler:
    """Watch the grader's own processes (descendants of ``root`` that are not sandbox uids):
    the largest peak resident memory of any of them, and their CPU time added up."""

    def __init__(self, root: int, every: float = 0.1):
        self.root, self.every = root, every
        self.peak_rss, self._cpu, self._stop = 0, {}, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    @property
    def cpu(self) -> float:
        return round(sum(self._cpu.values()), 2)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        # A process is known by its pid and start time: pids are reused quickly on a busy machine
        # (pid_max may be 32768, and a fork bomb runs through them), and a reused pid of a
        # descendant that exited must not bring an unrelated process (and its memory) in.
        ours: set[tuple[int, int]] = set()
        while not self._stop.is_set():
            table = {int(p): st for p in os.listdir("/proc") if p.isdigit()
                     and (st := _proc_stat(p)) is not None}
            if not ours and self.root in table:
                ours.add((self.root, table[self.root][3]))
            for pid, (ppid, uid, cpu, start) in sorted(table.items()):
                parent = table.get(ppid)
                if (pid, start) in ours or (parent and (ppid, parent[3]) in ours):
                    ours.add((pid, start))
                    if uid not in SANDBOX_UIDS:
                        key = f"{pid}:{start}"
                        self._cpu[key] = max(cpu, self._cpu.get(key, 0.0))
                        self.peak_rss = max(self.peak_rss, _peak_rss(pid))
            self._stop.wait(self.every)


def grader_cost(trick, folder: Path, timeout: float = 240) -> tuple[int, float, float]:
    """Grade ``trick`` alone (one worker) and return the grader's own (peak resident bytes,
    CPU seconds), and the wall time."""
    subs, out = folder / "submissions", folder / "out"
    subs.mkdir(parents=True)
    trick.write(subs)
    start = time.perf_counter()
    from .harness import env, grade_command

    proc = subprocess.Popen(grade_command(subs, out, jobs=1) + ["--quiet"], cwd=folder,
                            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with Sampler(proc.pid) as usage:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return usage.peak_rss, usage.cpu, time.perf_counter() - start


def sandbox_keys() -> dict[int, int]:
    """Kernel keys held by sandbox uids (``/proc/key-users``: uid -> number of keys)."""
    try:
        with open("/proc/key-users") as f:
            rows = [line.split() for line in f if line.strip()]
    except OSError:
        return {}
    found = {}
    for row in rows:
        uid = int(row[0].rstrip(":"))
        if uid in SANDBOX_UIDS:
            found[uid] = int(row[2].split("/")[0])
    return found
