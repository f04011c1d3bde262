"""Confinement of a sandbox child, applied by :mod:`autograder.sandbox.child` before any student
code runs: private namespaces and mounts, file descriptors, the uid change and the refusal to
import the reference. Child-side: imports nothing of the grader.

Each step is best-effort: what could not be applied is appended to ``record`` (a list of
sentences the grader reads as :attr:`Sandbox.isolation`) and the rest goes on.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import signal
import sys

CHILD_FAILED = 70  # exit status of a child whose own setup failed
MIN_UID = 65536  # sandbox uids start above this: a uid's processes all get killed, never a user's
FORBIDDEN = ("solutions",)  # top-level packages submitted code may not import
#: The kit's only modules a child holds (all loaded before any student code runs); every other
#: module of the kit is refused, and its files are hidden (:func:`spawner.kit_paths`).
CHILD_MODULES = frozenset({"autograder", "autograder.sandbox", "autograder.sandbox.child",
                           "autograder.sandbox.confine", "autograder.sandbox.limits",
                           "autograder.sandbox.wire", "autograder.sandbox.seccomp",
                           "autograder.sandbox.lazy"})
KEPT_ENV = ("PATH", "LANG", "LANGUAGE", "TZ", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS")

# Linux constants (x86-64 and arm64 share the syscall number of mount_setattr)
CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWIPC = 0x00020000, 0x40000000, 0x08000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE, MNT_DETACH = 32, 4096, 16384, 1 << 18, 2
PR_SET_PDEATHSIG, PR_SET_CHILD_SUBREAPER, PR_SET_NO_NEW_PRIVS = 1, 36, 38
SYS_MOUNT_SETATTR, AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 1
_KEEP_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC,
               "noatime": 1 << 10, "nodiratime": 1 << 11, "relatime": 1 << 21}

_libc = ctypes.CDLL(None, use_errno=True)


class _MountAttr(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in ("set", "clr", "propagation", "userns_fd")]


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def prctl(option: int, value: int) -> None:
    if not hasattr(_libc, "prctl"):
        raise OSError(38, "prctl is Linux only")
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), f"prctl({option})")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    args = [None if a is None else os.fsencode(a) for a in (source, target, fstype, data or None)]
    _check(_libc.mount(*args[:3], ctypes.c_ulong(flags), args[3]), f"mount {target}")


def within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# -------------------------------------------------------------------------------- mounts


def mount_namespace(spec: dict, record: list[str]) -> tuple[bool, bool, bool]:
    """Private mounts: everything read-only, a fresh /tmp, the reference hidden. Whether the
    interpreter stays readable by another uid (so the uid may be dropped), whether the child
    has an IPC namespace of its own, and whether every mount of the machine is read-only in it
    (so nothing it does can leave a file in the folders every user shares: ``/tmp``,
    ``/var/tmp``, ``/dev/shm``; its own ``/tmp`` is a fresh tmpfs)."""
    if _libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC) == 0:
        record.append("private mount, network (no network) and IPC namespaces")
        own_ipc = True
    else:
        record.append(f"network not cut: unshare(CLONE_NEWNET): {os.strerror(ctypes.get_errno())}")
        own_ipc = False
        try:
            _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        except OSError as e:
            record.append(f"no mount namespace ({e}): nothing is hidden by mounts, files are "
                          "protected only by their modes")
            return not required(spec["reach"]), own_ipc, False
        record.append("private mount namespace")
    try:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
    except OSError as e:
        record.append(f"failed: private mounts: {e}; nothing is hidden by mounts")
        return not required(spec["reach"]), own_ipc, False
    reachable = True
    needs = required(spec["reach"])
    for top, parts in spec["reach"]:  # /home, /work, ...; /root (0700) holding the interpreter
        try:
            _cover(top, "size=64k,mode=755", parts)
            record.append(f"replaced {top} by " + (", ".join(parts) or "an empty folder"))
        except OSError as e:
            record.append(f"failed: replacing {top}: {e}")
            reachable = reachable and top not in needs
    sealed = False
    try:
        record.append(f"read-only file system ({_read_only('/')})")
        sealed = True  # later mounts are this namespace's own: /tmp and the masks
    except OSError as e:
        record.append(f"failed: read-only file system: {e}")
    needed = [n for n in spec["needed"] if within(n, "/tmp")]
    try:
        if "/tmp" in needed:
            raise OSError(1, "/tmp itself is on sys.path")
        needed = [n for n in needed if not any(n != m and within(n, m) for m in needed)]
        _cover("/tmp", f"size={spec['tmp_bytes']},mode=1777", needed)
        for path in needed:  # a venv or the kit under /tmp: there, but read-only
            _read_only(path)
        os.chdir("/tmp")
        reduce_environment()
        record.append(f"private /tmp ({spec['tmp_bytes'] >> 20} MB)"
                      + "".join(f", {n} read-only" for n in needed)
                      + ", HOME=/tmp, reduced environment")
    except OSError as e:
        record.append(f"failed: private /tmp: {e}")
    for path in spec["hidden"]:  # last: also over what was bound back
        if any(within(n, path) for n in spec["needed"]):
            record.append(f"not hidden (it holds the interpreter or the kit): {path}")
            continue
        try:
            if os.path.isdir(path):
                _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                       "size=4k,nr_inodes=1,mode=555")
            elif os.path.lexists(path):
                _mount("/dev/null", path, None, MS_BIND)
                _read_only(path)
            else:
                record.append(f"hidden {path} (out of view)")
                continue
            record.append(f"hidden {path}")
        except OSError as e:
            record.append(f"failed: hiding {path}: {e}")
    return reachable, own_ipc, sealed


def reduce_environment() -> None:
    """Keep only a few of the grader's environment variables; home and caches in /tmp."""
    env = {k: v for k, v in os.environ.items() if k in KEPT_ENV or k.startswith("LC_")}
    os.environ.clear()
    os.environ.update(env, HOME="/tmp", TMPDIR="/tmp", MPLCONFIGDIR="/tmp/.matplotlib",
                      XDG_CACHE_HOME="/tmp/.cache", XDG_CONFIG_HOME="/tmp/.config")


def required(reach: list) -> set[str]:
    """The replaced folders other uids cannot enter while imports need something under them."""
    return {top for top, parts in reach if parts and not os.stat(top).st_mode & 0o001}


def _cover(top: str, options: str, parts: list[str]) -> None:
    """Mount a fresh tmpfs on ``top``, with ``parts`` (folders under it) bound back in place."""
    fds = []
    try:  # opened in this namespace before the tmpfs hides them: a bind source must belong to it
        fds = [os.open(p, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC) for p in parts]
        _mount("tmpfs", top, "tmpfs", MS_NOSUID | MS_NODEV, options)
        try:
            for fd, path in zip(fds, parts):
                os.makedirs(path, mode=0o755, exist_ok=True)
                _mount(f"/proc/self/fd/{fd}", path, None, MS_BIND | MS_REC)
        except OSError:
            _libc.umount2(os.fsencode(top), MNT_DETACH)  # as it was, rather than half done
            raise
    finally:
        for fd in fds:
            os.close(fd)


def _read_only(path: str) -> str:
    """Make every mount at or under ``path`` read-only; how it was done."""
    attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    args = (ctypes.c_long(SYS_MOUNT_SETATTR), ctypes.c_long(AT_FDCWD),
            ctypes.c_char_p(os.fsencode(path)), ctypes.c_long(AT_RECURSIVE), ctypes.byref(attr),
            ctypes.c_long(ctypes.sizeof(attr)))
    if _libc.syscall(*args) == 0:
        return "mount_setattr"
    err = ctypes.get_errno()
    if err not in (38, 22, 1):  # ENOSYS, EINVAL, EPERM (seccomp): fall back
        raise OSError(err, f"mount_setattr: {os.strerror(err)}")
    failed = []
    with open("/proc/self/mountinfo") as f:
        mounts = [line.split()[4:6] for line in f]
    for point, options in mounts:
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), point)  # \040: a space
        if not within(point, path):
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY
        flags |= sum(_KEEP_FLAGS.get(o, 0) for o in options.split(","))
        try:
            _mount(None, point, None, flags)
        except OSError:
            failed.append(point)
    if failed:
        raise OSError(1, f"{len(failed)} mounts stayed writable: {', '.join(failed[:5])}")
    return "one remount per mount"


# -------------------------------------------------------------------------------- process


def isolate_fds(req_r: int, rep_w: int, out_w: int,
                extra: int | None = None) -> tuple[int, int, int | None]:
    """stdin from /dev/null, stdout/stderr into the output pipe, every other fd closed but the
    request and reply pipes and ``extra``; their new numbers."""
    request = fcntl.fcntl(req_r, fcntl.F_DUPFD, 3)
    reply = fcntl.fcntl(rep_w, fcntl.F_DUPFD, 3)
    out = fcntl.fcntl(out_w, fcntl.F_DUPFD, 3)
    kept = None if extra is None else fcntl.fcntl(extra, fcntl.F_DUPFD, 3)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    keep = sorted({request, reply} | ({kept} if kept is not None else set()))
    low = 3
    for fd in keep:
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, max(os.sysconf("SC_OPEN_MAX"), low + 1))
    for fd in (request, reply):
        os.set_blocking(fd, True)
    return request, reply, kept


def drop_privileges(uid: int, record: list[str]) -> None:
    try:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    except OSError as e:
        record.append(f"failed: dropping to uid {uid}: {e}")
        return
    if os.getresuid() != (uid, uid, uid) or uid < MIN_UID:  # kill(-1) as root: everything
        os._exit(CHILD_FAILED)
    record.append(f"uid {uid}")
    os.umask(0o077)  # what it writes where other sandboxes may look (no private /tmp) stays its own
    if not any(r.startswith("private /tmp") for r in record):  # no mount namespace
        os.chdir("/")
        reduce_environment()
        record.append("HOME=/tmp, reduced environment")
    try:  # what a sandbox of this uid may have left when its zygote was killed
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass


def check_hidden(paths: list[str], record: list[str]) -> None:
    """Try, as the child now is, to read what must be hidden; say what could be read."""
    readable = []
    for path in paths:
        try:
            if os.path.isdir(path):
                with os.scandir(path) as entries:
                    if next(entries, None) is None:
                        continue  # emptied (a mask), or empty
            else:
                with open(path, "rb") as f:
                    if not f.read(1):
                        continue
            readable.append(path)
        except OSError:
            continue
    if readable:
        record.append(f"READABLE from the sandbox: {', '.join(readable[:10])}"
                      + (f" and {len(readable) - 10} more" if len(readable) > 10 else ""))
    else:
        record.append(f"hidden paths unreadable from the sandbox ({len(paths)} tried)")


def _refused(name: str) -> bool:
    top = name.partition(".")[0]
    return top in FORBIDDEN or top == "autograder" and name not in CHILD_MODULES


class _RefuseReference:
    """A meta-path finder that refuses the reference package and every module of the kit but
    the child's own (and their submodules)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if _refused(name):
            raise ModuleNotFoundError(
                f"No module named {name!r}: the reference solutions and the grader are not "
                "available to submitted code", name=name)
        return None


def hide_reference() -> None:
    for name in list(sys.modules):
        if _refused(name):
            del sys.modules[name]
    sys.meta_path.insert(0, _RefuseReference())
