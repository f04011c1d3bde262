"""The sandbox as an isolation layer: hostile submissions against the reference and the grader."""

from __future__ import annotations

import ctypes
import json
import os
import socket
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

import autograder.sandbox.spawner as sandbox
from autograder.sandbox.zygote import _reach_plan
from autograder.loader import load_submission
from autograder.sandbox import Limits, Sandbox

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "solutions"
FAST = Limits(call_seconds=0.5, load_seconds=3.0)
BASIC = Limits(call_seconds=0.5, load_seconds=3.0, os_isolation=False)


def _namespaces_work() -> bool:
    pid = os.fork()
    if pid == 0:
        os._exit(ctypes.CDLL(None).unshare(0x00020000) != 0)
    return os.waitpid(pid, 0)[1] == 0


def _interpreter_readable() -> bool:
    """Whether another uid can import from this interpreter without a mount namespace."""
    paths = {os.path.realpath(p) for k, p in sysconfig.get_paths().items()
             if k in ("stdlib", "platstdlib", "purelib", "platlib") and os.path.isdir(p)}
    return _reach_plan(sorted(paths)) == ([], [])


AS_ROOT = os.geteuid() == 0
NAMESPACES = AS_ROOT and _namespaces_work()
isolated = pytest.mark.skipif(not NAMESPACES,
                              reason="needs root and mount namespaces (an unprivileged container?)")
root_only = pytest.mark.skipif(not (NAMESPACES or AS_ROOT and _interpreter_readable()),
                               reason="needs root, and a uid change that leaves Python importable")

HOSTILE = '''
import gc
import os
import signal
import sys
import time
import types

GRADER = {grader}

def snoop():
    gc.unfreeze()  # the zygote's objects are frozen, not gone: look at them too
    banned = ("solutions", "autograder.checks", "autograder.runner", "autograder.loader",
              "autograder.sandbox.host", "autograder.sandbox.spawner")
    modules = sorted(m for m in sys.modules if m.startswith(banned))
    found = []
    for o in gc.get_objects():
        if isinstance(o, types.ModuleType) and str(o.__name__).startswith(banned):
            found.append(o.__name__)
        elif isinstance(o, types.FunctionType) and str(o.__module__).startswith(banned):
            found.append(o.__module__ + "." + o.__qualname__)
    frames, f = [], sys._getframe()
    while f is not None:
        frames.append(f.f_code.co_filename)
        f = f.f_back
    return [modules, sorted(set(found))[:10], frames]

def import_reference():
    import solutions
    return "imported"

def import_submodule():
    from solutions import information
    return "imported"

def read(path):
    with open(path) as f:
        return f.read()[:1000]

def listdir(path):
    return sorted(os.listdir(path))

def write(path):
    with open(path, "a") as f:
        f.write("# pwned\\n")
    return "written"

def kill_grader():
    errors = []
    try:
        os.kill(GRADER, 0)  # the same permission check as SIGKILL, harmless if it passes
        return "the grader could be signalled"
    except OSError as e:
        errors.append(type(e).__name__)
    for pid in (GRADER, os.getppid()):
        try:
            os.kill(pid, signal.SIGKILL)
            errors.append("killed")
        except OSError as e:
            errors.append(type(e).__name__)
    return errors

def daemon():
    """A grandchild in its own session, sleeping forever; its pid."""
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.write(w, str(os.getpid()).encode())
            time.sleep(3600)
        os._exit(0)
    os.wait()
    return int(os.read(r, 20))

def bomb():
    while True:
        try:
            os.fork()
        except OSError:
            pass

def threads(n):
    import threading
    stop = threading.Event()
    started = 0
    try:
        for _ in range(n):
            threading.Thread(target=stop.wait, daemon=True).start()
            started += 1
    except RuntimeError:
        pass
    stop.set()
    return started

def linger():
    import threading
    t = threading.Thread(target=time.sleep, args=(3600,), daemon=True)
    t.start()
    return t.native_id

def scratch(n):
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "scratch.bin")
    with open(path, "wb") as f:
        f.write(b"x" * n)
    return [path, os.path.getsize(path), os.environ.get("HOME")]

def connect(port):
    import socket
    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    return "connected"

def imports():
    import fractions  # the standard library, not loaded by the zygote
    import numpy.polynomial  # site-packages, not loaded by the zygote
    return [fractions.__name__, numpy.polynomial.__name__]

def ok():
    return 1
'''


def hostile(tmp_path, extra: str = "") -> object:
    path = tmp_path / "hostile.py"
    path.write_text(textwrap.dedent(HOSTILE.format(grader=os.getpid())) + extra)
    return load_submission(path)


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_gone(pid: int, seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    return gone(pid)


def tasks_of(uid: int) -> list[int]:
    """Processes of ``uid`` still alive, or dead but not reaped by our zygote (zombies another
    zygote's death left to init are dead and not ours to reap)."""
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/status") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
        except OSError:
            continue
        ours = int(fields["PPid"]) == sandbox._zygote.process.pid
        if int(fields["Uid"].split()[0]) == uid and (fields["State"].split()[0] != "Z" or ours):
            found.append(int(name))
    return found


@pytest.fixture
def box(tmp_path):
    import solutions  # noqa: F401 - the grader holds the reference: the child must not

    with Sandbox(hostile(tmp_path), FAST) as b:
        assert b.load().kind == "value"
        yield b


# ---------------------------------------------------------------------------- always


def test_the_child_never_held_the_reference(box):
    modules, objects, frames = box.call("snoop").value
    assert modules == [] and objects == []
    assert not [f for f in frames if "solutions" in f or f.endswith(("runner.py", "host.py", "spawner.py"))]
    assert any(f.endswith("zygote.py") for f in frames)  # the stack starts in the zygote


def test_modules_the_zygote_did_not_load_can_be_imported(box):
    assert box.call("imports").value == ["fractions", "numpy.polynomial"]


@pytest.mark.parametrize("function", ["import_reference", "import_submodule"])
def test_importing_the_reference_is_refused(box, function):
    out = box.call(function)
    assert (out.kind, out.exc_type) == ("exception", "ModuleNotFoundError")
    assert "not available to submitted code" in out.message


def test_a_thread_left_running_dies_with_the_child(tmp_path):
    box = Sandbox(hostile(tmp_path), FAST)
    tid = box.call("linger").value
    assert not gone(tid)
    box.close()
    assert wait_gone(tid)


def test_the_zygote_is_restarted_after_it_dies(tmp_path):
    with Sandbox(hostile(tmp_path), FAST) as box:
        assert box.call("ok").value == 1
        first = sandbox._zygote.process
        first.kill()
        first.wait()
        assert box.call("ok").kind == "crash"  # the child died with its zygote
        assert box.call("ok").value == 1  # a new child, from a new zygote
        assert sandbox._zygote.process.pid != first.pid


def test_a_forked_grader_starts_its_own_zygote(tmp_path):
    sub = hostile(tmp_path)
    with Sandbox(sub, FAST) as box:
        assert box.call("ok").value == 1
        ours = sandbox._zygote.process.pid
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # like a batch worker
            try:
                with Sandbox(sub, FAST) as inner:
                    value = inner.call("ok").value
                os.write(w, json.dumps([sandbox._zygote.process.pid, value]).encode())
            finally:
                os._exit(0)
        os.close(w)
        theirs, value = json.loads(os.read(r, 100))
        os.waitpid(pid, 0)
        assert value == 1 and theirs != ours
        assert box.call("ok").value == 1 and sandbox._zygote.process.pid == ours


def test_the_zygote_and_everything_it_ran_die_with_the_grader(tmp_path):
    hostile(tmp_path)
    script = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
import autograder.sandbox.spawner as s
from autograder.sandbox import Sandbox
from autograder.loader import load_submission
box = Sandbox(load_submission({str(tmp_path / "hostile.py")!r}))
daemon = box.call("daemon").value
print(s._zygote.process.pid, box._pid, daemon, flush=True)
time.sleep(60)
"""
    grader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in grader.stdout.readline().split()]
        assert len(pids) == 3 and not any(gone(p) for p in pids)
    finally:
        grader.kill()  # SIGKILL: no chance to close anything
        grader.wait()
    assert all(wait_gone(p) for p in pids)  # zygote, child, and the child's setsid daemon


def test_without_os_isolation_only_the_weaker_guarantees_hold(tmp_path):
    """What a student's own run gets (not root): the documented weaker behaviour."""
    with Sandbox(hostile(tmp_path), BASIC) as box:
        assert box.load().kind == "value"
        assert not any(r.startswith("uid ") for r in box.isolation)
        assert box.call("import_reference").exc_type == "ModuleNotFoundError"
        assert box.call("snoop").value[:2] == [[], []]
        out = box.call("read", str(REFERENCE / "information.py"))
        assert out.kind == "value" and "reference implementations" in out.value  # not hidden
        grandchild = box.call("daemon").value
        assert not gone(grandchild)
    assert wait_gone(grandchild)  # an orphan comes back to the zygote, which kills it


@pytest.mark.skipif(AS_ROOT, reason="a non-root run: RLIMIT_NPROC counts the user's tasks")
def test_not_root_limits_processes_above_the_users_count(tmp_path):
    limits = Limits(call_seconds=2.0, processes=8, os_isolation=False)
    with Sandbox(hostile(tmp_path), limits) as box:
        assert box.load().kind == "value"
        assert "processes" in next(r for r in box.isolation if r.startswith("limits"))
        assert box.call("threads", 2000).value < 2000


# ---------------------------------------------------------------------------- as root


@isolated
def test_the_record_says_what_was_applied(box):
    record = "\n".join(box.isolation)
    assert f"hidden {REFERENCE}" in record
    assert "read-only file system" in record and "private /tmp" in record
    assert f"uid {box._uid}" in record and box._uid >= Limits().uid_base
    assert "processes" in next(r for r in box.isolation if r.startswith("limits"))


@isolated
def test_the_reference_files_are_hidden(box):
    out = box.call("read", str(REFERENCE / "information.py"))
    assert (out.kind, out.exc_type) == ("exception", "FileNotFoundError")
    listing = box.call("listdir", str(REFERENCE))  # emptied, or out of view altogether
    assert listing.value == [] or listing.exc_type == "FileNotFoundError"
    assert box.call("read", str(ROOT / "autograder" / "sandbox" / "wire.py")).kind == "value"  # the kit is not


@isolated
def test_the_project_is_read_only(box):
    target = ROOT / "autograder" / "__init__.py"
    before = target.read_text()
    out = box.call("write", str(target))
    assert out.kind == "exception" and out.exc_type in ("OSError", "PermissionError")
    assert target.read_text() == before
    probe = Path(np.__file__).parent / "xent-probe.txt"  # site-packages, bound back if under /tmp
    assert box.call("write", str(probe)).kind == "exception" and not probe.exists()


@isolated
def test_hidden_paths_are_masked(tmp_path):
    base = next(d for d in ("/dev/shm", "/var/tmp", str(ROOT)) if os.path.isdir(d))
    folder = Path(tempfile.mkdtemp(prefix="xent-hidden-", dir=base))
    try:
        folder.chmod(0o755)
        secret = folder / "grades.csv"
        secret.write_text("alice,10\n")
        secret.chmod(0o644)
        with Sandbox(hostile(tmp_path), FAST) as box:  # control: readable unless hidden
            assert box.call("read", str(secret)).value == "alice,10\n"
        limits = Limits(call_seconds=0.5, hidden_paths=(str(folder),))
        with Sandbox(hostile(tmp_path), limits) as box:
            assert box.call("read", str(secret)).exc_type == "FileNotFoundError"
            assert box.call("write", str(secret)).kind == "exception"
            assert box.call("write", str(folder / "new.txt")).kind == "exception"
        assert secret.read_text() == "alice,10\n" and not (folder / "new.txt").exists()
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


@isolated
def test_only_the_system_and_the_import_folders_are_in_view(box):
    """Work anywhere else on disk (a home folder, a checkout, a copy of the class) is out of view."""
    folder = Path(tempfile.mkdtemp(prefix="xent-elsewhere-", dir="/var/tmp"))
    try:
        (folder / "solved.py").write_text("def entropy(p): ...\n")
        os.chmod(folder, 0o755)
        assert box.call("read", str(folder / "solved.py")).exc_type == "FileNotFoundError"
        assert box.call("listdir", "/var").value == []
        kept = box.call("listdir", str(ROOT)).value  # the checkout: the kit and a venv at most
        assert "autograder" in kept and set(kept) <= {"autograder", ".venv", "venv"}
    finally:
        (folder / "solved.py").unlink()
        folder.rmdir()


@isolated
def test_tmp_is_private_writable_and_bounded(box):
    path, size, home = box.call("scratch", 1000).value
    assert size == 1000 and home == "/tmp"
    assert not os.path.exists(path)  # the grader's /tmp is another one
    out = box.call("scratch", Limits().file_bytes + 1)
    assert out.exc_type == "OSError" and "File too large" in out.message


@root_only
def test_the_grader_and_the_zygote_cannot_be_signalled(box):
    zygote = sandbox._zygote.process.pid
    assert box.call("kill_grader").value == ["PermissionError"] * 3
    assert box.call("ok").value == 1 and sandbox._zygote.process.pid == zygote
    assert sandbox._zygote.alive()


@root_only
def test_a_setsid_grandchild_is_killed_on_close(tmp_path):
    box = Sandbox(hostile(tmp_path), FAST)
    grandchild = box.call("daemon").value
    uid = box._uid
    assert not gone(grandchild) and grandchild in tasks_of(uid)
    box.close()
    assert gone(grandchild) and tasks_of(uid) == []


@root_only
def test_a_fork_bomb_is_bounded_and_leaves_nothing(tmp_path):
    limits = Limits(call_seconds=0.5, processes=8)
    with Sandbox(hostile(tmp_path), limits) as box:
        box.load()
        uid = box._uid
        start = time.monotonic()
        out = box.call("bomb")
        assert out.kind == "timeout" and time.monotonic() - start < 2.0
        assert tasks_of(uid) == []  # killed and reaped before the call returned
        assert box.call("threads", 100).value == 7  # a fresh child: the whole quota again
    assert tasks_of(uid) == []


@root_only
def test_concurrent_sandboxes_get_different_uids(tmp_path):
    sub = hostile(tmp_path)
    with Sandbox(sub, FAST) as a, Sandbox(sub, FAST) as b:
        a.load(), b.load()
        assert None not in (a._uid, b._uid) and a._uid != b._uid


@isolated
def test_there_is_no_network(box):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        out = box.call("connect", listener.getsockname()[1])
        assert out.kind == "exception" and out.exc_type in ("OSError", "TimeoutError")
    finally:
        listener.close()



@root_only
def test_a_uid_base_that_could_be_a_users_is_refused(tmp_path):
    with Sandbox(hostile(tmp_path), Limits(uid_base=1000)) as box:
        out = box.load()
        assert out.kind == "crash" and "below 65536" in out.message
        assert box.call("ok").kind == "crash"


# ---------------------------------------------------------------------------- the kit out of reach

KIT = '''
import ctypes
import os
import platform

def import_kit(name):
    import importlib
    importlib.import_module(name)
    return "imported"

def exec_file(path):
    namespace = {}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), namespace)
    return sorted(k for k in namespace if not k.startswith("__"))

NUMBERS = {"x86_64": (248, 250, 29), "aarch64": (217, 219, 194)}

def add_key():
    """Make a key in the user keyring (-4) with a raw system call; the errno, or its serial."""
    libc = ctypes.CDLL(None, use_errno=True)
    add, _keyctl, _shmget = NUMBERS[platform.machine()]
    serial = libc.syscall(ctypes.c_long(add), b"user", b"xent-left-behind", b"secret",
                          ctypes.c_size_t(6), ctypes.c_int(-4))
    return os.strerror(ctypes.get_errno()) if serial < 0 else serial

def shmget():
    libc = ctypes.CDLL(None, use_errno=True)
    ident = libc.syscall(ctypes.c_long(NUMBERS[platform.machine()][2]), 0, 4096, 0o1600)
    return os.strerror(ctypes.get_errno()) if ident < 0 else ident

def hog_many(n, mb, seconds):
    """Fork ``n`` children that each fill ``mb`` MB and stay; how many were started, and how many
    hold their memory at the end (alive, and said they had it)."""
    import time
    import numpy as np
    children = []
    for _ in range(n):
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            try:
                block = np.ones(mb << 17)  # float64: mb MB, every page touched
                os.write(w, b"1")
                time.sleep(60 + block[0])
            finally:
                os._exit(0)
        os.close(w)
        os.set_blocking(r, False)
        children.append([pid, r, False, True])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for child in children:
            pid, r, held, alive = child
            if alive and os.waitpid(pid, os.WNOHANG) != (0, 0):
                child[3] = False
            try:
                child[2] = held or os.read(r, 1) == b"1"
            except BlockingIOError:
                pass
        if all(held or not alive for _pid, _r, held, alive in children):
            break
        time.sleep(0.05)
    return [len(children), sum(1 for _p, _r, held, alive in children if held and alive)]
'''


def kit_box(tmp_path, limits=FAST):
    path = tmp_path / "kit.py"
    path.write_text(textwrap.dedent(HOSTILE.format(grader=os.getpid())) + KIT)
    return Sandbox(load_submission(path), limits)


@pytest.mark.parametrize("name", ["autograder.diagnosis", "autograder.checks",
                                  "autograder.casebook", "autograder.runner",
                                  "autograder.sandbox.host", "autograder.sandbox.spawner",
                                  "autograder.sandbox.zygote", "autograder.render.text"])
def test_the_kit_s_other_modules_are_refused(tmp_path, name):
    with kit_box(tmp_path, BASIC) as box:  # refused even without any OS isolation
        out = box.call("import_kit", name)
        assert (out.kind, out.exc_type) == ("exception", "ModuleNotFoundError"), out
        assert box.call("import_kit", "autograder.sandbox.wire").value == "imported"


@isolated
def test_the_kit_s_other_files_are_masked(tmp_path):
    kit = ROOT / "autograder"
    with kit_box(tmp_path) as box:
        for path in (kit / "diagnosis.py", kit / "checks" / "entropy.py", kit / "casebook.py"):
            out = box.call("read", str(path))
            assert out.value == "" or out.kind == "exception", (path, out)
        assert box.call("exec_file", str(kit / "diagnosis.py")).value in ([], None)
        data = box.call("listdir", str(kit / "data"))
        assert data.value == [] or data.kind == "exception"
        assert box.call("read", str(REFERENCE / "hidden_cases.json")).kind == "exception"
        assert "Plain data" in box.call("read", str(kit / "sandbox" / "wire.py")).value  # its own
        assert any(r.startswith("hidden paths unreadable") for r in box.isolation)


def test_kernel_keys_are_refused(tmp_path):
    with kit_box(tmp_path, BASIC) as box:
        assert box.call("add_key").value == "Operation not permitted"
        assert any(r.startswith("seccomp: add_key, request_key, keyctl") for r in box.isolation)


@isolated
def test_sysv_ipc_stays_in_the_child_s_own_namespace(tmp_path):
    with kit_box(tmp_path) as box:
        ident = box.call("shmget").value
        assert isinstance(ident, int)  # allowed: it lives and dies with the IPC namespace
    with open("/proc/sysvipc/shm") as f:
        assert not any(line.split()[1] == str(ident) and line.split()[7] == str(box._uid)
                       for line in f.readlines()[1:])


def test_without_an_ipc_namespace_sysv_ipc_is_refused(tmp_path):
    with kit_box(tmp_path, BASIC) as box:
        assert box.call("shmget").value == "Operation not permitted"


@root_only
@pytest.mark.parametrize("grouped", [pytest.param(True, marks=pytest.mark.slow), False],
                         ids=["cgroup", "fallback"])
def test_many_processes_share_one_memory_budget(tmp_path, grouped):
    """Eight children of 100 MB each: at most the budget's worth stays (before: 64 processes of
    4 GiB each were allowed, and one sandbox held 7.2 GiB). With a cgroup the OOM killer stops
    them at the total; without, there are at most ``fallback_processes`` tasks of a quarter each."""
    budget = 600 if grouped else 1200  # the fallback: 300 MB per process, 4 tasks
    limits = Limits(call_seconds=20.0, memory_bytes=budget << 20, processes=16, cgroup=grouped)
    with kit_box(tmp_path, limits) as box:
        out = box.call("hog_many", 8, 100, 15.0)
        record = box.isolation
    if grouped and not any(r.startswith("cgroup v") for r in record):
        pytest.skip(f"no cgroup on this machine: {record[0]}")
    assert any(r.startswith("cgroup v" if grouped else "no cgroup:") for r in record), record
    if out.kind == "value":
        started, alive = out.value
        assert alive * 100 <= budget and (grouped or started < limits.fallback_processes), out
    else:
        assert out.kind == "crash" and "memory" in out.message  # the OOM killer chose the parent


@root_only
def test_the_sandbox_s_cgroup_goes_with_it(tmp_path):
    from autograder.sandbox import cgroup

    with kit_box(tmp_path) as box:
        box.load()
        name = f"xent-kit-{sandbox._zygote.process.pid}-{box._uid}"
        made = [os.path.join(base, name) for base in cgroup._bases()
                if os.path.isdir(os.path.join(base, name))]
        if not any(r.startswith("cgroup v") for r in box.isolation):
            pytest.skip(f"no cgroup on this machine: {box.isolation[0]}")
        assert made
    assert not any(os.path.exists(folder) for folder in made)
