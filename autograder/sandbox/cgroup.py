"""One control group per sandbox: memory, tasks and CPU capped for the sandbox as a whole.

The zygote (root) makes the group before it forks a child (:func:`create`), the child joins it
first thing (:func:`join`, in :mod:`autograder.sandbox.child`), and the zygote removes it once
every process of the sandbox is gone (:func:`remove`). Where no group can be made (not root, a
container with a read-only ``/sys/fs/cgroup``, no memory controller), the child falls back to
per-process limits sized so that their sum stays within the budget (:mod:`.limits`).

Two layouts are understood:

- cgroup v2: a group under the zygote's own, when that group delegates ``memory`` and ``pids``
  (its ``cgroup.subtree_control`` lists them, or accepts them);
- cgroup v1: one group per controller (``memory``, ``pids``, ``cpu``) under the zygote's own in
  each hierarchy, as on hybrid machines whose unified hierarchy carries no memory controller.

Zygote-side and child-side: standard library only.
"""

from __future__ import annotations

import errno
import os
import time

PERIOD_US = 100_000  # CPU quota period


def _mounts() -> tuple[str | None, dict[str, str]]:
    """The cgroup2 mount point, and the cgroup v1 mount point of each controller."""
    v2, v1 = None, {}
    try:
        with open("/proc/self/mountinfo") as f:
            for line in f:
                left, _, right = line.partition(" - ")
                fstype, _source, options = (right.split() + ["", "", ""])[:3]
                point = left.split()[4]
                if fstype == "cgroup2" and v2 is None:
                    v2 = point
                elif fstype == "cgroup":
                    for option in options.split(","):
                        v1.setdefault(option, point)
    except OSError:
        pass
    return v2, v1


def _own() -> dict[str, str]:
    """This process's group in each hierarchy: ``""`` for cgroup v2, else a controller name."""
    own = {}
    try:
        with open("/proc/self/cgroup") as f:
            for line in f:
                _id, controllers, path = line.rstrip("\n").split(":", 2)
                for name in controllers.split(",") if controllers else [""]:
                    own[name] = path
    except (OSError, ValueError):
        pass
    return own


def _write(path: str, value: str) -> None:
    with open(path, "w") as f:
        f.write(value)


def _fresh(folder: str) -> None:
    """Make ``folder`` a group (one left by a killed zygote of this pid is reused)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass


def _bases() -> list[str]:
    """The zygote's own group in each hierarchy this module uses."""
    v2, v1 = _mounts()
    own = _own()
    bases = [os.path.join(v2, own[""].lstrip("/"))] if v2 and "" in own else []
    bases += [os.path.join(v1[c], own[c].lstrip("/")) for c in ("memory", "pids", "cpu")
              if c in v1 and c in own]
    return bases


def sweep_stale(prefix: str = "xent-kit-") -> None:
    """Remove the groups zygotes that are gone left behind (named ``<prefix><pid>-<uid>``)."""
    for base in _bases():
        try:
            names = os.listdir(base)
        except OSError:
            continue
        for name in names:
            pid = name[len(prefix):].partition("-")[0]
            if name.startswith(prefix) and pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
                remove([os.path.join(base, name)], seconds=0)


def create(name: str, memory: int, tasks: int, cpus: float) -> dict:
    """Make the group ``name`` with these limits. ``{"dirs": [...], "memory": bool, "what": str}``:
    the folders to join and remove, whether memory is capped, and a sentence for the record."""
    v2, v1 = _mounts()
    own = _own()
    quota = f"{max(1000, int(cpus * PERIOD_US))} {PERIOD_US}"
    reasons = []
    if v2 and "" in own:
        base = os.path.join(v2, own[""].lstrip("/"))
        try:
            with open(os.path.join(base, "cgroup.controllers")) as f:
                available = set(f.read().split())
            wanted = {"memory", "pids"} | ({"cpu"} & available if cpus > 0 else set())
            if not {"memory", "pids"} <= available:
                raise OSError(errno.ENOENT, f"controllers {' '.join(sorted(available)) or 'none'}")
            with open(os.path.join(base, "cgroup.subtree_control")) as f:
                enabled = set(f.read().split())
            if not wanted <= enabled:
                _write(os.path.join(base, "cgroup.subtree_control"),
                       " ".join(f"+{c}" for c in sorted(wanted - enabled)))
            folder = os.path.join(base, name)
            _fresh(folder)
            try:
                _write(os.path.join(folder, "memory.max"), str(memory))
                if os.path.exists(os.path.join(folder, "memory.swap.max")):
                    _write(os.path.join(folder, "memory.swap.max"), "0")
                _write(os.path.join(folder, "pids.max"), str(tasks))
                cpu = "cpu" in wanted
                if cpu:
                    _write(os.path.join(folder, "cpu.max"), quota)
            except OSError:
                remove([folder])
                raise
            return {"dirs": [folder], "memory": True,
                    "what": f"cgroup v2: {memory >> 20} MB, {tasks} tasks"
                            + (f", {cpus:g} CPU" if cpu else "") + " for the whole sandbox"}
        except OSError as e:
            reasons.append(f"cgroup v2 at {v2}: {e.strerror or e}")
    made, held, capped = [], [], False
    try:
        for controller in ("memory", "pids", "cpu") if cpus > 0 else ("memory", "pids"):
            if controller not in v1 or controller not in own:
                continue
            folder = os.path.join(v1[controller], own[controller].lstrip("/"), name)
            _fresh(folder)
            made.append(folder)
            if controller == "memory":
                _write(os.path.join(folder, "memory.limit_in_bytes"), str(memory))
                if os.path.exists(os.path.join(folder, "memory.memsw.limit_in_bytes")):
                    _write(os.path.join(folder, "memory.memsw.limit_in_bytes"), str(memory))
                held.append(f"{memory >> 20} MB")
                capped = True
            elif controller == "pids":
                _write(os.path.join(folder, "pids.max"), str(tasks))
                held.append(f"{tasks} tasks")
            else:
                period, _, _ = quota.partition(" ")
                _write(os.path.join(folder, "cpu.cfs_period_us"), str(PERIOD_US))
                _write(os.path.join(folder, "cpu.cfs_quota_us"), period)
                held.append(f"{cpus:g} CPU")
    except OSError as e:
        remove(made)
        reasons.append(f"cgroup v1: {e.strerror or e}")
        made, capped = [], False
    if capped:
        return {"dirs": made, "memory": True,
                "what": f"cgroup v1: {', '.join(held)} for the whole sandbox"}
    remove(made)
    if not v1 and not v2:
        reasons.append("no cgroup file system")
    elif not reasons:
        reasons.append("no memory controller")
    return {"dirs": [], "memory": False, "what": "; ".join(reasons)}


def join(dirs: list[str]) -> None:
    """Move this process into every folder of ``dirs`` (OSError if one refuses)."""
    for folder in dirs:
        _write(os.path.join(folder, "cgroup.procs"), str(os.getpid()))


def remove(dirs: list[str], seconds: float = 2.0) -> list[str]:
    """Remove the folders (their processes must be gone); the ones that stayed."""
    left = []
    for folder in dirs:
        deadline = time.monotonic() + seconds
        while True:
            try:
                os.rmdir(folder)
                break
            except FileNotFoundError:
                break
            except OSError as e:
                if e.errno != errno.EBUSY or time.monotonic() > deadline:
                    left.append(folder)
                    break
                time.sleep(0.005)  # a killed task still leaving the group
    return left
