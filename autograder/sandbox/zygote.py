"""The zygote: a fresh interpreter that forks the sandbox children for one grading process.

:mod:`autograder.sandbox.spawner` starts it with ``python -I`` and an explicit ``sys.path``; it
imports numpy, :mod:`autograder.sandbox.wire`, :mod:`autograder.sandbox.child` and :mod:`.cgroup`,
nothing of the grader, then serves requests on a Unix ``SOCK_SEQPACKET`` socket, one JSON
message in, one out, in order:

``{"op": "spawn", "spec": {...}}`` with the child's three pipe ends attached (``SCM_RIGHTS``)
    forks a child (:func:`autograder.sandbox.child.main`), as root in a control group of its own
    (:mod:`.cgroup`); answers ``{"pid": ..., "uid": ...}``.
``{"op": "stop", "pid": ..., "grace": seconds}``
    waits up to ``grace`` for the child to exit by itself, kills it if not, reaps it, then kills
    everything the child left: every process of its uid (root), or every orphan that came back
    to the zygote (it is a child subreaper) and the child's process group (not root); removes its
    control group and what its uid left in ``/tmp``, ``/var/tmp`` and ``/dev/shm`` (unless the
    child said, before any student code ran, that every shared mount was read-only for it); answers
    ``{"status": wait status or null, "killed": whether it had to be killed}``.

Only the zygote kills or reaps its children, from its single thread, so a pid is never signalled
after it was reaped (and perhaps reused). Each child that drops privileges gets a uid no other
live sandbox on the machine has: ``uid_base + slot``, the slot held by binding the abstract Unix
socket ``@xent-kit-sandbox-<uid>`` for as long as the child or its cleanup runs (released by the
kernel if the zygote dies).

The zygote dies with its grader, after stopping every child as above: ``SIGTERM`` from
``PR_SET_PDEATHSIG`` (set when started from the grader's main thread: the signal follows the
thread that forked), end of file on the socket, or a changed parent pid, checked twice a second.
Its children die with it even if it is killed outright (their own ``PR_SET_PDEATHSIG``); what
they started then dies when the next sandbox of that uid starts.
"""

from __future__ import annotations

import _thread
import gc
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import time

import numpy.random  # noqa: F401 - a submission's usual imports, loaded once here, not per child

from autograder.sandbox import cgroup
from autograder.sandbox import child as _child
from autograder.sandbox import confine

#: Libraries a notebook imports at the top that cost far more to import than to grade with
#: (matplotlib.pyplot: about 0.9 s). A child that imports one gets it deferred (:mod:`.lazy`:
#: executed on first use, which graded functions seldom need), so a check never waits for a
#: library nobody calls, and tells the zygote which of them it ran. The zygote imports a library
#: itself only once a child ran it: when no request has come for :data:`IDLE_MS` (a student
#: reading feedback), or, unless the spawn asks it not to (``"preload": false``: a notebook's
#: checker, where a student waits for each grade), before forking the next child that imports
#: it (a batch), so later children start with it loaded. A class that imports pyplot and never
#: draws never pays for it. Only these: a submission never chooses what runs in the zygote
#: beyond picking from this list.
WARM = ("matplotlib", "matplotlib.pyplot", "scipy", "scipy.special", "scipy.stats",
        "scipy.optimize")
IDLE_MS = 1000
SLOTS = 4096
MIN_UID = confine.MIN_UID
_QUIT = {signal.SIGTERM, signal.SIGHUP}


def main(sock_fd: str, parent: str, deathsig: str) -> None:
    parent_pid = int(parent)
    for sig in _QUIT:  # the grader died: stop every sandbox first
        signal.signal(sig, _exit_cleanly)
    try:
        confine.prctl(confine.PR_SET_CHILD_SUBREAPER, 1)
        if deathsig == "1":
            confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass
    if os.getppid() != parent_pid:
        return
    zygote = Zygote(socket.socket(fileno=int(sock_fd)), parent_pid)
    gc.freeze()  # shared with every child, never collected there
    status = 0
    try:
        zygote.serve()  # returns, or raises SystemExit, once every child is stopped
    except SystemExit:
        pass
    except BaseException:  # noqa: BLE001 - said on stderr, as an uncaught error would be
        sys.excepthook(*sys.exc_info())
        status = 1
    sys.stderr.flush()
    os._exit(status)  # the grader waits for this exit: no teardown of the interpreter


def _exit_cleanly(*_):
    raise SystemExit(0)  # unwinds through Zygote.serve, which stops every child on its way out


def _needed_paths() -> list[str]:
    """The folders imports read from: they must stay readable in the child.

    A source checkout of the kit (a folder with ``pyproject.toml`` beside ``autograder``) counts
    as its ``autograder`` folder alone: the rest of the checkout (demo output, builds) stays out of
    view, and ``import autograder`` still finds the package in the emptied checkout.
    """
    kit = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(_child.__file__))))
    paths = []
    for entry in sys.path:
        real = os.path.realpath(entry) if entry and os.path.isabs(entry) else None
        if real == kit and os.path.isfile(os.path.join(kit, "pyproject.toml")):
            real = os.path.join(kit, "autograder")
        if real and os.path.isdir(real) and real not in paths:
            paths.append(real)
    return paths


#: Top-level folders a child keeps (read-only): the system. Every other one (``/home``,
#: ``/root``, ``/srv``, ``/var``, ``/opt``, ``/work``, ...) is replaced by an empty tmpfs with only
#: the import folders under it bound back, so student code finds no one's work anywhere on disk.
SYSTEM = frozenset({"usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32", "etc", "dev", "proc",
                    "sys", "tmp"})


def _reach_plan(needed: list[str]) -> tuple[list, list[str]]:
    """For each folder the child replaces (every top folder outside :data:`SYSTEM`, and any folder
    other users cannot enter, such as ``/root`` holding a pyenv interpreter), the needed folders
    under it, which the child binds back; and the needed folders other users cannot read."""
    plan: dict[str, list[str]] = {}
    for name in sorted(os.listdir("/")):
        top = "/" + name
        if name not in SYSTEM and os.path.isdir(top) and not os.path.islink(top):
            plan[top] = []
    unreachable = []
    for path in needed:
        if os.stat(path).st_mode & 0o005 != 0o005:
            unreachable.append(path)
            continue
        parts = path.strip("/").split("/")[:-1]
        if "/" + path.strip("/").split("/")[0] in plan:  # under a replaced top folder
            plan["/" + path.strip("/").split("/")[0]].append(path)
            continue
        for i in range(1, len(parts) + 1):
            folder = "/" + "/".join(parts[:i])
            if not os.stat(folder).st_mode & 0o001:
                plan.setdefault(folder, []).append(path)
                break
    reach = [[top, [p for p in paths if not any(p != q and confine.within(p, q) for q in paths)]]
             for top, paths in plan.items()]
    return reach, unreachable


def _user_tasks(uid: int) -> int | None:
    """Processes and threads of ``uid`` (what ``RLIMIT_NPROC`` counts), or None."""
    try:
        return sum(int(fields.get(b"Threads", b"1")) for _pid, fields in _statuses(uid))
    except OSError:
        return None


def _statuses(uid: int):
    """(pid, fields of /proc/<pid>/status) of every process of ``uid``."""
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status", "rb") as f:
                fields = dict(line.split(b":", 1) for line in f if b":" in line)
        except OSError:
            continue
        if int(fields.get(b"Uid", b"-1").split()[0]) == uid:
            yield int(name), fields


def _live_tasks(uid: int, zygote: int) -> list[int]:
    """Processes of ``uid`` other than ours that are alive, or zombies the zygote will reap."""
    found = []
    for pid, fields in _statuses(uid):
        if pid == os.getpid():
            continue
        if fields[b"State"].split()[0] != b"Z" or int(fields[b"PPid"]) == zygote:
            found.append(pid)
    return found


#: Folders every user may write to: what a sandbox without a read-only view of them left there
#: goes when it ends. One whose child said it was sealed (every mount read-only, its /tmp its
#: own) is not scanned: with thousands of entries in /tmp the scan costs 0.1-0.3 s a sandbox.
SHARED = ("/tmp", "/var/tmp", "/dev/shm")


def _remove_files_of(uid: int) -> None:
    """Remove the entries of :data:`SHARED` that belong to ``uid`` (its processes are gone)."""
    for folder in SHARED:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.stat(follow_symlinks=False).st_uid != uid:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)  # fd-based: never follows links
                else:
                    os.unlink(entry.path)
            except OSError:
                continue


def _was_sealed(fd: int) -> bool:
    """Whether the child said, before running any student code, that every shared mount was
    read-only for it (:func:`autograder.sandbox.child._tell_sealed`); closes the pipe."""
    try:
        return os.read(fd, 1) == b"1"
    except OSError:  # nothing written: it never got that far, or was not sealed
        return False
    finally:
        os.close(fd)


def _ran(fd: int) -> set[str]:
    """The :data:`WARM` modules a child said it ran (:mod:`.lazy`); anything else it wrote on
    that pipe is ignored. Closes the pipe."""
    try:
        text = os.read(fd, 1 << 12).decode("ascii", "replace")
    except OSError:  # nothing written: it ran none
        text = ""
    finally:
        os.close(fd)
    return set(text.split("\n")) & set(WARM)


def _uid_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            return int(next(line for line in f if line.startswith(b"Uid:")).split()[1])
    except (OSError, StopIteration, ValueError):
        return None


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:  # no CONFIG_PROC_CHILDREN: scan
        found = []
        for name in os.listdir("/proc"):
            try:
                with open(f"/proc/{name}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(pid)
            except (OSError, ValueError, IndexError):
                continue
        return found


class Zygote:
    def __init__(self, sock: socket.socket, parent: int):
        self.sock = sock
        self.parent = parent
        self.root = os.geteuid() == 0
        self.needed = _needed_paths()
        self.reach, self.unreachable = _reach_plan(self.needed) if self.root else ([], [])
        self.alive: dict[int, tuple[int | None, socket.socket | None]] = {}  # pid: (uid, slot)
        self.groups: dict[int, list[str]] = {}  # pid: its control group folders
        if self.root:
            cgroup.sweep_stale()
        self.exited: dict[int, int] = {}  # wait statuses of children reaped before "stop"
        self.to_warm: set[str] = set()  # WARM modules a child deferred
        self.used: set[str] = set()  # WARM modules a child ran: imported when idle or next
        # pid: the pipes on which the child says it is sealed, and names what it ran
        self.pipes: dict[int, tuple[int, int]] = {}

    def serve(self) -> None:
        poller = select.poll()
        poller.register(self.sock, select.POLLIN)
        try:
            while True:
                ready = self.to_warm & self.used
                events = poller.poll(IDLE_MS if ready else 500)
                self.reap()
                if os.getppid() != self.parent:
                    break
                if not events:
                    if ready:  # idle: nobody waits while it imports (SIGTERM stops it)
                        self.warm(sorted(ready))
                        self.to_warm -= ready
                    continue
                try:
                    message, fds, _flags, _addr = socket.recv_fds(self.sock, 1 << 16, 8)
                except OSError:
                    break
                if not message:
                    break
                signal.pthread_sigmask(signal.SIG_BLOCK, _QUIT)  # a request is never cut short
                try:
                    answer = self.handle(json.loads(message), fds)
                except Exception as e:  # noqa: BLE001 - answer, never die
                    answer = {"error": f"{type(e).__name__}: {e}"}
                finally:
                    for fd in fds:
                        os.close(fd)
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, _QUIT)
                self.sock.send(json.dumps(answer).encode())
        finally:
            signal.pthread_sigmask(signal.SIG_BLOCK, _QUIT)
            for pid in list(self.alive):
                self.stop(pid, 0.0)

    def handle(self, request: dict, fds: list[int]) -> dict:
        if request["op"] == "spawn":
            if len(fds) != 3:
                raise ValueError("a spawn request carries three fds")
            return self.spawn(request["spec"], fds)
        if request["op"] == "stop":
            return self.stop(int(request["pid"]), float(request["grace"]))
        raise ValueError(f"unknown request {request['op']!r}")

    # ---------------------------------------------------------------------------- children

    def warm(self, imports: list) -> None:
        for name in imports:
            if name in WARM and name not in sys.modules:
                os.environ.setdefault("MPLBACKEND", "Agg")
                try:
                    __import__(name)
                except Exception:  # noqa: BLE001 - not installed, or broken: the child will say
                    pass

    def spawn(self, spec: dict, fds: list[int]) -> dict:
        imports = spec.get("imports", ())
        if spec.get("preload", True):  # a second child wants what one ran: a batch
            self.warm([n for n in imports if n in self.to_warm and n in self.used])
        deferred = [n for n in imports if n in WARM and n not in sys.modules]
        self.to_warm = {n for n in self.to_warm if n not in sys.modules} | set(deferred)
        uid, slot = None, None
        if spec["isolate"] and self.root:  # fail closed: never run a submission as root by accident
            uid, slot = self.slot(int(spec["uid_base"]))
        why = "no uid of its own" if uid is None else "not asked"
        group = {"dirs": [], "memory": False, "what": why}
        if uid is not None and spec["use_cgroup"]:
            group = cgroup.create(f"xent-kit-{os.getpid()}-{uid}", int(spec["memory_bytes"]),
                                  int(spec["processes"]), float(spec["cpus"]))
        sealed_r, sealed_w = os.pipe()
        used_r, used_w = os.pipe()
        os.set_blocking(used_w, False)  # whatever the submission writes there, it never waits
        spec = {**spec, "uid": uid, "cgroup": group, "zygote": os.getpid(), "needed": self.needed,
                "deferred": deferred, "sealed_fd": sealed_w, "used_fd": used_w,
                "reach": self.reach, "unreachable": self.unreachable,
                "tasks": None if self.root else _user_tasks(os.getuid())}
        try:
            pid = os.fork()
        except OSError:
            for fd in (sealed_r, sealed_w, used_r, used_w):
                os.close(fd)
            raise
        if pid == 0:
            try:
                os.close(sealed_r)
                os.close(used_r)
                _child.main(fds, spec)
            except BaseException:  # noqa: BLE001
                _child.report_failure()
            finally:
                os._exit(_child.CHILD_FAILED)
        os.close(sealed_w)
        os.close(used_w)
        os.set_blocking(sealed_r, False)
        os.set_blocking(used_r, False)
        self.alive[pid] = (uid, slot)
        self.groups[pid] = group["dirs"]
        self.pipes[pid] = (sealed_r, used_r)
        return {"pid": pid, "uid": uid}

    def slot(self, base: int) -> tuple[int, socket.socket]:
        """A uid no live sandbox on this machine has, held by binding an abstract socket (children
        live in their own network namespace, so they cannot bind or see these names)."""
        if base < MIN_UID:
            raise ValueError(f"uid_base {base} is below {MIN_UID}: it could be a real user's")
        lock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        first = int.from_bytes(os.urandom(2), "little") % SLOTS  # not the slot a dead zygote left
        for i in range(SLOTS):
            uid = base + (first + i) % SLOTS
            try:
                lock.bind(f"\0xent-kit-sandbox-{uid}")
                return uid, lock
            except OSError:
                continue
        lock.close()
        raise OSError(f"no free sandbox uid in {base}..{base + SLOTS - 1}")

    def reap(self) -> list[int]:
        """Reap every exited child; keep the statuses of sandbox children, list the others."""
        others = []
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return others
            if pid == 0:
                return others
            if pid in self.alive:
                self.exited[pid] = status
            else:
                others.append(pid)

    def stop(self, pid: int, grace: float) -> dict:
        if pid not in self.alive:
            return {"status": self.exited.pop(pid, None), "killed": False}
        uid, slot = self.alive[pid]
        if grace > 0 and pid not in self.exited:
            self.wait_for(pid, grace)
        killed = pid not in self.exited
        try:  # its session: all there is when it kept root (its uid may not have been dropped)
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        if killed:
            os.kill(pid, signal.SIGKILL)  # not reaped yet: still our child, not a stranger
            self.exited[pid] = os.waitpid(pid, 0)[1]
        status = self.exited.pop(pid)
        del self.alive[pid]
        # Once the child is reaped, whatever it started that still exists is one of our children
        # (we are its subreaper) or descends from one: none of them, nothing to sweep.
        leftovers = [p for p in _children(os.getpid()) if p not in self.alive]
        if uid is not None and any(_uid_of(p) == uid for p in leftovers):
            self.sweep_uid(uid)
        if leftovers:
            self.sweep_orphans()
        cgroup.remove(self.groups.pop(pid, []))
        sealed_r, used_r = self.pipes.pop(pid)
        sealed = _was_sealed(sealed_r)
        self.used |= _ran(used_r)
        if uid is not None and not sealed:
            _remove_files_of(uid)
        if slot is not None:
            slot.close()
        return {"status": status, "killed": killed}

    def wait_for(self, pid: int, seconds: float) -> None:
        """Give a child up to ``seconds`` to exit by itself (its pidfd is readable once it has)."""
        poller = select.poll()
        try:
            fd = os.pidfd_open(pid)
            poller.register(fd, select.POLLIN)
        except (AttributeError, OSError):
            fd = None
        deadline = time.monotonic() + seconds
        try:
            while pid not in self.exited and time.monotonic() < deadline:
                if fd is None:
                    time.sleep(0.002)
                else:
                    poller.poll(max(1, int((deadline - time.monotonic()) * 1000)))
                self.reap()
        finally:
            if fd is not None:
                os.close(fd)

    def sweep_uid(self, uid: int) -> None:
        """Kill every process of ``uid``, while we reap what comes back to us (a subreaper).

        A helper becomes ``uid`` and calls ``kill(-1, SIGKILL)``: one pass reaches every process
        of the uid, and a fork in flight fails once its parent has the signal pending. It then
        checks that nothing of the uid is left, zombies included (they count against
        ``RLIMIT_NPROC``): with ``RLIMIT_NPROC`` at 2, it can start a thread only if it is alone.
        (``kill(-1)`` itself cannot tell: it succeeds whenever some process exists at all.) If
        it is not alone, a scan of ``/proc`` tells whether what is left is only zombies that are
        not ours (left by a zygote that was killed, waiting for init to reap them): those are done.
        """
        zygote = os.getpid()
        helper = os.fork()
        if helper == 0:
            try:
                os.setgroups([])
                os.setresgid(uid, uid, uid)
                os.setresuid(uid, uid, uid)
                if os.getresuid() == (uid, uid, uid) and uid >= MIN_UID:  # never kill(-1) as root
                    resource.setrlimit(resource.RLIMIT_NPROC, (2, 2))
                    deadline = time.monotonic() + 5
                    while time.monotonic() < deadline:
                        os.kill(-1, signal.SIGKILL)
                        try:
                            _thread.start_new_thread(os.getpid, ())
                            os._exit(0)
                        except RuntimeError:  # EAGAIN: some process of the uid is still there
                            pass
                        if not _live_tasks(uid, zygote):
                            os._exit(0)
                        time.sleep(0.001)
            finally:
                os._exit(1)
        while helper not in self.reap():
            time.sleep(0.0002)

    def sweep_orphans(self) -> None:
        """Kill the orphans that came back to us, but those of another live sandbox's uid (they
        are that sandbox's business): without a uid of its own, what a child left in another
        session can only be found this way."""
        others = {uid for uid, _slot in self.alive.values() if uid is not None}
        for _ in range(100):
            orphans = [p for p in _children(os.getpid())
                       if p not in self.alive and _uid_of(p) not in others]
            if not orphans:
                return
            for pid in orphans:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            for pid in orphans:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass
