"""Run a submission in an isolated child process and answer call requests from the grader.

Children are not forked from the grader: each grading process starts one *zygote*
(:mod:`autograder.sandbox.zygote`), a fresh ``python -I`` that imports numpy, :mod:`autograder.sandbox.wire` and
:mod:`autograder.sandbox.child` and nothing else, so no child ever holds the reference solutions, the
checks, their frames or any grading data in its memory. The grader makes three pipes per child
(requests, replies, output) and hands the child's ends to the zygote over a Unix socket
(``SCM_RIGHTS``) with the limits as JSON; the zygote forks the child (about a millisecond, numpy
already loaded), reaps it, kills it on request and answers its wait status. The zygote is started
lazily, restarted if it dies, belongs to one pid (a batch worker forked from the grader starts its
own) and dies with its grader. What the child does before running student code is described in
:mod:`autograder.sandbox.child`; :attr:`Sandbox.isolation` lists what it applied and what failed.

The parent never blocks without a deadline: it writes requests to a non-blocking pipe and polls
the reply and output pipes until the call's wall time runs out. A hang is killed and reported as
``timeout``; an exit or a signal is reported as ``crash``; in both cases the next call forks a
fresh child and re-executes the module (up to ``MAX_RESPAWNS`` times), so one hang costs one
call, not the submission. A check's small calls travel as one batch (:meth:`Sandbox.calls`):
one request, then one reply per call as it returns, each call under its own limit, and a
``stop`` when the check ends at a failure, so the calls after it are skipped. Loading: the
chunks (source text, compiled in the child) run in order and loading stops at the first chunk
that raises. The load outcome is then ``"exception"`` (with ``where``), and the functions
defined before it stay callable; its ``value`` lists the callable names either way.

What is guaranteed, on Linux:

- Always: student code runs in a process that never imported the reference, the checks or the
  runner (``sys.modules``, ``gc.get_objects()`` and the frame stack hold none of it) and cannot
  ``import solutions`` (a meta-path finder refuses it); ``RLIMIT_CPU``, ``RLIMIT_AS``,
  ``RLIMIT_FSIZE``, ``RLIMIT_NOFILE``, no core dumps, ``no_new_privs``; every call has a wall-time
  limit; values cross as plain data (:mod:`autograder.wire`), never pickle, and the grader never
  runs code the child sent; the child dies with the zygote, the zygote with the grader.
- As root (the grading machine, CI), with mount namespaces available: the child has its own
  mount, network and IPC namespaces. The reference package (with its hidden-check data), the
  kit's example submissions, a source checkout's ``.git``, ``assignments`` and ``tests`` folders
  and :attr:`Limits.hidden_paths` (the runner should pass the submissions, output and course
  folders) are empty; every mount is read-only but a private ``/tmp`` (:attr:`Limits.tmp_bytes`,
  also ``HOME``); the grader's environment variables are not passed on; there is no network (not
  even loopback). It runs under its own uid, ``Limits.uid_base + slot``, unique among live
  sandboxes on the machine, with no groups: it cannot signal the grader, the zygote or another
  sandbox (``EPERM``) nor write anything outside its ``/tmp``; ``RLIMIT_NPROC``
  (:attr:`Limits.processes`) bounds exactly its processes and threads; and when it ends every
  process of that uid is killed and reaped, so nothing it started (a ``setsid`` grandchild, a
  thread, a fork bomb) outlives the submission.
- As root without mount namespaces (a container without ``CAP_SYS_ADMIN``): the uid change,
  ``RLIMIT_NPROC`` and the uid sweep still apply, unless the interpreter lives where another uid
  cannot read it (``/root``): the child then keeps root, to keep imports working, and says so.
  Nothing is hidden by mounts: :mod:`autograder.sandbox.protect` makes the protected paths
  unreadable to other uids by their modes, and ``grade`` refuses when they stay readable.
- Every level: the kit's modules but the child's own are refused to ``import``; a seccomp filter
  refuses kernel keys (and SysV IPC without an IPC namespace); as root a cgroup per sandbox caps
  its memory, tasks and CPU as a whole, or per-process limits share the budget (:mod:`.limits`).
- Not root (a student checking their own work): no namespace and no uid change, so files stay
  readable and writable as that user, and the student's code could signal the grader (its own
  process). ``RLIMIT_NPROC`` is the user's current task count plus :attr:`Limits.processes`. The
  child's process group is killed, and the zygote, a child subreaper, kills every orphan that
  comes back to it, ``setsid`` grandchildren included (with two sandboxes of one grader running
  at once, the other's orphans too).
- Not guaranteed: ``/proc`` shows other processes and their command lines; a process is not a
  boundary against kernel bugs; each step is best-effort and recorded in
  :attr:`Sandbox.isolation`, read it to know what held. If a zygote is killed outright, its
  children die but what they started lives until the next sandbox of that uid starts, and its
  zombies wait for init, counting against that uid's ``RLIMIT_NPROC`` meanwhile (slots are drawn
  at random among 4096 to make a reuse unlikely). Student code can write a forged but
  well-formed reply frame on its reply pipe (it has to hold that pipe to answer at all): the
  grader cannot tell it from a real one for the call in progress, and that does not matter,
  since the pipe only ever speaks for the submission that holds it: a forged reply can only
  claim values the student's own function could have returned; it reaches no other
  submission, nor the reference, nor the checks' expectations, which never enter the child.
  Every request carries a sequence number that its reply must repeat, so a forged frame cannot
  shift the answers of later calls: a reply out of turn is a ``crash`` of that call, and the
  child is replaced.

Replies are parsed with bounds: a frame of at most :data:`REPLY_BYTES`, any decoding error a
:class:`~autograder.sandbox.wire.WireError` (a ``crash`` outcome for that call, never an
exception in the grader), an exception type name of at most :data:`TYPE_CHARS` characters and
at most :data:`WARNINGS_KEPT` warnings of :data:`WARNING_CHARS`. The submission's code crosses as
UTF-8 bytes in the frame's body, so code of any size (the loader bounds it) can be sent.
"""

from __future__ import annotations

import fcntl
import functools
import os
import select
import signal
import time
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

import numpy as np

from autograder.loader import Submission
from autograder.sandbox import spawner, wire
from autograder.sandbox.confine import CHILD_FAILED as _CHILD_FAILED
from autograder.sandbox.limits import Limits

MAX_RESPAWNS = 20
REPLY_BYTES = 96 << 20  # the largest reply frame read from a child: a 10^5 x 100 float64
# gradient (80 MB) fits, and a forged frame still costs the grader less than 200 MB
TYPE_CHARS = 60
WARNINGS_KEPT = 20
WARNING_CHARS = 300
_PIPE_BYTES = 1 << 20
_OUT_OF_TURN = ("it sent a reply out of turn (a frame written on the grader's channel by the "
                "submission's code?)")
BATCH_CALLS = 32  # calls sent in one request frame, at most
BATCH_ITEMS = 4096  # numbers in a batch's arguments, at most (a larger call travels alone)


@dataclass(frozen=True)
class Outcome:
    """What one load or call produced, as plain data."""

    kind: str  # "value" | "exception" | "timeout" | "crash" | "missing"
    value: object = None  # decoded plain data when kind == "value" (wire.Opaque if unreadable)
    exc_type: str | None = None  # "NotImplementedError", "SystemExit", ...
    message: str = ""  # exception message or crash description
    where: str | None = None  # innermost student frame: "cell 4, line 7: return -np.sum(...)"
    warnings: tuple[str, ...] = ()  # "RuntimeWarning: divide by zero encountered in log"
    seconds: float = 0.0
    changed: tuple[int, object] | None = None  # (argument index, its value after the call)




class Sandbox:
    """One submission running in a child process. Use as a context manager.

    >>> with Sandbox(load_submission("hw.ipynb")) as box:      # doctest: +SKIP
    ...     box.load()
    ...     box.call("entropy", [0.5, 0.5])
    Outcome(kind='value', value=0.6931471805599453, ...)
    """

    def __init__(self, submission: Submission, limits: Limits = Limits()):
        self.submission = submission
        self.limits = limits
        self._chunks = [[c.label, np.frombuffer(c.code.encode("utf-8"),
                                                np.uint8)] for c in submission.chunks]
        self._seq = 0  # the number of the last request sent; its reply must repeat it
        hidden = [os.path.realpath(p) for p in (*spawner.reference_paths(), *limits.hidden_paths)]
        self._spec = {
            "isolate": limits.os_isolation, "uid_base": limits.uid_base,
            "cpu_seconds": limits.submission_cpu_seconds, "memory_bytes": limits.memory_bytes,
            "processes": limits.processes, "file_bytes": limits.file_bytes,
            "fallback_processes": limits.fallback_processes, "cpus": limits.cpus,
            "use_cgroup": limits.cgroup, "preload": limits.preload,
            "open_files": limits.open_files, "tmp_bytes": limits.tmp_bytes,
            "hidden": list(dict.fromkeys(hidden)),
            "imports": list(submission.imports),
        }
        self.isolation: tuple[str, ...] = ()  # what the last child applied, as it reported it
        self._owner = os.getpid()  # a forked copy of this object must never kill our child
        self._zygote: spawner._Zygote | None = None
        self._pid: int | None = None
        self._uid: int | None = None
        self._fds: dict[str, int] = {}
        self._reader: wire.FrameReader | None = None
        self._output = bytearray()
        self._output_dropped = 0
        self._loaded: Outcome | None = None
        self._final: Outcome | None = None  # repeated for every call once we stop respawning
        self._last_failure: Outcome | None = None
        self._respawns = 0
        self._closed = False

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # ---------------------------------------------------------------------------- public API

    def load(self) -> Outcome:
        """Execute the submission in a child (once); the outcome's value lists callable names."""
        self._check_open()
        if self._loaded is None:
            self._loaded = self._start()
            if self._loaded.kind in ("timeout", "crash"):
                message = f"loading the submission failed: {self._loaded.message}"
                self._final = replace(self._loaded, message=message)
        return self._loaded

    def call(self, function: str, *args, **kwargs) -> Outcome:
        """Call a top-level function of the submission with plain-data arguments."""
        self._check_callable(function)
        if self._pid is None:
            failure = self._revive()
            if failure is not None:
                return failure
        self._seq += 1
        seq = self._seq
        request = wire.encode_parts(["call", seq, function, list(args), kwargs], strict=True)
        return self._exchange(request, self.limits.call_seconds,
                              functools.partial(self._outcome, seq))

    def calls(self, function: str, arglists: Sequence[Sequence]) -> Iterator[Outcome]:
        """The outcomes of ``function(*args)`` for each of ``arglists``, in order, as
        :meth:`call` would give them one by one.

        Consecutive small calls travel together: one request frame carries up to
        :data:`BATCH_CALLS` argument lists of :data:`BATCH_ITEMS` numbers in all, and the child
        answers each call with its own reply frame as soon as it returns, so every call keeps
        its own wall-time limit (counted from the previous reply) and a hang or a crash still
        costs one call. Closing the iterator early (a check stops at its first failure) tells
        the child to skip the calls of the batch it has not started.
        """
        self._check_callable(function)
        arglists = [list(args) for args in arglists]
        i = 0
        while i < len(arglists):
            if self._pid is None:
                failure = self._revive()
                if failure is not None:
                    yield failure
                    i += 1
                    continue
            end = _batch_end(arglists, i)
            first, count = self._seq + 1, end - i
            self._seq += count
            request = wire.encode_parts(["calls", first, function, arglists[i:end]],
                                        strict=True)
            read, since = 0, None
            try:
                while i < end:
                    outcome = self._exchange(request if read == 0 else None,
                                             self.limits.call_seconds,
                                             functools.partial(self._outcome, first + read),
                                             since)
                    since = time.monotonic()  # when the child went on to its next call
                    read, i = read + 1, i + 1
                    yield outcome
                    if outcome.kind in ("timeout", "crash"):
                        break  # that child is gone: the next call starts another
            finally:
                if self._pid is not None:
                    self._discard(range(first + read, first + count), since)

    def output(self) -> str:
        """Everything the submission printed so far (stdout and stderr), bounded."""
        self._drain_output()
        text = self._output.decode("utf-8", errors="replace")
        if self._output_dropped:
            text += f"\n[... {self._output_dropped} more bytes of output were not kept]\n"
        return text

    def close(self) -> None:
        """Kill the child and everything it started, have it reaped. Idempotent."""
        self._closed = True
        self._kill()

    # ---------------------------------------------------------------------------- lifecycle

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("this sandbox is closed")

    def _check_callable(self, function: object) -> None:
        self._check_open()
        if type(function) is not str:
            raise TypeError(f"function must be a name (str), not {type(function).__name__}")

    def _revive(self) -> Outcome | None:
        """Get a live child for a call, or the outcome every call now gets instead."""
        if self._final is not None:
            return self._final
        if self._loaded is None:
            self.load()
            return self._final
        if self._respawns >= MAX_RESPAWNS:
            last = self._last_failure or Outcome("crash", message="the submission stopped")
            self._final = replace(
                last, message=f"{last.message} (no more restarts after {MAX_RESPAWNS} failed calls)"
            )
            return self._final
        self._respawns += 1
        reload = self._start()
        if reload.kind in ("timeout", "crash"):
            message = f"reloading the submission failed: {reload.message}"
            self._final = replace(reload, message=message)
            return self._final
        return None

    def _start(self) -> Outcome:
        req_r, req_w = os.pipe()
        rep_r, rep_w = os.pipe()
        out_r, out_w = os.pipe()
        for fd in (req_w, rep_w):
            try:
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
            except OSError:
                pass
        try:
            spec = {**self._spec, "cwd": spawner.cwd()}
            self._zygote, (self._pid, self._uid) = spawner.spawn(spec, [req_r, rep_w, out_w])
        except OSError as e:
            for fd in (req_w, rep_r, out_r):
                os.close(fd)
            self._last_failure = Outcome("crash", message=f"the sandbox could not start: {e}")
            return self._last_failure
        finally:
            for fd in (req_r, rep_w, out_w):
                os.close(fd)
        for fd in (req_w, rep_r, out_r):
            os.set_blocking(fd, False)
        self._fds = {"request": req_w, "reply": rep_r, "output": out_r}
        self._reader = wire.FrameReader(REPLY_BYTES)
        ready = self._exchange(None, self.limits.load_seconds, self._ready)
        if ready.kind != "value":
            return ready
        self._seq += 1
        start = time.monotonic()  # the submission's own time: starting the zygote (importing
        # what the class's notebooks import, once) and confining the child are the kit's
        try:
            request = wire.encode_parts(["load", self._seq, self._chunks], strict=True)
        except wire.WireError as e:  # a folder of very many files, a label too long...
            self._kill()
            self._last_failure = Outcome("crash", message=f"its code could not be sent ({e})")
            return self._last_failure
        remaining = self.limits.load_seconds - (time.monotonic() - start)
        return self._exchange(request, max(remaining, 0.001),
                              functools.partial(self._outcome, self._seq))

    def _kill(self, grace: float = 0.0) -> tuple[int | None, bool]:
        """Have the child killed (after ``grace`` seconds to exit by itself) with everything it
        started, and reaped; close pipes. Its wait status, and whether it had to be killed."""
        status, killed = None, False
        pid, self._pid = self._pid, None
        if os.getpid() != self._owner:
            return None, False
        if pid is not None:
            try:
                answer = self._zygote.request({"op": "stop", "pid": pid, "grace": grace})
                status, killed = answer["status"], answer["killed"]
            except OSError:  # the zygote is gone, and its children with it
                pass
        self._drain_output()
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = {}
        return status, killed

    # ---------------------------------------------------------------------------- protocol

    def _discard(self, unread: range, since: float | None) -> None:
        """Close a batch early: the child skips the calls it has not started and says so; the
        replies of those it had already run are read and dropped."""
        if not unread:
            return
        self._seq += 1
        stop = self._seq
        request = wire.encode_parts(["stop", stop])
        parse = functools.partial(self._skipped, stop, set(unread))
        while True:
            outcome = self._exchange(request, self.limits.call_seconds, parse, since)
            if outcome.kind != "value" or outcome.value == "stopped":
                return  # stopped, or that child is gone (and the replies with it)
            request, since = None, time.monotonic()

    def _skipped(self, stop: int, unread: set[int], frame: object) -> Outcome:
        """A frame read while a batch stops: a reply nobody reads, or the child's "stopped"."""
        number = frame[0] if type(frame) is list and frame else None
        if type(number) is int and number in unread:
            unread.discard(number)
            return Outcome("value")
        if type(number) is int and number == stop and frame[1:] == ["stopped"]:
            return Outcome("value", "stopped")
        return self._crash(0.0, _OUT_OF_TURN)

    def _exchange(self, request: list | None, seconds: float, parse,
                  since: float | None = None) -> Outcome:
        """Send a request (None: just wait) and wait for the reply frame, read by ``parse``,
        for ``seconds`` from ``since`` (by default, from now)."""
        start = time.monotonic() if since is None else since
        deadline = start + seconds
        fds = self._fds
        writer = wire.FrameWriter(request) if request is not None else None
        poller = select.poll()
        poller.register(fds["reply"], select.POLLIN)
        if "output" in fds:
            poller.register(fds["output"], select.POLLIN)
        try:
            if request is None and self._reader.buffered():  # it came with the previous reply
                return parse(self._reader.take())
            if writer is not None and not writer.pump(fds["request"]):
                poller.register(fds["request"], select.POLLOUT)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return self._timeout(seconds, time.monotonic() - start)
                for fd, _event in poller.poll(max(1, int(remaining * 1000 + 0.999))):
                    if fd == fds.get("output"):
                        if self._drain_output():
                            poller.unregister(fd)
                    elif fd == fds["request"]:
                        if writer.pump(fd):
                            poller.unregister(fd)
                    elif self._reader.pump(fd):
                        return parse(self._reader.take())
        except (wire.WireClosed, BrokenPipeError, ConnectionResetError):
            return self._crash(time.monotonic() - start)
        except wire.WireError as e:
            return self._crash(time.monotonic() - start, f"it sent a malformed reply ({e})")

    def _ready(self, frame: object) -> Outcome:
        try:
            tag, record = frame
            assert tag == "ready" and type(record) is list and all(type(r) is str for r in record)
        except (TypeError, ValueError, AssertionError):
            return self._crash(0.0, "it sent a reply the grader does not understand")
        self.isolation = tuple(record)
        return Outcome("value", record)

    def _outcome(self, seq: int, reply: object) -> Outcome:
        try:
            number, kind, value, exc_type, message, where, warns, seconds, *rest = reply
            changed = rest[0] if len(rest) == 1 else None
            assert len(rest) <= 1 and (changed is None or (
                type(changed) is list and len(changed) == 2 and type(changed[0]) is int))
            assert kind in ("value", "exception", "missing")
            assert exc_type is None or type(exc_type) is str
            assert type(message) is str and (where is None or type(where) is str)
            assert type(warns) is list and all(type(w) is str for w in warns)
            assert type(seconds) is float
        except (TypeError, ValueError, AssertionError):
            return self._crash(0.0, "it sent a reply the grader does not understand")
        if type(number) is not int or number != seq:
            return self._crash(0.0, _OUT_OF_TURN)
        if exc_type is not None and len(exc_type) > TYPE_CHARS:
            exc_type = exc_type[: TYPE_CHARS - 3] + "..."
        warns = tuple(w[:WARNING_CHARS] for w in warns[:WARNINGS_KEPT])
        return Outcome(kind, value, exc_type, message, where, warns, seconds,
                       None if changed is None else tuple(changed))

    def _timeout(self, limit: float, elapsed: float) -> Outcome:
        self._kill()
        message = f"it did not finish within {limit:g} s"
        self._last_failure = Outcome("timeout", message=message, seconds=elapsed)
        return self._last_failure

    def _crash(self, elapsed: float, reason: str | None = None) -> Outcome:
        # EOF: the child is exiting; give it a second to do so before it is killed
        status, killed = self._kill(grace=1.0 if reason is None else 0.0)
        if reason is None and killed:
            reason = "it closed its connection to the grader"
        message = reason or _describe(status, self.limits)
        self._last_failure = Outcome("crash", message=message, seconds=elapsed)
        return self._last_failure

    def _drain_output(self) -> bool:
        """Move what the child printed into the bounded buffer; True at EOF."""
        fd = self._fds.get("output")
        if fd is None:
            return True
        while True:
            try:
                data = os.read(fd, 1 << 16)
            except BlockingIOError:
                return False
            except OSError:
                data = b""
            if not data:
                os.close(self._fds.pop("output"))
                return True
            room = self.limits.output_bytes - len(self._output)
            self._output += data[: max(room, 0)]
            self._output_dropped += max(len(data) - max(room, 0), 0)


def _batch_end(arglists: list[list], start: int) -> int:
    """Where the batch that starts at ``start`` ends: the calls after it that stay within
    :data:`BATCH_CALLS` and :data:`BATCH_ITEMS` (the first call always goes)."""
    end, items = start + 1, _items(arglists[start])
    while end < len(arglists) and end - start < BATCH_CALLS:
        items += _items(arglists[end])
        if items > BATCH_ITEMS:
            break
        end += 1
    return end


def _items(args: list) -> int:
    """About how many numbers ``args`` hold (arrays and lists by size, anything else 1)."""
    total = 0
    for a in args:
        if type(a) is np.ndarray:
            total += a.size
        elif type(a) in (list, tuple):
            total += max(len(a), 1) * (len(a[0]) if a and type(a[0]) in (list, tuple) else 1)
        else:
            total += 1
    return total


def _describe(status: int | None, limits: Limits) -> str:
    if status is None:
        return "the process stopped"
    if os.WIFEXITED(status):
        code = os.WEXITSTATUS(status)
        if code == _CHILD_FAILED:
            return f"the process exited with status {code} (the sandbox could not start)"
        return f"the process exited with status {code}"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "unknown signal"
        text = f"killed by signal {number} ({name})"
        if number == signal.SIGXCPU:
            text += f": it used more than {limits.submission_cpu_seconds:g} s of CPU time"
        elif number == signal.SIGKILL:
            text += ": it probably ran out of memory"
        elif number in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            text += ": a crash in native code, sometimes from running out of memory"
        return text
    return f"the process stopped (wait status {status})"


