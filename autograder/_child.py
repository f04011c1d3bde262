"""The sandbox child: isolate the process, then run the submission and answer call requests.

This module runs in a process forked from the zygote (:mod:`autograder._zygote`), a fresh
interpreter that imported only numpy, :mod:`autograder.wire` and this module: never the reference
solutions, the checks, the runner or any grading data. Keep it that way: import nothing else of
the grader here.

:func:`main` gets the three pipe ends the grader made (request, reply, output) and a plain-data
``spec`` (the limits, the paths to hide, the uid to become). In order, it:

1. starts its own session and resets signal handlers (``SIGXFSZ`` is ignored, so writing past
   ``RLIMIT_FSIZE`` raises ``OSError`` in student code instead of killing the child);
2. as root: enters private mount, network and IPC namespaces; when the interpreter lives under
   a directory other users cannot enter (``/root`` here), covers that directory with an empty
   tmpfs and binds back only the import paths under it, so imports keep working after the uid
   change; makes every mount read-only (``mount_setattr(AT_RECURSIVE)``, or one remount per mount
   on older kernels); mounts a small writable tmpfs on ``/tmp`` (import paths under it, such as a
   virtualenv, bound back read-only) and reduces the environment to a few variables; last, hides
   ``spec["hidden"]`` (the reference, ...) behind empty read-only tmpfs (``/dev/null`` on files);
3. keeps only its three pipes open (stdin from ``/dev/null``, stdout and stderr into the output
   pipe) and sets the resource limits;
4. as root: becomes ``spec["uid"]`` (no groups), then kills whatever an earlier sandbox of that
   uid may have left; everyone: ``PR_SET_NO_NEW_PRIVS``, dies with the zygote;
5. refuses imports of the reference (a meta-path finder; the mount is the real barrier);
6. sends ``["ready", record]``, the list of what was applied and what failed, before any student
   code runs; then reads ``["load", chunks]``, executes the chunks in a fresh module
   ``submission`` (each compiled with its label as file name: a traceback reads
   ``File "cell 4", line 7``) and answers ``call`` requests, catching every ``BaseException``;
   it leaves only through ``os._exit``.

Each step is best-effort: what could not be applied is recorded and the rest goes on; the uid
is not changed when the interpreter would no longer be readable.
"""

from __future__ import annotations

import ctypes
import fcntl
import linecache
import os
import re
import resource
import signal
import sys
import time
import traceback
import types
import warnings

from autograder import wire

MESSAGE_CHARS = 500
WARNINGS_KEPT = 20
CHILD_FAILED = 70  # exit status of a child whose own setup failed
MIN_UID = 65536  # sandbox uids start above this: a uid's processes all get killed, never a user's
FORBIDDEN = ("solutions",)  # top-level packages submitted code may not import
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


# -------------------------------------------------------------------------------- entry point


def main(fds: list[int], spec: dict) -> None:
    """Run in the forked child; never returns."""
    os.setsid()
    _reset_signals()
    record: list[str] = []
    uid = spec["uid"]  # None: not root, or os_isolation off
    reachable = uid is not None and not spec["unreachable"]
    if uid is not None:
        reachable = _mount_namespace(spec, record) and reachable
    request, reply = _isolate_fds(*fds)
    _set_limits(spec, record, reachable)
    if reachable:
        _drop_privileges(uid, record)
    elif uid is not None:
        record.append(f"kept uid {os.getuid()}: the interpreter would not be readable by uid "
                      f"{uid} ({', '.join(spec['unreachable']) or spec['reach'][0][0]})")
    else:
        try:
            os.chdir(spec["cwd"])
        except OSError:
            pass
    try:
        prctl(PR_SET_NO_NEW_PRIVS, 1)
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # after the uid change, which clears it
        record.append("no_new_privs")
    except OSError as e:
        record.append(f"failed: {e}")
    if os.getppid() != spec["zygote"]:
        os._exit(CHILD_FAILED)
    _hide_reference()
    _serve(request, reply, record)


def _reset_signals() -> None:
    for sig in signal.valid_signals():
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError, RuntimeError):
            pass
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    try:
        signal.set_wakeup_fd(-1)
    except ValueError:
        pass


# -------------------------------------------------------------------------------- mounts


def _mount_namespace(spec: dict, record: list[str]) -> bool:
    """Private mounts: everything read-only, a fresh /tmp, the reference hidden. True if the
    interpreter stays readable by another uid (so the uid may be dropped)."""
    if _libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC) == 0:
        record.append("private mount, network (no network) and IPC namespaces")
    else:
        record.append(f"network not cut: unshare(CLONE_NEWNET): {os.strerror(ctypes.get_errno())}")
        try:
            _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        except OSError as e:
            record.append(f"no mount namespace ({e}): nothing is hidden or read-only")
            return not _required(spec["reach"])
        record.append("private mount namespace")
    try:
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
    except OSError as e:
        record.append(f"failed: private mounts: {e}; nothing is hidden or read-only")
        return not _required(spec["reach"])
    reachable = True
    required = _required(spec["reach"])
    for top, parts in spec["reach"]:  # /home, /work, ...; /root (0700) holding the interpreter
        try:
            _cover(top, "size=64k,mode=755", parts)
            record.append(f"replaced {top} by " + (", ".join(parts) or "an empty folder"))
        except OSError as e:
            record.append(f"failed: replacing {top}: {e}")
            reachable = reachable and top not in required
    try:
        record.append(f"read-only file system ({_read_only('/')})")
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
        env = {k: v for k, v in os.environ.items() if k in KEPT_ENV or k.startswith("LC_")}
        os.environ.clear()
        os.environ.update(env, HOME="/tmp", TMPDIR="/tmp", MPLCONFIGDIR="/tmp/.matplotlib",
                          XDG_CACHE_HOME="/tmp/.cache", XDG_CONFIG_HOME="/tmp/.config")
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
    return reachable


def _required(reach: list) -> set[str]:
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


def _isolate_fds(req_r: int, rep_w: int, out_w: int) -> tuple[int, int]:
    """stdin from /dev/null, stdout/stderr into the output pipe, every other fd closed."""
    request = fcntl.fcntl(req_r, fcntl.F_DUPFD, 3)
    reply = fcntl.fcntl(rep_w, fcntl.F_DUPFD, 3)
    out = fcntl.fcntl(out_w, fcntl.F_DUPFD, 3)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    keep = sorted({request, reply})
    low = 3
    for fd in keep:
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, max(os.sysconf("SC_OPEN_MAX"), low + 1))
    for fd in (request, reply):
        os.set_blocking(fd, True)
    return request, reply


def _set_limits(spec: dict, record: list[str], own_uid: bool) -> None:
    cpu = max(1, int(spec["cpu_seconds"] + 0.999))
    wanted = [
        ("cpu", resource.RLIMIT_CPU, cpu, cpu + 1),
        ("memory", resource.RLIMIT_AS, spec["memory_bytes"], spec["memory_bytes"]),
        ("core", resource.RLIMIT_CORE, 0, 0),
        ("file size", resource.RLIMIT_FSIZE, spec["file_bytes"], spec["file_bytes"]),
        ("open files", resource.RLIMIT_NOFILE, spec["open_files"], spec["open_files"]),
    ]
    if own_uid:  # counts exactly this sandbox's processes and threads
        wanted.append(("processes", resource.RLIMIT_NPROC, spec["processes"], spec["processes"]))
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


def _drop_privileges(uid: int, record: list[str]) -> None:
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
    try:  # what a sandbox of this uid may have left when its zygote was killed
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass


class _RefuseReference:
    """A meta-path finder that refuses the reference package (and its submodules)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in FORBIDDEN:
            raise ModuleNotFoundError(
                f"No module named {name!r}: the reference solutions are not available to "
                "submitted code", name=name)
        return None


def _hide_reference() -> None:
    for name in list(sys.modules):
        if name.partition(".")[0] in FORBIDDEN or name == "autograder._zygote":
            del sys.modules[name]
    sys.meta_path.insert(0, _RefuseReference())


# -------------------------------------------------------------------------------- protocol


def _serve(request: int, reply: int, record: list[str]) -> None:
    sys.stdin = sys.__stdin__ = open(0, "r", closefd=False)
    text = {"encoding": "utf-8", "errors": "backslashreplace", "closefd": False}
    sys.stdout = sys.__stdout__ = open(1, "w", **text)
    sys.stderr = sys.__stderr__ = open(2, "w", **text)
    streams = (sys.stdout, sys.stderr)
    _send(reply, wire.encode_parts(["ready", record]))
    try:
        op, chunks = wire.recv(request)
        assert op == "load"
    except wire.WireClosed:
        os._exit(0)

    module = types.ModuleType("submission")
    sys.modules["submission"] = module
    labels = set()
    codes = []
    for label, pieces in chunks:
        source = "".join(pieces)
        labels.add(label)
        codes.append((label, source))
        linecache.cache[label] = (len(source), None, source.splitlines(True), label)
    chunks = record = None

    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        failure = None
        for label, source in codes:
            try:
                exec(compile(source, label, "exec", dont_inherit=True), module.__dict__)
            except BaseException as e:  # noqa: BLE001 - student code
                failure = e
                break
    names = [k for k, v in module.__dict__.items() if _is_function(v)]
    if failure is None:
        answer = ["value", names, None, "", None]
    else:
        answer = _exception(failure, labels)
        answer[1] = names
    _reply(reply, [*answer, _warning_texts(caught), time.perf_counter() - start], streams)

    while True:
        try:
            op, name, args, kwargs = wire.recv(request)
        except wire.WireClosed:
            os._exit(0)
        fn = module.__dict__.get(name) if op == "call" else None
        if not _is_function(fn):
            what = "no function" if fn is None else f"a {type(fn).__name__}, not a function,"
            message = f"the submission defines {what} named {name!r}"
            _reply(reply, ["missing", None, None, message, None, [], 0.0], streams)
            continue
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = fn(*args, **kwargs)
                answer = ["value", value, None, "", None]
            except BaseException as e:  # noqa: BLE001 - student code
                answer = _exception(e, labels)
            finally:
                seconds = time.perf_counter() - start
        args = kwargs = value = None
        _reply(reply, [*answer, _warning_texts(caught), seconds], streams)


def _is_function(value: object) -> bool:
    return callable(value) and not isinstance(value, (type, types.ModuleType))


def _exception(e: BaseException, labels: set[str]) -> list:
    """[kind, value, exc_type, message, where] for an exception raised by student code."""
    t = type(e)
    name = next((c.__name__ for c in t.__mro__ if not c.__name__.startswith("_")), t.__name__)
    try:
        message = str.__str__(str(e))
    except BaseException:  # noqa: BLE001
        message = "<the exception's message could not be read>"
    if len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 3] + "..."
    where = None
    tb = e.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in labels:
            text = linecache.getline(filename, tb.tb_lineno).strip()
            where = f"{filename}, line {tb.tb_lineno}: {text}"[:200]
        tb = tb.tb_next
    return ["exception", None, name, message, where]


def _warning_texts(caught: list) -> list[str]:
    texts: list[str] = []
    for w in caught:
        try:
            text = f"{w.category.__name__}: {w.message}"[:300]
        except BaseException:  # noqa: BLE001
            continue
        if text not in texts:
            texts.append(text)
            if len(texts) == WARNINGS_KEPT:
                break
    return texts


def _reply(fd: int, answer: list, streams) -> None:
    for stream in streams:
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            pass
    try:
        parts = wire.encode_parts(answer)
    except BaseException as e:  # noqa: BLE001 - too large, too deep, or a hostile object
        answer[1] = wire.opaque(answer[1])
        if answer[0] == "value":
            answer[3] = f"the value could not be sent as plain data: {e}"[:MESSAGE_CHARS]
        parts = wire.encode_parts(answer)
    _send(fd, parts)


def _send(fd: int, parts: list) -> None:
    writer = wire.FrameWriter(parts)
    try:
        while not writer.pump(fd):
            pass  # blocking fd: pump returns True or raises
    except BrokenPipeError:
        os._exit(0)


def report_failure() -> None:
    """Print the traceback of a setup failure where the grader can see it (best effort)."""
    try:
        traceback.print_exc()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001
        pass
