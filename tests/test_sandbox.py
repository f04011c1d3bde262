"""The sandbox: values, exceptions, hangs, crashes and output, across a real fork."""

from __future__ import annotations

import json
import os
import textwrap
import threading
import time

import numpy as np
import pytest

from autograder.loader import load_submission
from autograder.sandbox import Limits, Outcome, Sandbox
from autograder.sandbox.wire import Opaque

FAST = Limits(call_seconds=0.5, load_seconds=2.0)

STUDENT = '''
import os
import sys
import numpy as np

EPS = 1e-12

def entropy(p):
    p = np.asarray(p, dtype=float)
    return -np.sum(p * np.log(p))

def safe_entropy(p):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))

def kl_divergence(p, q):
    """TODO"""
    raise NotImplementedError

def check_input(p):
    if len(p) == 0:
        raise ValueError("p must not be empty")
    return len(p)

def spin():
    while True:
        pass

def die(code=3):
    os._exit(code)

def leave():
    sys.exit()

def interrupt():
    raise KeyboardInterrupt

def shout(n):
    print("x" * n)
    sys.stderr.write("e" * n)
    return n

def cheat():
    np.isclose = lambda *a, **k: True
    return bool(np.isclose(1.0, 2.0))

def recurse(n):
    return recurse(n + 1)

def echo(*args, **kwargs):
    return [list(args), kwargs]

def total(x):
    return float(np.sum(x)), x.dtype.str, x.shape

def as_float32(x):
    return np.float32(x)

def weird():
    return {1: object()}

def spawn_sleeper():
    pid = os.fork()
    if pid == 0:
        import time
        time.sleep(60)
        os._exit(0)
    return pid

NOT_A_FUNCTION = 3
print("exploring", flush=True)  # dropped by the loader: never runs
'''


def submission(tmp_path, source=STUDENT, name="hw.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return load_submission(path)


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    sub = submission(tmp_path_factory.mktemp("sub"))
    with Sandbox(sub, FAST) as sandbox:
        yield sandbox


def line_of(text: str) -> int:
    return next(i for i, line in enumerate(STUDENT.split("\n"), 1) if text in line)


def gone(pid: int) -> bool:
    """No such process, or a zombie not ours (reaped elsewhere soon)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


# ---------------------------------------------------------------------------- results


def test_load_lists_callables(box):
    out = box.load()
    assert out.kind == "value"
    assert {"entropy", "kl_divergence", "spin"} <= set(out.value)
    assert "NOT_A_FUNCTION" not in out.value and "np" not in out.value
    assert box.load() is out  # loading is done once


def test_value_and_warnings(box):
    out = box.call("safe_entropy", [0.5, 0.5, 0.0])
    assert out == Outcome("value", 0.6931471805599453, seconds=out.seconds)
    out = box.call("entropy", np.array([0.5, 0.5, 0.0]))
    assert out.kind == "value" and np.isnan(out.value) and type(out.value) is np.float64
    assert "RuntimeWarning: divide by zero encountered in log" in out.warnings
    assert "RuntimeWarning: invalid value encountered in multiply" in out.warnings


def test_exception_with_where(box):
    out = box.call("check_input", [])
    assert (out.kind, out.exc_type, out.message) == ("exception", "ValueError", "p must not be empty")
    line = line_of("must not be empty")
    assert out.where == f'hw.py, line {line}: raise ValueError("p must not be empty")'


def test_not_implemented_stub(box):
    out = box.call("kl_divergence", [1.0], [1.0])
    assert (out.kind, out.exc_type) == ("exception", "NotImplementedError")
    assert out.where == f"hw.py, line {line_of('raise NotImplementedError')}: raise NotImplementedError"


def test_missing_names(box):
    assert box.call("cross_entropy", [1.0]).kind == "missing"
    out = box.call("NOT_A_FUNCTION")
    assert out.kind == "missing" and "int, not a function" in out.message


@pytest.mark.parametrize(
    "function, exc_type",
    [("leave", "SystemExit"), ("interrupt", "KeyboardInterrupt"), ("recurse", "RecursionError")],
)
def test_base_exceptions_are_outcomes(box, function, exc_type):
    out = box.call(function, *([0] if function == "recurse" else []))
    assert (out.kind, out.exc_type) == ("exception", exc_type)
    assert box.call("safe_entropy", [1.0]).value == 0.0  # the child is still there


def test_arguments_and_kwargs_cross_as_plain_data(box):
    out = box.call("echo", 1, 2.5, "s", None, (1, 2), key={"a": [True]})
    assert out.value == [[1, 2.5, "s", None, (1, 2)], {"key": {"a": [True]}}]
    out = box.call("as_float32", 0.1)
    assert type(out.value) is np.float32
    out = box.call("weird")
    assert out.kind == "value" and isinstance(out.value, Opaque) and out.value.type_name == "builtins.dict"


def test_million_element_arrays(box):
    x = np.random.default_rng(1).random(10**6)
    start = time.perf_counter()
    out = box.call("total", x)
    assert time.perf_counter() - start < 1.0
    assert out.value == (float(np.sum(x)), "<f8", (1000000,))
    back = box.call("echo", x).value[0][0]
    assert np.array_equal(back, x)


def test_arguments_the_grader_cannot_send_raise(box):
    with pytest.raises(ValueError, match="cannot be sent"):
        box.call("echo", object())


def test_monkeypatching_stays_in_the_child(box):
    assert box.call("cheat").value is True
    assert not np.isclose(1.0, 2.0)


def test_output_is_captured_and_bounded(box):
    out = box.call("shout", 1 << 20)  # 2 MB through a 64 kB pipe, while the reply waits
    assert out == Outcome("value", 1 << 20, seconds=out.seconds)
    text = box.output()
    assert text.startswith("xxx") and "exploring" not in text
    assert "more bytes of output were not kept" in text
    assert len(text) < FAST.output_bytes + 200


# ---------------------------------------------------------------------------- failures


def test_timeout_then_recovery(tmp_path):
    with Sandbox(submission(tmp_path), FAST) as box:
        box.load()
        pid = box._pid
        start = time.perf_counter()
        out = box.call("spin")
        assert out.kind == "timeout" and 0.5 <= out.seconds < 1.5
        assert time.perf_counter() - start < 1.5
        assert gone(pid)
        assert box.call("safe_entropy", [0.5, 0.5]).value == 0.6931471805599453
        assert box._pid != pid


def test_crash_then_recovery(tmp_path):
    with Sandbox(submission(tmp_path), FAST) as box:
        out = box.call("die", 3)  # loads implicitly
        assert (out.kind, out.message) == ("crash", "the process exited with status 3")
        assert box.call("safe_entropy", [1.0]).value == 0.0


def test_killed_child_is_a_crash_with_the_signal(tmp_path):
    with Sandbox(submission(tmp_path), FAST) as box:
        box.load()
        os.kill(box._pid, 9)
        out = box.call("safe_entropy", [1.0])
        assert out.kind == "crash" and out.message.startswith("killed by signal 9 (SIGKILL)")


def test_respawns_are_capped(tmp_path, monkeypatch):
    import autograder.sandbox.host as sandbox

    monkeypatch.setattr(sandbox, "MAX_RESPAWNS", 2)
    with Sandbox(submission(tmp_path), FAST) as box:
        kinds = [box.call("die").kind for _ in range(3)]
        assert kinds == ["crash"] * 3
        out = box.call("safe_entropy", [1.0])  # no fourth child
        assert out.kind == "crash" and "no more restarts" in out.message
        assert box._pid is None


def test_exception_at_import_keeps_earlier_functions(tmp_path):
    src = "import math\ndef first():\n    return 1\nBAD = math.log(0)\ndef second():\n    return 2\n"
    with Sandbox(submission(tmp_path, src), FAST) as box:
        out = box.load()
        assert (out.kind, out.exc_type, out.message) == ("exception", "ValueError", "math domain error")
        assert out.where == "hw.py, line 4: BAD = math.log(0)"
        assert out.value == ["first"]
        assert box.call("first").value == 1
        assert box.call("second").kind == "missing"


def test_notebook_cells_name_the_cell(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# hw"},
        {"cell_type": "code", "metadata": {}, "source": "import numpy as np"},
        {"cell_type": "code", "metadata": {}, "source": "%matplotlib inline\n\ndef h(p):\n    return np.log(p[5])"},
    ]
    path = tmp_path / "hw.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}))
    with Sandbox(load_submission(path), FAST) as box:
        out = box.call("h", [1.0])
        assert out.exc_type == "IndexError" and out.where == "cell 3, line 4: return np.log(p[5])"


def test_load_timeout_is_reported_for_every_call(tmp_path):
    src = "import time\nclass Slow:\n    time.sleep(30)\ndef f():\n    return 1\n"
    limits = Limits(call_seconds=0.5, load_seconds=0.3)
    with Sandbox(submission(tmp_path, src), limits) as box:
        assert box.load().kind == "timeout"
        out = box.call("f")
        assert out.kind == "timeout" and out.message.startswith("loading the submission failed")
        assert box._pid is None


def test_close_leaves_no_child_or_grandchild(tmp_path):
    box = Sandbox(submission(tmp_path), FAST)
    grandchild = box.call("spawn_sleeper").value
    child = box._pid
    box.close()
    box.close()  # idempotent
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped: no zombie of ours
    deadline = time.monotonic() + 2
    while not gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gone(child) and gone(grandchild)
    with pytest.raises(RuntimeError, match="closed"):
        box.call("safe_entropy", [1.0])


def test_forking_while_the_parent_runs_threads(tmp_path):
    stop = threading.Event()
    workers = [threading.Thread(target=lambda: [np.sum(np.ones(1000)) for _ in iter(stop.is_set, True)])
               for _ in range(2)]
    for w in workers:
        w.start()
    try:
        for _ in range(3):
            with Sandbox(submission(tmp_path), FAST) as box:
                assert box.call("safe_entropy", [0.25] * 4).value == pytest.approx(np.log(4))
    finally:
        stop.set()
        for w in workers:
            w.join()


def _address_space() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def test_memory_limit_gives_memory_error(tmp_path):
    src = "import numpy as np\ndef hog(n):\n    return float(np.ones(n).sum())\n"
    budget = _address_space() + 512 * 2**20
    limits = Limits(call_seconds=2.0, memory_bytes=budget)
    with Sandbox(submission(tmp_path, src), limits) as box:
        # one array as large as the whole budget: refused at once by RLIMIT_AS, whatever the
        # child's own size (a smaller one could fit and then time out filling its pages)
        out = box.call("hog", budget // 8)
        assert (out.kind, out.exc_type) == ("exception", "MemoryError")
        assert box.call("hog", 10).value == 10.0


def test_cpu_limit_kills_with_sigxcpu(tmp_path):
    limits = Limits(call_seconds=5.0, submission_cpu_seconds=0.5)
    with Sandbox(submission(tmp_path), limits) as box:
        out = box.call("spin")
        assert out.kind == "crash" and out.message.startswith("killed by signal 24 (SIGXCPU)")
        assert out.seconds < 2.5


BATCHED = """
import os
import time

calls = []

def tick(x):
    calls.append(x)
    time.sleep(0.02)
    return x

def how_many():
    return len(calls)

def picky(x):
    if x == 2:
        while True:
            pass
    if x == 4:
        os._exit(5)
    if x == 5:
        raise ValueError("five")
    return float(x)
"""


def test_batched_calls_answer_as_single_calls_do(tmp_path, box):
    """One request frame carries several calls; each gets the outcome a call of its own gets."""
    arglists = [[[0.5, 0.5]], [[0.25, 0.75]], [[]], [[1.0, 0.0]]]
    one_by_one = [box.call("check_input", *a) for a in arglists]
    together = list(box.calls("check_input", arglists))
    strip = [(o.kind, o.value, o.exc_type, o.message, o.where) for o in one_by_one]
    assert [(o.kind, o.value, o.exc_type, o.message, o.where) for o in together] == strip
    assert [o.kind for o in box.calls("no_such_function", [[1], [2]])] == ["missing"] * 2


def test_a_hang_or_a_crash_in_a_batch_costs_that_call_only(tmp_path):
    """The hanging call times out on its own limit, counted from the reply before it; the calls
    after a hang or a crash run in a fresh child."""
    limits = Limits(call_seconds=0.5, load_seconds=5.0)
    with Sandbox(submission(tmp_path, BATCHED), limits) as box:
        start = time.monotonic()
        out = list(box.calls("picky", [[x] for x in range(7)]))
        assert [o.kind for o in out] == ["value", "value", "timeout", "value", "crash",
                                         "exception", "value"]
        assert [o.value for o in out if o.kind == "value"] == [0.0, 1.0, 3.0, 6.0]
        assert out[2].message == "it did not finish within 0.5 s"
        assert "status 5" in out[4].message and out[5].message == "five"
        assert time.monotonic() - start < 2.5  # one limit spent, not one per call left


def test_closing_a_batch_early_stops_the_calls_not_yet_started(tmp_path):
    """A check stops at its first failure: the calls of the batch nobody will judge are
    skipped, their replies never read as answers to later calls."""
    with Sandbox(submission(tmp_path, BATCHED), FAST) as box:
        stream = box.calls("tick", [[x] for x in range(30)])
        assert next(stream).value == 0
        stream.close()
        ran = box.call("how_many").value
        assert 1 <= ran <= 4  # the first, and the one or two under way when the stop came
        assert [o.value for o in box.calls("tick", [[7], [8]])] == [7, 8]
        assert box.call("how_many").value == ran + 2


def test_a_forged_reply_is_a_crash_not_a_value(tmp_path):
    src = '''
import os
from autograder.sandbox import wire

def forge():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd < 3:
            continue
        try:
            with open(f"/proc/self/fdinfo/{fd}") as f:
                flags = int(next(l for l in f if l.startswith("flags:")).split()[1], 8)
        except FileNotFoundError:  # the fd listdir itself used
            continue
        if flags & os.O_WRONLY:
            wire.send(fd, "not a reply")
    return 1.0
'''
    with Sandbox(submission(tmp_path, src), FAST) as box:
        out = box.call("forge")
        assert out.kind == "crash" and "does not understand" in out.message


# ---------------------------------------------------------------------------- the zygote


def test_children_come_from_the_zygote_not_the_grader(tmp_path):
    import autograder.sandbox.spawner as sandbox

    src = "import os, sys\ndef origin():\n    return [os.getppid(), 'autograder.loader' in sys.modules]\n"
    with Sandbox(submission(tmp_path, src), FAST) as box:
        parent, has_loader = box.call("origin").value
        assert parent == sandbox._zygote.process.pid != os.getpid()
        assert not has_loader  # the grader imported it; the zygote never did
        assert "no_new_privs" in box.isolation


def test_long_sources_cross_in_pieces(tmp_path):
    filler = "".join(f"X{i} = {i}\n" for i in range(3000))  # about 30 000 characters
    src = filler + "def last():\n    raise ValueError('at the end')\n"
    with Sandbox(submission(tmp_path, src), FAST) as box:
        out = box.call("last")
        assert out.where == "hw.py, line 3002: raise ValueError('at the end')"


def test_open_files_are_limited(tmp_path):
    src = "def hoard(n):\n    return len([open('/dev/null') for _ in range(n)])\n"
    with Sandbox(submission(tmp_path, src), Limits(call_seconds=2.0, open_files=64)) as box:
        out = box.call("hoard", 100)
        assert (out.exc_type, out.message) == ("OSError", "[Errno 24] Too many open files: '/dev/null'")
        assert box.call("hoard", 50).value == 50


FORGER = '''
import os
import sys
from autograder.sandbox import wire

def _reply_fd():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd < 3:
            continue
        try:
            with open(f"/proc/self/fdinfo/{fd}") as f:
                flags = int(next(l for l in f if l.startswith("flags:")).split()[1], 8)
        except FileNotFoundError:
            continue
        if flags & os.O_WRONLY:
            return fd

def _forge(seq, value):
    wire.send(_reply_fd(), [seq, "value", value, None, "", None, [], 0.0])

def ahead(x):
    """Answer the next call in advance: 42.0, whatever it asks."""
    _forge(sys._getframe(1).f_locals["seq"] + 1, 42.0)
    return x

def now(x):
    """Answer this call twice: a forged 99.0, then the real x, left for the next call."""
    _forge(sys._getframe(1).f_locals["seq"], 99.0)
    return x

def honest(x):
    return x
'''


def test_a_reply_written_ahead_cannot_answer_a_later_call(tmp_path):
    with Sandbox(submission(tmp_path, FORGER), FAST) as box:
        out = box.call("ahead", 1.0)
        assert out.kind == "crash" and "out of turn" in out.message
        for x in (2.0, 3.0):  # a fresh child answers, never the forged 42.0
            assert box.call("honest", x).value == x


def test_a_second_reply_to_one_call_cannot_shift_the_next_answer(tmp_path):
    with Sandbox(submission(tmp_path, FORGER), FAST) as box:
        first = box.call("now", 1.0)
        assert first.kind == "value" and first.value == 99.0  # the student's own claim
        second = box.call("honest", 2.0)  # the real reply to "now" (1.0) is read first
        assert second.kind == "crash" and "out of turn" in second.message
        assert box.call("honest", 3.0).value == 3.0


def test_code_over_the_header_limit_crosses_in_the_body(tmp_path):
    """Kept code far beyond the wire's 1 MB header limit loads and runs."""
    # long strings, not many statements: the loader reads at most 50000 tokens
    body = "\n".join(f"C{i} = {i}; S{i} = '{'x' * 600}'" for i in range(2_000))
    src = body + "\n\ndef total():\n    return float(C0 + C1999 + len(S1999))\n"
    sub = submission(tmp_path, src)
    assert sum(len(c.code) for c in sub.chunks) > 1 << 20
    with Sandbox(sub, Limits(call_seconds=5.0, load_seconds=20.0)) as box:
        assert box.load().kind == "value"
        assert box.call("total").value == 2599.0


def test_exception_type_names_and_text_are_bounded(tmp_path):
    src = '''
def long_name():
    raise type("E" * 10_000, (ValueError,), {})("x")

def surrogate():
    raise ValueError("lone \\ud800 surrogate")
'''
    with Sandbox(submission(tmp_path, src), FAST) as box:
        out = box.call("long_name")
        assert out.kind == "exception" and len(out.exc_type) <= 60
        out = box.call("surrogate")
        assert out.kind == "exception" and "\\ud800" in out.message
        out.message.encode("utf-8")  # writers can print it


HEAVY = """
import sys
import matplotlib.pyplot as plt

def state():
    return [type(sys.modules[m]).__name__ == "module" for m in ("matplotlib", "matplotlib.pyplot")]

def uses_it():
    return plt.get_backend().lower()
"""


def test_a_heavy_import_waits_for_its_first_use_then_the_zygote_loads_it(tmp_path):
    """A fresh zygote: the first child binds pyplot without running it or matplotlib (a check
    never waits for them), and the function that uses it still works; the next child finds both
    loaded."""
    from autograder.sandbox import spawner

    if spawner._zygote is not None:
        spawner._zygote.close(wait=2.0)
        spawner._zygote = None
    heavy = submission(tmp_path, HEAVY)
    slow = Limits(call_seconds=20.0)  # the import happens inside the first call that needs it
    with Sandbox(heavy, slow) as box:
        assert box.load().kind == "value"
        assert box.call("state").value == [False, False]  # bound, neither has run
        assert box.call("uses_it").value == "agg"
        assert box.call("state").value == [True, True]
    with Sandbox(heavy, slow) as box:
        assert box.load().kind == "value"
        assert box.call("state").value == [True, True]  # the zygote imported them for this child
    spawner._zygote.close(wait=2.0)
    spawner._zygote = None
    interactive = Limits(call_seconds=20.0, preload=False)  # a notebook's checker
    for _ in range(2):  # the second grade does not wait for the zygote to import them either
        with Sandbox(heavy, interactive) as box:
            assert box.load().kind == "value"
            assert box.call("state").value == [False, False]


def test_the_zygote_never_imports_a_heavy_library_no_child_ran(tmp_path):
    """A class that imports pyplot at the top and never draws: neither the next child nor the
    zygote, idle for longer than it waits before warming, ever runs matplotlib."""
    from autograder.sandbox import spawner, zygote

    if spawner._zygote is not None:
        spawner._zygote.close(wait=2.0)
        spawner._zygote = None
    heavy = submission(tmp_path, HEAVY)
    for _ in range(2):
        with Sandbox(heavy, Limits(call_seconds=20.0)) as box:
            assert box.load().kind == "value"
            assert box.call("state").value == [False, False]
        time.sleep(zygote.IDLE_MS / 1000 + 0.3)
    with open(f"/proc/{spawner._zygote.process.pid}/maps") as maps:  # no matplotlib extension
        assert "matplotlib" not in maps.read()
    spawner._zygote.close(wait=2.0)
    spawner._zygote = None


def test_what_a_child_ran_is_read_with_bounds_and_only_names_from_the_list():
    from autograder.sandbox import zygote

    r, w = os.pipe()
    os.write(w, b"scipy.special\nos\n\xff\xfe garbage\nmatplotlib.pyplot\n" + b"x" * 9000)
    os.set_blocking(r, False)
    assert zygote._ran(r) == {"scipy.special", "matplotlib.pyplot"}
    os.close(w)
    r, w = os.pipe()  # nothing written: a child that ran none
    os.set_blocking(r, False)
    assert zygote._ran(r) == set()
    os.close(w)


def test_the_seal_is_said_before_student_code_and_silence_means_scan():
    """A child tells its zygote that every shared mount was read-only for it (then the end of
    its sandbox skips the scan of /tmp, /var/tmp and /dev/shm); nothing said means: scan."""
    from autograder.sandbox import child, zygote

    for sealed in (True, False):
        r, w = os.pipe()
        child._tell_sealed(w, sealed)
        assert zygote._was_sealed(r) is sealed
    r, w = os.pipe()  # a child killed before it got that far
    os.set_blocking(r, False)
    assert zygote._was_sealed(r) is False
    os.close(w)


@pytest.mark.parametrize("isolate", [True, False])
def test_the_zygote_keeps_no_descriptor_of_a_stopped_sandbox(tmp_path, isolate):
    """Each sandbox's pipes (and the one its child says it is sealed on) are closed when it
    ends, with or without a uid of its own."""
    from dataclasses import replace

    from autograder.sandbox import spawner

    sub, limits = submission(tmp_path), replace(FAST, os_isolation=isolate)
    with Sandbox(sub, limits) as box:
        assert box.call("safe_entropy", [0.5, 0.5]).kind == "value"
    fds = f"/proc/{spawner._zygote.process.pid}/fd"
    before = len(os.listdir(fds))
    for _ in range(3):
        with Sandbox(sub, limits) as box:
            assert box.call("safe_entropy", [0.5, 0.5]).kind == "value"
    assert len(os.listdir(fds)) == before
