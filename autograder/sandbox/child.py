"""The sandbox child: isolate the process, then run the submission and answer call requests.

This module runs in a process forked from the zygote (:mod:`autograder.sandbox.zygote`), a fresh
interpreter that imported only numpy, :mod:`autograder.sandbox.wire`, :mod:`.confine`,
:mod:`.limits`, :mod:`.seccomp`, :mod:`.cgroup` and this module: never the reference
solutions, the checks, the runner or any grading data. Keep it that way: import nothing else of
the grader here.

:func:`main` gets the three pipe ends the grader made (request, reply, output) and a plain-data
``spec`` (the limits, the paths to hide, the uid to become). In order, it:

1. starts its own session and resets signal handlers (``SIGXFSZ`` is ignored, so writing past
   ``RLIMIT_FSIZE`` raises ``OSError`` in student code instead of killing the child); joins the
   sandbox's control group when the zygote made one (:mod:`.cgroup`);
2. as root: enters private mount, network and IPC namespaces; when the interpreter lives under
   a directory other users cannot enter (``/root`` here), covers that directory with an empty
   tmpfs and binds back only the import paths under it, so imports keep working after the uid
   change; makes every mount read-only (``mount_setattr(AT_RECURSIVE)``, or one remount per mount
   on older kernels); mounts a small writable tmpfs on ``/tmp`` (import paths under it, such as a
   virtualenv, bound back read-only) and reduces the environment to a few variables; last, hides
   ``spec["hidden"]`` (the reference, ...) behind empty read-only tmpfs (``/dev/null`` on files);
3. keeps only its three pipes open (stdin from ``/dev/null``, stdout and stderr into the output
   pipe) and sets the resource limits (sized to share the budget when there is no cgroup);
4. as root: becomes ``spec["uid"]`` (no groups), then kills whatever an earlier sandbox of that
   uid may have left; everyone: ``PR_SET_NO_NEW_PRIVS``, dies with the zygote, installs the
   seccomp filter (:mod:`.seccomp`: no kernel keys; no SysV IPC without an IPC namespace);
5. tries to read ``spec["hidden"]`` as it now is and records what it could; refuses imports of
   the reference and of every module of the kit but its own (a meta-path finder; the mounts,
   or the file modes, are the real barrier);
6. sends ``["ready", record]``, the list of what was applied and what failed, before any student
   code runs; then reads ``["load", seq, chunks]`` (each chunk ``[label, utf8]``, its source as a
   ``uint8`` array, so code of any size crosses in the frame's body), executes the chunks in a fresh module
   ``submission`` (each compiled with its label as file name: a traceback reads
   ``File "cell 4", line 7``) and answers ``["call", seq, name, args, kwargs]`` requests and
   ``["calls", seq, name, [args, ...]]`` batches (one reply per call, numbered ``seq``,
   ``seq + 1``, ...), catching every ``BaseException``; it leaves only through ``os._exit``.
   Every reply starts with the request's ``seq``, so a frame student code writes on the reply
   pipe cannot pass for the answer to a later request; text in replies (messages, source
   lines, warnings, type names) is bounded and holds no lone surrogates.

Each step is best-effort: what could not be applied is recorded and the rest goes on; the uid
is not changed when the interpreter would no longer be readable.
"""

from __future__ import annotations

import linecache
import os
import select
import signal
import sys
import time
import traceback
import types
import warnings
import zlib

import numpy as np

from autograder.sandbox import cgroup, confine, lazy, limits, seccomp, wire

MESSAGE_CHARS = 500
TYPE_CHARS = 60  # an exception's type name, as sent
WARNINGS_KEPT = 20
CHILD_FAILED = confine.CHILD_FAILED

# -------------------------------------------------------------------------------- entry point


def main(fds: list[int], spec: dict) -> None:
    """Run in the forked child; never returns."""
    os.setsid()
    _reset_signals()
    record: list[str] = []
    grouped = _join_group(spec["cgroup"], record)
    uid = spec["uid"]  # None: not root, or os_isolation off
    reachable = uid is not None and not spec["unreachable"]
    own_ipc = sealed = False
    if uid is not None:
        mounted, own_ipc, sealed = confine.mount_namespace(spec, record)
        reachable = mounted and reachable
    _tell_sealed(spec.get("sealed_fd"), sealed)
    request, reply, used = confine.isolate_fds(*fds, spec.get("used_fd"))
    limits.apply(spec, record, reachable, grouped)
    if reachable:
        confine.drop_privileges(uid, record)
    elif uid is not None:
        blocking = spec["unreachable"] or sorted(confine.required(spec["reach"]))
        record.append(f"kept uid {os.getuid()}: the interpreter would not be readable by uid "
                      f"{uid} ({', '.join(blocking)})")
    else:
        try:
            os.chdir(spec["cwd"])
        except OSError:
            pass
    try:
        confine.prctl(confine.PR_SET_NO_NEW_PRIVS, 1)
        confine.prctl(confine.PR_SET_PDEATHSIG, signal.SIGKILL)  # after the uid change, which clears it
        record.append("no_new_privs")
        record.append(seccomp.install(own_ipc))
    except OSError as e:
        record.append(f"failed: {e}")
    if os.getppid() != spec["zygote"]:
        os._exit(CHILD_FAILED)
    confine.check_hidden(spec["hidden"], record)
    confine.hide_reference()
    lazy.install(spec.get("deferred", ()), used)  # what the zygote has not loaded yet
    _serve(request, reply, record)


def _tell_sealed(fd: int | None, sealed: bool) -> None:
    """Tell the zygote, before any student code runs, that every mount the machine shares is
    read-only here, so this sandbox's uid can leave no file in ``/tmp``, ``/var/tmp`` or
    ``/dev/shm`` and its end needs no scan of them; then close that pipe (silence means: scan)."""
    if fd is None:
        return
    try:
        if sealed:
            os.write(fd, b"1")
    finally:
        os.close(fd)


def _join_group(group: dict, record: list[str]) -> bool:
    """Enter the sandbox's control group; whether it caps the sandbox's memory."""
    if not group["dirs"]:
        record.append(f"no cgroup per sandbox ({group['what']})")
        return False
    try:
        cgroup.join(group["dirs"])
    except OSError as e:
        record.append(f"failed: joining the sandbox's cgroup: {e}")
        return False
    record.append(group["what"])
    return group["memory"]


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


# -------------------------------------------------------------------------------- protocol


def _serve(request: int, reply: int, record: list[str]) -> None:
    sys.stdin = sys.__stdin__ = open(0, "r", closefd=False)
    text = {"encoding": "utf-8", "errors": "backslashreplace", "closefd": False}
    sys.stdout = sys.__stdout__ = open(1, "w", **text)
    sys.stderr = sys.__stderr__ = open(2, "w", **text)
    streams = (sys.stdout, sys.stderr)
    _send(reply, wire.encode_parts(["ready", record]))
    try:
        op, seq, chunks = wire.recv(request)
        assert op == "load"
    except wire.WireClosed:
        os._exit(0)

    module = types.ModuleType("submission")
    sys.modules["submission"] = module
    labels = set()
    codes = []
    for label, utf8 in chunks:
        source = utf8.tobytes().decode("utf-8")
        labels.add(label)
        codes.append((label, source))
        linecache.cache[label] = (len(source), None, source.splitlines(True), label)
    chunks = record = utf8 = None

    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # each text once per line and call
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
    _reply(reply, [seq, *answer, _warning_texts(caught), time.perf_counter() - start], streams)

    frame = None
    while True:
        frame = frame or _next_request(request)
        if frame[0] == "calls":  # ["calls", first seq, name, [args, ...]]: one reply per call
            frame = _batch(module, labels, frame, request, reply, streams)
        elif frame[0] == "stop":  # ["stop", seq]: the grader closed a batch early
            _send(reply, wire.encode_parts([frame[1], "stopped"]))
            frame = None
        else:  # ["call", seq, name, args, kwargs]
            op, seq, name, args, kwargs = frame
            frame = None
            _answer(module, labels, seq, name if op == "call" else None, args, kwargs, reply,
                    streams)
            args = kwargs = None


def _next_request(request: int) -> list:
    try:
        return wire.recv(request)
    except wire.WireClosed:
        os._exit(0)


def _batch(module, labels, frame, request, reply, streams) -> list | None:
    """Answer a batch's calls in turn; the grader's stop, if one came before the last call."""
    _op, first, name, arglists = frame
    for i in range(len(arglists)):
        if i and _stop_waiting(request):
            return _next_request(request)  # the grader writes nothing else in a batch
        args, arglists[i] = arglists[i], None
        _answer(module, labels, first + i, name, args, {}, reply, streams)
    return None


def _stop_waiting(request: int) -> bool:
    """Whether the grader wrote to us in the middle of a batch (it only ever writes a stop)."""
    ready, _, _ = select.select([request], [], [], 0)
    return bool(ready)


def _answer(module, labels, seq, name, args, kwargs, reply, streams) -> None:
    """Run one call of student code and send its reply."""
    fn = module.__dict__.get(name) if name is not None else None
    if not _is_function(fn):
        what = "no function" if fn is None else f"a {type(fn).__name__}, not a function,"
        message = wire.clean_text(f"the submission defines {what} named {name!r}")
        _reply(reply, [seq, "missing", None, None, message, None, [], 0.0], streams)
        return
    before = _digests(args)
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # each text once per line and call
        try:
            value = fn(*args, **kwargs)
            answer = ["value", value, None, "", None]
        except BaseException as e:  # noqa: BLE001 - student code
            answer = _exception(e, labels)
        finally:
            seconds = time.perf_counter() - start
    changed = _changed(args, before)
    value = before = None
    _reply(reply, [seq, *answer, _warning_texts(caught), seconds, changed], streams)


def _digest(value: object) -> object:
    """What an argument holds before the call: a copy of an array's bytes (copying and
    comparing them afterwards costs less than two checksums of a large array), the CRC-32 of a
    list's repr; ``None`` for what is not followed."""
    try:
        if type(value) is np.ndarray:
            return _bytes_of(value).copy()
        if type(value) is list:
            return zlib.crc32(repr(value).encode())
    except BaseException:  # noqa: BLE001 - whatever student code left in the argument
        return None
    return None


def _bytes_of(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array).view(np.uint8).ravel()


def _unchanged(value: object, before: object) -> bool:
    try:
        if type(before) is np.ndarray:
            now = _bytes_of(value)
            if now.size != before.size:
                return False
            if now.size % 8 == 0:  # compared as 64-bit words: the same bytes, faster
                now, before = now.view(np.uint64), before.view(np.uint64)
            return bool(np.array_equal(now, before))
        return zlib.crc32(repr(value).encode()) == before
    except BaseException:  # noqa: BLE001
        return False


def _digests(args: list) -> list:
    return [_digest(a) for a in args]


def _changed(args: list, before: list) -> list | None:
    """``[index, value now]`` of the first argument the call changed in place, else ``None``."""
    for i, (a, d) in enumerate(zip(args, before)):
        if d is not None and not _unchanged(a, d):
            return [i, a]
    return None


def _is_function(value: object) -> bool:
    return callable(value) and not isinstance(value, (type, types.ModuleType))


def _exception(e: BaseException, labels: set[str]) -> list:
    """[kind, value, exc_type, message, where] for an exception raised by student code."""
    name = _type_name(type(e))
    try:
        message = wire.clean_text(str.__str__(str(e))[: 2 * MESSAGE_CHARS])
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
            where = wire.clean_text(f"{filename}, line {tb.tb_lineno}: {text}"[:200])[:200]
        tb = tb.tb_next
    return ["exception", None, name, message, where]


_NAME = type.__dict__["__name__"]
_MRO = type.__dict__["__mro__"]


def _type_name(t: type) -> str:
    """The first public class name in ``t``'s MRO, read through ``type``'s own slots (a
    metaclass cannot lie about it), at most TYPE_CHARS characters."""
    try:
        names = [_NAME.__get__(c) for c in _MRO.__get__(t)]
        name = next((n for n in names if not n.startswith("_")), names[0])
    except BaseException:  # noqa: BLE001
        return "Exception"
    name = wire.clean_text(name[: 2 * TYPE_CHARS])
    return name if len(name) <= TYPE_CHARS else name[: TYPE_CHARS - 3] + "..."


def _warning_texts(caught: list) -> list[str]:
    texts: list[str] = []
    for w in caught:
        try:
            text = wire.clean_text(f"{_type_name(w.category)}: {w.message}"[:300])[:300]
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
        answer[2] = wire.opaque(answer[2])
        if answer[1] == "value":
            reason = BaseException.__str__(e) if type(e) is wire.WireError else _type_name(type(e))
            answer[4] = wire.clean_text(
                f"the value could not be sent as plain data: {reason}")[:MESSAGE_CHARS]
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

