"""Run a submission in a forked child process and answer call requests from the grader.

The grading process has numpy (and the grader) imported already; forking it gives a child
that starts in about a millisecond. The child:

1. starts its own session (``setsid``), so the grader can kill it and anything it spawned with
   one ``killpg``; resets signal handlers; sets ``RLIMIT_CPU``, ``RLIMIT_AS``, no core dumps;
2. points fd 0 at ``/dev/null`` and fds 1 and 2 at a pipe the parent drains (bounded), so
   ``print`` cannot corrupt the protocol, and closes every other inherited fd but its two
   protocol pipes;
3. executes the kept chunks in a fresh module ``submission``, each compiled with its label as
   file name (a traceback reads ``File "cell 4", line 7``);
4. answers ``call`` requests, one frame in, one frame out (:mod:`autograder.wire`, plain data),
   catching every ``BaseException`` (``SystemExit``, ``KeyboardInterrupt``, ...) and recording
   warnings; it leaves only through ``os._exit``.

The parent never blocks without a deadline: it writes requests to a non-blocking pipe and
polls the reply and output pipes until the call's wall time runs out. A hang is killed and
reported as ``timeout``; an exit or a signal is reported as ``crash``; in both cases the next
call forks a fresh child and re-executes the module (up to ``MAX_RESPAWNS`` times), so one hang
costs one call, not the submission.

Loading: the chunks run in order and loading stops at the first chunk that raises. The load
outcome is then ``"exception"`` (with ``where``), and the functions defined before it stay
callable; its ``value`` lists the callable names either way.

Limits of this design: a process is not a security boundary (see the README); the child is a
copy of the grader, so objects the grader holds at fork time (its frames, its imported modules)
are reachable from student code that goes looking with ``gc`` or ``sys._getframe``; a child that
calls ``setsid`` itself escapes the process-group kill. Forking a parent that runs other threads
is fine for the child's own code (CPython resets its locks), but a C library lock held by another
thread at fork time stays held in the child.
"""

from __future__ import annotations

import fcntl
import gc
import linecache
import os
import resource
import select
import signal
import sys
import time
import types
import warnings
from dataclasses import dataclass, replace

from autograder import wire
from autograder.loader import Submission

MAX_RESPAWNS = 20
MESSAGE_CHARS = 500
WARNINGS_KEPT = 20
_PIPE_BYTES = 1 << 20
_CHILD_FAILED = 70  # exit status of a child whose own setup failed


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


@dataclass(frozen=True)
class Limits:
    call_seconds: float = 5.0  # wall time per call
    load_seconds: float = 10.0  # wall time to execute the module
    submission_cpu_seconds: float = 120.0  # RLIMIT_CPU in the child
    memory_bytes: int = 4 * 1024**3  # RLIMIT_AS in the child
    output_bytes: int = 64 * 1024  # captured stdout + stderr kept


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
        # compiled once here, inherited by every child (the loader has already compiled each chunk)
        self._codes = [
            (c.label, c.code, compile(c.code, c.label, "exec", dont_inherit=True))
            for c in submission.chunks
        ]
        self._owner = os.getpid()  # a forked copy of this object must never kill our child
        self._pid: int | None = None
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
        self._check_open()
        if type(function) is not str:
            raise TypeError(f"function must be a name (str), not {type(function).__name__}")
        request = wire.encode_parts(["call", function, list(args), kwargs], strict=True)
        if self._pid is None:
            failure = self._revive()
            if failure is not None:
                return failure
        return self._exchange(request, self.limits.call_seconds)

    def output(self) -> str:
        """Everything the submission printed so far (stdout and stderr), bounded."""
        self._drain_output()
        text = self._output.decode("utf-8", errors="replace")
        if self._output_dropped:
            text += f"\n[... {self._output_dropped} more bytes of output were not kept]\n"
        return text

    def close(self) -> None:
        """Kill the child and everything in its process group, reap it. Idempotent."""
        self._closed = True
        self._kill()

    # ---------------------------------------------------------------------------- lifecycle

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("this sandbox is closed")

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
        pid = os.fork()
        if pid == 0:  # child: never returns
            try:
                _child_main(req_r, rep_w, out_w, self._codes, self.limits)
            finally:
                os._exit(_CHILD_FAILED)
        self._pid = pid
        for fd in (req_r, rep_w, out_w):
            os.close(fd)
        for fd in (req_w, rep_r, out_r):
            os.set_blocking(fd, False)
        self._fds = {"request": req_w, "reply": rep_r, "output": out_r}
        self._reader = wire.FrameReader()
        return self._exchange(None, self.limits.load_seconds)

    def _kill(self) -> int | None:
        """SIGKILL the child's process group, reap the child, close pipes; its wait status."""
        status = None
        pid, self._pid = self._pid, None
        if os.getpid() != self._owner:
            return None
        if pid is not None:
            for kill in (os.killpg, os.kill):  # killpg fails if the child had not yet called setsid
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            status = _reap(pid)
        self._drain_output()
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = {}
        return status

    # ---------------------------------------------------------------------------- protocol

    def _exchange(self, request: list | None, seconds: float) -> Outcome:
        """Send a request (None: just wait for the load reply) and wait for the reply."""
        start = time.monotonic()
        deadline = start + seconds
        fds = self._fds
        writer = wire.FrameWriter(request) if request is not None else None
        poller = select.poll()
        poller.register(fds["reply"], select.POLLIN)
        if "output" in fds:
            poller.register(fds["output"], select.POLLIN)
        try:
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
                        return self._outcome(self._reader.take())
        except (wire.WireClosed, BrokenPipeError, ConnectionResetError):
            return self._crash(time.monotonic() - start)
        except wire.WireError as e:
            return self._crash(time.monotonic() - start, f"it sent a malformed reply ({e})")

    def _outcome(self, reply: object) -> Outcome:
        try:
            kind, value, exc_type, message, where, warns, seconds = reply
            assert kind in ("value", "exception", "missing")
            assert exc_type is None or type(exc_type) is str
            assert type(message) is str and (where is None or type(where) is str)
            assert type(warns) is list and all(type(w) is str for w in warns)
            assert type(seconds) is float
        except (TypeError, ValueError, AssertionError):
            return self._crash(0.0, "it sent a reply the grader does not understand")
        return Outcome(kind, value, exc_type, message, where, tuple(warns), seconds)

    def _timeout(self, limit: float, elapsed: float) -> Outcome:
        self._kill()
        message = f"it did not finish within {limit:g} s"
        self._last_failure = Outcome("timeout", message=message, seconds=elapsed)
        return self._last_failure

    def _crash(self, elapsed: float, reason: str | None = None) -> Outcome:
        pid = self._pid
        if pid is not None and reason is None:  # EOF: the child is exiting; give it a moment
            for _ in range(200):
                if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    break
                time.sleep(0.005)
            else:
                reason = "it closed its connection to the grader"
        status = self._kill()
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


def _reap(pid: int) -> int | None:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return None
        except InterruptedError:  # pragma: no cover - PEP 475 retries already
            continue


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


# -------------------------------------------------------------------------------- the child


def _child_main(req_r: int, rep_w: int, out_w: int, codes: list, limits: Limits) -> None:
    os.setsid()
    gc.freeze()  # the grader's objects: never collected (or finalised) in the child
    _reset_signals()
    request, reply = _isolate_fds(req_r, rep_w, out_w)
    _set_limits(limits)
    sys.stdin = sys.__stdin__ = open(0, "r", closefd=False)
    text = {"encoding": "utf-8", "errors": "backslashreplace", "closefd": False}
    sys.stdout = sys.__stdout__ = open(1, "w", **text)
    sys.stderr = sys.__stderr__ = open(2, "w", **text)
    streams = (sys.stdout, sys.stderr)

    module = types.ModuleType("submission")
    sys.modules["submission"] = module
    labels = set()
    for label, source, _code in codes:
        labels.add(label)
        linecache.cache[label] = (len(source), None, source.splitlines(True), label)

    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        failure = None
        for _label, _source, code in codes:
            try:
                exec(code, module.__dict__)
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


def _reset_signals() -> None:
    for sig in signal.valid_signals():
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError, RuntimeError):
            pass
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    try:
        signal.set_wakeup_fd(-1)
    except ValueError:
        pass


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


def _set_limits(limits: Limits) -> None:
    cpu = max(1, int(limits.submission_cpu_seconds + 0.999))
    for which, soft, hard in (
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, limits.memory_bytes, limits.memory_bytes),
        (resource.RLIMIT_CORE, 0, 0),
    ):
        _, current = resource.getrlimit(which)
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        try:
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            pass


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
    writer = wire.FrameWriter(parts)
    try:
        while not writer.pump(fd):
            pass  # blocking fd: pump returns True or raises
    except BrokenPipeError:
        os._exit(0)
