"""Run one command as the init of a PID namespace (or as a subreaper), then list what it left.

    python nsinit.py xent-hostile-init RESULT.json SECONDS -- COMMAND...

The tamper test starts this under ``unshare --pid --fork --mount-proc`` so that a submission that
kills every process it can see (``tamper/kill_everything.py`` looks for the marker argument in
``/proc/1/cmdline`` before it fires) only sees the grader, never the test runner or the machine.
Without a namespace it still works as a child subreaper: orphans of the command are reparented
to it, so whatever the command leaves behind is still found.

It runs COMMAND in a session of its own (killing it after SECONDS), reaps orphans, waits a second after the command
exits, then writes RESULT.json: ``{"returncode", "seconds", "leftover": [{"pid", "ppid",
"state", "comm", "cmdline"}]}``, SIGKILLs the leftovers and exits.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import sys
import time

GRACE = 1.0  # seconds between the command's exit and the process listing
MEMORY_CAP = 12 << 30  # address space per process: a safety net under any sandbox limit
PR_SET_CHILD_SUBREAPER = 36


def _stat(pid: int) -> tuple[str, int] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return fields[0], int(fields[1])
    except (OSError, IndexError, ValueError):
        return None


def _read(pid: int, name: str) -> str:
    try:
        with open(f"/proc/{pid}/{name}", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()[:200]
    except OSError:
        return ""


def descendants() -> list[dict]:
    """Every live (non-zombie) process below this one."""
    me = os.getpid()
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != me:
            stat = _stat(int(name))
            if stat:
                table[int(name)] = stat
    below = set()
    changed = True
    while changed:
        changed = False
        for pid, (_state, ppid) in table.items():
            if pid not in below and (ppid == me or ppid in below):
                below.add(pid)
                changed = True
    return [{"pid": pid, "ppid": table[pid][1], "state": table[pid][0],
             "comm": _read(pid, "comm"), "cmdline": _read(pid, "cmdline")}
            for pid in sorted(below) if table[pid][0] not in "ZX"]


def reap() -> dict[int, int]:
    statuses = {}
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return statuses
        if pid == 0:
            return statuses
        statuses[pid] = status


def main(argv: list[str]) -> int:
    marker, result, seconds, dash, *command = argv
    assert marker == "xent-hostile-init" and dash == "--" and command
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()  # its own session and process group: a test may killpg it
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    returncode = None
    deadline = start + float(seconds)
    while returncode is None:
        status = reap().get(pid)
        if status is not None:
            returncode = os.waitstatus_to_exitcode(status)
        elif time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            returncode = "timeout"
        else:
            time.sleep(0.02)
    elapsed = time.monotonic() - start
    end = time.monotonic() + GRACE
    while time.monotonic() < end:
        reap()
        time.sleep(0.02)
    leftover = descendants()
    with open(result, "w") as f:
        json.dump({"returncode": returncode, "seconds": elapsed, "leftover": leftover}, f)
    for _ in range(50):  # until nothing is left (a leftover may fork while we kill)
        remaining = descendants()
        if not remaining:
            break
        for proc in remaining:
            try:
                os.kill(proc["pid"], signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.05)
        reap()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
