"""The sandbox's limits: what the grader asks for (:class:`Limits`) and how a child applies the
per-process ones to itself (:func:`apply`). Imported by the child too: standard library only.

Memory, tasks and CPU are budgets for the sandbox as a whole. As root they are held by a control
group per sandbox (:mod:`.cgroup`) when one can be made; otherwise by per-process limits sized so
that their sum stays within the budget: at most ``fallback_processes`` tasks (``RLIMIT_NPROC``,
exact under the sandbox's own uid), each with ``memory_bytes / fallback_processes`` of address
space. Without a uid of its own (a student's own run) the limits are per process only.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass

@dataclass(frozen=True)
class Limits:
    call_seconds: float = 5.0  # wall time per call
    load_seconds: float = 10.0  # wall time to execute the module
    submission_seconds: float = 120.0  # wall time for all calls of one submission (the runner)
    submission_cpu_seconds: float = 120.0  # RLIMIT_CPU in the child
    memory_bytes: int = 4 * 1024**3  # memory of the whole sandbox (also RLIMIT_AS per process)
    output_bytes: int = 64 * 1024  # captured stdout + stderr kept
    processes: int = 64  # processes and threads the sandbox may run at once
    fallback_processes: int = 4  # without a cgroup: fewer tasks, memory_bytes shared among them
    cpus: float = 1.0  # CPU time per second of wall time, the whole sandbox (cgroup); 0: no cap
    cgroup: bool = True  # False: the per-process fallback even where a cgroup could be made
    file_bytes: int = 16 * 1024**2  # RLIMIT_FSIZE: largest file it may write (EFBIG beyond)
    open_files: int = 256  # RLIMIT_NOFILE
    tmp_bytes: int = 64 * 1024**2  # size of its private, writable /tmp (root)
    hidden_paths: tuple[str, ...] = ()  # files and folders masked (root), besides the reference
    # Root: the sandbox runs as uid_base + slot, in systemd's unused range 1879048192-2147352575
    # (clear of real users, DynamicUser and container ranges); every process of that uid is
    # killed when the sandbox ends, so the range must not belong to anyone else.
    uid_base: int = 1_900_000_000
    os_isolation: bool = True  # False: no namespace and no uid change even as root
    # A heavy import a child defers (matplotlib, scipy: zygote.WARM) is loaded by the zygote once
    # some child has run it: when idle, and before forking the next child that imports it;
    # False: only when idle (a notebook's checker, where a grade would wait about a second).
    preload: bool = True


def apply(spec: dict, record: list[str], own_uid: bool, grouped: bool) -> None:
    """Set the resource limits of ``spec`` in this (child) process; say what held in ``record``.
    ``grouped``: the child is in a control group that caps the sandbox's memory."""
    cpu = max(1, int(spec["cpu_seconds"] + 0.999))
    memory, tasks = spec["memory_bytes"], spec["processes"]
    if own_uid and not grouped:  # the budget shared among fewer tasks
        tasks = max(1, min(tasks, spec["fallback_processes"]))
        memory //= tasks
        record.append(f"no cgroup: {memory >> 20} MB per process, at most {tasks} tasks "
                      f"({spec['memory_bytes'] >> 20} MB in all)")
    elif not grouped:
        record.append(f"no cgroup: {memory >> 20} MB per process (no total: no uid of its own)")
    wanted = [
        ("cpu", resource.RLIMIT_CPU, cpu, cpu + 1),
        ("memory", resource.RLIMIT_AS, memory, memory),
        ("core", resource.RLIMIT_CORE, 0, 0),
        ("file size", resource.RLIMIT_FSIZE, spec["file_bytes"], spec["file_bytes"]),
        ("open files", resource.RLIMIT_NOFILE, spec["open_files"], spec["open_files"]),
    ]
    if own_uid:  # counts exactly this sandbox's processes and threads
        wanted.append(("processes", resource.RLIMIT_NPROC, tasks, tasks))
    elif spec["tasks"] is not None and os.getuid() != 0:  # the user's other tasks count too
        n = spec["tasks"] + spec["processes"]
        wanted.append(("processes", resource.RLIMIT_NPROC, n, n))
    applied, failed = [], []
    for name, which, soft, hard in wanted:
        _, current = resource.getrlimit(which)
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        try:
            resource.setrlimit(which, (soft, hard))
            applied.append(name)
        except (ValueError, OSError):
            failed.append(name)
    failures = f" (failed: {', '.join(failed)})" if failed else ""
    record.append(f"limits: {', '.join(applied)}{failures}")

